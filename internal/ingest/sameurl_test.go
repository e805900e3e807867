package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Two feeds linking one publisher's article, through a tracking-tagged
// link and a link with a parameter of the publisher's own, with summaries
// in different words: the page's rel=canonical makes them one article, so
// the second is a copy of the first, also after a restart. A page that
// names another site's address as its canonical one is not believed.
func TestSameArticleThroughTwoFeedsIsACopy(t *testing.T) {
	ctx := context.Background()
	var publisherURL string
	publisher := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/tram":
			// A live page, rewritten between the two visits: only its
			// address can tell that both feeds mean it.
			text := "The new tram line between the station and the harbour opened on Monday with free rides all day. "
			if r.URL.Query().Get("from") == "feed-b" {
				text = "Crowds queued at dawn at every stop; the mayor rode the first car and the bakery by the depot sold out. "
			}
			fmt.Fprintf(w, `<html><head><title>Tram line opens</title><link rel="canonical" href="%s/tram"></head>
<body><article><h1>Tram line opens</h1><p>%s</p></article></body></html>`, publisherURL, strings.Repeat(text, 8))
		case "/claims-other":
			fmt.Fprintf(w, `<html><head><link rel="canonical" href="https://elsewhere.example/tram"></head>
<body><article><h1>Bus lanes</h1><p>%s</p></article></body></html>`,
				strings.Repeat("Two new bus lanes open in the old town next spring, the council said on Tuesday. ", 8))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(publisher.Close)
	publisherURL = publisher.URL
	feedOf := func(guid, link, title, summary string) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/" {
				http.NotFound(w, r)
				return
			}
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>x</title><item><title>%s</title><link>%s</link>
<guid>%s</guid><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate><description>%s</description></item></channel></rss>`,
				title, link, guid, summary)
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	first := feedOf("a1", publisherURL+"/tram?utm_source=rss&amp;from=feed-a", "Tram line opens", "Trams run from Monday.")
	second := feedOf("b1", publisherURL+"/tram?from=feed-b", "Harbour tram: first day free", "Free rides on the harbour tram.")
	other := feedOf("c1", publisherURL+"/claims-other", "Bus lanes next spring", "Two bus lanes are planned.")

	h := newHarness(t, 5*time.Second)
	srcA := h.addSource(t, "Feed A", first.URL, "politics")
	srcC := h.addSource(t, "Feed C", other.URL, "politics")
	for _, src := range []model.Source{srcA, srcC} {
		if rep := h.in.Refresh(ctx, src); rep.Created != 1 {
			t.Fatalf("%s: %s", src.Name, rep)
		}
	}
	// A new process: the memory of canonical addresses comes from the database.
	restarted := ingest.New(h.st, ingest.Options{Fetcher: fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1}),
		Sections: config.DefaultSections(), PollInterval: time.Minute, Stories: true, ReadPages: true})
	if err := restarted.LoadStories(ctx); err != nil {
		t.Fatal(err)
	}
	srcB := h.addSource(t, "Feed B", second.URL, "politics")
	if rep := restarted.Refresh(ctx, srcB); rep.Created != 1 {
		t.Fatalf("feed B: %s", rep)
	}
	only := func(src model.Source) model.Article {
		t.Helper()
		page, err := h.st.ListArticles(ctx, store.ArticleQuery{SourceID: src.ID, Limit: 2})
		if err != nil || len(page.Articles) != 1 {
			t.Fatalf("articles of %s: %v, %d", src.Name, err, len(page.Articles))
		}
		return page.Articles[0]
	}
	a, b, c := only(srcA), only(srcB), only(srcC)
	if want := publisherURL + "/tram"; a.CanonicalURL != want || b.CanonicalURL != want {
		t.Errorf("canonical URLs %q and %q, want the page's own %q", a.CanonicalURL, b.CanonicalURL, want)
	}
	if b.DuplicateOf != a.ID {
		t.Errorf("second feed's article: duplicate of %d, want %d (the first feed's)", b.DuplicateOf, a.ID)
	}
	if a.DuplicateOf != 0 || c.DuplicateOf != 0 {
		t.Errorf("originals marked as copies: %d, %d", a.DuplicateOf, c.DuplicateOf)
	}
	if strings.Contains(c.CanonicalURL, "elsewhere.example") {
		t.Errorf("a page's claim to another site's address was believed: %q", c.CanonicalURL)
	}
}
