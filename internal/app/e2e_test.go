package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// runningDemo is the demo started in-process: the sample network, the
// ingest loop and the site, plus a second connection to its database so
// that tests can look behind the pages.
type runningDemo struct {
	url string
	st  store.Store
}

func startDemo(t *testing.T, releaseEvery time.Duration) runningDemo {
	t.Helper()
	cfg := config.Default()
	cfg.Addr = "127.0.0.1:0"
	cfg.PollInterval = time.Second
	cfg.PollMin, cfg.PollMax = time.Second, time.Second
	cfg.LogLevel = "warn"
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Demo(ctx, cfg, NewLogger(io.Discard, "error"), DemoOptions{
			Dir: dir, PublisherPort: -1, ReleaseEvery: releaseEvery,
			Ready: func(u string) { ready <- u },
		})
	}()
	var siteURL string
	select {
	case siteURL = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("demo stopped before it was ready: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("demo was not ready within 60s")
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "newsdesk.db"))
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("demo returned %v on shutdown", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("demo did not shut down within 30s")
		}
	})
	return runningDemo{url: strings.TrimSuffix(siteURL, "/"), st: st}
}

func (d runningDemo) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(d.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func (d runningDemo) source(t *testing.T, name string) model.Source {
	t.Helper()
	sources, err := d.st.ListSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sources {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no source named %q", name)
	return model.Source{}
}

func (d runningDemo) firstArticle(t *testing.T, sourceName string) model.Article {
	t.Helper()
	src := d.source(t, sourceName)
	page, err := d.st.ListArticles(context.Background(), store.ArticleQuery{SourceID: src.ID, Limit: 1})
	if err != nil || len(page.Articles) == 0 {
		t.Fatalf("no article of %s: %v", sourceName, err)
	}
	a, err := d.st.GetArticle(context.Background(), page.Articles[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func TestDemoEndToEnd(t *testing.T) {
	d := startDemo(t, -1)
	ctx := context.Background()

	all, err := d.st.ListArticles(ctx, store.ArticleQuery{Limit: 1})
	if err != nil || all.Total < 80 {
		t.Fatalf("the first pass stored %d articles (%v), want at least 80", all.Total, err)
	}

	t.Run("home", func(t *testing.T) {
		code, body := d.get(t, "/")
		if code != http.StatusOK {
			t.Fatalf("home answered %d", code)
		}
		mustContain(t, "home", body, "Newsdesk Network", "Top stories", "Latest", "Connect with us",
			"Hi, what are you looking for?", `href="/section/politics"`, `href="/section/sports"`)
	})

	t.Run("editor's pick", func(t *testing.T) {
		a := d.firstArticle(t, "Pitchside")
		if err := PinArticle(ctx, d.st, a.ID, 0, time.Time{}); err != nil {
			t.Fatal(err)
		}
		_, body := d.get(t, "/")
		mustContain(t, "home", body, "Editor's Pick", escapeHTML(a.Title))
	})

	t.Run("section", func(t *testing.T) {
		code, body := d.get(t, "/section/politics")
		if code != http.StatusOK {
			t.Fatalf("section answered %d", code)
		}
		page, err := d.st.ListArticles(ctx, store.ArticleQuery{Section: "politics", Limit: 1})
		if err != nil || len(page.Articles) == 0 {
			t.Fatalf("no politics article: %v", err)
		}
		mustContain(t, "politics section", body, "Politics", escapeHTML(page.Articles[0].Title))
	})

	t.Run("full article with attribution and canonical link", func(t *testing.T) {
		a := d.firstArticle(t, "The Harbor Ledger")
		code, body := d.get(t, "/article/"+strconv.FormatInt(a.ID, 10))
		if code != http.StatusOK {
			t.Fatalf("article answered %d", code)
		}
		if !strings.HasPrefix(a.CanonicalURL, "http://127.0.0.1:") {
			t.Fatalf("canonical URL %q is not the publisher's page", a.CanonicalURL)
		}
		mustContain(t, "full article", body, escapeHTML(a.Title), "This post appeared first on",
			`<link rel="canonical" href="`+escapeHTML(a.CanonicalURL)+`">`, "You May Also Like")
		// The body is republished: its first paragraph is on the page.
		firstPara, _, _ := strings.Cut(a.ContentText, "\n\n")
		mustContain(t, "full article", body, escapeHTML(firstPara[:min(len(firstPara), 60)]))
		related := regexp.MustCompile(`(?s)You May Also Like.*?</section>`).FindString(body)
		if n := strings.Count(related, `href="/article/`); n == 0 {
			t.Errorf("You May Also Like lists no articles")
		}
		if strings.Contains(related, `href="/article/`+strconv.FormatInt(a.ID, 10)+`/`) {
			t.Errorf("You May Also Like lists the article itself")
		}
	})

	t.Run("full text read from the publisher's page", func(t *testing.T) {
		// Pitchside's feed carries summaries; its articles are republished
		// in full from their pages, without the pages' furniture.
		a := d.firstArticle(t, "Pitchside")
		if a.ExtractError != "" || len(a.ContentText) <= len(a.Excerpt) {
			t.Fatalf("page text not used: error %q, %d characters of text", a.ExtractError, len(a.ContentText))
		}
		_, body := d.get(t, "/article/"+strconv.FormatInt(a.ID, 10))
		mustContain(t, "full article from its page", body, "This post appeared first on")
		for _, furniture := range []string{"The Morning Briefing", "Join the discussion", "Sign up"} {
			if strings.Contains(a.ContentText, furniture) {
				t.Errorf("the publisher page's %q came into the article", furniture)
			}
		}
	})

	t.Run("excerpt, link and licence policies", func(t *testing.T) {
		a := d.firstArticle(t, "Northgate Wire")
		_, body := d.get(t, "/article/"+strconv.FormatInt(a.ID, 10))
		mustContain(t, "excerpt article", body, "Read the full story at", "Northgate Wire")
		if strings.Contains(body, "This post appeared first on") {
			t.Error("an excerpt-policy article claims to republish the post")
		}
		l := d.firstArticle(t, "The Capital Courier")
		_, body = d.get(t, "/article/"+strconv.FormatInt(l.ID, 10))
		mustContain(t, "link article", body, escapeHTML(l.Title), escapeHTML(l.CanonicalURL))
		secondPara := strings.Split(l.ContentText, "\n\n")
		if len(secondPara) > 1 && strings.Contains(body, escapeHTML(secondPara[1])) {
			t.Error("a link-policy article shows the publisher's text")
		}
		c := d.firstArticle(t, "The Morning Current")
		_, body = d.get(t, "/article/"+strconv.FormatInt(c.ID, 10))
		mustContain(t, "licensed article", body, "CC BY 4.0")
	})

	t.Run("search", func(t *testing.T) {
		a := d.firstArticle(t, "Circuit & Signal")
		word := longestWord(a.Title)
		code, body := d.get(t, "/search?q="+url.QueryEscape(word))
		if code != http.StatusOK {
			t.Fatalf("search answered %d", code)
		}
		mustContain(t, "search for "+word, body, escapeHTML(a.Title), "<mark>")
		for _, q := range []string{`"`, `*`, `AND OR NOT`, strings.Repeat("x", 10000), "\x00\x01"} {
			if code, _ := d.get(t, "/search?q="+url.QueryEscape(q)); code != http.StatusOK {
				t.Errorf("search for %q answered %d", q[:min(len(q), 20)], code)
			}
		}
	})

	t.Run("hidden article is gone everywhere", func(t *testing.T) {
		a := d.firstArticle(t, "The Morning Current")
		if err := SetArticleHidden(ctx, d.st, a.ID, true, "legal request"); err != nil {
			t.Fatal(err)
		}
		if code, _ := d.get(t, "/article/"+strconv.FormatInt(a.ID, 10)); code != http.StatusGone {
			t.Errorf("hidden article answered %d, want 410", code)
		}
		_, body := d.get(t, "/search?q="+url.QueryEscape(longestWord(a.Title)))
		if strings.Contains(body, escapeHTML(a.Title)) {
			t.Error("hidden article still found by search")
		}
		if err := SetArticleHidden(ctx, d.st, a.ID, false, ""); err != nil {
			t.Fatal(err)
		}
		if code, _ := d.get(t, "/article/"+strconv.FormatInt(a.ID, 10)); code != http.StatusOK {
			t.Errorf("unhidden article answered %d", code)
		}
	})

	t.Run("stories and syndicated copies", func(t *testing.T) {
		_, home := d.get(t, "/")
		if !strings.Contains(home, "Full coverage: ") {
			t.Error("home's top stories link to no full coverage")
		}
		top, err := d.st.TopStories(ctx, time.Now().Add(-7*24*time.Hour), 1)
		if err != nil || len(top) == 0 {
			t.Fatalf("TopStories: %v", err)
		}
		code, body := d.get(t, "/story/"+strconv.FormatInt(top[0].ID, 10))
		if code != http.StatusOK {
			t.Fatalf("story page answered %d", code)
		}
		mustContain(t, "story page", body, fmt.Sprintf("from %d sources", top[0].Sources), "Timeline")
		if code, _ := d.get(t, "/story/999999"); code != http.StatusNotFound {
			t.Errorf("a missing story answered %d", code)
		}

		page, err := d.st.ListArticles(ctx, store.ArticleQuery{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		checked := false
		for _, a := range page.Articles {
			if a.DuplicateOf == 0 {
				continue
			}
			orig, err := d.st.GetArticle(ctx, a.DuplicateOf)
			if err != nil {
				t.Fatal(err)
			}
			_, body := d.get(t, "/article/"+strconv.FormatInt(orig.ID, 10))
			mustContain(t, "an original's page", body, "Also published by", escapeHTML(a.SourceName))
			_, body = d.get(t, "/article/"+strconv.FormatInt(a.ID, 10))
			mustContain(t, "a copy's page", body, "First published by", escapeHTML(orig.SourceName))
			checked = true
			break
		}
		if !checked {
			t.Error("the demo's syndicated copies were not recognised")
		}
	})

	t.Run("health and not found", func(t *testing.T) {
		if code, body := d.get(t, "/healthz"); code != http.StatusOK || !strings.Contains(body, "ok") {
			t.Errorf("healthz: %d %q", code, body)
		}
		code, body := d.get(t, "/no/such/page")
		if code != http.StatusNotFound {
			t.Errorf("unknown page answered %d", code)
		}
		mustContain(t, "404 page", body, "Hi, what are you looking for?")
	})
}

// TestDemoKeepsPolling checks that articles the sample network releases
// while the demo runs reach the site without a restart.
func TestDemoKeepsPolling(t *testing.T) {
	d := startDemo(t, 300*time.Millisecond)
	ctx := context.Background()
	first, err := d.st.ListArticles(ctx, store.ArticleQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		now, err := d.st.ListArticles(ctx, store.ArticleQuery{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if now.Total > first.Total {
			_, body := d.get(t, "/")
			mustContain(t, "home after new articles", body, escapeHTML(now.Articles[0].Title))
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("no new article arrived within 30s (still %d)", first.Total)
}

func TestDemoBadInput(t *testing.T) {
	cfg := config.Default()
	cfg.DB = "/nonexistent-dir/sub/newsdesk.db"
	_, err := OpenStore(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "/nonexistent-dir/sub") {
		t.Errorf("opening a database in a missing directory: %v", err)
	}
	busy, err := listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, err = listen(busy.Addr().String())
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("listening on a busy port: %v", err)
	}
}

func longestWord(s string) string {
	best := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}
