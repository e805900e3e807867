package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/sanitize"
)

var testNow = time.Date(2026, 11, 26, 13, 5, 0, 0, time.UTC)

// fixture is a small network: a full-text, an excerpt and a link-only
// source, 45 filler stories in Politics for pagination, one hidden article
// and one Editor's Pick.
func fixture(t testing.TB) (*Server, *fakeStore) {
	t.Helper()
	return fixtureWith(t, nil)
}

// fixtureWith is fixture with the Options changed by edit before New.
func fixtureWith(t testing.TB, edit func(*Options)) (*Server, *fakeStore) {
	t.Helper()
	fs := newFakeStore()
	fs.addSource(model.Source{ID: 1, Name: "FOX NEWS", SiteURL: "https://fox.example/", Policy: model.PolicyFull})
	fs.addSource(model.Source{ID: 2, Name: "Open Wire", SiteURL: "https://wire.example/", Policy: model.PolicyExcerpt,
		LicenseName: "CC BY 4.0", LicenseURL: "https://creativecommons.org/licenses/by/4.0/"})
	fs.addSource(model.Source{ID: 3, Name: "Link Times", SiteURL: "https://links.example/", Policy: model.PolicyLink})
	fs.addArticle(model.Article{ID: 1, SourceID: 1, Title: "Russia says US relations on the brink",
		URL: "https://fox.example/r?utm=x", CanonicalURL: "https://fox.example/russia",
		Author: "Jane Roe", PublishedAt: testNow, Section: "politics", ImageURL: "https://img.example/1.jpg",
		Excerpt:     "Putin's regime suggested relations are on the brink.",
		ContentHTML: "<p>Full <em>body</em> of the story.</p>", ContentText: "Full body of the story."})
	fs.addArticle(model.Article{ID: 2, SourceID: 2, Title: "Markets slide as rates rise",
		URL: "https://wire.example/markets", PublishedAt: testNow.Add(-time.Hour), Section: "business",
		ImageURL: "https://img.example/2.jpg", Excerpt: "Stocks fell on Tuesday <script>alert(1)</script> after the news.",
		ContentHTML: "<p>SECRET FULL TEXT</p>"})
	fs.addArticle(model.Article{ID: 3, SourceID: 3, Title: "Senate votes on budget",
		CanonicalURL: "https://links.example/budget", PublishedAt: testNow.Add(-2 * time.Hour), Section: "politics",
		ImageURL: "https://img.example/3.jpg", Excerpt: "LINK EXCERPT MUST NOT SHOW", ContentHTML: "<p>LINK BODY</p>"})
	fs.addArticle(model.Article{ID: 5, SourceID: 1, Title: "Page says noarchive", NoArchive: true,
		CanonicalURL: "https://fox.example/noarchive", PublishedAt: testNow.Add(-30 * time.Hour), Section: "business",
		Excerpt: "Only this excerpt may show.", ContentHTML: "<p>NOARCHIVE BODY</p>"})
	fs.addArticle(model.Article{ID: 4, SourceID: 1, Title: "Removed story", Status: model.StatusHidden,
		PublishedAt: testNow, Section: "politics", Excerpt: "HIDDEN TEXT", ContentHTML: "<p>HIDDEN BODY</p>"})
	for i := range 45 {
		fs.addArticle(model.Article{ID: int64(100 + i), SourceID: 2, Title: fmt.Sprintf("Filler story %d", i),
			PublishedAt: testNow.Add(-time.Duration(3+i) * time.Hour), Section: "politics", Excerpt: "Filler text."})
	}
	fs.picks = []model.Pick{{ArticleID: 2, Position: 1}, {ArticleID: 4, Position: 2}}
	opts := Options{
		Store:    fs,
		SiteName: "Newsdesk Network",
		Tagline:  "News from everywhere, credited",
		Location: time.FixedZone("CET", 3600),
		Sections: []model.Section{{Slug: "politics", Name: "Politics"}, {Slug: "business", Name: "Business"}, {Slug: "tech", Name: "Technology"}},
		Social:   []Link{{Name: "Mastodon", URL: "https://social.example/@newsdesk"}},
		Now:      func() time.Time { return testNow },
	}
	if edit != nil {
		edit(&opts)
	}
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s, fs
}

