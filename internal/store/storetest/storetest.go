package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Run runs every behaviour test against stores made by open, which must
// return a new, empty store for each subtest and arrange (with t.Cleanup)
// for it to be closed.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	groups := []struct {
		name  string
		tests []namedTest
	}{
		{"sources", sourceTests},
		{"articles", articleTests},
		{"search", searchTests},
		{"picks", pickTests},
		{"source control", controlTests},
		{"stories", storyTests},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, tc := range g.tests {
				t.Run(tc.name, func(t *testing.T) {
					tc.fn(t, open(t))
				})
			}
		})
	}
}

type namedTest struct {
	name string
	fn   func(t *testing.T, s store.Store)
}

// base is the suite's "now": fixed so orderings and expiries are exact.
var base = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func ctx(t *testing.T) context.Context { return t.Context() }

func addSource(t *testing.T, s store.Store, name string) int64 {
	t.Helper()
	id, err := s.AddSource(ctx(t), model.Source{
		Name:    name,
		SiteURL: "https://" + name + ".example",
		FeedURL: "https://" + name + ".example/feed.xml",
		Section: "world",
		Policy:  model.PolicyFull,
	})
	if err != nil {
		t.Fatalf("AddSource(%s): %v", name, err)
	}
	return id
}

// article returns a published article of source src whose GUID and times
// derive from n, so a higher n is newer.
func article(src int64, n int, section, title, text string) model.Article {
	return model.Article{
		SourceID:     src,
		GUID:         fmt.Sprintf("guid-%d", n),
		URL:          fmt.Sprintf("https://example.com/a/%d?utm_source=x", n),
		CanonicalURL: fmt.Sprintf("https://example.com/a/%d", n),
		Title:        title,
		PublishedAt:  base.Add(time.Duration(n) * time.Minute),
		FetchedAt:    base.Add(time.Duration(n)*time.Minute + time.Second),
		Excerpt:      firstWords(text, 8),
		ContentHTML:  "<p>" + text + "</p>",
		ContentText:  text,
		Section:      section,
		Status:       model.StatusPublished,
	}
}

func firstWords(s string, n int) string {
	words := 0
	for i, r := range s {
		if r == ' ' {
			if words++; words == n {
				return s[:i]
			}
		}
	}
	return s
}

func upsert(t *testing.T, s store.Store, a model.Article) int64 {
	t.Helper()
	res, err := s.UpsertArticle(ctx(t), a)
	if err != nil {
		t.Fatalf("UpsertArticle(%s): %v", a.GUID, err)
	}
	return res.ID
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error %v, want %v", what, err, want)
	}
}

func ids(as []model.Article) []int64 {
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func hitIDs(hs []store.SearchHit) []int64 {
	out := make([]int64, len(hs))
	for i, h := range hs {
		out[i] = h.Article.ID
	}
	return out
}
