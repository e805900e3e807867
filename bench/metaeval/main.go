// Command metaeval measures article metadata extraction (internal/extract/meta)
// on the public data sets in ../shared/data/extraction, beside readeck
// go-readability v2.1.3 as a baseline:
//
//	go run ./bench/metaeval [-set wcxb|readability|all] [-data DIR] [-dump FILE] [-misses title|author|date]
//
// On wcxb-dev it scores title, author and publish date exactly as
// ../shared/tools/score_wcxb.py does; -dump writes our predictions in that
// scorer's input format so the two can be checked against each other. On
// readability-test-pages it scores the title against expected-metadata.json,
// whitespace runs counted as one space as bench/extracteval counts them.
//
// It reads the data sets in place and never copies them. It imports
// internal/extract/meta and the baseline, and nothing that does I/O besides
// reading files.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	set := flag.String("set", "all", "data set: wcxb, readability or all")
	data := flag.String("data", "../shared/data/extraction", "folder holding wcxb-dev and readability-test-pages")
	dump := flag.String("dump", "", "write wcxb predictions as JSON for score_wcxb.py to this file")
	misses := flag.String("misses", "", "print our misses for this field: title, author or date")
	baseline := flag.Bool("baseline", true, "also score readeck go-readability")
	flag.Parse()
	if err := run(*set, *data, *dump, *misses, *baseline); err != nil {
		fmt.Fprintln(os.Stderr, "metaeval:", err)
		os.Exit(1)
	}
}

func run(set, data, dump, misses string, baseline bool) error {
	switch set {
	case "wcxb", "readability", "all":
	default:
		return fmt.Errorf("unknown -set %q (want wcxb, readability or all)", set)
	}
	if set == "wcxb" || set == "all" {
		if err := runWCXB(data+"/wcxb-dev", dump, misses, baseline); err != nil {
			return fmt.Errorf("wcxb-dev: %w", err)
		}
	}
	if set == "readability" || set == "all" {
		if err := runReadability(data+"/readability-test-pages/test-pages", misses, baseline); err != nil {
			return fmt.Errorf("readability-test-pages: %w", err)
		}
	}
	return nil
}
