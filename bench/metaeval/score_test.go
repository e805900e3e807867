package main

import "testing"

// TestDateMatch pins the rules of score_wcxb.py's date_match.
func TestDateMatch(t *testing.T) {
	tests := []struct {
		pred, gt string
		want     bool
	}{
		{"2025-09-04", "2025-09-04", true},
		{"2025-09-04T23:00:00-05:00", "2025-09-04", true},
		{"2025-9-4", "2025-09-04", true},
		{"2025-09-05", "2025-09-04", false},
		{"2015-11-30", "2015-11", true},
		{"2015-12-01", "2015-11", false},
		{"2015", "2015-11", false},
		{"", "2025-09-04", false},
	}
	for _, tt := range tests {
		if got := dateMatch(tt.pred, tt.gt); got != tt.want {
			t.Errorf("dateMatch(%q, %q) = %v, want %v", tt.pred, tt.gt, got, tt.want)
		}
	}
}

func TestJoinAuthorsAndNormWS(t *testing.T) {
	if got := joinAuthors([]string{"A", "B"}); got != "A and B" {
		t.Errorf("two authors: %q", got)
	}
	if got := joinAuthors([]string{"A", "B", "C"}); got != "A, B, C" {
		t.Errorf("three authors: %q", got)
	}
	if got := normWS("  a \n\t b\u00a0c "); got != "a b c" {
		t.Errorf("normWS: %q", got)
	}
}
