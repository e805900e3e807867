package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// SetArticleStory records an article's placement in one transaction,
// dropping the related list it had first.
func (s *Store) SetArticleStory(ctx context.Context, articleID int64, p store.Placement) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set story of article %d: %w", articleID, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_related WHERE article_id = ?`, articleID); err != nil {
		return fmt.Errorf("set story of article %d: %w", articleID, err)
	}
	if err := s.placeTx(ctx, tx, articleID, p); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set story of article %d: %w", articleID, err)
	}
	return nil
}

// Statements every placement runs, prepared once on the writer (see
// Store.writes): compiling them cost more than running them.
const (
	// The original the story desk remembers may have been removed since
	// (its source deleted): a copy of nothing is stored as an original,
	// or it would stay out of every list and search.
	setStorySQL = `UPDATE articles SET story_id = ?,
		duplicate_of = coalesce((SELECT o.id FROM articles o WHERE o.id = ?), 0) WHERE id = ?`
	setSignatureSQL = `INSERT INTO article_signatures (article_id, signature) VALUES (?, ?)
		ON CONFLICT (article_id) DO UPDATE SET signature = excluded.signature`
)

// preparePlacement prepares the placement statements on the writer. It
// runs in Open: the writer's one connection cannot prepare a statement
// while a transaction holds it.
func preparePlacement(ctx context.Context, writer *sql.DB) (*readStmts, error) {
	w := newReadStmts(writer)
	for _, q := range append([]string{setStorySQL, setSignatureSQL}, relateSQL[1:]...) {
		if _, err := w.get(ctx, q); err != nil {
			w.close()
			return nil, fmt.Errorf("prepare placement statements: %w", err)
		}
	}
	return w, nil
}

// writeTx runs a placement statement inside tx.
func (s *Store) writeTx(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	s.writes.mu.Lock()
	st, ok := s.writes.m[query]
	s.writes.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("statement not prepared: %.40q", query)
	}
	return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

