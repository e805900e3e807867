package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
)

// snippetWords is the length of a search snippet in words: two lines of a
// result list.
const snippetWords = 24

// maxSourceFacets bounds the source facet: a reader scans a dozen names,
// not thousands.
const maxSourceFacets = 50

// maxSourceFacetTies bounds the sources read to order the ties at the cut.
const maxSourceFacetTies = 1000

// SearchArticles runs a reader's search on the full-text index (see
// searchindex.go), brought up to date first, then reads the page's
// articles from the table and cuts their snippets. The index answers
// with exact totals and facet counts; any text is safe (internal/search
// reads it, never rejects it).
func (s *Store) SearchArticles(ctx context.Context, q store.SearchQuery) (store.SearchResults, error) {
	limit, offset := clampPage(q.Limit, q.Offset)
	// Within store.MaxSearchResults: past it a page is empty (the search
	// still runs for its total and facets).
	limit = max(0, min(limit, search.MaxLimit, store.MaxSearchResults-offset))
	offset = min(offset, store.MaxSearchResults)
	sq := search.Query{
		Text:       q.Text,
		Section:    q.Section,
		SourceID:   q.SourceID,
		From:       q.From,
		To:         q.To,
		SortByDate: q.Sort == store.SortDate,
		Limit:      limit,
		Offset:     min(offset, search.MaxOffset),
	}
	var res store.SearchResults
	err := s.withIndex(ctx, false, func(idx *search.Index) error {
		r, err := idx.Search(sq)
		if err != nil {
			return err
		}
		res.Total, res.Suggestion = r.Total, r.Suggestion
		if res.Facets, err = s.labelFacets(ctx, r); err != nil {
			return err
		}
		if limit > 0 {
			res.Hits, err = s.searchHits(ctx, idx, q.Text, r.Hits)
		}
		return err
	})
	if err != nil {
		return store.SearchResults{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return res, nil
}

// searchHits reads the hits' articles, in the index's order, each with a
// snippet of its body (or its excerpt, when the feed gave no body). An
// article hidden since the index answered is left out.
func (s *Store) searchHits(ctx context.Context, idx *search.Index, text string, found []search.Hit) ([]store.SearchHit, error) {
	if len(found) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(found))
	for i, h := range found {
		ids[i] = h.ID
	}
	// A link-only source shows a headline and its link, never a snippet:
	// its text is neither read nor cut.
	rows, err := s.reads.query(ctx, `SELECT `+summaryColumns+`,
		CASE WHEN src.policy = '`+string(model.PolicyLink)+`' THEN '' ELSE a.content_text END
		FROM articles a JOIN sources src ON src.id = a.source_id
		WHERE a.id IN (`+placeholders(len(ids))+`) AND a.status = '`+string(model.StatusPublished)+`'`,
		int64sToArgs(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	snip := idx.Snippeter(text)
	byID := make(map[int64]store.SearchHit, len(ids))
	for rows.Next() {
		var body string
		a, err := scanArticle(extraColumn{rows, &body})
		if err != nil {
			return nil, err
		}
		hit := store.SearchHit{Article: a}
		if a.SourcePolicy != model.PolicyLink {
			from := body
			if from == "" {
				from = a.Excerpt
			}
			hit.Snippet = snip.Snippet(from, snippetWords, store.HighlightStart, store.HighlightEnd)
		}
		byID[a.ID] = hit
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hits := make([]store.SearchHit, 0, len(ids))
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// extraColumn lets scanArticle read a row that carries one more column.
type extraColumn struct {
	sc    scanner
	extra *string
}

func (e extraColumn) Scan(dest ...any) error {
	return e.sc.Scan(append(dest, e.extra)...)
}

// labelFacets turns the index's counts into the store's: sections by slug
// (the site names them), sources by ID with their names; most first, then
// by name, sources cut to maxSourceFacets.
func (s *Store) labelFacets(ctx context.Context, r search.Results) (store.Facets, error) {
	var f store.Facets
	for _, c := range r.Sections {
		f.Sections = append(f.Sections, store.FacetCount{Value: c.Section, Label: c.Section, Count: c.Count})
	}
	sources := r.Sources
	if len(sources) > maxSourceFacets {
		// Keep the ties with the last one shown: they are ordered by name
		// below, which only the table knows.
		n := maxSourceFacets
		for n < len(sources) && n < maxSourceFacetTies && sources[n].Count == sources[maxSourceFacets-1].Count {
			n++
		}
		sources = sources[:n]
	}
	if len(sources) > 0 {
		ids := make([]int64, len(sources))
		for i, c := range sources {
			ids[i] = c.SourceID
		}
		names := make(map[int64]string, len(ids))
		rows, err := s.reads.query(ctx, `SELECT id, name FROM sources WHERE id IN (`+placeholders(len(ids))+`)`,
			int64sToArgs(ids)...)
		if err != nil {
			return f, fmt.Errorf("name the sources: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id   int64
				name string
			)
			if err := rows.Scan(&id, &name); err != nil {
				return f, fmt.Errorf("name the sources: %w", err)
			}
			names[id] = name
		}
		if err := rows.Err(); err != nil {
			return f, fmt.Errorf("name the sources: %w", err)
		}
		for _, c := range sources {
			name, ok := names[c.SourceID]
			if !ok {
				continue // removed since the index answered
			}
			f.Sources = append(f.Sources, store.FacetCount{Value: strconv.FormatInt(c.SourceID, 10), Label: name, Count: c.Count})
		}
	}
	byCountThenLabel := func(a, b store.FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label), cmp.Compare(a.Value, b.Value))
	}
	slices.SortFunc(f.Sections, byCountThenLabel)
	slices.SortFunc(f.Sources, byCountThenLabel)
	if len(f.Sources) > maxSourceFacets {
		f.Sources = f.Sources[:maxSourceFacets]
	}
	return f, nil
}
