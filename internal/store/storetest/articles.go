package storetest

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

var articleTests = []namedTest{
	{"upsert and get round-trip every field", testArticleRoundTrip},
	{"upsert twice keeps one article", testUpsertTwice},
	{"changed content updates in place", testUpsertChanged},
	{"missing article is not found", testArticleNotFound},
	{"upsert for a missing source fails", testUpsertMissingSource},
	{"list newest first with filters", testListArticles},
	{"list pagination totals", testListPagination},
	{"hidden article disappears everywhere and comes back", testHideEverywhere},
	{"lists carry summaries without the body", testListsAreSummaries},
	{"feed hash decides what changed", testFeedHash},
	{"an estimated published time survives updates", testPublishedEstimated},
}

func testFeedHash(t *testing.T, s store.Store) {
	src := addSource(t, s, "hashes")
	a := article(src, 1, "world", "Harbour vote", "Text from the feed.")
	if _, err := s.ArticleFeedHash(ctx(t), src, a.GUID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("ArticleFeedHash of a new item: %v, want ErrNotFound", err)
	}
	a.FeedHash = "feed-v1"
	id := upsert(t, s, a)
	if got, err := s.ArticleFeedHash(ctx(t), src, a.GUID); err != nil || got != "feed-v1" {
		t.Fatalf("ArticleFeedHash = %q, %v", got, err)
	}
	// Text filled from the page changes the stored fields, not the feed's hash.
	filled := a
	filled.ContentText = "The much longer text from the publisher's page."
	if res, err := s.UpsertArticle(ctx(t), filled); err != nil || res.Updated || res.Created || res.ID != id {
		t.Fatalf("same feed hash, other text: %+v, %v; want unchanged", res, err)
	}
	filled.FeedHash = "feed-v2"
	if res, err := s.UpsertArticle(ctx(t), filled); err != nil || !res.Updated {
		t.Fatalf("new feed hash: %+v, %v; want updated", res, err)
	}
	got, err := s.GetArticle(ctx(t), id)
	if err != nil || got.ContentText != filled.ContentText {
		t.Errorf("after update: %q, %v", got.ContentText, err)
	}
}

func testPublishedEstimated(t *testing.T, s store.Store) {
	src := addSource(t, s, "undated")
	a := article(src, 1, "world", "Undated", "first text")
	a.PublishedEstimated = true
	firstSeen := a.PublishedAt
	id := upsert(t, s, a)
	a.ContentText = "second text"
	a.PublishedAt = firstSeen.Add(3 * time.Hour) // the time of the later poll
	if res, err := s.UpsertArticle(ctx(t), a); err != nil || !res.Updated {
		t.Fatalf("update: %+v, %v", res, err)
	}
	got, err := s.GetArticle(ctx(t), id)
	if err != nil || !got.PublishedAt.Equal(firstSeen) || !got.PublishedEstimated {
		t.Errorf("published %s (estimated %v), %v; want the first-seen %s kept", got.PublishedAt, got.PublishedEstimated, err, firstSeen)
	}
	// Once the feed gives a real date, it wins.
	a.PublishedEstimated = false
	a.ContentText = "third text"
	dated := firstSeen.Add(-24 * time.Hour)
	a.PublishedAt = dated
	if _, err := s.UpsertArticle(ctx(t), a); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetArticle(ctx(t), id); !got.PublishedAt.Equal(dated) || got.PublishedEstimated {
		t.Errorf("dated update: published %s (estimated %v), want %s", got.PublishedAt, got.PublishedEstimated, dated)
	}
}

