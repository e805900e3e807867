package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
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
		image_url, language, section, tags, status, hidden_reason, content_hash,
		no_archive, extract_error, published_estimated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	// An estimated published time (the time first seen) is kept on update:
	// the right-hand sides of an UPDATE see the row as it was.
	updateArticleSQL = `UPDATE articles SET url = ?1, canonical_url = ?2, title = ?3,
		author = ?4,
		published_at = CASE WHEN published_estimated = 1 AND ?17 = 1 THEN published_at ELSE ?5 END,
		updated_at = ?6, excerpt = ?7, content_html = ?8, content_text = ?9, image_url = ?10,
		language = ?11, section = ?12, tags = ?13, content_hash = ?14,
		no_archive = ?15, extract_error = ?16, published_estimated = ?17
		WHERE id = ?18`
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

// readStmts prepares each query text once for the reader pool and keeps it:
// parsing and planning a query costs about as much as running the small
// ones a page makes (an article by ID, a source's licence). The texts are
// constants of this package, so the map stays small.
type readStmts struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func newReadStmts(db *sql.DB) *readStmts {
	return &readStmts{db: db, m: make(map[string]*sql.Stmt)}
}

func (r *readStmts) get(ctx context.Context, query string) (*sql.Stmt, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if st, ok := r.m[query]; ok {
		return st, nil
	}
	st, err := r.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	r.m[query] = st
	return st, nil
}

func (r *readStmts) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := r.get(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is sql.DB.QueryRowContext on a prepared statement; a failed
// prepare comes out of Scan, as it would there.
func (r *readStmts) queryRow(ctx context.Context, query string, args ...any) scanner {
	st, err := r.get(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

func (r *readStmts) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	for q, st := range r.m {
		errs = append(errs, st.Close())
		delete(r.m, q)
	}
	return errors.Join(errs...)
}

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }
