package storetest

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

var sourceTests = []namedTest{
	{"add and get round-trips every field", testSourceRoundTrip},
	{"duplicate feed URL conflicts", testSourceConflict},
	{"missing source is not found", testSourceNotFound},
	{"list by ID with article counts", testListSources},
	{"remove cascades to articles, search and picks", testRemoveSource},
	{"due sources most overdue first", testDueSources},
	{"save poll state", testSavePollState},
}

func testSourceRoundTrip(t *testing.T, s store.Store) {
	cases := []model.Source{
		{
			Name: "Full", SiteURL: "https://full.example", FeedURL: "https://full.example/rss",
			Section: "politics", Policy: model.PolicyFull, LicenseName: "CC BY 4.0",
			LicenseURL: "https://creativecommons.org/licenses/by/4.0/",
			CreatedAt:  base.Add(-time.Hour),
			Poll: model.PollState{
				ETag: `"abc"`, LastModified: "Sat, 01 Mar 2025 11:00:00 GMT",
				NextCheckAt: base.Add(15 * time.Minute), LastCheckAt: base.Add(123456789),
				LastSuccessAt: base, ErrorCount: 2, LastError: "timeout",
				FailingSince: base.Add(-time.Hour), Interval: 42 * time.Minute, ItemsPerDay: 12.5,
				Paused: true, PauseReason: "gone", RedirectURL: "https://full.example/new", RedirectCount: 2,
			},
		},
		// Zero poll times must come back zero, not 1970.
		{Name: "Bare", FeedURL: "https://bare.example/feed", Policy: model.PolicyLink, CreatedAt: base},
	}
	for _, want := range cases {
		id, err := s.AddSource(ctx(t), want)
		if err != nil {
			t.Fatalf("AddSource(%s): %v", want.Name, err)
		}
		got, err := s.GetSource(ctx(t), id)
		if err != nil {
			t.Fatalf("GetSource(%d): %v", id, err)
		}
		want.ID = id
		if !sameSource(got, want) {
			t.Errorf("GetSource(%d)\n got %+v\nwant %+v", id, got, want)
		}
	}
}

// sameSource compares sources with time.Equal, since stores may return
// times in another location.
func sameSource(a, b model.Source) bool {
	times := func(s *model.Source) []time.Time {
		ts := []time.Time{s.CreatedAt, s.Poll.NextCheckAt, s.Poll.LastCheckAt, s.Poll.LastSuccessAt, s.Poll.FailingSince}
		s.CreatedAt, s.Poll.NextCheckAt, s.Poll.LastCheckAt, s.Poll.LastSuccessAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		s.Poll.FailingSince = time.Time{}
		return ts
	}
	ta, tb := times(&a), times(&b)
	for i := range ta {
		if !ta[i].Equal(tb[i]) || ta[i].IsZero() != tb[i].IsZero() {
			return false
		}
	}
	return reflect.DeepEqual(a, b)
}

func testSourceConflict(t *testing.T, s store.Store) {
	addSource(t, s, "dup")
	_, err := s.AddSource(ctx(t), model.Source{Name: "again", FeedURL: "https://dup.example/feed.xml"})
	wantErr(t, "second AddSource", err, store.ErrConflict)
}

func testSourceNotFound(t *testing.T, s store.Store) {
	_, err := s.GetSource(ctx(t), 999)
	wantErr(t, "GetSource(999)", err, store.ErrNotFound)
	wantErr(t, "RemoveSource(999)", s.RemoveSource(ctx(t), 999), store.ErrNotFound)
	wantErr(t, "SavePollState(999)", s.SavePollState(ctx(t), 999, model.PollState{}), store.ErrNotFound)
}

func testListSources(t *testing.T, s store.Store) {
	a := addSource(t, s, "alpha")
	b := addSource(t, s, "beta")
	for n := range 3 {
		upsert(t, s, article(b, n, "world", "Beta story", "text"))
	}
	hidden := upsert(t, s, article(b, 9, "world", "Hidden", "text"))
	if err := s.SetArticleStatus(ctx(t), hidden, model.StatusHidden, "spam"); err != nil {
		t.Fatal(err)
	}
	srcs, err := s.ListSources(ctx(t))
	if err != nil {
		t.Fatalf("ListSources: %v", err)
	}
	var got [][2]int64
	for _, src := range srcs {
		got = append(got, [2]int64{src.ID, int64(src.ArticleCount)})
	}
	// ArticleCount counts every article the source holds, hidden included.
	want := [][2]int64{{a, 0}, {b, 4}}
	if !slices.Equal(got, want) {
		t.Errorf("ListSources (id, count) = %v, want %v", got, want)
	}
}

