package meta

import (
	"strings"
	"testing"
)

// collapseRef is collapse as it was first written.
func collapseRef(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}), " ")
}

var prefilterInputs = []string{
	"", " ", "  a  b  ", "a\tb\nc\r\n", "\f\v", "one", "By Ann Lee", "by", "BY: Ann", "Written by",
	"written  by:", "Author:", "AUTHORS", "Contributors :", "Story by Ann", "Text by Ann", "ſtory by Ann",
	"poſted by Ann", "The byline", "article-byline", "post-author", "WRITER", "writ", "auth", "bylin",
	"wr\u0130ter", "\u212Aelvin", "/author/ann-lee", "/Authors/ann/", "https://x.com/writers/ann?x=1",
	"/contributor/ann#top", "/a/b/author", "author/ann", "/author", "/AUTHOR/", "\xff\xfe by", "a\u00a0b",
	"Ann\u2009Lee", "\t\tby\tAnn\t\t", "x/contributors/y", "/writer-ann/", "/wri\u017Fer/x",
}

// TestPrefilters checks each cheap test against what it stands in for: it
// must say yes whenever the pattern (or the former code) would.
func TestPrefilters(t *testing.T) {
	for _, s := range prefilterInputs {
		checkPrefilters(t, s)
	}
}

func FuzzPrefilters(f *testing.F) {
	for _, s := range prefilterInputs {
		f.Add(s)
	}
	f.Fuzz(checkPrefilters)
}

func checkPrefilters(t *testing.T, s string) {
	if got, want := collapse(s), collapseRef(s); got != want {
		t.Errorf("collapse(%q) = %q, want %q", s, got, want)
	}
	if authorPath.MatchString(s) && !mayAuthorPath(s) {
		t.Errorf("mayAuthorPath(%q) = false, but authorPath matches", s)
	}
	if c := collapse(s); c != "" && (bylineText.MatchString(c) || bylineLabel.MatchString(c)) && !mayOpenByline(c) {
		t.Errorf("mayOpenByline(%q) = false, but a byline pattern matches", c)
	}
	lower := strings.ToLower(s)
	if (strings.Contains(lower, "byline") || strings.Contains(lower, "author") || strings.Contains(lower, "writer")) && !mayHint(s) {
		t.Errorf("mayHint(%q) = false, but its lower case names an author", s)
	}
}
