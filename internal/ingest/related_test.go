package ingest_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// TestDemoRelatedAtIngest checks "You May Also Like" as ingest stores it
// for the demo network.
func TestDemoRelatedAtIngest(t *testing.T) {
	ctx := context.Background()
	n := startDemo(t)
	h := newHarness(t, 10*time.Second)
	h.addDemoSources(t, n)
	if _, _, _, failed := sumReports(h.in.RefreshAll(ctx, h.allSources(t), nil)); failed > 0 {
		t.Fatalf("%d sources failed", failed)
	}
	checkRelatedLists(t, h)
}

// TestRebuildFillsRelated: articles stored without stories get their
// related lists from `newsdesk stories rebuild`.
func TestRebuildFillsRelated(t *testing.T) {
	ctx := context.Background()
	n := startDemo(t)
	h := newHarness(t, 10*time.Second)
	h.addDemoSources(t, n)
	plain := ingest.New(h.st, ingest.Options{Fetcher: fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1}),
		Sections: config.DefaultSections(), PollInterval: time.Minute})
	if _, _, _, failed := sumReports(plain.RefreshAll(ctx, h.allSources(t), nil)); failed > 0 {
		t.Fatalf("%d sources failed", failed)
	}
	page, err := h.st.ListArticles(ctx, store.ArticleQuery{Limit: 500})
	if err != nil || len(page.Articles) == 0 {
		t.Fatalf("%d articles, %v", len(page.Articles), err)
	}
	for _, a := range page.Articles {
		if rel, err := h.st.ListRelated(ctx, a.ID, 10); err != nil || len(rel) > 0 {
			t.Fatalf("article %d has related articles before any placement: %d, %v", a.ID, len(rel), err)
		}
	}
	if err := h.in.RebuildStories(ctx, nil); err != nil {
		t.Fatal(err)
	}
	checkRelatedLists(t, h)
}

// checkRelatedLists: lists are there for most articles, never name the
// article itself or its own story, and most show several sources.
func checkRelatedLists(t *testing.T, h harness) {
	t.Helper()
	ctx := context.Background()
	page, err := h.st.ListArticles(ctx, store.ArticleQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	withList, multiSource := 0, 0
	for _, a := range page.Articles {
		rel, err := h.st.ListRelated(ctx, a.ID, store.MaxRelated)
		if err != nil {
			t.Fatal(err)
		}
		if len(rel) > 0 {
			withList++
		}
		sources := map[int64]bool{}
		for _, r := range rel {
			sources[r.SourceID] = true
			if r.ID == a.ID || r.StoryID == a.StoryID {
				t.Errorf("%d %q lists %d %q of its own story", a.ID, a.Title, r.ID, r.Title)
			}
			if r.Status != model.StatusPublished {
				t.Errorf("%d lists %d, %s", a.ID, r.ID, r.Status)
			}
		}
		if len(sources) > 1 {
			multiSource++
		}
	}
	t.Logf("%d of %d articles have a related list, %d from several sources", withList, len(page.Articles), multiSource)
	if withList < len(page.Articles)/2 {
		t.Errorf("only %d of %d articles have related articles", withList, len(page.Articles))
	}
	if multiSource < withList/2 {
		t.Errorf("only %d of %d lists show more than one source", multiSource, withList)
	}
}
