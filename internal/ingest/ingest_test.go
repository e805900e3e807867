package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

type harness struct {
	st *sqlite.Store
	in *ingest.Ingester
}

func newHarness(t *testing.T, fetchTimeout time.Duration) harness {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ingest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	client := fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1, Timeout: fetchTimeout})
	in := ingest.New(st, ingest.Options{
		Fetcher:      client,
		Sections:     config.DefaultSections(),
		PollInterval: time.Minute,
		MaxBackoff:   time.Hour,
		Workers:      3,
		ReadPages:    true,
		Stories:      true,
	})
	return harness{st: st, in: in}
}

func (h harness) addSource(t *testing.T, name, feedURL, section string) model.Source {
	t.Helper()
	src := model.Source{Name: name, FeedURL: feedURL, Section: section, Policy: model.PolicyFull,
		Poll: model.PollState{NextCheckAt: time.Now()}}
	id, err := h.st.AddSource(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	src.ID = id
	return src
}

func startDemo(t *testing.T) *demo.Network {
	t.Helper()
	n, err := demo.Start(context.Background(), demo.Options{ReleaseEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

func (h harness) addDemoSources(t *testing.T, n *demo.Network) {
	for _, p := range n.Publishers() {
		h.addSource(t, p.Name, p.FeedURL, p.Section)
	}
}

func (h harness) allSources(t *testing.T) []model.Source {
	t.Helper()
	sources, err := h.st.ListSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sources
}

func (h harness) totalArticles(t *testing.T) int {
	t.Helper()
	page, err := h.st.ListArticles(context.Background(), store.ArticleQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

func sumReports(reports []ingest.Report) (created, updated, unchanged, failed int) {
	for _, r := range reports {
		created += r.Created
		updated += r.Updated
		unchanged += r.Unchanged
		if r.Err != nil {
			failed++
		}
	}
	return
}

func TestDemoNetworkIngestedTwiceHasNoDuplicates(t *testing.T) {
	ctx := context.Background()
	n := startDemo(t)
	h := newHarness(t, 10*time.Second)
	h.addDemoSources(t, n)

	created, _, _, failed := sumReports(h.in.RefreshAll(ctx, h.allSources(t), nil))
	if failed > 0 || created < 80 {
		t.Fatalf("first pass: created %d, failed %d; want at least 80 and none failed", created, failed)
	}
	if got := h.totalArticles(t); got != created {
		t.Fatalf("store holds %d articles after creating %d", got, created)
	}

	// A second poll is conditional: the feeds answer 304.
	for _, r := range h.in.RefreshAll(ctx, h.allSources(t), nil) {
		if !r.NotModified {
			t.Errorf("%s: second poll was not answered 304: %s", r.SourceName, r)
		}
	}

	// Forget the validators so the feeds are read and stored again in full.
	for _, src := range h.allSources(t) {
		state := src.Poll
		state.ETag, state.LastModified = "", ""
		if err := h.st.SavePollState(ctx, src.ID, state); err != nil {
			t.Fatal(err)
		}
	}
	created2, updated2, unchanged2, failed2 := sumReports(h.in.RefreshAll(ctx, h.allSources(t), nil))
	if created2 != 0 || updated2 != 0 || failed2 != 0 || unchanged2 != created {
		t.Fatalf("full re-read: created %d updated %d unchanged %d failed %d; want 0/0/%d/0", created2, updated2, unchanged2, failed2, created)
	}
	if got := h.totalArticles(t); got != created {
		t.Fatalf("store holds %d articles after a second read, want %d", got, created)
	}

	// New articles released by the network arrive on the next poll.
	n.Release(3)
	created3, _, _, _ := sumReports(h.in.RefreshAll(ctx, h.allSources(t), nil))
	if created3 != 3 {
		t.Fatalf("after releasing 3 articles, the next pass created %d", created3)
	}
}

func TestBrokenSourcesDoNotStopTheOthers(t *testing.T) {
	ctx := context.Background()
	n := startDemo(t)
	h := newHarness(t, 500*time.Millisecond)
	h.addDemoSources(t, n)

	broken := map[string]http.HandlerFunc{
		"malformed": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>x</title><item><title>unclosed`)
		},
		"html page": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!doctype html><html><head><title>Home</title></head><body><p>Hello</p></body></html>`)
		},
		"server error": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) },
		"times out": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		},
		"empty 200": func(w http.ResponseWriter, r *http.Request) {},
	}
	for name, handler := range broken {
		srv := httptest.NewServer(handler)
		t.Cleanup(srv.Close)
		h.addSource(t, name, srv.URL+"/feed", "world")
	}

	start := time.Now()
	reports := h.in.RefreshAll(ctx, h.allSources(t), nil)
	_, _, _, failed := sumReports(reports)
	if failed != len(broken) {
		for _, r := range reports {
			t.Log(r)
		}
		t.Fatalf("%d sources failed, want exactly the %d broken ones", failed, len(broken))
	}
	for _, r := range reports {
		if _, isBroken := broken[r.SourceName]; !isBroken && r.Created == 0 {
			t.Errorf("healthy source %s stored nothing: %s", r.SourceName, r)
		}
	}
	for _, src := range h.allSources(t) {
		if _, isBroken := broken[src.Name]; !isBroken {
			if src.Poll.LastError != "" || src.ArticleCount == 0 {
				t.Errorf("healthy %s: last error %q, %d articles", src.Name, src.Poll.LastError, src.ArticleCount)
			}
			continue
		}
		if src.Poll.LastError == "" || src.Poll.ErrorCount != 1 || !src.Poll.NextCheckAt.After(start) {
			t.Errorf("broken %s: error %q, count %d, next check %s: want the error recorded and a later check",
				src.Name, src.Poll.LastError, src.Poll.ErrorCount, src.Poll.NextCheckAt)
		}
		if strings.Contains(src.Poll.LastError, "\n") {
			t.Errorf("broken %s: error is not one line: %q", src.Name, src.Poll.LastError)
		}
	}
}

func TestUpdatedItemUpdatesItsArticle(t *testing.T) {
	ctx := context.Background()
	var version atomic.Int32
	version.Store(1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Changing</title><link>http://x.example/</link>
<item><title>Council vote, version %[1]d</title><link>http://x.example/a?utm_source=feed</link><guid>a-1</guid>
<description>Text of version %[1]d of the story about the council vote.</description><category>Elections</category></item>
<item><title>Untouched</title><link>http://x.example/b</link><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate><description>Stays the same.</description></item>
</channel></rss>`, version.Load())
	}))
	t.Cleanup(srv.Close)
	h := newHarness(t, 5*time.Second)
	src := h.addSource(t, "Changing", srv.URL, "world")

	first := h.in.Refresh(ctx, src)
	if first.Err != nil || first.Created != 2 {
		t.Fatalf("first refresh: %s", first)
	}
	version.Store(2)
	second := h.in.Refresh(ctx, src)
	if second.Err != nil || second.Created != 0 || second.Updated != 1 || second.Unchanged != 1 {
		t.Fatalf("second refresh: %s; want 0 new, 1 updated, 1 unchanged", second)
	}
	page, err := h.st.ListArticles(ctx, store.ArticleQuery{Section: "politics", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 {
		t.Fatalf("politics holds %d articles; the item's category Elections should file it there", page.Total)
	}
	a, err := h.st.GetArticle(ctx, page.Articles[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Council vote, version 2" || !strings.Contains(a.ContentText, "version 2") {
		t.Errorf("article not updated: %q / %q", a.Title, a.ContentText)
	}
	if a.CanonicalURL != "http://x.example/a" {
		t.Errorf("canonical URL %q keeps tracking parameters", a.CanonicalURL)
	}
}

func TestUndatedItemKeepsItsFirstSeenTime(t *testing.T) {
	ctx := context.Background()
	var text atomic.Value
	text.Store("First words.")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Undated</title>
<item><title>No date here</title><link>http://u.example/a</link><description>%s</description></item></channel></rss>`, text.Load())
	}))
	t.Cleanup(srv.Close)
	clock := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "undated.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	in := ingest.New(st, ingest.Options{
		Fetcher:  fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1}),
		Sections: config.DefaultSections(), PollInterval: time.Minute,
		Now: func() time.Time { return clock },
	})
	id, err := st.AddSource(ctx, model.Source{Name: "Undated", FeedURL: srv.URL, Section: "world"})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := st.GetSource(ctx, id)
	if rep := in.Refresh(ctx, src); rep.Created != 1 {
		t.Fatalf("first refresh: %s", rep)
	}
	firstSeen := clock
	clock = clock.Add(2 * time.Hour)
	src, _ = st.GetSource(ctx, id)
	if rep := in.Refresh(ctx, src); rep.Unchanged != 1 {
		t.Fatalf("a later poll of the same undated item: %s; want it unchanged", rep)
	}
	text.Store("Corrected words.")
	clock = clock.Add(2 * time.Hour)
	src, _ = st.GetSource(ctx, id)
	if rep := in.Refresh(ctx, src); rep.Updated != 1 {
		t.Fatalf("after the text changed: %s; want it updated", rep)
	}
	page, err := st.ListArticles(ctx, store.ArticleQuery{Limit: 1})
	if err != nil || len(page.Articles) != 1 {
		t.Fatal(err)
	}
	if a := page.Articles[0]; !a.PublishedAt.Equal(firstSeen) || !a.PublishedEstimated || a.Excerpt != "Corrected words." {
		t.Errorf("published %s (estimated %v), excerpt %q; want the first-seen %s kept", a.PublishedAt, a.PublishedEstimated, a.Excerpt, firstSeen)
	}
}

