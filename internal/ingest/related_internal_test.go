package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
	"github.com/newsdesk/newsdesk/internal/story"
)

func TestStoryMembersRelated(t *testing.T) {
	m := newStoryMembers(100)
	// Story "s1": two articles of source 1 and a copy by source 2; story
	// "s2": one article of source 1; story "s3": source 3.
	m.add("s1", nil, 10, 1, 0)
	m.add("s1", nil, 11, 1, 0)
	m.add("s1", nil, 12, 2, 11)
	m.add("s2", nil, 20, 1, 0)
	m.add("s3", nil, 30, 3, 0)
	near := []story.Near{{Story: "s1", Score: 0.9}, {Story: "s2", Score: 0.5}, {Story: "s3", Score: 0.3}, {Story: "gone", Score: 0.2}}
	got := m.related(near, 9)
	want := []store.Related{{ArticleID: 11, Score: 0.9}, {ArticleID: 30, Score: 0.3}, {ArticleID: 20, Score: 0.5}}
	if !slices.Equal(got, want) {
		t.Errorf("related = %v, want %v (newest original per story, a new source first, then the rest)", got, want)
	}
	// From source 1 itself, its own articles wait until other sources are used.
	if got := m.related(near[:2], 1); !slices.Equal(got, []store.Related{{ArticleID: 11, Score: 0.9}, {ArticleID: 20, Score: 0.5}}) {
		t.Errorf("related from source 1 = %v", got)
	}

	// A merge folds the absorbed story's newest articles into the survivor.
	m.add("s3", []story.StoryID{"s2"}, 31, 4, 0)
	if _, ok := m.m["s2"]; ok {
		t.Error("the absorbed story is still remembered")
	}
	if ids := memberIDs(m.m["s3"]); !slices.Equal(ids, []int64{20, 30, 31}) {
		t.Errorf("merged story members %v, want [20 30 31] oldest first", ids)
	}
	m.add("s3", nil, 32, 4, 0)
	if ids := memberIDs(m.m["s3"]); !slices.Equal(ids, []int64{30, 31, 32}) {
		t.Errorf("members kept %v, want the newest %d", ids, membersKept)
	}
}

func ids(as []model.Article) []int64 {
	var out []int64
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func memberIDs(ms []member) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.id)
	}
	return out
}

func TestStoryMembersBounded(t *testing.T) {
	m := newStoryMembers(50)
	for i := range 5000 {
		m.add(story.StoryID(fmt.Sprint(i)), nil, int64(i), int64(i%7), 0)
		if len(m.m) > 2*50 {
			t.Fatalf("after %d articles, %d stories remembered; window 50", i+1, len(m.m))
		}
	}
}

// TestPlacementAppliesMerges runs the story desk against a real store: when
// an article's story absorbs another, the absorbed story's articles move to
// the survivor in the same transaction, and the old ID becomes an alias.
func TestPlacementAppliesMerges(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "merge.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	in := New(st, Options{Fetcher: nil, Stories: true})
	// A low Merge, so that an article matching both stories merges them.
	in.stories.clusters = story.NewClusterer(story.ClusterOptions{Merge: 0.05})
	src, err := st.AddSource(ctx, model.Source{Name: "s", FeedURL: "https://s.example/feed", Section: "world", Policy: model.PolicyFull})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(n int, title string) model.Article {
		a := model.Article{SourceID: src, GUID: fmt.Sprint(n), Title: title, ContentText: title + " body " + fmt.Sprint(n),
			Excerpt: "", PublishedAt: t0.Add(time.Duration(n) * time.Minute), Status: model.StatusPublished}
		res, err := st.UpsertPlacedArticle(ctx, a, in.placer(a))
		if err != nil || !res.Created {
			t.Fatalf("article %d: %+v, %v", n, res, err)
		}
		got, err := st.GetArticle(ctx, res.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	a := add(1, "alpha bravo charlie delta")
	b := add(2, "alpha echo foxtrot golf hotel india")
	if a.StoryID == b.StoryID {
		t.Fatalf("setup: both in story %d", a.StoryID)
	}
	if rel, err := st.ListRelated(ctx, b.ID, 5); err != nil || len(rel) != 1 || rel[0].ID != a.ID {
		t.Errorf("related of the second article: %v, %v; want the first, a near miss", rel, err)
	}
	m := add(3, "alpha bravo charlie delta echo foxtrot golf hotel")
	survivor, absorbed := a.StoryID, b.StoryID
	if m.StoryID == b.StoryID {
		survivor, absorbed = absorbed, survivor
	}
	if m.StoryID != survivor {
		t.Fatalf("bridging article in story %d, want %d or %d", m.StoryID, a.StoryID, b.StoryID)
	}
	arts, err := st.StoryArticles(ctx, survivor)
	if err != nil || len(arts) != 3 {
		t.Errorf("story %d after the merge: %d articles, %v; want all 3", survivor, len(arts), err)
	}
	if _, err := st.StoryArticles(ctx, absorbed); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("absorbed story %d still answers: %v", absorbed, err)
	}
	if to, err := st.StoryAlias(ctx, absorbed); err != nil || to != survivor {
		t.Errorf("alias of %d = %d, %v; want %d", absorbed, to, err, survivor)
	}

	// After a restart the desk still knows the stories' articles: a near
	// miss of the merged story is related to one of its reports.
	in = New(st, Options{Fetcher: nil, Stories: true})
	if err := in.LoadStories(ctx); err != nil {
		t.Fatal(err)
	}
	late := add(4, "charlie uniform victor whiskey xray yankee")
	if late.StoryID == survivor {
		t.Fatalf("the late article joined story %d; the test needs a near miss", survivor)
	}
	if rel, err := st.ListRelated(ctx, late.ID, 5); err != nil || len(rel) != 1 || rel[0].StoryID != survivor {
		t.Errorf("related after a restart: %v, %v; want one article of story %d", ids(rel), err, survivor)
	}
}
