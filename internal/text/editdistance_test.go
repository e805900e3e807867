package text

import "testing"

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
