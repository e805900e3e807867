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
	// Story "s1": two articles of source 1 and a copy by source 2 (not
	// remembered: its original is shown); story "s2": one article of
	// source 1; story "s3": source 3.
	m.add("s1", nil, 10, 1, 0, nil)
	m.add("s1", nil, 11, 1, 0, nil)
	m.add("s1", nil, 12, 2, 11, nil)
	m.add("s2", nil, 20, 1, 0, nil)
	m.add("s3", nil, 30, 3, 0, nil)
	near := []story.Near{{Story: "s1", Score: 0.9}, {Story: "s2", Score: 0.5}, {Story: "s3", Score: 0.3}, {Story: "gone", Score: 0.2}}
	got := m.related(near, 9)
	want := []store.Related{{ArticleID: 11, Score: 0.9}, {ArticleID: 20, Score: 0.5}, {ArticleID: 30, Score: 0.3}}
	if !slices.Equal(got, want) {
		t.Errorf("related = %v, want %v (newest original per story, best first)", got, want)
	}
	// Six near stories of one source and one of another: the other source
	// makes the list although its story is the worst.
	m2 := newStoryMembers(100)
	var near2 []story.Near
	for i := range store.MaxRelated + 1 {
		sid := story.StoryID(fmt.Sprint("t", i))
		source := int64(1)
		if i == store.MaxRelated {
			source = 2
		}
		m2.add(sid, nil, int64(100+i), source, 0, nil)
		near2 = append(near2, story.Near{Story: sid, Score: 1 - float64(i)/10})
	}
	if got := m2.related(near2, 9); len(got) != store.MaxRelated || !slices.ContainsFunc(got, func(r store.Related) bool { return r.ArticleID == 106 }) {
		t.Errorf("related = %v, want the other source's 106 among %d", got, store.MaxRelated)
	}
	// From source 1 itself, its own articles come only for want of others.
	if got := m.related(near[:2], 1); !slices.Equal(got, []store.Related{{ArticleID: 11, Score: 0.9}, {ArticleID: 20, Score: 0.5}}) {
		t.Errorf("related from source 1 = %v", got)
	}

	// A merge folds the absorbed story's newest articles into the survivor.
	m.add("s3", []story.StoryID{"s2"}, 31, 4, 0, nil)
	if _, ok := m.m["s2"]; ok {
		t.Error("the absorbed story is still remembered")
	}
	if ids := memberIDs(m.m["s3"]); !slices.Equal(ids, []int64{20, 30, 31}) {
		t.Errorf("merged story members %v, want [20 30 31] oldest first", ids)
	}
	m.add("s3", nil, 32, 4, 0, nil)
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

func TestOfferToNeighbours(t *testing.T) {
	m := newStoryMembers(100)
	full := make([]store.Related, store.MaxRelated)
	for i := range full {
		full[i] = store.Related{ArticleID: int64(100 + i), Score: 1 - float64(i)/10} // 1.0 ... 0.5
	}
	m.add("a", nil, 1, 1, 0, full)
	m.add("b", nil, 2, 2, 0, []store.Related{{ArticleID: 100, Score: 0.9}})
	m.add("c", nil, 3, 3, 7, nil) // a copy: not remembered, so never offered to
	got := m.offer(50, []store.Related{{ArticleID: 1, Score: 0.75}, {ArticleID: 2, Score: 0.1}, {ArticleID: 3, Score: 1}, {ArticleID: 999, Score: 1}})
	if len(got) != 2 || got[0].ArticleID != 1 || got[1].ArticleID != 2 {
		t.Fatalf("changed lists %+v, want articles 1 and 2", got)
	}
	wantA := []int64{100, 101, 102, 50, 103, 104} // 0.75 goes after 0.8; 0.5 drops
	if ids := relatedIDs(got[0].Related); !slices.Equal(ids, wantA) {
		t.Errorf("list of 1 = %v, want %v", ids, wantA)
	}
	if ids := relatedIDs(got[1].Related); !slices.Equal(ids, []int64{100, 50}) {
		t.Errorf("list of 2 = %v, want [100 50]", ids)
	}
	if full[3].ArticleID != 103 {
		t.Error("offer changed a list already handed out")
	}
	// A score that does not beat the worst, or an article already listed,
	// changes nothing.
	if got := m.offer(51, []store.Related{{ArticleID: 1, Score: 0.6}}); len(got) != 0 {
		t.Errorf("a tie with the worst entered: %+v", got)
	}
	if got := m.offer(50, []store.Related{{ArticleID: 2, Score: 2}}); len(got) != 0 {
		t.Errorf("an article listed twice: %+v", got)
	}
}

func relatedIDs(rs []store.Related) []int64 {
	var out []int64
	for _, r := range rs {
		out = append(out, r.ArticleID)
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
		m.add(story.StoryID(fmt.Sprint(i)), nil, int64(i), int64(i%7), 0, []store.Related{{ArticleID: 1, Score: 1}})
		if len(m.m) > 2*50 || len(m.lists) > 2*50*membersKept {
			t.Fatalf("after %d articles, %d stories and %d lists remembered; window 50", i+1, len(m.m), len(m.lists))
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
	rel, err := st.ListRelated(ctx, late.ID, 5)
	if err != nil || len(rel) == 0 {
		t.Fatalf("related after a restart: %v, %v; want articles of story %d", ids(rel), err, survivor)
	}
	for _, r := range rel {
		if r.StoryID != survivor {
			t.Errorf("related after a restart: %d of story %d, want story %d", r.ID, r.StoryID, survivor)
		}
	}
	// The late article entered the lists of the articles it lists, which
	// the restarted desk read back from the store: the first article's
	// stored list keeps the second, which entered it before the restart
	// (and is no longer shown: the merge put the two in one story).
	docs, err := st.RecentStoryDocs(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		if !slices.ContainsFunc(rel, func(r model.Article) bool { return r.ID == doc.ArticleID }) {
			continue
		}
		stored := relatedIDs(doc.Related)
		if !slices.Contains(stored, late.ID) || (doc.ArticleID == a.ID && !slices.Contains(stored, b.ID)) {
			t.Errorf("stored list of %d after the late article: %v; want %d (and %d for %d)", doc.ArticleID, stored, late.ID, b.ID, a.ID)
		}
	}
}