func testRemoveSource(t *testing.T, s store.Store) {
	gone := addSource(t, s, "gone")
	kept := addSource(t, s, "kept")
	g1 := upsert(t, s, article(gone, 1, "world", "Volcano erupts", "lava flows"))
	k1 := upsert(t, s, article(kept, 2, "world", "Volcano calms", "lava cools"))
	for i, id := range []int64{g1, k1} {
		if err := s.AddPick(ctx(t), model.Pick{ArticleID: id, Position: i}); err != nil {
			t.Fatalf("AddPick(%d): %v", id, err)
		}
	}
	if err := s.RemoveSource(ctx(t), gone); err != nil {
		t.Fatalf("RemoveSource: %v", err)
	}
	_, err := s.GetSource(ctx(t), gone)
	wantErr(t, "GetSource after remove", err, store.ErrNotFound)
	_, err = s.GetArticle(ctx(t), g1)
	wantErr(t, "GetArticle of removed source", err, store.ErrNotFound)
	page, err := s.ListArticles(ctx(t), store.ArticleQuery{Limit: 10})
	if err != nil || page.Total != 1 || !slices.Equal(ids(page.Articles), []int64{k1}) {
		t.Errorf("ListArticles after remove = %v total %d (%v), want [%d]", ids(page.Articles), page.Total, err, k1)
	}
	res, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: "volcano", Limit: 10})
	if err != nil || res.Total != 1 || !slices.Equal(hitIDs(res.Hits), []int64{k1}) {
		t.Errorf("search after remove = %v total %d (%v), want [%d]", hitIDs(res.Hits), res.Total, err, k1)
	}
	picks, err := s.ListPicks(ctx(t), base, 10)
	if err != nil || !slices.Equal(ids(picks), []int64{k1}) {
		t.Errorf("ListPicks after remove = %v (%v), want [%d]", ids(picks), err, k1)
	}
	// The GUID is free again for a re-added source.
	again := addSource(t, s, "gone")
	if res, err := s.UpsertArticle(ctx(t), article(again, 1, "world", "Volcano erupts", "lava flows")); err != nil || !res.Created {
		t.Errorf("re-add article after remove = %+v, %v; want created", res, err)
	}
}

func testDueSources(t *testing.T, s store.Store) {
	next := map[string]time.Duration{"late": -2 * time.Hour, "now": 0, "later": -time.Hour, "future": time.Minute, "paused": -3 * time.Hour}
	idOf := map[string]int64{}
	for _, name := range []string{"late", "now", "later", "future", "paused"} {
		id := addSource(t, s, name)
		idOf[name] = id
		// A paused source is never due, however overdue.
		state := model.PollState{NextCheckAt: base.Add(next[name]), Paused: name == "paused"}
		if err := s.SavePollState(ctx(t), id, state); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		limit int
		want  []string
	}{
		{10, []string{"late", "later", "now"}},
		{2, []string{"late", "later"}},
	}
	for _, tc := range tests {
		srcs, err := s.DueSources(ctx(t), base, tc.limit)
		if err != nil {
			t.Fatalf("DueSources: %v", err)
		}
		var want []int64
		for _, name := range tc.want {
			want = append(want, idOf[name])
		}
		if got := sourceIDs(srcs); !slices.Equal(got, want) {
			t.Errorf("DueSources(limit %d) = %v, want %v %v", tc.limit, got, tc.want, want)
		}
	}
}

func sourceIDs(srcs []model.Source) []int64 {
	out := make([]int64, len(srcs))
	for i, s := range srcs {
		out[i] = s.ID
	}
	return out
}

func testSavePollState(t *testing.T, s store.Store) {
	id := addSource(t, s, "polled")
	states := []model.PollState{
		{ETag: `W/"1"`, LastModified: "x", NextCheckAt: base.Add(time.Hour), LastCheckAt: base,
			LastSuccessAt: base, ErrorCount: 0},
		// A failure keeps the last success and clears nothing else it was not told to.
		{ETag: `W/"1"`, NextCheckAt: base.Add(2 * time.Hour), LastCheckAt: base.Add(time.Hour),
			LastSuccessAt: base, ErrorCount: 1, LastError: "HTTP 503"},
		{NextCheckAt: base.Add(3 * time.Hour), LastCheckAt: base.Add(2 * time.Hour), LastSuccessAt: base,
			ErrorCount: 2, LastError: "gone", FailingSince: base.Add(time.Hour), Interval: time.Hour,
			ItemsPerDay: 3.25, Paused: true, PauseReason: "the publisher says the feed is gone (410)",
			RedirectURL: "https://polled.example/new.xml", RedirectCount: 1},
	}
	for i, st := range states {
		if err := s.SavePollState(ctx(t), id, st); err != nil {
			t.Fatalf("SavePollState #%d: %v", i, err)
		}
		got, err := s.GetSource(ctx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		want := got
		want.Poll = st
		if !sameSource(got, want) {
			t.Errorf("poll state #%d = %+v, want %+v", i, got.Poll, st)
		}
	}
}