func (s *Store) placeTx(ctx context.Context, tx *sql.Tx, articleID int64, p store.Placement) error {
	res, err := s.writeTx(ctx, tx, setStorySQL, p.StoryID, p.DuplicateOf, articleID)
	if err != nil {
		return fmt.Errorf("set story of article %d: %w", articleID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("set story of article %d: %w", articleID, store.ErrNotFound)
	}
	if p.Signature != nil {
		if _, err := s.writeTx(ctx, tx, setSignatureSQL, articleID, p.Signature); err != nil {
			return fmt.Errorf("store signature of article %d: %w", articleID, err)
		}
	}
	if err := s.relateTx(ctx, tx, articleID, p.Related, p.Neighbours); err != nil {
		return fmt.Errorf("store related articles of article %d: %w", articleID, err)
	}
	for _, old := range p.Merged {
		if err := mergeStoryTx(ctx, tx, old, p.StoryID); err != nil {
			return err
		}
	}
	return nil
}

// RecentStoryDocs returns the newest limit articles, oldest first.
func (s *Store) RecentStoryDocs(ctx context.Context, limit int) ([]store.StoryDoc, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reads.query(ctx, `SELECT a.id, a.source_id, a.title, a.excerpt, a.published_at, a.story_id, a.duplicate_of, g.signature,
			coalesce(l.list, ''), a.canonical_url
		FROM (SELECT id FROM articles ORDER BY published_at DESC, id DESC LIMIT ?) r
		JOIN articles a ON a.id = r.id
		LEFT JOIN article_signatures g ON g.article_id = a.id
		LEFT JOIN article_related l ON l.article_id = a.id
		ORDER BY a.published_at, a.id`, limit)
	if err != nil {
		return nil, fmt.Errorf("recent story docs: %w", err)
	}
	defer rows.Close()
	var docs []store.StoryDoc
	for rows.Next() {
		var d store.StoryDoc
		var published int64
		var related string
		if err := rows.Scan(&d.ArticleID, &d.SourceID, &d.Title, &d.Lead, &published, &d.StoryID, &d.DuplicateOf, &d.Signature, &related, &d.CanonicalURL); err != nil {
			return nil, fmt.Errorf("recent story docs: %w", err)
		}
		d.PublishedAt = fromNanos(published)
		d.Related = decodeRelated(related)
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// StoryDocsFrom walks articles in published order after a cursor.
func (s *Store) StoryDocsFrom(ctx context.Context, afterPublished time.Time, afterID int64, limit int) ([]store.StoryDoc, error) {
	if limit <= 0 {
		return nil, nil
	}
	after := toNanos(afterPublished)
	rows, err := s.reads.query(ctx, `SELECT a.id, a.source_id, a.title, a.excerpt, a.published_at, a.story_id, a.duplicate_of, g.signature, a.content_text, a.canonical_url
		FROM articles a LEFT JOIN article_signatures g ON g.article_id = a.id
		WHERE a.published_at > ? OR (a.published_at = ? AND a.id > ?)
		ORDER BY a.published_at, a.id LIMIT ?`, after, after, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("story docs: %w", err)
	}
	defer rows.Close()
	var docs []store.StoryDoc
	for rows.Next() {
		var d store.StoryDoc
		var published int64
		if err := rows.Scan(&d.ArticleID, &d.SourceID, &d.Title, &d.Lead, &published, &d.StoryID, &d.DuplicateOf, &d.Signature, &d.Text, &d.CanonicalURL); err != nil {
			return nil, fmt.Errorf("story docs: %w", err)
		}
		d.PublishedAt = fromNanos(published)
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// topStoriesSQL ranks the stories with an article published since ?. The
// plan is spelled out: the recent stories come from a walk of
// articles_published back to the date ("+story_id" keeps the planner off
// articles_story there), then each story's articles from articles_story
// (CROSS JOIN fixes that order; "story_id <> 0" repeats the partial
// index's condition so it may be used). Without this the lead's subquery
// read every article once per story, which at 100,000 articles took
// minutes (TestTopStoriesQueryUsesIndexes). The lead is chosen for the
// ranked few only, after the LIMIT: chosen in the ranking, it was looked
// up for every recent story, hundreds a day.
const topStoriesSQL = `WITH recent AS (
		SELECT DISTINCT story_id FROM articles
		 WHERE status = 'published' AND published_at >= ? AND +story_id <> 0),
	ranked AS (
		SELECT a.story_id, count(*) AS articles, count(DISTINCT a.source_id) AS sources,
			min(a.published_at) AS first, max(a.published_at) AS last
		FROM recent r CROSS JOIN articles a ON a.story_id = r.story_id
		WHERE a.story_id <> 0 AND a.status = 'published'
		GROUP BY a.story_id
		ORDER BY sources DESC, last DESC
		LIMIT ?)
	SELECT k.story_id, k.articles, k.sources, k.first, k.last,
		-- the lead: the newest article with an image, else the newest
		(SELECT l.id FROM articles l
		  WHERE l.story_id = k.story_id AND l.story_id <> 0 AND l.status = 'published' AND l.duplicate_of = 0
		  ORDER BY l.image_url <> '' DESC, l.published_at DESC, l.id DESC LIMIT 1)
	FROM ranked k
	ORDER BY k.sources DESC, k.last DESC`

// TopStories ranks recent stories by distinct sources, then recency.
func (s *Store) TopStories(ctx context.Context, since time.Time, limit int) ([]model.Story, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reads.query(ctx, topStoriesSQL, toNanos(since), limit)
	if err != nil {
		return nil, fmt.Errorf("top stories: %w", err)
	}
	type row struct {
		story            model.Story
		first, last, lid int64
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.story.ID, &r.story.Articles, &r.story.Sources, &r.first, &r.last, &r.lid); err != nil {
			rows.Close()
			return nil, fmt.Errorf("top stories: %w", err)
		}
		r.story.FirstSeen, r.story.LastSeen = fromNanos(r.first), fromNanos(r.last)
		got = append(got, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("top stories: %w", err)
	}
	stories := make([]model.Story, 0, len(got))
	for _, r := range got {
		lead, err := s.GetArticle(ctx, r.lid)
		if err != nil {
			return nil, fmt.Errorf("top stories: lead of story %d: %w", r.story.ID, err)
		}
		lead.ContentHTML, lead.ContentText = "", ""
		r.story.Lead = lead
		stories = append(stories, r.story)
	}
	return stories, nil
}

// StoryArticles returns a story's published articles, oldest first.
func (s *Store) StoryArticles(ctx context.Context, storyID int64) ([]model.Article, error) {
	rows, err := s.reads.query(ctx, `SELECT `+summaryColumns+`
		FROM articles a JOIN sources src ON src.id = a.source_id
		WHERE a.story_id = ? AND a.story_id <> 0 AND a.status = 'published'
		ORDER BY a.published_at, a.id`, storyID)
	if err != nil {
		return nil, fmt.Errorf("story %d: %w", storyID, err)
	}
	as, err := collectArticles(rows)
	if err != nil {
		return nil, fmt.Errorf("story %d: %w", storyID, err)
	}
	if len(as) == 0 {
		return nil, fmt.Errorf("story %d: %w", storyID, store.ErrNotFound)
	}
	return as, nil
}

// Copies returns the published syndicated copies of an article. The
// query says "duplicate_of <> 0" so that SQLite may use the partial index
// articles_duplicate; without it every article page read the whole table.
func (s *Store) Copies(ctx context.Context, articleID int64) ([]model.Article, error) {
	rows, err := s.reads.query(ctx, `SELECT `+summaryColumns+`
		FROM articles a JOIN sources src ON src.id = a.source_id
		WHERE a.duplicate_of = ? AND a.duplicate_of <> 0 AND a.status = 'published'
		ORDER BY a.published_at, a.id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("copies of article %d: %w", articleID, err)
	}
	as, err := collectArticles(rows)
	if err != nil {
		return nil, fmt.Errorf("copies of article %d: %w", articleID, err)
	}
	return as, nil
}
