package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/store"
)

const hs, he = store.HighlightStart, store.HighlightEnd

func TestHighlight(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "no marks here", "no marks here"},
		{"one mark", "rates " + hs + "rise" + he + " again", "rates <mark>rise</mark> again"},
		{"escapes text", `<b>"x" & 'y'</b> ` + hs + "<i>" + he, "&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39;&lt;/b&gt; <mark>&lt;i&gt;</mark>"},
		{"unclosed mark", "a " + hs + "b", "a <mark>b</mark>"},
		{"stray end", "a" + he + "b", "ab"},
		{"nested start", hs + "a" + hs + "b" + he + he, "<mark>ab</mark>"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(highlight(tt.in)); got != tt.want {
				t.Errorf("highlight(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanQuery(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"trim and squash", "  rates \t rise  ", "rates rise"},
		{"control chars", "a\x02b\x00c\nd", "a b c d"},
		{"invalid utf8", "caf\xc3", "caf"},
		{"long", strings.Repeat("é", 10000), strings.Repeat("é", maxQueryBytes/2)},
		{"quotes and stars", `"rates" OR * NEAR(`, `"rates" OR * NEAR(`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanQuery(tt.in); got != tt.want {
				t.Errorf("cleanQuery(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSearchHighlightsAndEscapes(t *testing.T) {
	s, fs := fixture(t)
	var got store.SearchQuery
	fs.search = func(q store.SearchQuery) (store.SearchResults, error) {
		got = q
		a := fs.articles[2]
		l := fs.articles[3]
		return store.SearchResults{Total: 2, Hits: []store.SearchHit{
			{Article: a, Snippet: `<script>alert(1)</script> stocks ` + hs + "fell" + he + " & rose"},
			{Article: l, Snippet: "LINK SNIPPET " + hs + "fell" + he},
		}}, nil
	}
	rec := get(t, s, "/search?q="+url.QueryEscape(`fell <img src=x onerror=alert(1)>`))
	body := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	for _, w := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt; stocks <mark>fell</mark> &amp; rose",
		"2 results for “fell &lt;img src=x onerror=alert(1)&gt;”",
		`value="fell &lt;img src=x onerror=alert(1)&gt;"`,
		`<meta name="robots" content="noindex">`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q", w)
		}
	}
	for _, w := range []string{"<script>", "<img src=x", "LINK SNIPPET"} {
		if strings.Contains(body, w) {
			t.Errorf("body has %q", w)
		}
	}
	if got.Text != "fell <img src=x onerror=alert(1)>" || got.Limit != 20 || got.Offset != 0 {
		t.Errorf("store got %+v", got)
	}
}

func TestSearchHostileQueries(t *testing.T) {
	s, _ := fixture(t)
	tests := []string{
		`"`, `""""`, `*`, `***`, `a*`, `"unterminated`, `NEAR(`, `-`, `OR`, `AND NOT`, `)(`, `'; DROP TABLE articles; --`,
		"%00", "\x02\x03", "\xff\xfe", strings.Repeat("x", 10<<10), strings.Repeat(`"* `, 4000), "émoji 🗞️",
	}
	for _, q := range tests {
		rec := get(t, s, "/search?q="+url.QueryEscape(q)+"&page=2")
		if rec.Code != 200 && rec.Code != 404 {
			t.Errorf("q=%.40q: status %d", q, rec.Code)
		}
		if rec.Code == 200 && !strings.Contains(rec.Body.String(), "Search") {
			t.Errorf("q=%.40q: no search page", q)
		}
		if rec.Body.Len() > 64<<10 {
			t.Errorf("q=%.40q: %d-byte page", q, rec.Body.Len())
		}
	}
	// A raw query that isn't valid URL encoding is still a page.
	rec := get(t, s, "/search?q=%zz&page=%")
	if rec.Code != 200 {
		t.Errorf("malformed query string: %d", rec.Code)
	}
}

func FuzzHighlight(f *testing.F) {
	for _, s := range []string{"", "a " + hs + "b" + he, "<x>" + hs, he + "&", hs + hs + he + he + hs} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := string(highlight(in))
		rest := strings.ReplaceAll(strings.ReplaceAll(out, "<mark>", ""), "</mark>", "")
		if strings.ContainsAny(rest, "<>\"'") || strings.ContainsAny(out, hs+he) {
			t.Fatalf("highlight(%q) = %q: unescaped text or markers", in, out)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("highlight(%q) = %q: unbalanced", in, out)
		}
	})
}

func FuzzCleanQuery(f *testing.F) {
	for _, s := range []string{"", "rates", "\x02x\x03", "\xff", strings.Repeat("é", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		q := cleanQuery(in)
		if len(q) > maxQueryBytes || !utf8.ValidString(q) || strings.ContainsAny(q, hs+he+"\n\x00") {
			t.Fatalf("cleanQuery(%q) = %q", in, q)
		}
		if q != strings.TrimSpace(q) {
			t.Fatalf("cleanQuery(%q) = %q: not trimmed", in, q)
		}
	})
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russia says US relations ‘on the brink of a breakup,’ won’t confirm", "russia-says-us-relations-on-the-brink-of-a-breakup-won-t-confirm"},
		{"Ça va? Größe 10%", "ça-va-größe-10"},
		{"!!!", "article"},
		{"", "article"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := slug(strings.Repeat("word ", 100)); len(got) > maxSlugBytes+4 {
		t.Errorf("slug too long: %d bytes", len(got))
	}
	if got := articleURL(7, "Hello, World"); got != "/article/7/hello-world" {
		t.Errorf("articleURL = %q", got)
	}
}

func TestSearchParamsReachStore(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		name  string
		query string
		want  store.SearchQuery
	}{
		{"plain", "q=rates", store.SearchQuery{Text: "rates"}},
		{"every filter", "q=rates&section=business&source=2&from=2026-03-01&to=2026-03-02&sort=date",
			store.SearchQuery{Text: "rates", Section: "business", SourceID: 2, Sort: store.SortDate,
				From: time.Date(2026, 3, 1, 0, 0, 0, 0, cet), To: time.Date(2026, 3, 3, 0, 0, 0, 0, cet)}},
		{"hostile values are dropped", "q=rates&section=" + url.QueryEscape("' OR 1=1 --") +
			"&source=-4&from=yesterday&to=2026-13-45&sort=" + url.QueryEscape("rank; DROP"),
			store.SearchQuery{Text: "rates"}},
		{"huge source", "q=rates&source=99999999999999999999999", store.SearchQuery{Text: "rates"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, fs := fixture(t)
			var got store.SearchQuery
			fs.search = func(q store.SearchQuery) (store.SearchResults, error) {
				got = q
				return store.SearchResults{}, nil
			}
			if rec := get(t, s, "/search?"+tt.query); rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			got.Limit, got.Offset = 0, 0
			if !got.From.Equal(tt.want.From) || !got.To.Equal(tt.want.To) {
				t.Errorf("dates %v–%v, want %v–%v", got.From, got.To, tt.want.From, tt.want.To)
			}
			got.From, got.To, tt.want.From, tt.want.To = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if got != tt.want {
				t.Errorf("store got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestSearchFacetsAndSortLinks(t *testing.T) {
	tests := []struct {
		name, query string
		want, not   []string
	}{
		{"facets with counts, filters keep the query", "q=on",
			[]string{
				`<strong aria-current="true">Best match</strong>`,
				`<a href="/search?q=on&amp;sort=date" rel="nofollow">Newest first</a>`,
				`<strong aria-current="true">All sections</strong>`,
				`<a href="/search?q=on&amp;section=politics" rel="nofollow">Politics</a> <span class="count">(2)</span>`,
				`<a href="/search?q=on&amp;section=business" rel="nofollow">Business</a> <span class="count">(2)</span>`,
				`<a href="/search?q=on&amp;source=1" rel="nofollow">FOX NEWS</a> <span class="count">(2)</span>`,
				`4 results for “on”`,
			}, nil},
		{"a chosen section is current and narrows sources", "q=on&section=business&sort=date",
			[]string{
				`<strong aria-current="true">Newest first</strong>`,
				`<strong aria-current="true">Business</strong> <span class="count">(2)</span>`,
				`<a href="/search?q=on&amp;sort=date" rel="nofollow">All sections</a>`,
				`<a href="/search?q=on&amp;section=business&amp;sort=date&amp;source=2" rel="nofollow">Open Wire</a> <span class="count">(1)</span>`,
				`<input type="hidden" name="section" value="business">`,
				`2 results for “on”`,
			}, []string{`Link Times`}},
		{"date fields are kept", "q=on&from=2020-01-01&to=2030-12-31",
			[]string{`name="from" type="date" value="2020-01-01"`, `name="to" type="date" value="2030-12-31"`,
				`href="/search?from=2020-01-01&amp;q=on&amp;section=politics&amp;to=2030-12-31"`}, nil},
		{"hostile query is escaped in links", "q=" + url.QueryEscape(`on"><script>`),
			[]string{`q=on%22%3E%3Cscript%3E`, `value="on&#34;&gt;&lt;script&gt;"`}, []string{`<script>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := fixture(t)
			rec := get(t, s, "/search?"+tt.query)
			body := rec.Body.String()
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("body has %q", w)
				}
			}
		})
	}
}

func TestSearchFeed(t *testing.T) {
	tests := []struct {
		name      string
		query     string
		wantQuery store.SearchQuery
		links     []string // item links, in order
		title     string
	}{
		{"newest matches whatever the sort", "q=on&sort=relevance&section=politics",
			store.SearchQuery{Text: "on", Section: "politics", Sort: store.SortDate, Limit: feedItems},
			[]string{"http://example.com/article/1/", "http://example.com/article/3/"}, "“on” – Newsdesk Network"},
		{"hostile query", "q=" + url.QueryEscape(`]]></title><script>"`),
			store.SearchQuery{Text: `]]></title><script>"`, Sort: store.SortDate, Limit: feedItems},
			nil, "“]]></title><script>\"” – Newsdesk Network"},
		{"no query, no items", "q=", store.SearchQuery{}, nil, "“” – Newsdesk Network"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, fs := fixture(t)
			rec := get(t, s, "/search/feed?"+tt.query)
			got := fs.lastSearch
			if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/rss+xml") {
				t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
			}
			var doc rssDocument
			if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
				t.Fatalf("feed does not parse: %v\n%s", err, rec.Body)
			}
			if got != tt.wantQuery {
				t.Errorf("store got %+v, want %+v", got, tt.wantQuery)
			}
			if doc.Channel.Title != tt.title {
				t.Errorf("title %q, want %q", doc.Channel.Title, tt.title)
			}
			if len(doc.Channel.Items) != len(tt.links) {
				t.Fatalf("%d items, want %d", len(doc.Channel.Items), len(tt.links))
			}
			for i, it := range doc.Channel.Items {
				if !strings.HasPrefix(it.Link, tt.links[i]) || it.Source.Name == "" {
					t.Errorf("item %d = %+v, want link %s with a source", i, it, tt.links[i])
				}
			}
		})
	}
}

func TestSearchPageLinksFeed(t *testing.T) {
	s, _ := fixture(t)
	body := get(t, s, "/search?q=on&section=politics").Body.String()
	want := `<a rel="alternate" type="application/rss+xml" href="/search/feed?q=on&amp;section=politics">Follow this search (RSS)</a>`
	if !strings.Contains(body, want) {
		t.Errorf("search page lacks %s", want)
	}
	if body := get(t, s, "/search").Body.String(); strings.Contains(body, "/search/feed") {
		t.Error("the empty search page offers a feed")
	}
}

func TestSearchDidYouMean(t *testing.T) {
	tests := []struct {
		name, query, suggestion string
		want, not               []string
	}{
		{"links the corrected search, keeping filters", "q=harbuor&section=politics", "harbour",
			[]string{`Did you mean <a href="/search?q=harbour&amp;section=politics">harbour</a>?`}, nil},
		{"suggestion is escaped", "q=x", `<b>"x"</b>`,
			[]string{`q=%3Cb%3E%22x%22%3C%2Fb%3E`, `&lt;b&gt;&#34;x&#34;&lt;/b&gt;</a>?`}, []string{"<b>"}},
		{"no suggestion, no line", "q=harbour", "", nil, []string{"Did you mean"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, fs := fixture(t)
			fs.search = func(store.SearchQuery) (store.SearchResults, error) {
				return store.SearchResults{Suggestion: tt.suggestion}, nil
			}
			body := get(t, s, "/search?"+tt.query).Body.String()
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("body has %q", w)
				}
			}
		})
	}
}

