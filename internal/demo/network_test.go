package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// fixedNow is the start time of every test network.
var fixedNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

func startTest(t *testing.T, opts Options) *Network {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	if opts.ReleaseEvery == 0 {
		opts.ReleaseEvery = -1
	}
	n, err := Start(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

func get(t *testing.T, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return resp, body
}

// feedLinks parses a feed strictly with the standard library and returns
// its item links.
func feedLinks(t *testing.T, format string, body []byte) []string {
	t.Helper()
	var links []string
	switch format {
	case "rss":
		var doc struct {
			Items []struct {
				Link string `xml:"link"`
			} `xml:"channel>item"`
		}
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("RSS does not parse: %v", err)
		}
		for _, it := range doc.Items {
			links = append(links, it.Link)
		}
	case "atom":
		var doc struct {
			Entries []struct {
				Links []struct {
					Href string `xml:"href,attr"`
					Rel  string `xml:"rel,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("Atom does not parse: %v", err)
		}
		for _, e := range doc.Entries {
			for _, l := range e.Links {
				if l.Rel == "alternate" {
					links = append(links, l.Href)
				}
			}
		}
	case "json":
		var doc struct {
			Version string `json:"version"`
			Items   []struct {
				URL string `json:"url"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("JSON Feed does not parse: %v", err)
		}
		if doc.Version != "https://jsonfeed.org/version/1.1" {
			t.Fatalf("JSON Feed version = %q", doc.Version)
		}
		for _, it := range doc.Items {
			links = append(links, it.URL)
		}
	default:
		t.Fatalf("unknown format %q", format)
	}
	return links
}

func TestFeeds(t *testing.T) {
	n := startTest(t, Options{})
	pubs := n.Publishers()
	if len(pubs) < 6 {
		t.Fatalf("got %d publishers", len(pubs))
	}
	ports := map[string]bool{}
	for _, p := range pubs {
		t.Run(p.Slug, func(t *testing.T) {
			if ports[p.SiteURL] {
				t.Fatalf("site %s shared with another publisher", p.SiteURL)
			}
			ports[p.SiteURL] = true
			resp, body := get(t, p.FeedURL, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET feed: status %d", resp.StatusCode)
			}
			links := feedLinks(t, p.Format, body)
			if len(links) < 10 || len(links) > feedLimit {
				t.Fatalf("feed has %d items, want 10 to %d", len(links), feedLimit)
			}
			if !bytes.Contains(body, []byte("Sample content for the Newsdesk demo; fictional publisher")) {
				t.Error("feed does not say it is sample content")
			}
			parsed, err := gofeed.NewParser().ParseString(string(body))
			if err != nil {
				t.Fatalf("gofeed cannot read the feed: %v", err)
			}
			if len(parsed.Items) != len(links) || parsed.Items[0].PublishedParsed == nil {
				t.Fatalf("gofeed read %d items (first %+v), want %d with dates", len(parsed.Items), parsed.Items[0], len(links))
			}
			if parsed.Items[0].PublishedParsed.After(fixedNow) || parsed.Items[len(links)-1].PublishedParsed.Before(fixedNow.Add(-73*time.Hour)) {
				t.Errorf("item dates %v..%v not within three days before start", parsed.Items[len(links)-1].Published, parsed.Items[0].Published)
			}
			checkConditional(t, p.FeedURL, resp)
			checkArticlePage(t, p, links[0])
			checkHome(t, p)
		})
	}
}

func checkConditional(t *testing.T, url string, first *http.Response) {
	t.Helper()
	etag, lastMod := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	if etag == "" || lastMod == "" {
		t.Fatalf("feed lacks validators: ETag %q, Last-Modified %q", etag, lastMod)
	}
	tests := []struct {
		name   string
		header http.Header
		want   int
	}{
		{"matching etag", http.Header{"If-None-Match": {etag}}, http.StatusNotModified},
		{"other etag", http.Header{"If-None-Match": {`"nope"`}}, http.StatusOK},
		{"same date", http.Header{"If-Modified-Since": {lastMod}}, http.StatusNotModified},
		{"older date", http.Header{"If-Modified-Since": {fixedNow.Add(-100 * time.Hour).Format(http.TimeFormat)}}, http.StatusOK},
	}
	for _, tt := range tests {
		resp, _ := get(t, url, tt.header)
		if resp.StatusCode != tt.want {
			t.Errorf("conditional GET with %s: status %d, want %d", tt.name, resp.StatusCode, tt.want)
		}
	}
}

func checkArticlePage(t *testing.T, p Publisher, link string) {
	t.Helper()
	if !strings.HasPrefix(link, p.SiteURL) {
		t.Fatalf("article link %s is not on %s", link, p.SiteURL)
	}
	resp, body := get(t, link, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", link, resp.StatusCode)
	}
	page := string(body)
	for _, want := range []string{
		`<link rel="canonical" href="` + link + `">`, `property="og:title"`, `"@type":"NewsArticle"`,
		`class="share"`, `<h3>Related</h3>`, `id="newsletter"`, `id="comments"`, `class="comment"`,
		`class="site-footer"`, "Sample content for the Newsdesk demo; fictional publisher",
		`itemprop="articleBody"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("article page %s lacks %q", link, want)
		}
	}
	if strings.Count(page, "<p>") < 6 {
		t.Errorf("article page %s has few paragraphs", link)
	}
}

func checkHome(t *testing.T, p Publisher) {
	t.Helper()
	resp, body := get(t, p.SiteURL, nil)
	want := fmt.Sprintf(`type="%s" title="%s" href="%s"`, feedContentTypeBare(p.Format), strings.ReplaceAll(p.Name, "&", "&amp;"), p.FeedURL)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `<link rel="alternate" `+want) {
		t.Errorf("home page (status %d) lacks feed discovery link %s", resp.StatusCode, want)
	}
}

func countItems(t *testing.T, n *Network) int {
	t.Helper()
	total := 0
	for _, p := range n.Publishers() {
		_, body := get(t, p.FeedURL, nil)
		total += len(feedLinks(t, p.Format, body))
	}
	return total
}

func TestRelease(t *testing.T) {
	now := fixedNow
	var mu sync.Mutex
	n := startTest(t, Options{Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }})
	before := countItems(t, n)
	p := n.Publishers()[0]
	resp, _ := get(t, p.FeedURL, nil)
	etag := resp.Header.Get("ETag")

	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if got := n.Release(6); got != 6 {
		t.Fatalf("Release(6) = %d", got)
	}
	if got := n.Release(0); got != 0 {
		t.Fatalf("Release(0) = %d", got)
	}
	if after := countItems(t, n); after != before+6 {
		t.Fatalf("items after release: %d, want %d", after, before+6)
	}
	resp, body := get(t, p.FeedURL, http.Header{"If-None-Match": {etag}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("feed after release answered %d to the old ETag", resp.StatusCode)
	}
	parsed, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		t.Fatal(err)
	}
	if !parsed.Items[0].PublishedParsed.Equal(now) {
		t.Errorf("newest item published %v, want the release moment %v", parsed.Items[0].PublishedParsed, now)
	}
	// Far past the reserve: briefs must keep coming, each with its own page.
	if got := n.Release(60); got != 60 {
		t.Fatalf("Release(60) = %d", got)
	}
	seen := map[string]bool{}
	for _, p := range n.Publishers() {
		_, body := get(t, p.FeedURL, nil)
		for _, l := range feedLinks(t, p.Format, body) {
			if seen[l] {
				t.Fatalf("link %s appears twice", l)
			}
			seen[l] = true
		}
		links := feedLinks(t, p.Format, body)
		if resp, _ := get(t, links[0], nil); resp.StatusCode != http.StatusOK {
			t.Errorf("released article %s: status %d", links[0], resp.StatusCode)
		}
	}
}

func TestTickerReleases(t *testing.T) {
	n := startTest(t, Options{ReleaseEvery: 10 * time.Millisecond, ReleaseCount: 2})
	before := countItems(t, n)
	deadline := time.Now().Add(5 * time.Second)
	for countItems(t, n) == before {
		if time.Now().After(deadline) {
			t.Fatal("ticker released nothing in 5s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestCloseStopsEverything(t *testing.T) {
	base := runtime.NumGoroutine()
	n, err := Start(context.Background(), Options{ReleaseEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	feed := n.Publishers()[0].FeedURL
	resp, _ := get(t, feed, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	http.DefaultClient.CloseIdleConnections()
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines left, %d before:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := http.Get(feed); err == nil {
		t.Error("feed still answers after Close")
	}
}

func TestNotFound(t *testing.T) {
	n := startTest(t, Options{})
	p := n.Publishers()[0]
	for _, path := range []string{"2026/11/no-such-story.html", "section/weather", "images/x.png", "nothing"} {
		if resp, _ := get(t, p.SiteURL+path, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET /%s: status %d, want 404", path, resp.StatusCode)
		}
	}
	resp, body := get(t, p.SiteURL+"images/harbour-seals.svg", nil)
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(body, []byte("<svg")) {
		t.Errorf("image: status %d, body %.40q", resp.StatusCode, body)
	}
}

func TestBenchmarkFeed(t *testing.T) {
	for _, format := range []string{"rss", "atom", "json"} {
		t.Run(format, func(t *testing.T) {
			body, err := BenchmarkFeed(format, 250)
			if err != nil {
				t.Fatal(err)
			}
			links := feedLinks(t, format, body)
			seen := map[string]bool{}
			for _, l := range links {
				if !strings.HasPrefix(l, "http://bench.example/") || seen[l] {
					t.Fatalf("bad or repeated link %s", l)
				}
				seen[l] = true
			}
			if len(links) != 250 {
				t.Fatalf("got %d items, want 250", len(links))
			}
		})
	}
	if _, err := BenchmarkFeed("rdf", 1); err == nil {
		t.Error("BenchmarkFeed accepted an unknown format")
	}
}
