package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// judgmentsJSON is built into the program so that it and its test always
// score the judgments of the same commit.
//
//go:embed judgments.json
var judgmentsJSON []byte

// judgmentSet is judgments.json: the queries and, for each, the articles
// a person judged relevant after reading them.
type judgmentSet struct {
	Corpus   string  `json:"corpus"`
	JudgedBy string  `json:"judged_by"`
	JudgedOn string  `json:"judged_on"`
	Scale    string  `json:"scale"`
	Queries  []query `json:"queries"`
}

// query is one reader's search with its graded relevant articles, keyed by
// Wikinews URL: 2 is about exactly this, 1 a relevant mention.
type query struct {
	Text     string         `json:"text"`
	Kind     string         `json:"kind"`
	Note     string         `json:"note,omitempty"`
	Relevant map[string]int `json:"relevant"`
}

func parseJudgments(b []byte) (judgmentSet, error) {
	var js judgmentSet
	if err := json.Unmarshal(b, &js); err != nil {
		return judgmentSet{}, fmt.Errorf("parse judgments: %w", err)
	}
	for i, q := range js.Queries {
		rel := make(map[string]int, len(q.Relevant))
		for u, g := range q.Relevant {
			if g < 1 || g > 2 {
				return judgmentSet{}, fmt.Errorf("query %q: grade %d for %s is not 1 or 2", q.Text, g, u)
			}
			rel[normalURL(u)] = g
		}
		js.Queries[i].Relevant = rel
	}
	return js, nil
}

// check reports judged URLs that are not in the corpus: a typo there would
// silently lower every score.
func (js judgmentSet) check(docs []doc) error {
	known := make(map[string]bool, len(docs))
	for _, d := range docs {
		known[d.URL] = true
	}
	for _, q := range js.Queries {
		if len(q.Relevant) == 0 {
			return fmt.Errorf("query %q has no relevant article", q.Text)
		}
		for u := range q.Relevant {
			if !known[u] {
				return fmt.Errorf("query %q: judged URL %s is not in the corpus", q.Text, u)
			}
		}
	}
	return nil
}