func get(t testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func TestPages(t *testing.T) {
	s, _ := fixture(t)
	searchBox := `placeholder="Hi, what are you looking for?"`
	tests := []struct {
		name    string
		path    string
		status  int
		want    []string
		notWant []string
	}{
		{"home", "/", 200, []string{
			"<title>Newsdesk Network – News from everywhere, credited</title>", "News from everywhere, credited",
			"Top stories", "Latest", `<a href="/section/politics">Politics</a>`, `href="/section/business"`,
			`<h2 id="picks-heading">Editor's Pick</h2>`, "Markets slide as rates rise", "Connect with us", `href="https://social.example/@newsdesk"`,
			searchBox, `<label class="visually-hidden" for="site-search-q">`, `href="#main"`, `<main id="main"`,
			`/article/1/russia-says-us-relations-on-the-brink`,
		}, []string{"Removed story", "Technology</a></h2>", "<script>alert", "LINK EXCERPT", "img.example/3.jpg"}},
		{"section page 1", "/section/politics", 200, []string{
			"<h1>Politics</h1>", "Page 1 of 3", `rel="next" href="/section/politics?page=2"`, `aria-current="page">Politics`, searchBox,
		}, []string{`rel="prev"`, "Removed story"}},
		{"section page 2", "/section/politics?page=2", 200, []string{
			"Page 2 of 3", `rel="prev" href="/section/politics"`, `href="/section/politics?page=3"`, "Filler story 20",
		}, []string{"Filler story 10<"}},
		{"section last page", "/section/politics?page=3", 200, []string{"Page 3 of 3", "Filler story 44"}, []string{`rel="next"`}},
		{"section bad page is page 1", "/section/politics?page=abc", 200, []string{"Page 1 of 3"}, nil},
		{"section past the end", "/section/politics?page=4", 404, []string{"find that page", searchBox}, nil},
		{"section huge page", "/section/politics?page=99999999999999999999", 200, []string{"Page 1 of 3"}, nil},
		{"section page beyond max", "/section/politics?page=10001", 404, nil, nil},
		{"empty section", "/section/tech", 200, []string{"No stories here yet"}, []string{"Page 1 of"}},
		{"unknown section", "/section/nope", 404, []string{"We couldn&#39;t find that page", searchBox}, nil},
		{"source with licence", "/source/2", 200, []string{
			"<h1>Open Wire</h1>", `href="https://wire.example/"`, "Licensed under",
			`href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>`, "Page 1 of 3",
		}, nil},
		{"source without licence", "/source/1", 200, []string{"FOX NEWS", "in full"}, []string{"Licensed under"}},
		{"unknown source", "/source/99", 404, nil, nil},
		{"bad source id", "/source/abc", 404, nil, nil},
		{"article full", "/article/1", 200, []string{
			`<link rel="canonical" href="https://fox.example/russia">`, "<h1>Russia says US relations on the brink</h1>",
			"By Jane Roe", "26 November 2026, 14:05 CET", `datetime="2026-11-26T14:05:00&#43;01:00"`,
			`<a href="/section/politics">Politics</a>`, `alt="Russia says US relations on the brink"`,
			`<a href="/source/1">FOX NEWS</a>`, "<p>Full <em>body</em> of the story.</p>",
			`This post appeared first on <a href="https://fox.example/russia">FOX NEWS</a>`,
			"You May Also Like", "Senate votes on budget", searchBox,
		}, []string{"Read the full story", "Licensed under", "LINK EXCERPT", "img.example/3.jpg"}},
		{"full source, page says noarchive", "/article/5", 200, []string{
			"Only this excerpt may show.", `Read the full story at <a href="https://fox.example/noarchive">FOX NEWS</a>`,
		}, []string{"NOARCHIVE BODY", "This post appeared first"}},
		{"article with trailing slash", "/article/1/", 200, []string{"This post appeared first on"}, nil},
		{"article with slug", "/article/1/anything-at-all", 200, []string{"This post appeared first on"}, nil},
		{"article excerpt", "/article/2/markets", 200, []string{
			`<link rel="canonical" href="https://wire.example/markets">`,
			"Stocks fell on Tuesday &lt;script&gt;alert(1)&lt;/script&gt; after the news.",
			`Read the full story at <a href="https://wire.example/markets">Open Wire</a>`,
			`Licensed under <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>`,
		}, []string{"SECRET FULL TEXT", "This post appeared first", "<script>alert"}},
		{"article link only", "/article/3", 200, []string{
			`<link rel="canonical" href="https://links.example/budget">`, "<h1>Senate votes on budget</h1>",
			`<a href="https://links.example/budget">Read this story at Link Times</a>`,
		}, []string{"LINK EXCERPT MUST NOT SHOW", "LINK BODY", "img.example/3.jpg", "This post appeared first", "Read the full story"}},
		{"article hidden", "/article/4", 410, []string{"This article has been removed", searchBox}, []string{"HIDDEN TEXT", "HIDDEN BODY", "Removed story"}},
		{"article unknown", "/article/999", 404, []string{"find that page"}, nil},
		{"article bad id", "/article/-1", 404, nil, nil},
		{"article huge id", "/article/99999999999999999999999", 404, nil, nil},
		{"unknown path", "/no/such/page", 404, []string{"find that page", searchBox, "Newsdesk Network"}, nil},
		{"search form", "/search", 200, []string{`<label for="search-page-q">`, searchBox}, []string{"results for", "Nothing found"}},
		{"search hits", "/search?q=filler", 200, []string{
			"45 results for “filler”", "Page 1 of 3", `href="/search?page=2&amp;q=filler"`, `value="filler"`,
		}, nil},
		{"search nothing", "/search?q=zebra", 200, []string{"Nothing found for “zebra”", "Check the spelling"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, tt.path)
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("GET %s: status %d, want %d\n%s", tt.path, rec.Code, tt.status, body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", tt.path, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("GET %s: body has %q", tt.path, w)
				}
			}
			for _, w := range []string{`<html lang="en">`, `name="viewport"`, "<title>"} {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: page lacks %q", tt.path, w)
				}
			}
			if tt.status == 200 && rec.Header().Get("Cache-Control") != "public, max-age=60" {
				t.Errorf("Cache-Control %q", rec.Header().Get("Cache-Control"))
			}
		})
	}
}

