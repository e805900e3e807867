package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTwoWordsMatchExhaustive is the property for the fused two-word
// path (runFused, offerTwoWords): on random corpora with and without
// recency, two-word queries give the same hits with the same scores,
// totals and facets as scoring every match.
func TestTwoWordsMatchExhaustive(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	words := []string{"w2", "w3", "w4", "w5", "w7", "w9", "w20", "w40", "w100"}
	for round := 0; round < 3; round++ {
		x := New(Options{SegmentDocs: 500 + rng.IntN(500), RecencyWeight: float64(round) * 0.5})
		if err := x.Add(randomCorpus(rng, 2500)...); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 60; i++ {
			q := Query{Text: words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))],
				Limit: 1 + rng.IntN(30), Now: day0.AddDate(10, 0, 0)}
			x.exhaustive = true
			want := mustSearch(t, x, q)
			x.exhaustive = false
			got := mustSearch(t, x, q)
			if !slices.Equal(got.Hits, want.Hits) || got.Total != want.Total || !slices.Equal(got.Sections, want.Sections) || !slices.Equal(got.Sources, want.Sources) {
				t.Fatalf("round %d %q: gated %v (total %d), exhaustive %v (total %d)", round, q.Text, got.Hits, got.Total, want.Hits, want.Total)
			}
		}
	}
}
