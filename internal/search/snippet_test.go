package search

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	x := New(Options{})
	long := strings.Repeat("filler words here and there. ", 40)
	tests := []struct {
		name, query, text string
		words             int
		want              string
	}{
		{"stemmed match, marked", "repair", "The council voted to repair the old bridge.", 16,
			"The council voted to [repair] the old bridge."},
		{"other forms of the word", "floods", "Flooding hit the town; the flood receded.", 16,
			"[Flooding] hit the town; the [flood] receded."},
		{"diacritics fold", "cafe", "Le Café de Flore", 16, "Le [Café] de Flore"},
		{"prefix", "ukrain*", "News from Ukraine and Ukrainian towns.", 16,
			"News from [Ukraine] and [Ukrainian] towns."},
		{"excluded words are not marked", "bridge -river", "The bridge over the river.", 16,
			"The [bridge] over the river."},
		{"whitespace collapses", "tide", "The\n\ntide   rose.", 16, "The [tide] rose."},
		{"no match gives the start", "absent", "One two three four five six", 3, "One two three…"},
		{"window holds most distinct terms", "alpha beta",
			"alpha " + long + "alpha beta gamma " + long, 6,
			"…and there. [alpha] [beta] gamma filler…"},
		{"window near the end uses the room before", "omega", long + "last omega", 4,
			"…and there. last [omega]"},
		{"phrase words are marked", `"white house"`, "At the White House today", 16,
			"At the [White] [House] today"},
		{"no words", "tide", " ,;. ", 16, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := x.Snippet(tc.query, tc.text, tc.words, "[", "]")
			if got != tc.want {
				t.Errorf("Snippet(%q, %.40q) =\n %q\nwant\n %q", tc.query, tc.text, got, tc.want)
			}
		})
	}
}

// A huge article costs a bounded scan, and hostile query text is safe.
func TestSnippetBounds(t *testing.T) {
	x := New(Options{})
	huge := strings.Repeat("word ", 1<<20) + "needle"
	if got := x.Snippet("needle", huge, 10, "[", "]"); strings.Contains(got, "needle") {
		t.Errorf("snippet read past the scan bound: %q", got)
	}
	for _, q := range []string{"", `"`, "*", "-", "\x00\xff", strings.Repeat(`"(`, 5000)} {
		_ = x.Snippet(q, "some text here", 5, "[", "]")
	}
}

// One Snippeter serves a page of results: its memory of matching words
// must not carry one text's answer to another's different word, and a
// text read only in part still ends in "…".
func TestSnippeterAcrossTexts(t *testing.T) {
	x := New(Options{})
	sn := x.Snippeter("storm")
	long := "Storm warning. " + strings.Repeat("calm words follow here. ", 2000)
	for _, tc := range []struct{ text, want string }{
		{"The storm passed.", "The [storm] passed."},
		{"Storms and storm fronts.", "[Storms] and [storm] fronts."},
		{"Nothing here.", "Nothing here."},
		{long, "[Storm] warning. calm words…"},
	} {
		if got := sn.Snippet(tc.text, 4, "[", "]"); got != tc.want {
			t.Errorf("Snippet(%.30q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
