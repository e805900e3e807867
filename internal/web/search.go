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
	Searched bool // false: show the form only
	Failed   bool // the index could not run this query
	Total    int
	Summary  string // "12 results for “rates”"
	Hits     []hitView
	Pager    pagerView
}

type hitView struct {
	Card    cardView
	Snippet template.HTML // escaped text with <mark> around matches
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := cleanQuery(r.URL.Query().Get("q"))
	view := &searchView{Page: s.page("Search", "Search "+s.site.Name+"."), Query: q}
	view.Page.NoIndex = true
	view.Page.Query = q
	if q == "" {
		return s.render(w, http.StatusOK, "search", view)
	}
	view.Searched = true
	view.Page.Title = "“" + q + "” – Search – " + s.site.Name
	page, err := pageNumber(r)
	if err != nil {
		return err
	}
	res, err := s.store.SearchArticles(r.Context(), store.SearchQuery{
		Text: q, Limit: s.pageSize, Offset: (page - 1) * s.pageSize,
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
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
		view.Pager, err = newPager("/search", url.Values{"q": {q}}, page, res.Total, s.pageSize)
		if err != nil {
			return err
		}
	}
	view.Hits = make([]hitView, len(res.Hits))
	for i, h := range res.Hits {
		view.Hits[i] = hitView{Card: s.card(h.Article)}
		if h.Article.SourcePolicy != model.PolicyLink {
			view.Hits[i].Snippet = highlight(h.Snippet)
		}
	}
	return s.render(w, http.StatusOK, "search", view)
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
