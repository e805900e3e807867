package search

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestSelfPairs checks that a segment whose builder had no pairs (the
// first) indexes the pairs it learns from its own sample with exactly the
// postings a builder given those pairs from the start writes: the two
// segments are the same, term for term and byte for byte.
func TestSelfPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	docs := randomCorpus(rng, 900)
	// Repeated words make self pairs ("w2 w2") and occurrences in every
	// field.
	docs[3].Title, docs[3].Lead, docs[3].Body = "w2 w2 w2 w3", "w2 w2 w3 w2", "w3 w2 w2"
	opt := Options{SegmentDocs: 1000, Language: "none"}
	learner := New(opt)
	if err := learner.Add(docs...); err != nil {
		t.Fatal(err)
	}
	pairs := learner.tail.learntPairs()
	if len(pairs) == 0 {
		t.Fatal("no pairs learnt")
	}
	self := freeze(learner.tail, true)

	indexer := New(opt)
	indexer.tail = indexer.newTail(indexer.tail.ref, pairs)
	indexer.tail.refGuessed = true
	if err := indexer.Add(docs...); err != nil {
		t.Fatal(err)
	}
	given := freeze(indexer.tail, true)

	if !slices.Equal(self.pairKeys, given.pairKeys) {
		t.Fatalf("pair keys differ: %d learnt, %d given", len(self.pairKeys), len(given.pairKeys))
	}
	pairTerms := 0
	for i := range given.info {
		if isPairText(given.terms.at(i)) {
			pairTerms++
		}
	}
	if pairTerms == 0 {
		t.Fatal("no pair terms")
	}
	for name, eq := range map[string]bool{
		"terms":  reflect.DeepEqual(self.terms, given.terms),
		"info":   slices.Equal(self.info, given.info),
		"blocks": slices.Equal(self.blocks, given.blocks),
		"docs":   slices.Equal(self.docData, given.docData),
		"freqs":  slices.Equal(self.freqData, given.freqData),
		"pos":    slices.Equal(self.posData, given.posData),
		"tops":   reflect.DeepEqual(self.tops, given.tops),
	} {
		if !eq {
			t.Errorf("%s differ", name)
		}
	}
	// Freezing leaves the builder as it was: it learns again when frozen
	// again.
	if len(learner.tail.pairs) != 0 || !reflect.DeepEqual(freeze(learner.tail, true).posData, self.posData) {
		t.Error("freezing changed the builder")
	}
}

// TestGallop compares gallop with a linear scan.
func TestGallop(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for i := 0; i < 2000; i++ {
		docs := make([]uint32, rng.IntN(300))
		for j := range docs {
			docs[j] = uint32(rng.IntN(1000))
		}
		slices.Sort(docs)
		docs = slices.Compact(docs)
		if len(docs) == 0 {
			continue
		}
		from := rng.IntN(len(docs))
		d := docs[from] + 1 + uint32(rng.IntN(1100))
		want := from
		for want < len(docs) && docs[want] < d {
			want++
		}
		if got := gallop(docs, from, d); got != want {
			t.Fatalf("gallop(%v, %d, %d) = %d, want %d", docs, from, d, got, want)
		}
	}
}

// A first segment's tail frozen only to be searched skips the pair pass
// (a small site would pay it at every search after a write), answers the
// same, and still learns its pairs when sealed.
func TestSearchFreezeSkipsPairPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	docs := randomCorpus(rng, 900)
	x := New(Options{SegmentDocs: 1000, Language: "none"})
	if err := x.Add(docs...); err != nil {
		t.Fatal(err)
	}
	if len(x.tail.learntPairs()) == 0 {
		t.Fatal("no pairs to learn")
	}
	q := Query{Text: `"w2 w3"`, Limit: 20}
	before, err := x.Search(q)
	if err != nil || before.Total == 0 {
		t.Fatalf("phrase search: %d matches, %v", before.Total, err)
	}
	if x.tailSeg == nil || len(x.tailSeg.pairKeys) != 0 {
		t.Fatalf("the tail frozen for a search holds %d pairs, want none", len(x.tailSeg.pairKeys))
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	if len(x.segs) != 1 || len(x.segs[0].pairKeys) == 0 {
		t.Fatalf("the sealed first segment learnt no pairs")
	}
	after, err := x.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	if before.Total != after.Total || !reflect.DeepEqual(before.Hits, after.Hits) {
		t.Errorf("phrase by positions and by pairs differ: %d %v, then %d %v", before.Total, before.Hits, after.Total, after.Hits)
	}
}
