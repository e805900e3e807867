package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzQuery: hostile query text never panics, hangs or errs, and the
// results keep their invariants.
func FuzzQuery(f *testing.F) {
	x := New(Options{SegmentDocs: 2})
	x.Add(
		Doc{ID: 1, Title: "Prime minister resigns", Body: "The prime minister of Zürich resigned on Monday.", Section: "a", SourceID: 1, Published: day0},
		Doc{ID: 2, Title: "Earthquake", Body: "An earthquake hit; the minister visited.", Section: "b", SourceID: 2, Published: day0},
		Doc{ID: 3, Title: "Ukraine talks", Body: "Ukrainian and Russian ministers met.", Section: "a", SourceID: 2, Published: day0},
	)
	for _, s := range []string{
		"", `"`, `""`, "*", "**", "-", "--x", "OR", "OR OR", "a OR", "OR b", `"prime minister`,
		`-"prime minister"`, "ukrain*", "-ukrain*", "minist* OR earthq*", "\x00\x01\x02", "é*",
		strings.Repeat("a ", 5000), strings.Repeat(`"`, 100), "\xff\xfe", "ǅ*", "ﬁ OR ß",
		strings.Repeat("x", 10000), "earthqauke", "prime -", "(-a) b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, byDate := range []bool{false, true} {
			r, err := x.Search(Query{Text: text, SortByDate: byDate, Limit: 5})
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			if r.Total < len(r.Hits) || len(r.Hits) > 5 || r.Total > 3 {
				t.Fatalf("%q: %d hits of total %d", text, len(r.Hits), r.Total)
			}
			if !utf8.ValidString(r.Suggestion) && utf8.ValidString(text) {
				t.Fatalf("%q: suggestion %q is not UTF-8", text, r.Suggestion)
			}
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"Zürich Łódź straße", "ǅemal", "\u0301\u0301a", "İstanbul", "ΣΊΣΥΦΟΣ", "日本語のテキスト"} {
		f.Add(s)
	}
	an := newAnalyzer("english")
	f.Fuzz(func(t *testing.T, text string) {
		for _, term := range an.terms(text) {
			if strings.ContainsAny(term, "\x00\x01") {
				t.Fatalf("%q gives a term with a reserved byte: %q", text, term)
			}
		}
	})
}
