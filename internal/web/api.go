package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// SearchResponse is a search as JSON: what /api/search answers and what
// `newsdesk search --json` prints.
type SearchResponse struct {
	Query      string         `json:"query"`
	Total      int            `json:"total"`
	Results    []SearchResult `json:"results"`
	Facets     SearchFacets   `json:"facets"`
	Suggestion string         `json:"suggestion"`
}

// SearchResult is one hit. URL is the article's page on the site (absolute
// when the site's address is known); Section is the section's slug; Snippet
// is plain text, empty for a source whose policy allows only a link.
type SearchResult struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Source    string    `json:"source"`
	Section   string    `json:"section"`
	Published time.Time `json:"published"`
	Snippet   string    `json:"snippet"`
}

// SearchFacets counts every match by section and by source.
type SearchFacets struct {
	Sections []SearchFacet `json:"sections"`
	Sources  []SearchFacet `json:"sources"`
}

// SearchFacet is one facet value: a section slug or a source ID, its
// name and how many matches have it.
type SearchFacet struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// NewSearchResponse turns a store's results into the JSON answer. base
// prefixes article URLs ("" leaves them relative); sections names the
// section facets by slug (nil keeps the slugs).
func NewSearchResponse(query string, res store.SearchResults, base string, sections map[string]model.Section) SearchResponse {
	out := SearchResponse{Query: query, Total: res.Total, Suggestion: res.Suggestion, Results: []SearchResult{},
		Facets: SearchFacets{Sections: []SearchFacet{}, Sources: []SearchFacet{}}}
	for _, h := range res.Hits {
		a := h.Article
		r := SearchResult{ID: a.ID, Title: a.Title, URL: base + articleURL(a.ID, a.Title),
			Source: a.SourceName, Section: a.Section, Published: a.PublishedAt.UTC()}
		if a.SourcePolicy != model.PolicyLink {
			r.Snippet = plainSnippet(h.Snippet)
		}
		out.Results = append(out.Results, r)
	}
	for _, fc := range res.Facets.Sections {
		label := fc.Label
		if sec, ok := sections[fc.Value]; ok {
			label = sec.Name
		}
		out.Facets.Sections = append(out.Facets.Sections, SearchFacet{Value: fc.Value, Label: label, Count: fc.Count})
	}
	for _, fc := range res.Facets.Sources {
		out.Facets.Sources = append(out.Facets.Sources, SearchFacet(fc))
	}
	return out
}

// plainSnippet drops the store's highlight markers: API readers get text.
func plainSnippet(s string) string {
	return strings.NewReplacer(store.HighlightStart, "", store.HighlightEnd, "").Replace(s)
}

// apiSearch serves /api/search with the parameters of /search. Failures
// answer JSON too, never an HTML page.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	p := s.readSearchParams(r.URL.Query())
	page, err := pageNumber(r)
	if err != nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no such page"})
		return
	}
	var res store.SearchResults
	if p.Query != "" {
		q := p.storeQuery(s.loc)
		q.Limit, q.Offset = s.pageSize, (page-1)*s.pageSize
		res, err = s.store.SearchArticles(r.Context(), q)
		if err != nil {
			if errors.Is(err, r.Context().Err()) {
				return
			}
			if errors.Is(err, store.ErrSearchNotReady) {
				w.Header().Set("Retry-After", searchRetryAfter)
				writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "search is being prepared; try again in a minute"})
				return
			}
			s.log.WarnContext(r.Context(), "api search failed", "query", p.Query, "err", err)
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "search failed"})
			return
		}
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	writeJSON(w, http.StatusOK, NewSearchResponse(p.Query, res, requestBase(r), s.sections))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	// The status is out; a failed write means the client left.
	_ = json.NewEncoder(w).Encode(v)
}

// requestBase is the site's address as the request reached it: the site
// does not know its public address otherwise.
func requestBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