func FuzzReadSearchParams(f *testing.F) {
	for _, s := range []string{"q=rates", "q=a&section=business&source=2&from=2026-01-01&to=2026-01-02&sort=date",
		"section=%27&source=-1&from=x", "q=%zz&sort=rank"} {
		f.Add(s)
	}
	s, _ := fixture(f)
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		p := s.readSearchParams(v)
		// What the site writes into its links reads back the same.
		if again := s.readSearchParams(p.values()); again != p {
			t.Fatalf("%q: %+v reads back as %+v", raw, p, again)
		}
		if p.Section != "" && !isSlug(p.Section) || p.Source < 0 || (p.Sort != "" && p.Sort != store.SortDate) {
			t.Fatalf("%q: unclean %+v", raw, p)
		}
	})
}

// While the search index is being built, a search answers 503 with a
// Retry-After at once, on the page, the API and the feed, and is never
// cached as a result.
func TestSearchNotReady(t *testing.T) {
	s, fs := fixture(t)
	fs.search = func(store.SearchQuery) (store.SearchResults, error) {
		return store.SearchResults{}, fmt.Errorf("search: %w", store.ErrSearchNotReady)
	}
	for _, path := range []string{"/search?q=harbour", "/api/search?q=harbour", "/search/feed?q=harbour"} {
		rec := get(t, s, path)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s: status %d, Retry-After %q; want 503 with Retry-After", path, rec.Code, rec.Header().Get("Retry-After"))
		}
		if body := rec.Body.String(); !strings.Contains(body, "being prepared") {
			t.Errorf("%s: body does not say search is being prepared: %.200s", path, body)
		}
	}
}
