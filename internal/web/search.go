package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// maxQueryBytes bounds what we pass to the search index: nobody types more,
// and a 10 KB query must cost no more than a short one.
const maxQueryBytes = 200

type searchView struct {
	Page     pageView
	Query    string
	Params   searchParams
	Searched bool // false: show the form only
	Failed   bool // the index could not run this query
	Total    int
	Summary  string // "12 results for “rates”"
	Hits     []hitView
	Pager    pagerView
	Sorts    []facetLink // relevance, newest first
	Sections []facetLink // "All sections" first, then by count
	Sources  []facetLink // "All sources" first, then by count
	FeedURL  string      // "Follow this search": RSS of the newest matches
	Suggest  *Link       // "Did you mean …?"
}

type hitView struct {
	Card    cardView
	Snippet template.HTML // escaped text with <mark> around matches
}

// facetLink is one choice beside the results: a filter value with its
// count, or a sort order; Current marks the one in effect.
type facetLink struct {
	Label   string
	URL     string
	Count   int // 0: not shown
	Current bool
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	p := s.readSearchParams(r.URL.Query())
	q := p.Query
	view := &searchView{Page: s.page("Search", "Search "+s.site.Name+"."), Query: q, Params: p}
	view.Page.NoIndex = true
	view.Page.Query = q
	if q == "" {
		return s.render(w, http.StatusOK, "search", view)
	}
	view.Searched = true
	view.Page.Title = "“" + q + "” – Search – " + s.site.Name
	view.FeedURL = "/search/feed?" + p.values().Encode()
	page, err := pageNumber(r)
	if err != nil {
		return err
	}
	sq := p.storeQuery(s.loc)
	sq.Limit, sq.Offset = s.pageSize, (page-1)*s.pageSize
	res, err := s.store.SearchArticles(r.Context(), sq)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, store.ErrSearchNotReady) {
			return fmt.Errorf("search %q: %w", q, err)
		}
		// An odd query must not cost the reader an error page; say so
		// on the results page instead.
		s.log.WarnContext(r.Context(), "search failed", "query", q, "err", err)
		view.Failed = true
		return s.render(w, http.StatusOK, "search", view)
	}
	view.Total = res.Total
	view.Summary = resultCount(res.Total) + " for “" + q + "”"
	if res.Total > 0 {
		// Pages go as deep as the store returns hits; the summary
		// still gives the whole total.
		view.Pager, err = newPager("/search", p.values(), page, min(res.Total, store.MaxSearchResults), s.pageSize)
		if err != nil {
			return err
		}
	}
	if res.Suggestion != "" {
		sp := p
		sp.Query = res.Suggestion
		view.Suggest = &Link{Name: res.Suggestion, URL: "/search?" + sp.values().Encode()}
	}
	view.Sorts, view.Sections, view.Sources = s.facetLinks(p, res.Facets)
	view.Hits = make([]hitView, len(res.Hits))
	for i, h := range res.Hits {
		view.Hits[i] = hitView{Card: s.card(h.Article)}
		if h.Article.SourcePolicy != model.PolicyLink {
			view.Hits[i].Snippet = highlight(h.Snippet)
		}
	}
	return s.render(w, http.StatusOK, "search", view)
}

// facetLinks builds the sort switch and the section and source filters,
// each a plain link to the first page of the changed search.
func (s *Server) facetLinks(p searchParams, f store.Facets) (sorts, sections, sources []facetLink) {
	link := func(change func(*searchParams)) string {
		c := p
		change(&c)
		return "/search?" + c.values().Encode()
	}
	sorts = []facetLink{
		{Label: "Best match", URL: link(func(c *searchParams) { c.Sort = "" }), Current: p.Sort == ""},
		{Label: "Newest first", URL: link(func(c *searchParams) { c.Sort = store.SortDate }), Current: p.Sort == store.SortDate},
	}
	if len(f.Sections) > 0 || p.Section != "" {
		sections = append(sections, facetLink{Label: "All sections",
			URL: link(func(c *searchParams) { c.Section = "" }), Current: p.Section == ""})
	}
	for _, fc := range f.Sections {
		label := fc.Label
		if sec, ok := s.sections[fc.Value]; ok {
			label = sec.Name
		}
		sections = append(sections, facetLink{Label: label, Count: fc.Count,
			URL: link(func(c *searchParams) { c.Section = fc.Value }), Current: p.Section == fc.Value})
	}
	if len(f.Sources) > 0 || p.Source != 0 {
		sources = append(sources, facetLink{Label: "All sources",
			URL: link(func(c *searchParams) { c.Source = 0 }), Current: p.Source == 0})
	}
	for _, fc := range f.Sources {
		id, err := strconv.ParseInt(fc.Value, 10, 64)
		if err != nil {
			continue
		}
		sources = append(sources, facetLink{Label: fc.Label, Count: fc.Count,
			URL: link(func(c *searchParams) { c.Source = id }), Current: p.Source == id})
	}
	return sorts, sections, sources
}

// searchParams is a search as the site's URLs carry it, every field
// already cleaned: /search, /api/search and /search/feed read the same ones.
type searchParams struct {
	Query    string
	Section  string // a section slug, or "" for all
	Source   int64  // a source ID, or 0 for all
	From, To string // dates as YYYY-MM-DD in the site's zone, both days included; "" for no bound
	Sort     string // "" (best match) or store.SortDate
}

