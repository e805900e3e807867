package storetest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// placeNew stores a new article with the given placement (its StoryID, when
// 0, is the article's own ID).
func placeNew(t *testing.T, s store.Store, a model.Article, p store.Placement) int64 {
	t.Helper()
	return placeWith(t, s, a, func(int64) store.Placement { return p })
}

// placeWith stores a new article placed by place.
func placeWith(t *testing.T, s store.Store, a model.Article, place func(id int64) store.Placement) int64 {
	t.Helper()
	res, err := s.UpsertPlacedArticle(ctx(t), a, func(id int64) store.Placement {
		p := place(id)
		if p.StoryID == 0 {
			p.StoryID = id
		}
		return p
	})
	if err != nil || !res.Created {
		t.Fatalf("UpsertPlacedArticle(%s) = %+v, %v", a.GUID, res, err)
	}
	return res.ID
}

func relatedIDs(t *testing.T, s store.Store, id int64, limit int) []int64 {
	t.Helper()
	got, err := s.ListRelated(ctx(t), id, limit)
	if err != nil {
		t.Fatalf("ListRelated(%d): %v", id, err)
	}
	for _, a := range got {
		if a.ContentText != "" || a.ContentHTML != "" || a.SourceName == "" {
			t.Errorf("related article %d is not a summary with its source: %+v", a.ID, a)
		}
	}
	return ids(got)
}

func testRelatedLists(t *testing.T, s store.Store) {
	a, b := addSource(t, s, "alpha"), addSource(t, s, "beta")
	x := upsert(t, s, article(a, 1, "world", "Dam opens", "x"))
	y := upsert(t, s, article(b, 2, "world", "River floods", "y"))
	z := upsert(t, s, article(b, 3, "world", "Valley dries", "z"))
	n := placeWith(t, s, article(a, 4, "world", "Valley drained", "n"), func(n int64) store.Placement {
		return store.Placement{
			Related: []store.Related{
				{ArticleID: x, Score: 0.9}, {ArticleID: y, Score: 0.5},
				{ArticleID: 999999, Score: 0.4}, // gone: skipped, not an error
				{ArticleID: y, Score: 0.1},      // repeated: the first counts
				{ArticleID: 0, Score: 1},
				{ArticleID: z, Score: 0.2},
			},
			Neighbours: []store.RelatedList{
				{ArticleID: x, Related: []store.Related{{ArticleID: n, Score: 0.9}}},
				{ArticleID: y, Related: []store.Related{{ArticleID: z, Score: 0.8}, {ArticleID: n, Score: 0.5}}},
				{ArticleID: 999999, Related: []store.Related{{ArticleID: n, Score: 0.4}}}, // gone
			}}
	})
	if got := relatedIDs(t, s, n, 10); fmt.Sprint(got) != fmt.Sprint([]int64{x, y, z}) {
		t.Errorf("list of the new article = %v, want [%d %d %d] (as given)", got, x, y, z)
	}
	if got := relatedIDs(t, s, n, 1); fmt.Sprint(got) != fmt.Sprint([]int64{x}) {
		t.Errorf("limit 1 = %v", got)
	}
	if got := relatedIDs(t, s, x, 10); fmt.Sprint(got) != fmt.Sprint([]int64{n}) {
		t.Errorf("neighbour %d's list = %v, want [%d]", x, got, n)
	}
	if got := relatedIDs(t, s, y, 10); fmt.Sprint(got) != fmt.Sprint([]int64{z, n}) {
		t.Errorf("neighbour %d's list = %v, want [%d %d]", y, got, z, n)
	}
	docs, err := s.RecentStoryDocs(ctx(t), 10)
	if err != nil || len(docs) != 4 || docs[3].ArticleID != n {
		t.Fatalf("RecentStoryDocs: %+v, %v", docs, err)
	}
	if got := docs[3].Related; len(got) != 4 || got[0] != (store.Related{ArticleID: x, Score: 0.9}) || got[1].ArticleID != y {
		t.Errorf("stored list read back for the story desk: %+v", got)
	}

	// A list keeps MaxRelated entries.
	var long []store.Related
	for i := range store.MaxRelated + 3 {
		id := upsert(t, s, article(b, 10+i, "world", fmt.Sprintf("Flood %d", i), "f"))
		long = append(long, store.Related{ArticleID: id, Score: 1})
	}
	w := placeNew(t, s, article(a, 30, "world", "Long list", "w"), store.Placement{Related: long})
	if got := relatedIDs(t, s, w, 100); len(got) != store.MaxRelated || got[0] != long[0].ArticleID {
		t.Errorf("a list of %d kept %v, want the first %d", len(long), got, store.MaxRelated)
	}

	// Hidden articles are never listed; restored, they are again.
	if err := s.SetArticleStatus(ctx(t), x, model.StatusHidden, "test"); err != nil {
		t.Fatal(err)
	}
	if got := relatedIDs(t, s, n, 10); fmt.Sprint(got) != fmt.Sprint([]int64{y, z}) {
		t.Errorf("with %d hidden, the list is %v", x, got)
	}
	if err := s.SetArticleStatus(ctx(t), x, model.StatusPublished, ""); err != nil {
		t.Fatal(err)
	}
	if got := relatedIDs(t, s, n, 1); len(got) != 1 || got[0] != x {
		t.Errorf("restored article missing: %v", got)
	}

	// An entry that joined the article's story since (a merge) is left out.
	if err := s.SetArticleStory(ctx(t), z, store.Placement{StoryID: n}); err != nil {
		t.Fatal(err)
	}
	if got := relatedIDs(t, s, n, 10); fmt.Sprint(got) != fmt.Sprint([]int64{x, y}) {
		t.Errorf("with %d in the article's story, the list is %v", z, got)
	}

	// A removed source takes its articles out of every list, and their
	// own lists with them.
	if err := s.RemoveSource(ctx(t), b); err != nil {
		t.Fatal(err)
	}
	if got := relatedIDs(t, s, n, 100); fmt.Sprint(got) != fmt.Sprint([]int64{x}) {
		t.Errorf("after removing beta, %d lists %v, want [%d]", n, got, x)
	}
	if got := relatedIDs(t, s, y, 10); len(got) != 0 {
		t.Errorf("a removed article has related articles: %v", got)
	}
}

