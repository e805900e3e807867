package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

var storyTests = []namedTest{
	{"stories group articles and rank by sources", testStories},
	{"copies and signatures", testCopiesAndSignatures},
	{"a new article is placed in its own transaction", testUpsertPlaced},
	{"related lists: the article's and its neighbours', bounded, published only", testRelatedLists},
	{"a placement replaces the article's related list", testRelatedReplaced},
	{"merged stories move their articles and leave an alias", testMergeStories},
}

func testUpsertPlaced(t *testing.T, s store.Store) {
	src := addSource(t, s, "placed")
	calls := 0
	place := func(id int64) store.Placement {
		calls++
		return store.Placement{StoryID: id, Signature: []byte{7}}
	}
	a := article(src, 1, "world", "Placed", "text")
	res, err := s.UpsertPlacedArticle(ctx(t), a, place)
	if err != nil || !res.Created || calls != 1 {
		t.Fatalf("first upsert: %+v, %v, %d calls", res, err, calls)
	}
	got, err := s.GetArticle(ctx(t), res.ID)
	if err != nil || got.StoryID != res.ID {
		t.Errorf("story %d, %v; want %d", got.StoryID, err, res.ID)
	}
	a.ContentText = "changed text"
	if _, err := s.UpsertPlacedArticle(ctx(t), a, place); err != nil || calls != 1 {
		t.Errorf("an update placed the article again: %v, %d calls", err, calls)
	}
	docs, err := s.RecentStoryDocs(ctx(t), 1)
	if err != nil || len(docs) != 1 || string(docs[0].Signature) != "\x07" {
		t.Errorf("signature not stored with the article: %+v, %v", docs, err)
	}
}

func testStories(t *testing.T, s store.Store) {
	a, b, c := addSource(t, s, "alpha"), addSource(t, s, "beta"), addSource(t, s, "gamma")
	at := func(src int64, n int, title string, hours int) int64 {
		art := article(src, n, "world", title, title+" text")
		art.PublishedAt = base.Add(time.Duration(hours) * time.Hour)
		return upsert(t, s, art)
	}
	// Story one: three outlets; story two: one outlet, but newer.
	s1a, s1b, s1c := at(a, 1, "Ferry strike begins", 1), at(b, 2, "Ferry workers walk out", 2), at(c, 3, "Strike stops ferries", 3)
	s2 := at(a, 4, "Council elects mayor", 5)
	for _, id := range []int64{s1a, s1b, s1c} {
		if err := s.SetArticleStory(ctx(t), id, store.Placement{StoryID: s1a}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetArticleStory(ctx(t), s2, store.Placement{StoryID: s2}); err != nil {
		t.Fatal(err)
	}
	top, err := s.TopStories(ctx(t), base, 10)
	if err != nil || len(top) != 2 {
		t.Fatalf("TopStories: %d stories, %v", len(top), err)
	}
	if top[0].ID != s1a || top[0].Sources != 3 || top[0].Articles != 3 || top[1].ID != s2 {
		t.Errorf("ranking: %+v", top)
	}
	if top[0].Lead.ID != s1c {
		t.Errorf("lead of story one is %d, want the newest %d", top[0].Lead.ID, s1c)
	}
	arts, err := s.StoryArticles(ctx(t), s1a)
	if err != nil || len(arts) != 3 || arts[0].ID != s1a || arts[2].ID != s1c || arts[1].StoryID != s1a {
		t.Errorf("StoryArticles: %d, %v", len(arts), err)
	}
	if _, err := s.StoryArticles(ctx(t), 999999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a missing story: %v", err)
	}
	// A hidden article leaves its story.
	if err := s.SetArticleStatus(ctx(t), s1b, model.StatusHidden, "test"); err != nil {
		t.Fatal(err)
	}
	if arts, _ := s.StoryArticles(ctx(t), s1a); len(arts) != 2 {
		t.Errorf("story lists a hidden article: %d articles", len(arts))
	}
	if err := s.SetArticleStory(ctx(t), 999999, store.Placement{StoryID: 1}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("story of a missing article: %v", err)
	}
}

func testCopiesAndSignatures(t *testing.T, s store.Store) {
	a, b := addSource(t, s, "origin"), addSource(t, s, "wire")
	orig := upsert(t, s, article(a, 1, "world", "Original", "the text"))
	cp := upsert(t, s, article(b, 2, "world", "Copy", "the text, again"))
	sig := []byte{1, 2, 3, 4}
	if err := s.SetArticleStory(ctx(t), orig, store.Placement{StoryID: orig, Signature: sig}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArticleStory(ctx(t), cp, store.Placement{StoryID: orig, DuplicateOf: orig, Signature: []byte{9}}); err != nil {
		t.Fatal(err)
	}
	copies, err := s.Copies(ctx(t), orig)
	if err != nil || len(copies) != 1 || copies[0].ID != cp || copies[0].DuplicateOf != orig || copies[0].SourceName != "wire" {
		t.Errorf("Copies: %+v, %v", copies, err)
	}
	docs, err := s.RecentStoryDocs(ctx(t), 10)
	if err != nil || len(docs) != 2 {
		t.Fatalf("RecentStoryDocs: %d, %v", len(docs), err)
	}
	if docs[0].ArticleID != orig || string(docs[0].Signature) != string(sig) || docs[0].StoryID != orig || docs[0].Title != "Original" {
		t.Errorf("first recent doc: %+v", docs[0])
	}
	if docs, _ := s.RecentStoryDocs(ctx(t), 1); len(docs) != 1 || docs[0].ArticleID != cp {
		t.Errorf("the newest one: %+v", docs)
	}
	// Walking the history a page at a time visits each article once.
	first, err := s.StoryDocsFrom(ctx(t), time.Time{}, 0, 1)
	if err != nil || len(first) != 1 || first[0].ArticleID != orig || first[0].Text != "the text" {
		t.Fatalf("first page: %+v, %v", first, err)
	}
	next, err := s.StoryDocsFrom(ctx(t), first[0].PublishedAt, first[0].ArticleID, 10)
	if err != nil || len(next) != 1 || next[0].ArticleID != cp {
		t.Errorf("second page: %+v, %v", next, err)
	}
}
