package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// benchCorpus makes n articles of ~800 words from a Zipf vocabulary of
// pseudo-words with English-like endings, so stemming has work to do.
func benchCorpus(n int) []Doc {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 50000)
	ends := []string{"", "s", "ed", "ing", "ion", "ly", "er"}
	for i := range vocab {
		var b strings.Builder
		for k := 0; k < 2+rng.IntN(3); k++ {
			b.WriteByte("bcdfghklmnprstvw"[rng.IntN(16)])
			b.WriteByte("aeiou"[rng.IntN(5)])
		}
		b.WriteString(ends[rng.IntN(len(ends))])
		vocab[i] = b.String()
	}
	z := rand.NewZipf(rng, 1.05, 3, uint64(len(vocab)-1))
	text := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			w := vocab[z.Uint64()]
			if i%12 == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if i%15 == 14 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{ID: int64(i + 1), Title: text(8), Lead: text(30), Body: text(760),
			Section: fmt.Sprintf("s%d", i%10), SourceID: int64(i % 50),
			Published: day0.Add(time.Duration(i) * time.Minute)}
	}
	return docs
}

func BenchmarkIndex(b *testing.B) {
	docs := benchCorpus(20000)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		x := New(Options{})
		if err := x.Add(docs...); err != nil {
			b.Fatal(err)
		}
		if err := x.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	reportRates(b, len(docs)*b.N, cpuTime()-cpu)
}

// BenchmarkIndexSegments indexes in segments of 10,000, so that all but
// the first index word pairs.
func BenchmarkIndexSegments(b *testing.B) {
	docs := benchCorpus(30000)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		x := New(Options{SegmentDocs: 10000})
		if err := x.Add(docs...); err != nil {
			b.Fatal(err)
		}
		if err := x.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	reportRates(b, len(docs)*b.N, cpuTime()-cpu)
}

// reportRates reports documents indexed per second and, where the CPU
// time is measured, per CPU-second (with GOMAXPROCS=1, one core's rate
// whatever else the machine runs).
func reportRates(b *testing.B, docs int, cpu time.Duration) {
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
	if cpu > 0 {
		b.ReportMetric(float64(docs)/cpu.Seconds(), "docs/CPU-s")
	}
}

// BenchmarkSearchSegmentCount searches the same 30,000 documents held in
// 1, 5 and 30 segments: what a store's compaction saves when many small
// flushes have piled up.
func BenchmarkSearchSegmentCount(b *testing.B) {
	docs := benchCorpus(30000)
	for _, per := range []int{30000, 6000, 1000} {
		x := New(Options{SegmentDocs: per})
		if err := x.Add(docs...); err != nil {
			b.Fatal(err)
		}
		if err := x.Flush(); err != nil { // the tail sealed, as a store's flush does
			b.Fatal(err)
		}
		for _, q := range []struct{ name, text string }{
			{"one word", docs[5].Title[:strings.IndexByte(docs[5].Title, ' ')]},
			{"two words", docs[7].Lead[:strings.IndexByte(docs[7].Lead[strings.IndexByte(docs[7].Lead, ' ')+1:], ' ')+strings.IndexByte(docs[7].Lead, ' ')+1]},
		} {
			b.Run(fmt.Sprintf("%d segments/%s", (len(docs)+per-1)/per, q.name), func(b *testing.B) {
				for b.Loop() {
					if _, err := x.Search(Query{Text: q.text, Limit: 20}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
