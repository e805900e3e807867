package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// relateSQL[n] writes n related lists, given as (?, ?) pairs of article ID
// and JSON list. Lists of articles that are gone (their source removed
// since the story desk saw them) are dropped by the join rather than
// failing the new article's transaction. One statement per count, prepared
// once: a new article writes its own list and those of the neighbours it
// entered, so at most 1+MaxRelated.
var relateSQL = func() []string {
	out := make([]string, store.MaxRelated+2)
	for n := 1; n < len(out); n++ {
		values := strings.Repeat("(?, ?), ", n)
		out[n] = `INSERT OR REPLACE INTO article_related (article_id, list)
			SELECT v.column1, v.column2 FROM (VALUES ` + values[:len(values)-2] + `) v
			JOIN articles a ON a.id = v.column1`
	}
	return out
}()

// relateTx stores an article's related list and the neighbours' lists it
// entered.
func (s *Store) relateTx(ctx context.Context, tx *sql.Tx, articleID int64, own []store.Related, neighbours []store.RelatedList) error {
	args := make([]any, 0, 2*(1+len(neighbours)))
	if len(own) > 0 {
		args = append(args, articleID, encodeRelated(own))
	}
	for _, n := range neighbours {
		if len(args) == 2*(len(relateSQL)-1) {
			break
		}
		if n.ArticleID > 0 && n.ArticleID != articleID && len(n.Related) > 0 {
			args = append(args, n.ArticleID, encodeRelated(n.Related))
		}
	}
	if len(args) == 0 {
		return nil
	}
	_, err := s.writeTx(ctx, tx, relateSQL[len(args)/2], args...)
	return err
}

// encodeRelated writes a list as JSON, [[id, score], ...], at most
// MaxRelated entries, leaving out repeated and non-positive IDs.
func encodeRelated(list []store.Related) string {
	b := make([]byte, 0, 2+24*min(len(list), store.MaxRelated))
	b = append(b, '[')
	n := 0
	for i, r := range list {
		if n == store.MaxRelated {
			break
		}
		if r.ArticleID <= 0 || slices.ContainsFunc(list[:i], func(o store.Related) bool { return o.ArticleID == r.ArticleID }) {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, r.ArticleID, 10)
		b = append(b, ',')
		score := r.Score
		if math.IsNaN(score) || math.IsInf(score, 0) {
			score = 0
		}
		b = strconv.AppendFloat(b, score, 'g', 6, 64)
		b = append(b, ']')
		n++
	}
	return string(append(b, ']'))
}

// decodeRelated reads what encodeRelated wrote; a list it cannot read is
// an empty list (it only feeds the story desk's memory).
func decodeRelated(list string) []store.Related {
	var raw [][2]float64
	if list == "" || json.Unmarshal([]byte(list), &raw) != nil {
		return nil
	}
	out := make([]store.Related, 0, len(raw))
	for _, r := range raw {
		out = append(out, store.Related{ArticleID: int64(r[0]), Score: r[1]})
	}
	return out
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
		// "story_id <> 0" lets the planner use the partial index articles_story.
		{`UPDATE articles SET story_id = ? WHERE story_id = ? AND story_id <> 0`, []any{into, old}},
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

// ListRelated returns the published entries of an article's related list
// outside its story, in the list's order.
func (s *Store) ListRelated(ctx context.Context, articleID int64, limit int) ([]model.Article, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reads.query(ctx, `SELECT `+summaryColumns+`
		FROM article_related r
		JOIN articles o ON o.id = r.article_id, json_each(r.list) j
		JOIN articles a ON a.id = j.value ->> 0
		JOIN sources src ON src.id = a.source_id
		WHERE r.article_id = ? AND a.status = 'published'
		  AND (a.story_id <> o.story_id OR o.story_id = 0)
		ORDER BY j.key
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
