package main

import (
	"fmt"
	"sort"
	"time"
)

// Doc is one generated article as every engine receives it.
type Doc struct {
	ID                                 int64
	Title, Lead, Body, Section, Source string
	SourceID                           int64
	Published                          time.Time
}

// Query is one search of the mix. Text uses the product's syntax: words
// must all match, "..." is a phrase, a trailing * a prefix. Section and the
// date range [From, To) filter when set; SortByDate asks for newest first
// instead of best first.
type Query struct {
	Class, Text, Section string
	From, To             time.Time
	SortByDate           bool
	Limit                int
}

// Result is what a search found: Total counts all matches, IDs holds the
// top Limit of them in order, and Sections counts all matches by section.
type Result struct {
	Total    int
	IDs      []int64
	Sections map[string]int
}

// Engine is a search index under test. The program drives it the same way
// for every engine: Add in batches, Flush, then Search many times.
type Engine interface {
	Name() string
	Add(batch []Doc) error          // docs arrive in increasing ID order, in batches of ~1000
	Flush() error                   // everything added is searchable afterwards
	Search(q Query) (Result, error) // Total = all matches; IDs = top Limit; Sections = facet counts over all matches
	SizeBytes() (int64, error)      // on-disk size (0 for purely in-memory)
	Close() error
}

// engines maps a name given to -engines to the function opening a fresh
// engine whose files live under dir.
var engines = map[string]func(dir string) (Engine, error){}

// register makes an engine available to -engines. Engines call it from an
// init function in their own file.
func register(name string, open func(dir string) (Engine, error)) {
	if _, dup := engines[name]; dup {
		panic(fmt.Sprintf("searchscale: engine %q registered twice", name))
	}
	engines[name] = open
}

// engineNames lists the registered engines in order.
func engineNames() []string {
	names := make([]string, 0, len(engines))
	for n := range engines {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
