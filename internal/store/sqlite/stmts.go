package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// upsertStmts are UpsertArticle's statements, prepared once on the writer's
// single connection. Preparing the INSERT is not cheap: SQLite compiles the
// search-index triggers into it, and ingest runs it for every new article.
type upsertStmts struct {
	find, insert, update *sql.Stmt
}

const (
	findArticleSQL = `SELECT id, content_hash FROM articles WHERE source_id = ? AND guid = ?`
	// RETURNING saves the round trip for the new ID.
	insertArticleSQL = `INSERT INTO articles (source_id, guid, url, canonical_url,
		title, author, published_at, updated_at, fetched_at, excerpt, content_html, content_text,
		image_url, language, section, tags, status, hidden_reason, content_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	updateArticleSQL = `UPDATE articles SET url = ?, canonical_url = ?, title = ?,
		author = ?, published_at = ?, updated_at = ?, excerpt = ?, content_html = ?,
		content_text = ?, image_url = ?, language = ?, section = ?, tags = ?, content_hash = ?
		WHERE id = ?`
)

func prepareUpsert(ctx context.Context, db *sql.DB) (*upsertStmts, error) {
	u := &upsertStmts{}
	for _, p := range []struct {
		dst   **sql.Stmt
		query string
	}{{&u.find, findArticleSQL}, {&u.insert, insertArticleSQL}, {&u.update, updateArticleSQL}} {
		st, err := db.PrepareContext(ctx, p.query)
		if err != nil {
			u.close()
			return nil, fmt.Errorf("prepare upsert statements: %w", err)
		}
		*p.dst = st
	}
	return u, nil
}

func (u *upsertStmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{u.find, u.insert, u.update} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}