func testListsAreSummaries(t *testing.T, s store.Store) {
	src := addSource(t, s, "summaries")
	a := article(src, 1, "world", "Harbour summary", "The harbour body text.")
	a.Excerpt = "The harbour excerpt."
	a.ContentHTML = "<p>The harbour body text.</p>"
	id := upsert(t, s, a)
	if err := s.AddPick(ctx(t), model.Pick{ArticleID: id}); err != nil {
		t.Fatal(err)
	}
	page, err := s.ListArticles(ctx(t), store.ArticleQuery{Limit: 10})
	if err != nil || len(page.Articles) != 1 {
		t.Fatalf("ListArticles: %d articles, %v", len(page.Articles), err)
	}
	picks, err := s.ListPicks(ctx(t), base.Add(time.Hour), 10)
	if err != nil || len(picks) != 1 {
		t.Fatalf("ListPicks: %d articles, %v", len(picks), err)
	}
	hits, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: "harbour", Limit: 10})
	if err != nil || len(hits.Hits) != 1 {
		t.Fatalf("SearchArticles: %+v, %v", hits, err)
	}
	for what, got := range map[string]model.Article{"list": page.Articles[0], "pick": picks[0], "search hit": hits.Hits[0].Article} {
		if got.ContentHTML != "" || got.ContentText != "" {
			t.Errorf("%s carries the body", what)
		}
		if got.Title != a.Title || got.Excerpt != a.Excerpt || got.SourceName != "summaries" {
			t.Errorf("%s lacks summary fields: %+v", what, got)
		}
	}
	full, err := s.GetArticle(ctx(t), id)
	if err != nil || full.ContentText != a.ContentText || full.ContentHTML != a.ContentHTML {
		t.Errorf("GetArticle lost the body: %v", err)
	}
}

func testArticleRoundTrip(t *testing.T, s store.Store) {
	src := addSource(t, s, "round")
	full := article(src, 1, "science", "Comet seen", "A comet was seen.\n\nIt was bright.")
	full.Author = "Ada"
	full.UpdatedAt = base.Add(90 * time.Minute)
	full.ImageURL = "https://example.com/comet.jpg"
	full.Language = "en"
	full.Tags = []string{"space", "comets"}
	full.NoArchive = true
	full.ExtractError = "page answered 403"
	bare := model.Article{SourceID: src, GUID: "bare", Title: "No dates", Status: model.StatusPublished}
	for _, want := range []model.Article{full, bare} {
		res, err := s.UpsertArticle(ctx(t), want)
		if err != nil || !res.Created || res.Updated || res.ID == 0 {
			t.Fatalf("UpsertArticle(%s) = %+v, %v; want created", want.GUID, res, err)
		}
		got, err := s.GetArticle(ctx(t), res.ID)
		if err != nil {
			t.Fatalf("GetArticle: %v", err)
		}
		want.ID = res.ID
		want.SourceName, want.SourcePolicy, want.SourceSiteURL = "round", model.PolicyFull, "https://round.example"
		if !sameArticle(got, want) {
			t.Errorf("GetArticle(%d)\n got %+v\nwant %+v", res.ID, got, want)
		}
	}
}