// dateLayout is how search URLs write a day.
const dateLayout = "2006-01-02"

// readSearchParams reads a search from a URL's query. Anything it cannot
// read is left out, as a reader who edits a URL by hand expects, never an
// error.
func (s *Server) readSearchParams(v url.Values) searchParams {
	p := searchParams{Query: cleanQuery(v.Get("q"))}
	if sec := v.Get("section"); isSlug(sec) {
		p.Section = sec
	}
	if id, err := strconv.ParseInt(v.Get("source"), 10, 64); err == nil && id > 0 {
		p.Source = id
	}
	for _, d := range []struct {
		key string
		out *string
	}{{"from", &p.From}, {"to", &p.To}} {
		if _, err := time.Parse(dateLayout, v.Get(d.key)); err == nil {
			*d.out = v.Get(d.key)
		}
	}
	if v.Get("sort") == store.SortDate {
		p.Sort = store.SortDate
	}
	return p
}

// isSlug accepts what a section slug can be: short, lower-case letters,
// digits and dashes.
func isSlug(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// values writes the search back into a URL query, leaving out what is unset.
func (p searchParams) values() url.Values {
	v := url.Values{"q": {p.Query}}
	if p.Section != "" {
		v.Set("section", p.Section)
	}
	if p.Source != 0 {
		v.Set("source", strconv.FormatInt(p.Source, 10))
	}
	if p.From != "" {
		v.Set("from", p.From)
	}
	if p.To != "" {
		v.Set("to", p.To)
	}
	if p.Sort != "" {
		v.Set("sort", p.Sort)
	}
	return v
}

// storeQuery is the search for the store: days become instants in the
// site's zone, and "to" takes in the whole of its day.
func (p searchParams) storeQuery(loc *time.Location) store.SearchQuery {
	q := store.SearchQuery{Text: p.Query, Section: p.Section, SourceID: p.Source, Sort: p.Sort}
	if d, err := time.ParseInLocation(dateLayout, p.From, loc); err == nil {
		q.From = d
	}
	if d, err := time.ParseInLocation(dateLayout, p.To, loc); err == nil {
		q.To = d.AddDate(0, 0, 1)
	}
	return q
}

func resultCount(n int) string {
	if n == 1 {
		return "1 result"
	}
	return strconv.Itoa(n) + " results"
}

// cleanQuery makes a reader's query printable and short: valid UTF-8, no
// control characters (our highlight markers among them), single spaces,
// at most maxQueryBytes cut on a rune boundary.
func cleanQuery(raw string) string {
	if len(raw) > 4*maxQueryBytes {
		raw = raw[:4*maxQueryBytes] // bound the work below; trimmed again after
	}
	raw = strings.ToValidUTF8(raw, "")
	raw = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, raw)
	q := strings.Join(strings.Fields(raw), " ")
	if len(q) <= maxQueryBytes {
		return q
	}
	cut := maxQueryBytes
	for cut > 0 && !utf8.RuneStart(q[cut]) {
		cut--
	}
	return strings.TrimSpace(q[:cut])
}

// highlight escapes a snippet and wraps the store's marked terms in <mark>.
// Markers that don't pair up are dropped, never emitted.
func highlight(snippet string) template.HTML {
	var b strings.Builder
	b.Grow(len(snippet) + 32)
	open := false
	for len(snippet) > 0 {
		i := strings.IndexAny(snippet, store.HighlightStart+store.HighlightEnd)
		if i < 0 {
			template.HTMLEscape(&b, []byte(snippet))
			break
		}
		template.HTMLEscape(&b, []byte(snippet[:i]))
		switch snippet[i : i+1] {
		case store.HighlightStart:
			if !open {
				b.WriteString("<mark>")
				open = true
			}
		case store.HighlightEnd:
			if open {
				b.WriteString("</mark>")
				open = false
			}
		}
		snippet = snippet[i+1:]
	}
	if open {
		b.WriteString("</mark>")
	}
	// Built from escaped text and our own fixed tags only.
	return template.HTML(b.String())
}

// searchFeed serves /search/feed: "follow this search", the newest
// feedItems matches as RSS 2.0, whatever sort the page used.
func (s *Server) searchFeed(w http.ResponseWriter, r *http.Request) error {
	p := s.readSearchParams(r.URL.Query())
	p.Sort = store.SortDate
	base := requestBase(r)
	doc := rssDocument{Version: "2.0", Channel: rssChannel{
		Title:       "“" + p.Query + "” – " + s.site.Name,
		Link:        base + "/search?" + p.values().Encode(),
		Description: "The newest articles on " + s.site.Name + " matching “" + p.Query + "”.",
	}}
	if p.Query != "" {
		q := p.storeQuery(s.loc)
		q.Limit = feedItems
		res, err := s.store.SearchArticles(r.Context(), q)
		if err != nil {
			return fmt.Errorf("search feed %q: %w", p.Query, err)
		}
		for _, h := range res.Hits {
			doc.Channel.Items = append(doc.Channel.Items, s.rssItem(base, h.Article))
		}
	}
	return writeRSS(w, doc, 300)
}
