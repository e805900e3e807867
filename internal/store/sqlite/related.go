package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// relateSQL[n] stores the related list of n entries of article ?1, given
// as (?2, ?3), (?4, ?5)...: the article's own rows and one row in each
// entry's list (the trigger of migration 0007 keeps each list's best).
// Entries whose article is gone (its source removed since the story desk
// saw it) are dropped by the join rather than failing the article's
// transaction. One statement per list length, prepared once.
var relateSQL = func() []string {
	out := make([]string, store.MaxRelated+1)
	for n := 1; n <= store.MaxRelated; n++ {
		var values strings.Builder
		for i := range n {
			if i > 0 {
				values.WriteString(", ")
			}
			fmt.Fprintf(&values, "(?%d, ?%d)", 2*i+2, 2*i+3)
		}
		out[n] = `WITH v(r, s) AS (VALUES ` + values.String() + `),
			ok(r, s) AS (SELECT v.r, v.s FROM v JOIN articles a ON a.id = v.r)
			INSERT OR REPLACE INTO article_related (article_id, related_id, score)
			SELECT ?1, r, s FROM ok UNION ALL SELECT r, ?1, s FROM ok`
	}
	return out
}()

// relateTx stores an article's related list and offers the article to each
// entry's list.
func (s *Store) relateTx(ctx context.Context, tx *sql.Tx, articleID int64, related []store.Related) error {
	args := make([]any, 1, 1+2*min(len(related), store.MaxRelated))
	args[0] = articleID
	seen := make(map[int64]bool, len(related))
	for _, r := range related {
		if len(args) == cap(args) {
			break
		}
		if r.ArticleID <= 0 || r.ArticleID == articleID || seen[r.ArticleID] {
			continue
		}
		seen[r.ArticleID] = true
		args = append(args, r.ArticleID, r.Score)
	}
	n := (len(args) - 1) / 2
	if n == 0 {
		return nil
	}
	_, err := s.writeTx(ctx, tx, relateSQL[n], args...)
	return err
}

// mergeStoryTx moves story old's articles to story into and makes old an
// alias of into, keeping aliases one step long: aliases of old now name
// into, and into, live again, is no longer an alias.
func mergeStoryTx(ctx context.Context, tx *sql.Tx, old, into int64) error {
	if old == into || old <= 0 || into <= 0 {
		return nil
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE articles SET story_id = ? WHERE story_id = ?`, []any{into, old}},
		{`UPDATE story_aliases SET story_id = ? WHERE story_id = ?`, []any{into, old}},
		{`DELETE FROM story_aliases WHERE old_id = ?`, []any{into}},
		{`INSERT OR REPLACE INTO story_aliases (old_id, story_id) VALUES (?, ?)`, []any{old, into}},
	} {
		if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
			return fmt.Errorf("merge story %d into %d: %w", old, into, err)
		}
	}
	return nil
}

// ListRelated returns the published entries of an article's related list,
// best first, newest first among equals.
func (s *Store) ListRelated(ctx context.Context, articleID int64, limit int) ([]model.Article, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reads.query(ctx, `SELECT `+summaryColumns+`
		FROM article_related r
		JOIN articles a ON a.id = r.related_id
		JOIN sources src ON src.id = a.source_id
		WHERE r.article_id = ? AND a.status = 'published'
		ORDER BY r.score DESC, a.published_at DESC, a.id DESC
		LIMIT ?`, articleID, limit)
	if err != nil {
		return nil, fmt.Errorf("related articles of %d: %w", articleID, err)
	}
	as, err := collectArticles(rows)
	if err != nil {
		return nil, fmt.Errorf("related articles of %d: %w", articleID, err)
	}
	return as, nil
}

// StoryAlias returns the story that absorbed story oldID.
func (s *Store) StoryAlias(ctx context.Context, oldID int64) (int64, error) {
	var id int64
	err := s.reads.queryRow(ctx, `SELECT story_id FROM story_aliases WHERE old_id = ?`, oldID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("alias of story %d: %w", oldID, store.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("alias of story %d: %w", oldID, err)
	}
	return id, nil
}
