package sqlite

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/text"
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
// reader's text and the query's filters, best first or newest first. Any
// text is safe: it is rebuilt into a query of quoted words, and text without
// words gives no results. The total comes from the section facet, which is
// counted with every filter but the section.
func (s *Store) SearchArticles(ctx context.Context, q store.SearchQuery) (store.SearchResults, error) {
	match := matchAll(q.Text)
	if match == "" {
		return store.SearchResults{}, nil
	}
	var (
		res store.SearchResults
		err error
	)
	res.Facets, res.Total, err = s.searchFacets(ctx, match, q)
	if err != nil {
		return store.SearchResults{}, err
	}
	if res.Total < suggestBelow {
		if res.Suggestion, err = s.suggest(ctx, q, res.Total); err != nil {
			return store.SearchResults{}, err
		}
	}
	limit, offset := clampPage(q.Limit, q.Offset)
	if res.Total == 0 || offset >= res.Total {
		return res, nil
	}
	res.Hits, err = s.searchHits(ctx, match, q, limit, offset)
	if err != nil {
		return store.SearchResults{}, err
	}
	return res, nil
}

// searchFilter is the WHERE clause of a search: the match, published only,
// and the query's filters, leaving out the section or the source filter
// when a facet of that dimension is being counted.
func searchFilter(match string, q store.SearchQuery, withSection, withSource bool) (string, []any) {
	where := `articles_fts MATCH ? AND a.status = 'published'`
	args := []any{match}
	if withSection && q.Section != "" {
		where += ` AND a.section = ?`
		args = append(args, q.Section)
	}
	if withSource && q.SourceID != 0 {
		where += ` AND a.source_id = ?`
		args = append(args, q.SourceID)
	}
	if !q.From.IsZero() {
		where += ` AND a.published_at >= ?`
		args = append(args, toNanos(q.From))
	}
	if !q.To.IsZero() {
		where += ` AND a.published_at < ?`
		args = append(args, toNanos(q.To))
	}
	return where, args
}

// maxSourceFacets bounds the source facet: a reader scans a dozen names,
// not thousands.
const maxSourceFacets = 50

// searchFacets counts the matches by section (all sections: they are few,
// and their sum or the chosen one's count is the total) and by source.
func (s *Store) searchFacets(ctx context.Context, match string, q store.SearchQuery) (store.Facets, int, error) {
	var (
		f     store.Facets
		total int
	)
	where, args := searchFilter(match, q, false, true)
	rows, err := s.reads.query(ctx, `SELECT a.section, count(*) AS n
		FROM articles_fts JOIN articles a INDEXED BY articles_search_facets ON a.id = articles_fts.rowid
		WHERE `+where+` GROUP BY a.section ORDER BY n DESC, a.section`, args...)
	if err != nil {
		return f, 0, fmt.Errorf("count search %q by section: %w", match, err)
	}
	for rows.Next() {
		var fc store.FacetCount
		if err := rows.Scan(&fc.Value, &fc.Count); err != nil {
			rows.Close()
			return f, 0, fmt.Errorf("count search %q by section: %w", match, err)
		}
		fc.Label = fc.Value
		if q.Section == "" || q.Section == fc.Value {
			total += fc.Count
		}
		f.Sections = append(f.Sections, fc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, 0, fmt.Errorf("count search %q by section: %w", match, err)
	}
	where, args = searchFilter(match, q, true, false)
	rows, err = s.reads.query(ctx, `SELECT a.source_id, src.name, count(*) AS n
		FROM articles_fts JOIN articles a INDEXED BY articles_search_facets ON a.id = articles_fts.rowid
		JOIN sources src ON src.id = a.source_id
		WHERE `+where+` GROUP BY a.source_id ORDER BY n DESC, src.name LIMIT ?`,
		append(args, maxSourceFacets)...)
	if err != nil {
		return f, 0, fmt.Errorf("count search %q by source: %w", match, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			fc store.FacetCount
			id int64
		)
		if err := rows.Scan(&id, &fc.Label, &fc.Count); err != nil {
			return f, 0, fmt.Errorf("count search %q by source: %w", match, err)
		}
		fc.Value = strconv.FormatInt(id, 10)
		f.Sources = append(f.Sources, fc)
	}
	if err := rows.Err(); err != nil {
		return f, 0, fmt.Errorf("count search %q by source: %w", match, err)
	}
	return f, total, nil
}

// searchHits reads one page of hits with their snippets. The snippet comes
// from the body, or the excerpt when the feed gave no body; CASE evaluates
// only the branch taken.
func (s *Store) searchHits(ctx context.Context, match string, q store.SearchQuery, limit, offset int) ([]store.SearchHit, error) {
	where, args := searchFilter(match, q, true, true)
	args = append([]any{store.HighlightStart, store.HighlightEnd, snippetTokens}, args...)
	const columns = `SELECT ` + summaryColumns + `,
		CASE WHEN a.content_text <> ''
			THEN snippet(articles_fts, 2, ?, ?, '…', ?3)
			ELSE snippet(articles_fts, 1, ?1, ?2, '…', ?3) END`
	query := columns + `
		FROM articles_fts
		JOIN articles a ON a.id = articles_fts.rowid
		JOIN sources src ON src.id = a.source_id
		WHERE ` + where + ` AND articles_fts.rank MATCH ` + bm25Weights + `
		ORDER BY articles_fts.rank LIMIT ? OFFSET ?`
	if q.Sort == store.SortDate {
		// Sorting by date sorts whole result rows, so SQLite would cut a
		// snippet for every match before LIMIT keeps a page of them (at
		// 10,000 articles, about 2 s for a common word). The page's IDs
		// are picked first, and only they are read back with snippets,
		// each through the full-text index's rowid seek.
		query = columns + `
		FROM (SELECT a.id FROM articles_fts JOIN articles a INDEXED BY articles_search_facets ON a.id = articles_fts.rowid
		       WHERE ` + where + ` ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?) page
		CROSS JOIN articles_fts ON articles_fts.rowid = page.id
		JOIN articles a ON a.id = page.id
		JOIN sources src ON src.id = a.source_id
		WHERE articles_fts MATCH ?
		ORDER BY a.published_at DESC, a.id DESC`
		args = append(args, limit, offset, match)
	} else {
		args = append(args, limit, offset)
	}
	rows, err := s.reads.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", match, err)
	}
	defer rows.Close()
	var hits []store.SearchHit
	for rows.Next() {
		var hit store.SearchHit
		a, err := scanArticle(snippetScanner{rows, &hit.Snippet})
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", match, err)
		}
		hit.Article = a
		hits = append(hits, hit)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", match, err)
	}
	return hits, nil
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

