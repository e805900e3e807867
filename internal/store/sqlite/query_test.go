package sqlite

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

func TestMatchAll(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"   ", ""},
		{"economy", `"economy"`},
		{"Economy market", `"Economy" "market"`},
		{"elect*", `"elect"*`},
		{"a*", `"a"`},
		{"*elect", `"elect"`},
		{`"white house" today`, `"white house" "today"`},
		{`"unclosed phrase`, `"unclosed phrase"`},
		{`""`, ""},
		{`AND OR NOT`, `"AND" "OR" "NOT"`},
		{`title:x`, `"title" "x"`},
		{`NEAR(a b)`, `"NEAR" "a" "b"`},
		{"l'été", `"l" "été"`},
		{"caf\u00e9", "\"caf\u00e9\""},
		{"cafe\u0301", "\"cafe\u0301\""},
		{"x\x00y\x02z", `"x" "y" "z"`},
		{"😀", ""},
		{"\xff\xfe", ""},
		{strings.Repeat("w", maxWordRunes+1) + " ok", `"ok"`},
	}
	for _, tc := range tests {
		if got := matchAll(tc.in); got != tc.want {
			t.Errorf("matchAll(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	many := matchAll(strings.Repeat("word ", 1000))
	if n := strings.Count(many, `"word"`); n != maxQueryWords {
		t.Errorf("1000 words gave %d terms, want %d", n, maxQueryWords)
	}
}

func TestMatchAny(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"", "*", `"`}, ""},
		{[]string{"cup", "football"}, `"cup" OR "football"`},
		{[]string{"White House", "NOT"}, `"White House" OR "NOT"`},
	}
	for _, tc := range tests {
		if got := matchAny(tc.in); got != tc.want {
			t.Errorf("matchAny(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzSearch runs reader text through the real FTS5 engine: whatever the
// text, search answers without error and Total covers the hits.
func FuzzSearch(f *testing.F) {
	for _, seed := range []string{"economy", `"white house"`, "elect*", "NOT (", `"*`, "\x00\x02", "café", "😀 AND"} {
		f.Add(seed)
	}
	s := openTemp(f)
	src, err := s.AddSource(f.Context(), model.Source{Name: "f", FeedURL: "https://f.example/feed"})
	if err != nil {
		f.Fatal(err)
	}
	for i := range 20 {
		if _, err := s.UpsertArticle(f.Context(), benchArticle(src, i)); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		q := matchAll(text)
		if strings.Count(q, `"`)%2 != 0 || !utf8.ValidString(q) {
			t.Fatalf("matchAll(%q) = %q: unbalanced quotes or invalid UTF-8", text, q)
		}
		res, err := s.SearchArticles(t.Context(), store.SearchQuery{Text: text, Limit: 5})
		if err != nil {
			t.Fatalf("SearchArticles(%q): %v", text, err)
		}
		if len(res.Hits) > res.Total {
			t.Fatalf("SearchArticles(%q): %d hits, Total %d", text, len(res.Hits), res.Total)
		}
		_, err = s.RelatedArticles(t.Context(), store.RelatedQuery{ArticleID: 1, Terms: strings.Fields(text), Limit: 3})
		if err != nil {
			t.Fatalf("RelatedArticles(%q): %v", text, err)
		}
	})
}
