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

// RelatedArticles ranks the relatedRecent newest matches and orders the
// relatedPool best of them by recency: enough for variety, few enough that
// old near-copies don't win, and a bounded cost however common the terms.
const (
	relatedRecent = 200
	relatedPool   = 50
)

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
	err := s.reads.queryRow(ctx, `SELECT count(*)
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
	rows, err := s.reads.query(ctx, `SELECT `+summaryColumns+`,
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
// any of the terms: of the relatedRecent newest matches, the relatedPool
// best (BM25, title first), newest first. No usable terms gives no articles.
//
// Ranking every match costs a BM25 score per matching row, and key terms
// of a news article match most of its section, so the candidates are cut
// to the newest first: FTS5 walks rowids newest first and stops at the
// limit. CROSS JOIN keeps the full-text index the outer loop; the '+' on
// the filters keeps SQLite from re-planning the statement for every
// article (with sqlite_stat4 present, a bound value an index could use
// expires the prepared plan).
func (s *Store) RelatedArticles(ctx context.Context, q store.RelatedQuery) ([]model.Article, error) {
	match := matchAny(q.Terms)
	if match == "" || q.Limit <= 0 {
		return nil, nil
	}
	limit, _ := clampPage(q.Limit, 0)
	rows, err := s.reads.query(ctx, `SELECT `+summaryColumns+`
		FROM (SELECT id, score FROM (
		        SELECT articles_fts.rowid AS id, bm25(articles_fts, 10.0, 5.0, 1.0) AS score
		          FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
		         WHERE articles_fts MATCH ?1 AND +a.status = 'published' AND +a.id <> ?2
		           AND (?3 = '' OR +a.section = ?3)
		         ORDER BY articles_fts.rowid DESC LIMIT ?4)
		       ORDER BY score LIMIT ?5) best
		CROSS JOIN articles a ON a.id = best.id
		JOIN sources src ON src.id = a.source_id
		ORDER BY a.published_at DESC, a.id DESC LIMIT ?6`,
		match, q.ArticleID, q.Section, relatedRecent, relatedPool, limit)
	if err != nil {
		return nil, fmt.Errorf("related to article %d: %w", q.ArticleID, err)
	}
	as, err := collectArticles(rows)
	if err != nil {
		return nil, fmt.Errorf("related to article %d: %w", q.ArticleID, err)
	}
	return as, nil
}