// sameArticle compares articles with time.Equal and treats nil and empty
// tags alike.
func sameArticle(a, b model.Article) bool {
	times := func(x *model.Article) []time.Time {
		ts := []time.Time{x.PublishedAt, x.UpdatedAt, x.FetchedAt}
		x.PublishedAt, x.UpdatedAt, x.FetchedAt = time.Time{}, time.Time{}, time.Time{}
		if len(x.Tags) == 0 {
			x.Tags = nil
		}
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

func testUpsertTwice(t *testing.T, s store.Store) {
	src := addSource(t, s, "twice")
	a := article(src, 1, "world", "Same", "same text")
	first := upsert(t, s, a)
	res, err := s.UpsertArticle(ctx(t), a)
	if err != nil || res.ID != first || res.Created || res.Updated {
		t.Errorf("second upsert = %+v, %v; want ID %d, neither created nor updated", res, err, first)
	}
	page, err := s.ListArticles(ctx(t), store.ArticleQuery{Limit: 10})
	if err != nil || page.Total != 1 || len(page.Articles) != 1 {
		t.Errorf("ListArticles after two upserts: total %d, %d articles, %v; want 1", page.Total, len(page.Articles), err)
	}
}

func testUpsertChanged(t *testing.T, s store.Store) {
	src := addSource(t, s, "changed")
	a := article(src, 1, "world", "Draft headline", "old body about turnips")
	id := upsert(t, s, a)
	if err := s.SetArticleStatus(ctx(t), id, model.StatusHidden, "pending review"); err != nil {
		t.Fatal(err)
	}
	b := a
	b.Title = "Final headline"
	b.ContentText = "new body about parsnips"
	b.Excerpt = b.ContentText
	b.FetchedAt = a.FetchedAt.Add(time.Hour)
	b.Status = model.StatusPublished // must not undo the editor's hiding
	res, err := s.UpsertArticle(ctx(t), b)
	if err != nil || res.ID != id || res.Created || !res.Updated {
		t.Fatalf("changed upsert = %+v, %v; want ID %d updated", res, err, id)
	}
	got, err := s.GetArticle(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != b.Title || got.ContentText != b.ContentText {
		t.Errorf("content after update = %q / %q, want %q / %q", got.Title, got.ContentText, b.Title, b.ContentText)
	}
	if got.Status != model.StatusHidden || got.HiddenReason != "pending review" {
		t.Errorf("status after update = %q %q, want hidden, pending review", got.Status, got.HiddenReason)
	}
	if !got.FetchedAt.Equal(a.FetchedAt) {
		t.Errorf("FetchedAt after update = %v, want first fetch %v", got.FetchedAt, a.FetchedAt)
	}
	if err := s.SetArticleStatus(ctx(t), id, model.StatusPublished, ""); err != nil {
		t.Fatal(err)
	}
	// The index follows the new text, not the old.
	for text, want := range map[string]int{"parsnips": 1, "turnips": 0, "final": 1, "draft": 0} {
		r, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: text, Limit: 10})
		if err != nil || r.Total != want {
			t.Errorf("search %q after update: total %d, %v; want %d", text, r.Total, err, want)
		}
	}
}

func testArticleNotFound(t *testing.T, s store.Store) {
	_, err := s.GetArticle(ctx(t), 12345)
	wantErr(t, "GetArticle(12345)", err, store.ErrNotFound)
	err = s.SetArticleStatus(ctx(t), 12345, model.StatusHidden, "x")
	wantErr(t, "SetArticleStatus(12345)", err, store.ErrNotFound)
}

func testUpsertMissingSource(t *testing.T, s store.Store) {
	if _, err := s.UpsertArticle(ctx(t), article(777, 1, "world", "Orphan", "text")); err == nil {
		t.Error("UpsertArticle for a missing source succeeded, want an error")
	}
}

func testListArticles(t *testing.T, s store.Store) {
	a := addSource(t, s, "a")
	b := addSource(t, s, "b")
	// n sets the publish minute; two share minute 5 to check the ID tiebreak.
	pol1 := upsert(t, s, article(a, 1, "politics", "P1", "x"))
	sci5 := upsert(t, s, article(a, 5, "science", "S5", "x"))
	tie := article(b, 5, "politics", "P5b", "x")
	pol5 := upsert(t, s, tie)
	pol9 := upsert(t, s, article(b, 9, "politics", "P9", "x"))
	// pol9 is a syndicated copy of pol5: lists that hide copies leave it out.
	if err := s.SetArticleStory(ctx(t), pol9, store.Placement{StoryID: pol5, DuplicateOf: pol5}); err != nil {
		t.Fatalf("SetArticleStory: %v", err)
	}
	tests := []struct {
		name string
		q    store.ArticleQuery
		want []int64
	}{
		{"all", store.ArticleQuery{Limit: 10}, []int64{pol9, pol5, sci5, pol1}},
		{"section", store.ArticleQuery{Section: "politics", Limit: 10}, []int64{pol9, pol5, pol1}},
		{"source", store.ArticleQuery{SourceID: a, Limit: 10}, []int64{sci5, pol1}},
		{"section and source", store.ArticleQuery{Section: "politics", SourceID: b, Limit: 10}, []int64{pol9, pol5}},
		{"unknown section", store.ArticleQuery{Section: "sport", Limit: 10}, nil},
		{"copies hidden", store.ArticleQuery{HideCopies: true, Limit: 10}, []int64{pol5, sci5, pol1}},
		{"section, copies hidden", store.ArticleQuery{Section: "politics", HideCopies: true, Limit: 10}, []int64{pol5, pol1}},
		{"copies hidden, no total", store.ArticleQuery{HideCopies: true, SkipTotal: true, Limit: 2}, []int64{pol5, sci5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.ListArticles(ctx(t), tc.q)
			if err != nil {
				t.Fatalf("ListArticles: %v", err)
			}
			wantTotal := len(tc.want)
			if tc.q.SkipTotal {
				wantTotal = 0
			}
			if got := ids(page.Articles); !slices.Equal(got, tc.want) || page.Total != wantTotal {
				t.Errorf("ListArticles(%+v) = %v total %d, want %v total %d", tc.q, got, page.Total, tc.want, wantTotal)
			}
			for _, art := range page.Articles {
				if art.SourceName == "" || art.SourcePolicy == "" || art.SourceSiteURL == "" {
					t.Errorf("article %d: source fields not filled: %+v", art.ID, art)
				}
			}
		})
	}
}

func testListPagination(t *testing.T, s store.Store) {
	src := addSource(t, s, "pages")
	var want []int64
	for n := range 7 {
		want = append([]int64{upsert(t, s, article(src, n, "world", "T", "x"))}, want...)
	}
	var got []int64
	for off := 0; off < 9; off += 3 {
		page, err := s.ListArticles(ctx(t), store.ArticleQuery{Limit: 3, Offset: off})
		if err != nil {
			t.Fatalf("ListArticles(offset %d): %v", off, err)
		}
		if page.Total != 7 {
			t.Errorf("offset %d: Total = %d, want 7", off, page.Total)
		}
		if wantLen := min(3, 7-off); len(page.Articles) != wantLen {
			t.Errorf("offset %d: %d articles, want %d", off, len(page.Articles), wantLen)
		}
		got = append(got, ids(page.Articles)...)
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages joined = %v, want %v", got, want)
	}
	page, err := s.ListArticles(ctx(t), store.ArticleQuery{Limit: 3, Offset: 50})
	if err != nil || len(page.Articles) != 0 || page.Total != 7 {
		t.Errorf("past the end: %d articles, total %d, %v; want 0, 7", len(page.Articles), page.Total, err)
	}
}

func testHideEverywhere(t *testing.T, s store.Store) {
	src := addSource(t, s, "hide")
	target := upsert(t, s, article(src, 2, "world", "Glacier retreats", "the glacier melts fast"))
	upsert(t, s, article(src, 1, "world", "Glacier study", "scientists measure the glacier"))
	if err := s.AddPick(ctx(t), model.Pick{ArticleID: target, Position: 1}); err != nil {
		t.Fatal(err)
	}
	visible := func() map[string]bool {
		t.Helper()
		page, err1 := s.ListArticles(ctx(t), store.ArticleQuery{Limit: 10})
		sec, err2 := s.ListArticles(ctx(t), store.ArticleQuery{Section: "world", SourceID: src, Limit: 10})
		res, err3 := s.SearchArticles(ctx(t), store.SearchQuery{Text: "glacier", Limit: 10})
		picks, err4 := s.ListPicks(ctx(t), base, 10)
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				t.Fatal(err)
			}
		}
		return map[string]bool{
			"list":    slices.Contains(ids(page.Articles), target) && page.Total == 2,
			"section": slices.Contains(ids(sec.Articles), target) && sec.Total == 2,
			"search":  slices.Contains(hitIDs(res.Hits), target) && res.Total == 2,
			"picks":   slices.Contains(ids(picks), target),
		}
	}
	steps := []struct {
		status model.Status
		want   bool
	}{
		{model.StatusPublished, true},
		{model.StatusHidden, false},
		{model.StatusPublished, true},
	}
	for _, st := range steps {
		if err := s.SetArticleStatus(ctx(t), target, st.status, "reason"); err != nil {
			t.Fatalf("SetArticleStatus(%s): %v", st.status, err)
		}
		for where, shown := range visible() {
			if shown != st.want {
				t.Errorf("status %s: shown in %s = %v, want %v", st.status, where, shown, st.want)
			}
		}
	}
	if a, err := s.GetArticle(ctx(t), target); err != nil || a.Status != model.StatusPublished {
		t.Errorf("GetArticle after restore = %q, %v", a.Status, err)
	}
}
