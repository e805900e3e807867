package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// articlePage is a publisher's page with the furniture real pages carry
// around the article.
func articlePage(title, body string) string {
	return `<!doctype html><html lang="en"><head><title>` + title + ` | The Test Gazette</title>
<meta property="og:title" content="` + title + `"></head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<div class="share">Share on Facebook Share on X Email</div>
<article><h1>` + title + `</h1><p class="byline">By Ada Lovelace</p>` + body + `</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/x">Another story entirely</a></li></ul></aside>
<div class="newsletter">Sign up for our newsletter to get the news first</div>
<section class="comments"><h2>Comments</h2><p>First!</p></section>
<footer>Copyright The Test Gazette</footer></body></html>`
}

func TestArticlePagesFillSummaryFeeds(t *testing.T) {
	long := strings.Repeat("<p>The harbour council met for six hours and argued over every line of the budget, "+
		"with the mayor defending the ferry subsidy against a rebellion from her own benches.</p>", 20)
	var pageRequests atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Gazette</title>
<item><title>Budget passes</title><link>http://%[1]s/budget</link><description>A short summary.</description><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Secret plan</title><link>http://%[1]s/private/plan</link><description>Summary of a private page.</description><pubDate>Wed, 25 Nov 2026 11:00:00 GMT</pubDate></item>
<item><title>Do not keep</title><link>http://%[1]s/noarchive</link><description>Summary of a noarchive page.</description><pubDate>Wed, 25 Nov 2026 12:00:00 GMT</pubDate></item>
</channel></rss>`, r.Host)
	})
	mux.HandleFunc("/budget", func(w http.ResponseWriter, r *http.Request) {
		pageRequests.Add(1)
		fmt.Fprint(w, articlePage("Budget passes", long))
	})
	mux.HandleFunc("/private/plan", func(w http.ResponseWriter, r *http.Request) {
		pageRequests.Add(1)
		fmt.Fprint(w, articlePage("Secret plan", long))
	})
	mux.HandleFunc("/noarchive", func(w http.ResponseWriter, r *http.Request) {
		pageRequests.Add(1)
		w.Header().Set("X-Robots-Tag", "noarchive")
		fmt.Fprint(w, articlePage("Do not keep", long))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	tests := []struct {
		name   string
		policy model.Policy
		check  func(t *testing.T, byTitle map[string]model.Article, pages int32)
	}{
		{"full source", model.PolicyFull, func(t *testing.T, byTitle map[string]model.Article, pages int32) {
			a := byTitle["Budget passes"]
			if !strings.Contains(a.ContentText, "ferry subsidy") || a.ExtractError != "" {
				t.Errorf("page text not used: %q (error %q)", a.ContentText[:min(80, len(a.ContentText))], a.ExtractError)
			}
			for _, junk := range []string{"Sign up for our newsletter", "Share on Facebook", "First!", "Another story entirely"} {
				if strings.Contains(a.ContentText, junk) {
					t.Errorf("page furniture %q kept in the article", junk)
				}
			}
			if a.Author != "Ada Lovelace" {
				t.Errorf("author from the page: %q", a.Author)
			}
			p := byTitle["Secret plan"]
			if p.ContentText != "Summary of a private page." || !strings.Contains(p.ExtractError, "robots.txt") {
				t.Errorf("a page robots.txt forbids: text %q, error %q", p.ContentText, p.ExtractError)
			}
			n := byTitle["Do not keep"]
			if !n.NoArchive || n.ContentText != "Summary of a noarchive page." || n.EffectivePolicy() != model.PolicyExcerpt {
				t.Errorf("noarchive page: flag %v, text %q, policy %s", n.NoArchive, n.ContentText, n.EffectivePolicy())
			}
			if pages != 2 {
				t.Errorf("%d page requests, want 2 (never the page robots.txt forbids)", pages)
			}
		}},
		{"link source reads no pages", model.PolicyLink, func(t *testing.T, byTitle map[string]model.Article, pages int32) {
			if pages != 0 {
				t.Errorf("%d page requests for a link-only source", pages)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			pageRequests.Store(0)
			h := newHarness(t, 5*time.Second)
			src := h.addSource(t, "Gazette", srv.URL+"/feed", "politics")
			src.Policy = tt.policy
			if rep := h.in.Refresh(ctx, src); rep.Err != nil || rep.Created != 3 {
				t.Fatalf("refresh: %s", rep)
			}
			page, err := h.st.ListArticles(ctx, store.ArticleQuery{Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			byTitle := map[string]model.Article{}
			for _, s := range page.Articles {
				a, err := h.st.GetArticle(ctx, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				a.SourcePolicy = model.PolicyFull
				byTitle[a.Title] = a
			}
			tt.check(t, byTitle, pageRequests.Load())

			// The next poll finds every item unchanged: the page text does not
			// count as a change, and no page is read again.
			before := pageRequests.Load()
			src, _ = h.st.GetSource(ctx, src.ID)
			src.Policy = tt.policy
			src.Poll.ETag, src.Poll.LastModified = "", ""
			if rep := h.in.Refresh(ctx, src); rep.Unchanged != 3 || pageRequests.Load() != before {
				t.Errorf("second poll: %s, %d more page requests", rep, pageRequests.Load()-before)
			}
		})
	}
}
