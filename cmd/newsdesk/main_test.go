package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

const testFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Gazette</title><link>http://gazette.example/</link>
<item><title>Harbour council approves budget</title><link>http://gazette.example/budget</link><guid>b1</guid>
<description>The council approved the budget on Tuesday after a long debate.</description><category>US Politics</category></item>
<item><title>Port workers strike</title><link>http://gazette.example/strike</link><guid>b2</guid>
<description>Dock workers walked out at dawn.</description><category>Economy</category></item>
</channel></rss>`

// cli runs the newsdesk command in-process against one database, with
// private networks allowed so that httptest publishers can be reached.
type cli struct {
	t     *testing.T
	db    string
	stdin string
}

func newCLI(t *testing.T) cli { return cli{t: t, db: filepath.Join(t.TempDir(), "cli.db")} }

func (c cli) run(args ...string) (string, string, error) {
	var out, errOut bytes.Buffer
	env := map[string]string{"NEWSDESK_DB": c.db, "NEWSDESK_ALLOW_PRIVATE_NETWORKS": "1", "NEWSDESK_HOST_GAP": "1ms"}
	err := run(context.Background(), args, strings.NewReader(c.stdin), &out, &errOut, func(k string) string { return env[k] })
	return out.String(), errOut.String(), err
}

func (c cli) mustRun(args ...string) string {
	c.t.Helper()
	out, errOut, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("newsdesk %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

func publisher(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, testFeed)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><title>Gazette</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Home</body></html>`)
	})
	mux.HandleFunc("/about", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><title>About</title></head><body>About us</body></html>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

type listedSource struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	FeedURL   string `json:"feed_url"`
	Section   string `json:"section"`
	Policy    string `json:"policy"`
	Articles  int    `json:"articles"`
	LastError string `json:"last_error"`
	NextCheck string `json:"next_check"`
}

func (c cli) sources() []listedSource {
	c.t.Helper()
	var list []listedSource
	if err := json.Unmarshal([]byte(c.mustRun("sources", "list", "--json")), &list); err != nil {
		c.t.Fatal(err)
	}
	return list
}

