package main

import (
	"math"
	"sort"
)

// ndcg is nDCG@k with gain 2^grade-1 and a log2(rank+1) discount; the
// ideal ranking puts every judged article first, best grade first, so an
// article the search never finds still counts against it.
func ndcg(ranked []string, rel map[string]int, k int) float64 {
	var dcg float64
	for i, u := range ranked {
		if i >= k {
			break
		}
		dcg += gain(rel[u]) / math.Log2(float64(i+2))
	}
	grades := make([]int, 0, len(rel))
	for _, g := range rel {
		grades = append(grades, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	var ideal float64
	for i, g := range grades {
		if i >= k {
			break
		}
		ideal += gain(g) / math.Log2(float64(i+2))
	}
	if ideal == 0 {
		return 0
	}
	return dcg / ideal
}

func gain(grade int) float64 {
	return math.Exp2(float64(grade)) - 1
}

// precision is the share of the first k places held by a relevant article
// (an empty place counts as not relevant).
func precision(ranked []string, rel map[string]int, k int) float64 {
	return float64(hits(ranked, rel, k)) / float64(k)
}

// recall is the share of the relevant articles found in the first k places.
func recall(ranked []string, rel map[string]int, k int) float64 {
	if len(rel) == 0 {
		return 0
	}
	return float64(hits(ranked, rel, k)) / float64(len(rel))
}

func hits(ranked []string, rel map[string]int, k int) int {
	n := 0
	for i, u := range ranked {
		if i >= k {
			break
		}
		if rel[u] > 0 {
			n++
		}
	}
	return n
}