func TestDemoStoriesAndSyndicatedCopies(t *testing.T) {
	ctx := context.Background()
	n := startDemo(t)
	h := newHarness(t, 10*time.Second)
	h.addDemoSources(t, n)
	if _, _, _, failed := sumReports(h.in.RefreshAll(ctx, h.allSources(t), nil)); failed > 0 {
		t.Fatalf("%d sources failed", failed)
	}
	page, err := h.st.ListArticles(ctx, store.ArticleQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]model.Article{}
	for _, a := range page.Articles {
		byID[a.ID] = a
	}
	copies := 0
	for _, a := range page.Articles {
		if a.StoryID == 0 {
			t.Errorf("article %d %q was placed in no story", a.ID, a.Title)
		}
		if a.DuplicateOf == 0 {
			continue
		}
		copies++
		orig, ok := byID[a.DuplicateOf]
		if !ok || orig.DuplicateOf != 0 || orig.SourceID == a.SourceID {
			t.Errorf("copy %q points at %d, which is not an original of another source", a.Title, a.DuplicateOf)
		}
	}
	// The demo's wire service carries four verbatim copies with a credit line.
	if copies < 3 {
		t.Errorf("%d syndicated copies recognised, want at least 3", copies)
	}
	top, err := h.st.TopStories(ctx, time.Now().Add(-7*24*time.Hour), 5)
	if err != nil || len(top) == 0 {
		t.Fatalf("TopStories: %v", err)
	}
	if top[0].Sources < 2 {
		t.Errorf("the top story has %d sources; the demo covers several events from several outlets", top[0].Sources)
	}

}