func testRelatedReplaced(t *testing.T, s store.Store) {
	src := addSource(t, s, "replace")
	x := upsert(t, s, article(src, 1, "world", "One", "x"))
	y := upsert(t, s, article(src, 2, "world", "Two", "y"))
	z := upsert(t, s, article(src, 3, "world", "Three", "z"))
	if err := s.SetArticleStory(ctx(t), z, store.Placement{StoryID: z, Related: []store.Related{{ArticleID: x, Score: 1}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArticleStory(ctx(t), z, store.Placement{StoryID: z, Related: []store.Related{{ArticleID: y, Score: 1}}}); err != nil {
		t.Fatal(err)
	}
	if got := relatedIDs(t, s, z, 10); fmt.Sprint(got) != fmt.Sprint([]int64{y}) {
		t.Errorf("placed again, %d lists %v, want only [%d]", z, got, y)
	}
	if err := s.SetArticleStory(ctx(t), z, store.Placement{StoryID: z}); err != nil {
		t.Fatal(err)
	}
	if got := relatedIDs(t, s, z, 10); len(got) != 0 {
		t.Errorf("placed with no list, %d lists %v", z, got)
	}
}

func testMergeStories(t *testing.T, s store.Store) {
	a, b := addSource(t, s, "alpha"), addSource(t, s, "beta")
	inStory := func(src int64, n int, story int64) int64 {
		return placeNew(t, s, article(src, n, "world", fmt.Sprintf("Report %d", n), "text"), store.Placement{StoryID: story})
	}
	one := inStory(a, 1, 0)
	inStory(b, 2, one)
	two := inStory(b, 3, 0)
	inStory(a, 4, two)
	three := inStory(a, 5, 0)

	// The article that joins story one absorbs story two.
	joiner := placeNew(t, s, article(b, 6, "world", "Report 6", "text"), store.Placement{StoryID: one, Merged: []int64{two}})
	arts, err := s.StoryArticles(ctx(t), one)
	if err != nil || len(arts) != 5 || arts[len(arts)-1].ID != joiner {
		t.Fatalf("story %d after the merge: %v, %v; want 5 articles", one, ids(arts), err)
	}
	for _, x := range arts {
		if x.StoryID != one {
			t.Errorf("article %d still in story %d", x.ID, x.StoryID)
		}
	}
	if _, err := s.StoryArticles(ctx(t), two); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("absorbed story %d still has articles: %v", two, err)
	}
	wantAlias := func(old, want int64) {
		t.Helper()
		got, err := s.StoryAlias(ctx(t), old)
		if want == 0 {
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("StoryAlias(%d) = %d, %v; want not found", old, got, err)
			}
			return
		}
		if err != nil || got != want {
			t.Errorf("StoryAlias(%d) = %d, %v; want %d", old, got, err, want)
		}
	}
	wantAlias(two, one)
	wantAlias(one, 0)
	top, err := s.TopStories(ctx(t), base, 10)
	if err != nil || len(top) != 2 || top[0].ID != one || top[0].Articles != 5 || top[0].Sources != 2 {
		t.Errorf("TopStories after the merge: %+v, %v", top, err)
	}

	// Story three absorbs story one: every alias names three, in one step.
	placeNew(t, s, article(a, 7, "world", "Report 7", "text"), store.Placement{StoryID: three, Merged: []int64{one}})
	wantAlias(one, three)
	wantAlias(two, three)
	if arts, err := s.StoryArticles(ctx(t), three); err != nil || len(arts) != 7 {
		t.Errorf("story %d: %d articles, %v; want 7", three, len(arts), err)
	}
	// A story ID in use again (a rebuild may revive it) is no alias.
	placeNew(t, s, article(a, 8, "world", "Report 8", "text"), store.Placement{StoryID: one, Merged: []int64{three}})
	wantAlias(one, 0)
	wantAlias(two, one)
	wantAlias(three, one)
	// Merging a story into itself, or story 0, changes nothing.
	placeNew(t, s, article(a, 9, "world", "Report 9", "text"), store.Placement{StoryID: one, Merged: []int64{one, 0}})
	if arts, err := s.StoryArticles(ctx(t), one); err != nil || len(arts) != 9 {
		t.Errorf("story %d: %d articles, %v; want 9", one, len(arts), err)
	}
	wantAlias(one, 0)
}
