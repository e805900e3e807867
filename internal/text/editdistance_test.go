package text

import (
	"math/rand/v2"
	"testing"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"harbour", "harbour", 2, 0},
		{"harbuor", "harbour", 2, 1}, // a swap is one edit
		{"flod", "flood", 2, 1},
		{"palls", "poll", 2, 2},
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 2, 3}, // past the limit: limit+1
		{"a", "abcdefgh", 2, 3},
		{"", "ab", 2, 2},
		{"café", "cafe", 2, 1},
	}
	for _, tt := range tests {
		if got := EditDistance([]rune(tt.a), []rune(tt.b), tt.limit); got != tt.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// The shortcuts (the letter-count bound, the row cut-off) must give what
// the plain table gives: restricted Damerau–Levenshtein, capped at limit+1.
func TestEditDistanceAgainstTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const letters = "abcdé"
	word := func() []rune {
		w := make([]rune, rng.IntN(9))
		for i := range w {
			w[i] = []rune(letters)[rng.IntN(len([]rune(letters)))]
		}
		return w
	}
	for range 20000 {
		a, b := word(), word()
		limit := rng.IntN(4)
		want := min(fullTable(a, b), limit+1)
		if got := EditDistance(a, b, limit); got != want {
			t.Fatalf("EditDistance(%q, %q, %d) = %d, want %d", string(a), string(b), limit, got, want)
		}
	}
}

// fullTable is the optimal string alignment distance, computed whole.
func fullTable(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
