package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"

	"github.com/newsdesk/newsdesk/internal/text"
)

// naiveThreshold is the baseline's cosine threshold, the usual textbook value.
const naiveThreshold = 0.3

// naiveTFIDF is the textbook single-pass clusterer: TF-IDF vectors with IDF
// learned from the stream so far, each document joins the cluster whose
// centroid (sum of member term counts) is most cosine-similar if that is at
// least naiveThreshold, else starts a new cluster. No window, no guards.
func naiveTFIDF(docs []labelled) []string {
	df := map[string]int{}
	var cents []map[string]float64
	postings := map[string][]int{}
	out := make([]string, len(docs))
	for i, d := range docs {
		tf := map[string]float64{}
		for _, w := range text.Tokens(d.Title + " " + d.Text) {
			if !text.IsStopword(w) {
				tf[w]++
			}
		}
		for w := range tf {
			df[w]++
		}
		n := float64(i + 1)
		idf := func(w string) float64 { return math.Log(n/float64(df[w])) + 1 }
		var dn float64
		for w, c := range tf {
			dn += (c * idf(w)) * (c * idf(w))
		}
		dots := map[int]float64{}
		for w, c := range tf {
			for _, k := range postings[w] {
				dots[k] += c * idf(w) * cents[k][w] * idf(w)
			}
		}
		best, bestScore := -1, 0.0
		for k, dot := range dots {
			var cn float64
			for w, c := range cents[k] {
				cn += (c * idf(w)) * (c * idf(w))
			}
			s := dot / math.Sqrt(dn*cn)
			if s > bestScore || (s == bestScore && k < best) {
				best, bestScore = k, s
			}
		}
		if best < 0 || bestScore < naiveThreshold {
			best = len(cents)
			cents = append(cents, map[string]float64{})
		}
		for w, c := range tf {
			if cents[best][w] == 0 {
				postings[w] = append(postings[w], best)
			}
			cents[best][w] += c
		}
		out[i] = fmt.Sprint(best)
	}
	return out
}

func writePred(path string, docs []labelled, pred []string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write predictions: %w", err)
	}
	enc := json.NewEncoder(f)
	for i, d := range docs {
		if err := enc.Encode(map[string]string{"id": d.ID, "story": pred[i]}); err != nil {
			f.Close()
			return fmt.Errorf("write predictions: %w", err)
		}
	}
	return f.Close()
}
