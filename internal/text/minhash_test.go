package text

import (
	"math"
	"strings"
	"testing"
)

func shingles(s string) []uint64 { return AppendShingles(nil, Tokens(s), 4) }

func TestShingles(t *testing.T) {
	tests := []struct {
		in   string
		k    int
		want int
	}{
		{"", 4, 0}, {"a", 4, 1}, {"a b c d", 4, 1}, {"a b c d e f", 4, 3}, {"a b", 0, 2},
	}
	for _, tt := range tests {
		if got := len(AppendShingles(nil, Tokens(tt.in), tt.k)); got != tt.want {
			t.Errorf("AppendShingles(%q, %d): %d shingles, want %d", tt.in, tt.k, got, tt.want)
		}
	}
	if a, b := shingles("a b c d"), shingles("d c b a"); a[0] == b[0] {
		t.Error("shingle hash ignores word order")
	}
}

func TestMinHashSimilarity(t *testing.T) {
	base := strings.Repeat("the quick brown fox jumps over the lazy dog near the river bank ", 3)
	other := "completely different words about a budget vote in parliament on wednesday night with rebels"
	tests := []struct {
		name     string
		a, b     string
		min, max float64
	}{
		{"identical", base, base, 1, 1},
		{"disjoint", base, other, 0, 0.05},
		{"half", "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13", "a1 a2 a3 a4 a5 a6 a7 b8 b9 b10 b11 b12 b13", 0.2, 0.6},
		{"empty", "", "", 0, 0},
	}
	for _, tt := range tests {
		var x, y MinHash
		ComputeMinHash(&x, shingles(tt.a))
		ComputeMinHash(&y, shingles(tt.b))
		if s := x.Similarity(&y); s < tt.min || s > tt.max {
			t.Errorf("%s: similarity %.2f, want in [%.2f, %.2f]", tt.name, s, tt.min, tt.max)
		}
	}
}

func TestBands(t *testing.T) {
	var m MinHash
	ComputeMinHash(&m, shingles("one two three four five six"))
	if got := len(AppendBands(nil, &m, 4)); got != MinHashSize/4 {
		t.Fatalf("%d bands, want %d", got, MinHashSize/4)
	}
	var empty MinHash
	ComputeMinHash(&empty, nil)
	if got := AppendBands(nil, &empty, 4); len(got) != 0 {
		t.Errorf("empty signature has %d bands", len(got))
	}
	// Fixed values: stored band hashes must not change between versions.
	if Hash64("newsdesk") == 0 || Hash64("a") == Hash64("b") {
		t.Error("Hash64 degenerate")
	}
}

func TestSimHash(t *testing.T) {
	a := SimHash(shingles(strings.Repeat("storm floods the coast and rivers rise in the valley ", 4)))
	b := SimHash(shingles(strings.Repeat("storm floods the coast and rivers rise in the valley ", 4) + "extra words"))
	c := SimHash(shingles("budget passes parliament after long night of votes and rebellion"))
	if d := HammingDistance(a, b); d > 12 {
		t.Errorf("near texts %d bits apart", d)
	}
	if d := HammingDistance(a, c); d < 16 {
		t.Errorf("different texts only %d bits apart", d)
	}
	if SimHash(nil) != 0 || HammingDistance(0, math.MaxUint64) != 64 {
		t.Error("SimHash edge cases")
	}
}

func BenchmarkMinHash(b *testing.B) {
	sh := shingles(benchText()[:3000])
	var m MinHash
	for b.Loop() {
		ComputeMinHash(&m, sh)
	}
}

func BenchmarkShingles(b *testing.B) {
	toks := Tokens(benchText()[:3000])
	buf := make([]uint64, 0, len(toks))
	for b.Loop() {
		buf = AppendShingles(buf[:0], toks, 4)
	}
}
