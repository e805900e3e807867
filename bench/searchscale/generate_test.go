package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// testSource loads the Wikinews sample, skipping when it is absent outside CI.
func testSource(t testing.TB) *sourceCorpus {
	t.Helper()
	dir := filepath.Join("..", "..", defaultCorpus)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("source corpus missing in CI: %v", err)
		}
		t.Skipf("source corpus not present: %v", err)
	}
	src, err := loadSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestGeneratorDeterministic(t *testing.T) {
	src := testSource(t)
	g1, g2 := newGenerator(src, 7, 200), newGenerator(src, 7, 200)
	var b1, b2 genBuf
	// Out of order on purpose: an article depends on its number only.
	for _, id := range []int64{5, 1, 200, 77, 5} {
		d1, d2 := g1.Doc(id, &b1), g2.Doc(id, &b2)
		if !reflect.DeepEqual(d1, d2) {
			t.Fatalf("article %d differs between two generators with the same seed", id)
		}
	}
	other := newGenerator(src, 8, 200)
	if reflect.DeepEqual(g1.Doc(3, &b1), other.Doc(3, &b2)) {
		t.Error("seeds 7 and 8 gave the same article 3")
	}
}

func TestGeneratorArticles(t *testing.T) {
	src := testSource(t)
	const n = 200
	g := newGenerator(src, 1, n)
	var (
		b    genBuf
		lens []int
		prev Doc
	)
	for id := int64(1); id <= n; id++ {
		d := g.Doc(id, &b)
		if d.ID != id || d.Title == "" || d.Lead == "" || d.Section == "" || d.Source == "" || d.SourceID < 1 || d.SourceID > numSources {
			t.Fatalf("article %d incomplete: %+v", id, d)
		}
		if !strings.HasPrefix(d.Body, d.Lead) {
			t.Errorf("article %d: body does not start with the lead", id)
		}
		if id > 1 && !d.Published.After(prev.Published) {
			t.Errorf("article %d published %s, not after article %d's %s", id, d.Published, id-1, prev.Published)
		}
		if d.Published.Before(startDate) || !d.Published.Before(startDate.Add(spanDur)) {
			t.Errorf("article %d published %s, outside the ten years", id, d.Published)
		}
		lens = append(lens, len(d.Body))
		prev = d
	}
	// The median length follows the source's within a third; the
	// middle half is wide as it is in the source.
	s, gen := summarize(src.bodyLens), summarize(lens)
	if ratio := float64(gen.P50) / float64(s.P50); ratio < 0.67 || ratio > 1.5 {
		t.Errorf("median body length %d, source %d", gen.P50, s.P50)
	}
	if gen.P75 < gen.P25*5/4 {
		t.Errorf("generated lengths too narrow: %s", gen)
	}
}

func TestVocabularyGrows(t *testing.T) {
	src := testSource(t)
	g := newGenerator(src, 1, 1000)
	st := collectStats(g, 1000, []int64{100, 1000})
	if len(st.vocabAt) != 2 || st.vocabAt[1].Terms <= st.vocabAt[0].Terms*3/2 {
		t.Fatalf("vocabulary at 100 and 1000 articles: %+v; want growth by half or more", st.vocabAt)
	}
}

func TestMisspell(t *testing.T) {
	r := rng{1}
	for range 100 {
		got := string(misspell(nil, "election", &r))
		if got == "election" || len(got) < 7 || len(got) > 9 {
			t.Fatalf("misspell(election) = %q", got)
		}
	}
}

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("10k, 100000,1M")
	if err != nil || !reflect.DeepEqual(got, []int64{10000, 100000, 1000000}) {
		t.Fatalf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "12", "x", "-5"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) accepted", bad)
		}
	}
}

// BenchmarkGenerate reports the generator's speed: articles and megabytes
// per second of wall clock and articles per CPU-second (the machine may be
// shared).
func BenchmarkGenerate(b *testing.B) {
	src := testSource(b)
	g := newGenerator(src, 1, 1000000)
	var (
		buf   genBuf
		bytes int64
	)
	b.ResetTimer()
	c := cpuTime()
	for i := 0; i < b.N; i++ {
		d := g.Doc(int64(i%1000000)+1, &buf)
		bytes += int64(len(d.Title) + len(d.Body))
	}
	cpu := cpuTime() - c
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(bytes)/1e6/b.Elapsed().Seconds(), "MB/s")
	b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/CPU-s")
	b.ReportMetric(float64(bytes)/1e6/cpu.Seconds(), "MB/CPU-s")
}