func TestHomeTopStoriesOnePerSource(t *testing.T) {
	newest := []model.Article{
		{ID: 1, SourceID: 1, ImageURL: "a"}, {ID: 2, SourceID: 1, ImageURL: "b"},
		{ID: 3, SourceID: 2}, {ID: 4, SourceID: 2, ImageURL: "c"}, {ID: 6, SourceID: 4, ImageURL: "e", SourcePolicy: model.PolicyLink},
		{ID: 5, SourceID: 3, ImageURL: "d"},
	}
	tests := []struct {
		n    int
		want []int64
	}{{5, []int64{1, 4, 5}}, {2, []int64{1, 4}}, {0, nil}}
	for _, tt := range tests {
		var got []int64
		for _, a := range topStories(newest, tt.n) {
			got = append(got, a.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("topStories(n=%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}

func TestStoreFailure(t *testing.T) {
	s, fs := fixture(t)
	fs.err = errors.New("disk on fire")
	for _, path := range []string{"/", "/section/politics", "/article/1", "/source/1"} {
		rec := get(t, s, path)
		if rec.Code != 500 {
			t.Errorf("GET %s: status %d, want 500", path, rec.Code)
		}
		body := rec.Body.String()
		if !strings.Contains(body, "Something went wrong") || strings.Contains(body, "disk on fire") {
			t.Errorf("GET %s: error page leaks or lacks message:\n%s", path, body)
		}
		if rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: 500 must not be cached", path)
		}
	}
	// A failing search index still answers with a page, not an error.
	rec := get(t, s, "/search?q=x")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "couldn't run a search") {
		t.Errorf("search on failing store: %d", rec.Code)
	}
}

func TestHealthz(t *testing.T) {
	s, fs := fixture(t)
	tests := []struct {
		err    error
		status int
		body   string
	}{{nil, 200, "ok"}, {errors.New("down"), 503, "store unavailable\n"}}
	for _, tt := range tests {
		fs.err = tt.err
		rec := get(t, s, "/healthz")
		if rec.Code != tt.status || rec.Body.String() != tt.body {
			t.Errorf("healthz with err=%v: %d %q", tt.err, rec.Code, rec.Body.String())
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
			t.Errorf("healthz content type %q", rec.Header().Get("Content-Type"))
		}
	}
}

func TestStatic(t *testing.T) {
	s, _ := fixture(t)
	home := get(t, s, "/").Body.String()
	cssURL := s.static.url("site.css")
	if !strings.Contains(home, `href="`+cssURL+`"`) {
		t.Fatalf("home does not link %s", cssURL)
	}
	tests := []struct {
		path, status, cache, ctype string
	}{
		{cssURL, "200", "public, max-age=31536000, immutable", "text/css; charset=utf-8"},
		{s.static.url("logo.svg"), "200", "public, max-age=31536000, immutable", "image/svg+xml"},
		{"/static/old/site.css", "200", "public, max-age=60", "text/css; charset=utf-8"},
		{"/static/" + s.static.version + "/nope.js", "404", "", ""},
	}
	for _, tt := range tests {
		rec := get(t, s, tt.path)
		if fmt.Sprint(rec.Code) != tt.status {
			t.Errorf("GET %s: %d", tt.path, rec.Code)
			continue
		}
		if tt.cache != "" && rec.Header().Get("Cache-Control") != tt.cache {
			t.Errorf("GET %s: Cache-Control %q", tt.path, rec.Header().Get("Cache-Control"))
		}
		if tt.ctype != "" && rec.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: Content-Type %q", tt.path, rec.Header().Get("Content-Type"))
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s, _ := fixture(t)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/article/1", strings.NewReader("x")))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /article/1: %d", rec.Code)
	}
}

// A page whose template fails must send nothing, so fail can still send a
// whole error page.
func TestRenderFailureWritesNothing(t *testing.T) {
	s, _ := fixture(t)
	rec := httptest.NewRecorder()
	if err := s.render(rec, http.StatusOK, "article", &homeView{Page: s.page("x", "")}); err == nil {
		t.Fatal("render with the wrong view succeeded")
	}
	if rec.Body.Len() != 0 || len(rec.Header()) != 0 {
		t.Errorf("failed render wrote %d bytes, headers %v", rec.Body.Len(), rec.Header())
	}
	if err := s.render(rec, http.StatusOK, "nope", nil); err == nil {
		t.Error("render of an unknown page succeeded")
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"no store", Options{}},
		{"duplicate section", Options{Store: newFakeStore(), Sections: []model.Section{{Slug: "a", Name: "A"}, {Slug: "a", Name: "B"}}}},
		{"nameless section", Options{Store: newFakeStore(), Sections: []model.Section{{Slug: "a"}}}},
	}
	for _, tt := range tests {
		if _, err := New(tt.opts); err == nil {
			t.Errorf("%s: New succeeded", tt.name)
		}
	}
}

func TestAlsoLikeLeavesOutTheStoryAndSpreadsSources(t *testing.T) {
	a := model.Article{ID: 1, SourceID: 1, StoryID: 1}
	candidates := []model.Article{
		{ID: 2, SourceID: 2, StoryID: 1},                 // same story: out
		{ID: 3, SourceID: 3, StoryID: 3, DuplicateOf: 1}, // a copy of the article: out
		{ID: 4, SourceID: 4, StoryID: 4},
		{ID: 5, SourceID: 4, StoryID: 5}, // same source again: only if room is left
		{ID: 6, SourceID: 6, StoryID: 6},
	}
	var got []int64
	for _, c := range alsoLike(a, candidates, 3) {
		got = append(got, c.ID)
	}
	if fmt.Sprint(got) != "[4 6 5]" {
		t.Errorf("alsoLike = %v, want [4 6 5]", got)
	}
}

// A syndicated copy is left out of home, section and feed lists by
// default (its original is listed once), stays on its own source's page,
// and is listed everywhere when Options.ListCopies says so.
func TestCopiesHiddenFromListsUnlessListed(t *testing.T) {
	const headline = "Syndicated headline of a copy"
	addCopy := func(fs *fakeStore) {
		fs.addArticle(model.Article{ID: 6, SourceID: 3, Title: headline, DuplicateOf: 1, StoryID: 1,
			PublishedAt: testNow.Add(-10 * time.Minute), Section: "politics", Excerpt: "Copied text."})
	}
	hidden, fs := fixture(t)
	addCopy(fs)
	listed, fs2 := fixtureWith(t, func(o *Options) { o.ListCopies = true })
	addCopy(fs2)
	for _, target := range []string{"/", sectionURL("politics"), "/feed.xml"} {
		if body := get(t, hidden, target).Body.String(); strings.Contains(body, headline) {
			t.Errorf("GET %s lists the copy, want it left out", target)
		}
		if body := get(t, listed, target).Body.String(); !strings.Contains(body, headline) {
			t.Errorf("GET %s with ListCopies does not list the copy", target)
		}
	}
	if body := get(t, hidden, sourceURL(3)).Body.String(); !strings.Contains(body, headline) {
		t.Errorf("the copy's own source page does not list it")
	}
}

// An extracted body that opens with the lead image shows it once: the
// page's lead figure is left out. The body goes through the sanitizer as at
// ingest, so the test sees the escaping a stored body really has.
func TestLeadImageNotRepeatedInBody(t *testing.T) {
	s, fs := fixture(t)
	const lead = "https://img.example/lead.jpg?w=800&h=600"
	body := sanitize.New().HTML(`<figure><img src="`+lead+`" alt="A harbour"></figure><p>Text.</p>`, "https://fox.example/")
	fs.addArticle(model.Article{ID: 7, SourceID: 1, Title: "Lead image inside the body", PublishedAt: testNow,
		Section: "politics", ImageURL: lead, ContentHTML: body, ContentText: "Text."})
	fs.addArticle(model.Article{ID: 8, SourceID: 1, Title: "Lead image not in the body", PublishedAt: testNow,
		Section: "politics", ImageURL: "https://img.example/other.jpg", ContentHTML: `<p>Text only.</p>`, ContentText: "Text only."})
	page := get(t, s, "/article/7").Body.String()
	if n := strings.Count(page, `src="https://img.example/lead.jpg`); n != 1 {
		t.Errorf("article whose body holds the lead image shows it %d times, want 1", n)
	}
	if strings.Contains(page, `class="lead-image"`) {
		t.Error("lead figure shown although the body opens with the same image")
	}
	page = get(t, s, "/article/8").Body.String()
	if !strings.Contains(page, `class="lead-image"`) {
		t.Error("lead figure missing for a body without it")
	}
}