// "Did you mean …?": a search finding fewer than suggestBelow articles gets
// its unknown words of suggestMinRunes or more replaced by the index's
// closest term (at most suggestMaxEdits edits away, the most widespread of
// the closest), looking at suggestMaxWords words at most.
const (
	suggestBelow    = 3
	suggestMinRunes = 4
	suggestMaxEdits = 2
	suggestMaxWords = 8
)

// suggest returns a corrected query text that finds more than total
// articles with the same filters, or "" when there is none. Only plain
// words are corrected: a phrase or a prefix is what the reader meant.
func (s *Store) suggest(ctx context.Context, q store.SearchQuery, total int) (string, error) {
	terms := parseTerms(q.Text)
	changed, looked := false, 0
	for i, t := range terms {
		if len(t.words) != 1 || t.prefix || utf8.RuneCountInString(t.words[0]) < suggestMinRunes {
			continue
		}
		if looked++; looked > suggestMaxWords {
			break
		}
		word := strings.ToLower(t.words[0])
		var known bool
		err := s.reads.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?)`,
			joinTerms([]term{{words: []string{word}}}, "")).Scan(&known)
		if err != nil {
			return "", fmt.Errorf("suggest for %q: %w", word, err)
		}
		if known {
			continue
		}
		best, err := s.closestTerm(ctx, word)
		if err != nil {
			return "", err
		}
		if best != "" {
			terms[i].words = []string{best}
			changed = true
		}
	}
	if !changed {
		return "", nil
	}
	text := suggestionText(terms)
	where, args := searchFilter(matchAll(text), q, true, true)
	var n int
	err := s.reads.queryRow(ctx, `SELECT count(*)
		FROM articles_fts JOIN articles a INDEXED BY articles_search_facets ON a.id = articles_fts.rowid WHERE `+where, args...).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("count suggestion %q: %w", text, err)
	}
	if n <= total {
		return "", nil
	}
	return text, nil
}

// closestTerm finds the index term nearest to word: fewest edits, then in
// the most articles, then first in order. Candidates share word's first
// letter (readers rarely mistype it, and the vocabulary table reads a
// term range cheaply) and are within suggestMaxEdits of its length.
func (s *Store) closestTerm(ctx context.Context, word string) (string, error) {
	w := []rune(word)
	first := string(w[0])
	rows, err := s.reads.query(ctx, `SELECT term, doc FROM articles_vocab
		WHERE term >= ?1 AND term < ?2 AND length(term) BETWEEN ?3 AND ?4`,
		first, string(w[0]+1), len(w)-suggestMaxEdits, len(w)+suggestMaxEdits)
	if err != nil {
		return "", fmt.Errorf("suggest for %q: %w", word, err)
	}
	defer rows.Close()
	var (
		best     string
		bestDist = suggestMaxEdits + 1
		bestDocs int
	)
	for rows.Next() {
		var (
			cand string
			docs int
		)
		if err := rows.Scan(&cand, &docs); err != nil {
			return "", fmt.Errorf("suggest for %q: %w", word, err)
		}
		d := text.EditDistance(w, []rune(cand), suggestMaxEdits)
		if d == 0 || d > suggestMaxEdits || utf8.RuneCountInString(cand) < suggestMinRunes-1 {
			continue
		}
		if d < bestDist || (d == bestDist && docs > bestDocs) {
			best, bestDist, bestDocs = cand, d, docs
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("suggest for %q: %w", word, err)
	}
	return best, nil
}

// suggestionText writes terms back as a reader would type them.
func suggestionText(terms []term) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		p := strings.Join(t.words, " ")
		if len(t.words) > 1 {
			p = `"` + p + `"`
		}
		if t.prefix {
			p += "*"
		}
		parts[i] = p
	}
	return strings.Join(parts, " ")
}
