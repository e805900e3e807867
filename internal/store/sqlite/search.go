package sqlite

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// bm25Weights ranks a match in the title above one in the excerpt above one
// in the body. Set through "rank MATCH" so FTS5 sorts by it internally and
// computes snippet() only for the rows LIMIT keeps.
const bm25Weights = `'bm25(10.0, 5.0, 1.0)'`

// relatedPool is how many best-matching articles RelatedArticles orders by
// recency: enough for variety, few enough that old near-copies don't win.
const relatedPool = 50

// snippetTokens is the length of a search snippet in tokens.
const snippetTokens = 16

// SearchArticles finds published articles matching every word of the
// reader's text, best first. Any text is safe: it is rebuilt into a query of
// quoted words, and text without words gives no results.
func (s *Store) SearchArticles(ctx context.Context, q store.SearchQuery) (store.SearchResults, error) {
	match := matchAll(q.Text)
	if match == "" {
		return store.SearchResults{}, nil
	}
	limit, offset := clampPage(q.Limit, q.Offset)
	var res store.SearchResults
	err := s.reader.QueryRowContext(ctx, `SELECT count(*)
		FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
		WHERE articles_fts MATCH ? AND a.status = 'published'`, match).Scan(&res.Total)
	if err != nil {
		return store.SearchResults{}, fmt.Errorf("count search %q: %w", match, err)
	}
	if res.Total == 0 || offset >= res.Total {
		return res, nil
	}
	// The snippet comes from the body, or the excerpt when the feed gave
	// no body; CASE evaluates only the branch taken.
	rows, err := s.reader.QueryContext(ctx, `SELECT `+articleColumns+`,
		CASE WHEN a.content_text <> ''
			THEN snippet(articles_fts, 2, ?1, ?2, '…', ?3)
			ELSE snippet(articles_fts, 1, ?1, ?2, '…', ?3) END
		FROM articles_fts
		JOIN articles a ON a.id = articles_fts.rowid
		JOIN sources src ON src.id = a.source_id
		WHERE articles_fts MATCH ?4 AND articles_fts.rank MATCH `+bm25Weights+`
		  AND a.status = 'published'
		ORDER BY articles_fts.rank LIMIT ?5 OFFSET ?6`,
		store.HighlightStart, store.HighlightEnd, snippetTokens, match, limit, offset)
	if err != nil {
		return store.SearchResults{}, fmt.Errorf("search %q: %w", match, err)
	}
	defer rows.Close()
	for rows.Next() {
		var hit store.SearchHit
		a, err := scanArticle(snippetScanner{rows, &hit.Snippet})
		if err != nil {
			return store.SearchResults{}, fmt.Errorf("search %q: %w", match, err)
		}
		hit.Article = a
		res.Hits = append(res.Hits, hit)
	}
	if err := rows.Err(); err != nil {
		return store.SearchResults{}, fmt.Errorf("search %q: %w", match, err)
	}
	return res, nil
}

// snippetScanner lets scanArticle read a row that carries one more column.
type snippetScanner struct {
	sc      scanner
	snippet *string
}

func (s snippetScanner) Scan(dest ...any) error {
	return s.sc.Scan(append(dest, s.snippet)...)
}

// RelatedArticles returns recent published articles of the section sharing
// any of the terms: the relatedPool best matches, newest first. No usable
// terms gives no articles.
func (s *Store) RelatedArticles(ctx context.Context, q store.RelatedQuery) ([]model.Article, error) {
	match := matchAny(q.Terms)
	if match == "" || q.Limit <= 0 {
		return nil, nil
	}
	limit, _ := clampPage(q.Limit, 0)
	where := ``
	args := []any{match, q.ArticleID}
	if q.Section != "" {
		where = ` AND a.section = ?`
		args = append(args, q.Section)
	}
	args = append(args, relatedPool, limit)
	rows, err := s.reader.QueryContext(ctx, `SELECT `+articleColumns+`
		FROM (SELECT articles_fts.rowid AS id
		        FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
		       WHERE articles_fts MATCH ? AND articles_fts.rank MATCH `+bm25Weights+`
		         AND a.status = 'published' AND a.id <> ?`+where+`
		       ORDER BY articles_fts.rank LIMIT ?) best
		JOIN articles a ON a.id = best.id
		JOIN sources src ON src.id = a.source_id
		ORDER BY a.published_at DESC, a.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("related to article %d: %w", q.ArticleID, err)
	}
	as, err := collectArticles(rows)
	if err != nil {
		return nil, fmt.Errorf("related to article %d: %w", q.ArticleID, err)
	}
	return as, nil
}
