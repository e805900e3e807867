package sanitize

import (
	"strings"
	"testing"
	"time"
)

// TestHostileInputIsBounded feeds inputs known to stress HTML parsers (deep
// nesting, piles of unclosed formatting elements, megabytes of attributes)
// and fails if any takes unreasonably long. The bound is loose because the
// test machine is shared; a real blow-up is quadratic and takes minutes.
func TestHostileInputIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	s := New()
	tests := []struct {
		name, in string
	}{
		{"deep divs", strings.Repeat("<div>", 100000)},
		{"unclosed formatting", strings.Repeat("<b><i><a href=x>", 20000) + "<p>x</p>"},
		{"misnested formatting", strings.Repeat("<b><p>x</b></p>", 20000)},
		{"nested tables", strings.Repeat("<table><tr><td>", 20000)},
		{"many attributes", "<p " + strings.Repeat(`a="b" `, 200000) + ">x</p>"},
		{"long url", `<a href="https://x.example/` + strings.Repeat("a", 1<<20) + `">x</a>`},
		{"over the cap", strings.Repeat("<p>word</p>", 500000)},
		{"entities", strings.Repeat("&amp;&#x1F600;&bogus;", 100000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			out := s.HTML(tt.in, testBase)
			Text(tt.in)
			Excerpt(tt.in, 200)
			FirstImage(tt.in, testBase)
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if len(out) > 2*maxInputBytes+len(tt.in)/2 {
				t.Errorf("output of %d bytes for %d bytes of input", len(out), len(tt.in))
			}
		})
	}
}