func TestSourcesAddFetchListRemove(t *testing.T) {
	srv := publisher(t)
	c := newCLI(t)

	out := c.mustRun("sources", "add", srv.URL+"/feed.xml", "--section", "Business", "--policy", "full")
	if !strings.Contains(out, "Test Gazette") {
		t.Errorf("add printed %q, want the feed's title as the name", out)
	}
	// A site URL resolves to the feed its page advertises (flags may come
	// first); here that is the feed already added.
	if _, _, err := c.run("sources", "add", "--name", "Gazette via page", srv.URL+"/"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("adding the same feed through its page: %v", err)
	}
	other := newCLI(t)
	if out := other.mustRun("sources", "add", "--name", "Gazette via page", srv.URL+"/"); !strings.Contains(out, "Gazette via page") || !strings.Contains(out, "/feed.xml") {
		t.Errorf("add by page printed %q", out)
	}
	// A site with no feed anywhere: every path answers the same page.
	noFeed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><title>About</title></head><body>About us</body></html>`)
	}))
	t.Cleanup(noFeed.Close)
	if _, _, err := c.run("sources", "add", noFeed.URL+"/about"); err == nil || !strings.Contains(err.Error(), "names no feed") {
		t.Errorf("adding a page of a site with no feed: %v", err)
	}
	// --list shows the candidates and adds nothing.
	if out := c.mustRun("sources", "add", "--list", srv.URL+"/about"); !strings.Contains(out, "/feed.xml") {
		t.Errorf("sources add --list printed %q", out)
	}
	if _, _, err := c.run("sources", "add", srv.URL+"/feed.xml", "--policy", "everything"); err == nil || !strings.Contains(err.Error(), "full, excerpt or link") {
		t.Errorf("adding with a bad policy: %v", err)
	}

	list := c.sources()
	if len(list) != 1 {
		t.Fatalf("sources list shows %d sources, want 1: %+v", len(list), list)
	}
	if s := list[0]; s.Section != "business" || s.Policy != "full" || s.FeedURL != srv.URL+"/feed.xml" || s.NextCheck == "" {
		t.Errorf("listed source %+v", s)
	}

	out = c.mustRun("fetch")
	if !strings.Contains(out, "2 items, 2 new") {
		t.Errorf("fetch printed %q", out)
	}
	if got := c.sources()[0].Articles; got != 2 {
		t.Errorf("after fetch the source has %d articles, want 2", got)
	}
	out = c.mustRun("fetch")
	if !strings.Contains(out, "0 new") {
		t.Errorf("second fetch printed %q, want nothing new", out)
	}

	c.mustRun("picks", "add", "1", "--until", "48h")
	c.mustRun("articles", "hide", "2", "--reason", "duplicate")
	c.mustRun("articles", "unhide", "2")
	if _, _, err := c.run("articles", "hide", "2"); err == nil || !strings.Contains(err.Error(), "--reason") {
		t.Errorf("hide without a reason: %v", err)
	}
	if _, _, err := c.run("articles", "hide", "999", "--reason", "x"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("hide of a missing article: %v", err)
	}

	c.mustRun("sources", "pause", "1", "--reason", "publisher asked")
	if s := c.sources()[0]; !strings.Contains(c.mustRun("sources", "list"), "publisher asked") || s.Articles != 2 {
		t.Errorf("paused source: %+v", s)
	}
	if out := c.mustRun("fetch"); strings.Contains(out, "2 items") {
		t.Errorf("fetch refreshed a paused source: %q", out)
	}
	c.mustRun("sources", "resume", "1")
	if out := c.mustRun("fetch"); !strings.Contains(out, "2 items") {
		t.Errorf("fetch after resume printed %q", out)
	}

	c.mustRun("sources", "remove", "1")
	if list := c.sources(); len(list) != 0 {
		t.Errorf("after remove: %+v", list)
	}
}

func TestFailingSourceIsReportedAndRecorded(t *testing.T) {
	var broken atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("/good.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, testFeed) })
	mux.HandleFunc("/flaky.xml", func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			fmt.Fprint(w, `<rss><channel><title>cut`)
			return
		}
		fmt.Fprint(w, strings.ReplaceAll(testFeed, "gazette.example", "flaky.example"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := newCLI(t)
	c.mustRun("sources", "add", srv.URL+"/good.xml", "--name", "Good")
	c.mustRun("sources", "add", srv.URL+"/flaky.xml", "--name", "Flaky")
	broken.Store(true)

	out, _, err := c.run("fetch")
	if err == nil || !strings.Contains(err.Error(), "1 of 2 sources failed") {
		t.Errorf("fetch with one broken source: %v", err)
	}
	if !strings.Contains(out, "Good: 2 items, 2 new") || !strings.Contains(out, "Flaky: failed") {
		t.Errorf("fetch printed %q", out)
	}
	for _, s := range c.sources() {
		switch s.Name {
		case "Good":
			if s.Articles != 2 || s.LastError != "" {
				t.Errorf("healthy source %+v", s)
			}
		case "Flaky":
			if s.Articles != 0 || s.LastError == "" {
				t.Errorf("broken source %+v: want its error recorded", s)
			}
		}
	}
	table := c.mustRun("sources", "list")
	if !strings.Contains(table, "Flaky") || !strings.Contains(table, "LAST ERROR") {
		t.Errorf("sources list table:\n%s", table)
	}
}

func TestUsageErrors(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		args []string
		want string
	}{
		{nil, "no command"},
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"sources"}, "add, list, remove"},
		{[]string{"sources", "remove", "abc"}, "not an ID"},
		{[]string{"picks", "add"}, "one article ID"},
		{[]string{"picks", "add", "1", "--until", "someday"}, "--until"},
		{[]string{"serve", "--poll-interval", "often"}, "duration"},
	}
	for _, tt := range tests {
		_, _, err := c.run(tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("newsdesk %q: error %v, want one mentioning %q", tt.args, err, tt.want)
		}
		var ue usageError
		if err != nil && errors.As(err, &ue) && exitCode(err) != 2 {
			t.Errorf("usage error exits %d", exitCode(err))
		}
	}
}

func TestImportExportAndCluster(t *testing.T) {
	srv := publisher(t)
	c := newCLI(t)
	c.mustRun("sources", "add", srv.URL+"/feed.xml", "--section", "Sports")
	out := filepath.Join(t.TempDir(), "sources.opml")
	c.mustRun("sources", "export", "--out", out)
	other := newCLI(t)
	if got := other.mustRun("sources", "import", out); !strings.Contains(got, "1") {
		t.Errorf("import printed %q", got)
	}
	if list := other.sources(); len(list) != 1 || list[0].Section != "sports" || list[0].FeedURL != srv.URL+"/feed.xml" {
		t.Errorf("imported sources %+v", list)
	}

	c.stdin = `{"id": 1, "title": "harbour council approves budget"}` + "\n" + `{"id": "b", "title": "harbour council budget approved"}` + "\n"
	got := c.mustRun("cluster")
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"id":1`) || !strings.Contains(lines[1], `"id":"b"`) {
		t.Errorf("cluster printed %q", got)
	}
}

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	prose := strings.Repeat("The harbour council approved the ferry budget after a long night of argument. ", 8)
	page := `<html lang="en"><head><title>Budget passes | Gazette</title><meta property="og:site_name" content="Gazette">
<meta name="author" content="Ada Lovelace"><meta property="article:published_time" content="2026-11-25T10:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Budget passes</h1><p>` + prose + `</p><img src="/lead.jpg" alt="Ferry"></article></body></html>`
	plain := filepath.Join(dir, "page.html")
	if err := os.WriteFile(plain, []byte(page), 0o600); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	zipped := filepath.Join(dir, "page.html.gz")
	if err := os.WriteFile(zipped, gz.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	var one map[string]any
	if err := json.Unmarshal([]byte(c.mustRun("extract", "--url", "https://gazette.example/budget", zipped)), &one); err != nil {
		t.Fatal(err)
	}
	if one["title"] != "Budget passes" || one["byline"] != "Ada Lovelace" || one["published"] != "2026-11-25T10:00:00Z" ||
		one["lang"] != "en" || !strings.Contains(one["text"].(string), "ferry budget") || strings.Contains(one["text"].(string), "Home") {
		t.Errorf("extract answered %v", one)
	}
	if !strings.Contains(one["html"].(string), "https://gazette.example/lead.jpg") {
		t.Errorf("relative image not made absolute: %v", one["html"])
	}

	c.stdin = fmt.Sprintf("{\"file\": %q, \"url\": \"https://gazette.example/a\"}\n{\"file\": %q}\n{\"file\": %q}\n",
		plain, filepath.Join(dir, "missing.html"), zipped)
	out, _, err := c.run("extract", "--batch")
	if err == nil || !strings.Contains(err.Error(), "1 of 3") {
		t.Errorf("batch with one missing file: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"title":"Budget passes"`) ||
		!strings.Contains(lines[1], `"error"`) || !strings.Contains(lines[2], `"title":"Budget passes"`) {
		t.Errorf("batch answered:\n%s", out)
	}
}

func TestSourcesRules(t *testing.T) {
	srv := publisher(t)
	c := newCLI(t)
	c.mustRun("sources", "add", srv.URL+"/feed.xml")
	c.mustRun("sources", "rules", "1", "--keep", "article .body", "--drop", ".share", "--drop", "aside")
	if _, _, err := c.run("sources", "rules", "1", "--drop", "p:hover"); err == nil || !strings.Contains(err.Error(), "p:hover") {
		t.Errorf("an unsupported selector: %v", err)
	}
	if _, _, err := c.run("sources", "rules", "1"); err == nil {
		t.Error("rules with nothing to set succeeded")
	}
	c.mustRun("sources", "rules", "1", "--clear")
}

func TestStoriesRebuild(t *testing.T) {
	srv := publisher(t)
	c := newCLI(t)
	c.mustRun("sources", "add", srv.URL+"/feed.xml")
	c.mustRun("fetch")
	if out := c.mustRun("reindex"); !strings.Contains(out, "2 of 2 articles indexed") {
		t.Errorf("reindex printed %q", out)
	}
	out := c.mustRun("stories", "rebuild")
	if !strings.Contains(out, "2 articles placed") || !strings.Contains(out, "over 2 published articles") {
		t.Errorf("stories rebuild printed %q", out)
	}
}

func TestConfigPrintsEffectiveValues(t *testing.T) {
	c := newCLI(t)
	out := c.mustRun("config", "--site-name", "Harbour News")
	for _, want := range []string{"Harbour News", c.db, "allow-private-networks   = true", "Politics"} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %q:\n%s", want, out)
		}
	}
}