func TestSyndicatedCopyIsRecognisedAfterARestart(t *testing.T) {
	ctx := context.Background()
	body := strings.Repeat("The harbour council voted to keep the night ferry running through the winter, "+
		"after a petition signed by four thousand residents. ", 6)
	feedOf := func(title, guid, text string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/" {
				http.NotFound(w, r) // no article pages: the feed's text is what is compared
				return
			}
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>x</title><item><title>%s</title><link>http://%s/%s</link>
<guid>%s</guid><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[<p>%s</p>]]></description></item></channel></rss>`,
				title, r.Host, guid, guid, text)
		}
	}
	origin := httptest.NewServer(feedOf("Night ferry saved", "orig", body))
	t.Cleanup(origin.Close)
	wire := httptest.NewServer(feedOf("Council keeps night ferry", "copy", body+" This article first appeared on The Origin."))
	t.Cleanup(wire.Close)

	h := newHarness(t, 5*time.Second)
	src := h.addSource(t, "Origin", origin.URL, "politics")
	if rep := h.in.Refresh(ctx, src); rep.Created != 1 {
		t.Fatalf("origin: %s", rep)
	}
	// A new process: a fresh ingester whose memory comes from the database.
	restarted := ingest.New(h.st, ingest.Options{Fetcher: fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1}),
		Sections: config.DefaultSections(), PollInterval: time.Minute, Stories: true, ReadPages: true})
	if err := restarted.LoadStories(ctx); err != nil {
		t.Fatal(err)
	}
	copySrc := h.addSource(t, "Wire", wire.URL, "politics")
	if rep := restarted.Refresh(ctx, copySrc); rep.Created != 1 {
		t.Fatalf("wire: %s", rep)
	}
	page, err := h.st.ListArticles(ctx, store.ArticleQuery{SourceID: copySrc.ID, Limit: 1})
	if err != nil || len(page.Articles) != 1 {
		t.Fatal(err)
	}
	orig, err := h.st.ListArticles(ctx, store.ArticleQuery{SourceID: src.ID, Limit: 1})
	if err != nil || len(orig.Articles) != 1 {
		t.Fatal(err)
	}
	if cp := page.Articles[0]; cp.DuplicateOf != orig.Articles[0].ID || cp.StoryID != orig.Articles[0].StoryID {
		t.Errorf("copy: duplicate of %d, story %d; want %d and story %d", cp.DuplicateOf, cp.StoryID, orig.Articles[0].ID, orig.Articles[0].StoryID)
	}
}
