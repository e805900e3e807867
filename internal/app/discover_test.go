package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsdesk/newsdesk/internal/fetch"
)

func sampleRSS(title string, items int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><link>https://site.example/</link>`, title)
	for i := range items {
		fmt.Fprintf(&b, `<item><title>Item %d</title><link>https://site.example/%d</link><guid>%s-%d</guid></item>`, i, i, title, i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func sampleAtom(title string, items int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>`, title)
	b.WriteString(`<link rel="hub" href="https://hub.example/"/>`)
	for i := range items {
		fmt.Fprintf(&b, `<entry><title>E%d</title><id>urn:%s:%d</id><link href="https://site.example/e%d"/><updated>2026-01-01T00:00:00Z</updated></entry>`, i, title, i, i)
	}
	b.WriteString(`</feed>`)
	return b.String()
}

func sampleJSONFeed(title string, items int) string {
	var parts []string
	for i := range items {
		parts = append(parts, fmt.Sprintf(`{"id":"%d","url":"https://site.example/j%d","content_text":"x"}`, i, i))
	}
	return fmt.Sprintf(`{"version":"https://jsonfeed.org/version/1.1","title":%q,"items":[%s]}`, title, strings.Join(parts, ","))
}

type fakeRoute struct {
	contentType, body string
	redirect          string
}

// site serves routes by path (query included) and counts requests.
func fakeSite(t *testing.T, routes map[string]fakeRoute) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		key := r.URL.Path
		if r.URL.RawQuery != "" {
			key += "?" + r.URL.RawQuery
		}
		rt, ok := routes[key]
		if !ok {
			rt, ok = routes["*"]
		}
		switch {
		case !ok:
			http.NotFound(w, r)
		case rt.redirect != "":
			http.Redirect(w, r, rt.redirect, http.StatusMovedPermanently)
		default:
			w.Header().Set("Content-Type", rt.contentType)
			fmt.Fprint(w, rt.body)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func loopbackFetcher() *fetch.Client {
	return fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1})
}

func htmlPage(links string) fakeRoute {
	return fakeRoute{contentType: "text/html", body: "<!doctype html><html><head>" + links + "</head><body>hi</body></html>"}
}

func TestDiscoverFeeds(t *testing.T) {
	tests := []struct {
		name   string
		routes map[string]fakeRoute
		start  string
		want   []string // path and format of each candidate, best first
	}{
		{
			name:   "the URL is a feed",
			routes: map[string]fakeRoute{"/feed.xml": {contentType: "application/rss+xml", body: sampleRSS("Main", 2)}},
			start:  "/feed.xml",
			want:   []string{"/feed.xml rss"},
		},
		{
			name: "advertised feeds, unreadable ones dropped, comments last",
			routes: map[string]fakeRoute{
				"/": htmlPage(`<link rel="alternate" type="application/feed+json" href="/feed.json">
					<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed">
					<link rel="alternate" type="application/rss+xml" href="/broken">
					<link rel="alternate" type="application/atom+xml" href="/atom.xml">`),
				"/feed.json":     {contentType: "application/feed+json", body: sampleJSONFeed("J", 5)},
				"/comments/feed": {contentType: "application/rss+xml", body: sampleRSS("Comments", 9)},
				"/atom.xml":      {contentType: "application/atom+xml", body: sampleAtom("A", 5)},
				"/feed":          {contentType: "application/rss+xml", body: sampleRSS("Guess", 50)},
			},
			start: "/",
			want:  []string{"/atom.xml atom", "/feed.json json", "/comments/feed rss"},
		},
		{
			name: "no advertised feed: common paths, deduplicated by final URL",
			routes: map[string]fakeRoute{
				"/":          htmlPage(""),
				"/feed":      {redirect: "/index.xml"},
				"/rss":       {redirect: "/index.xml"},
				"/index.xml": {contentType: "application/rss+xml", body: sampleRSS("Idx", 3)},
				"/atom.xml":  {contentType: "application/atom+xml", body: sampleAtom("A", 7)},
			},
			start: "/",
			want:  []string{"/atom.xml atom", "/index.xml rss"},
		},
		{
			name: "a blog in a directory: its own feed path first",
			routes: map[string]fakeRoute{
				"/blog/post": htmlPage(""),
				"/blog/feed": {contentType: "application/rss+xml", body: sampleRSS("Blog", 1)},
				"/feed.xml":  {contentType: "application/rss+xml", body: sampleRSS("Site", 1)},
			},
			start: "/blog/post",
			want:  []string{"/blog/feed rss", "/feed.xml rss"},
		},
		{
			name: "query-string feed",
			routes: map[string]fakeRoute{
				"/":           htmlPage(""),
				"/?feed=rss2": {contentType: "application/rss+xml", body: sampleRSS("WP", 1)},
			},
			start: "/",
			want:  []string{"/?feed=rss2 rss"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := fakeSite(t, tt.routes)
			cs, err := DiscoverFeeds(t.Context(), loopbackFetcher(), srv.URL+tt.start)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, strings.TrimPrefix(c.URL, srv.URL)+" "+c.Format)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("candidates = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDiscoverFeedsFields(t *testing.T) {
	srv, _ := fakeSite(t, map[string]fakeRoute{"/a": {contentType: "application/atom+xml", body: sampleAtom("Alpha", 4)}})
	c, err := BestFeed(t.Context(), loopbackFetcher(), srv.URL+"/a")
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Alpha" || c.Items != 4 || c.Format != "atom" || c.HubURL != "https://hub.example/" || c.Guessed {
		t.Errorf("candidate = %+v", c)
	}
}

func TestDiscoverFeedsNone(t *testing.T) {
	tests := []struct {
		name    string
		routes  map[string]fakeRoute
		wantErr string
	}{
		{"page without feeds", map[string]fakeRoute{"/": htmlPage("")}, "names no feed"},
		{"every path answers the page", map[string]fakeRoute{"*": htmlPage("")}, "names no feed"},
		{"advertised feeds all broken", map[string]fakeRoute{"/": htmlPage(`<link rel="alternate" type="application/rss+xml" href="/x">`)}, "none of them could be read"},
		{"a broken feed", map[string]fakeRoute{"/": {contentType: "application/rss+xml", body: `<rss version="2.0"><channel><item>`}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, n := fakeSite(t, tt.routes)
			_, err := DiscoverFeeds(t.Context(), loopbackFetcher(), srv.URL+"/")
			if err == nil {
				t.Skip("the parser repaired it; nothing to refuse")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, want it to say %q", err, tt.wantErr)
			}
			if got := int(n.Load()); got > 1+maxAdvertisedTries+maxGuessTries {
				t.Errorf("%d requests, more than the bound", got)
			}
		})
	}
}

func TestDiscoverFeedsCancelled(t *testing.T) {
	srv, _ := fakeSite(t, map[string]fakeRoute{"/": htmlPage("")})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := DiscoverFeeds(ctx, loopbackFetcher(), srv.URL+"/"); err == nil {
		t.Fatal("no error on a cancelled context")
	}
}

func TestListFeedCandidates(t *testing.T) {
	srv, _ := fakeSite(t, map[string]fakeRoute{"/": htmlPage(""), "/rss.xml": {contentType: "application/rss+xml", body: sampleRSS("Listed", 2)}})
	var out strings.Builder
	if err := ListFeedCandidates(t.Context(), loopbackFetcher(), srv.URL+"/", &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Listed") || !strings.Contains(out.String(), "guessed") {
		t.Errorf("listing:\n%s", out.String())
	}
}
