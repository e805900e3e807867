package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// articleColumns are read with src columns by scanArticle; the query must
// join sources as src.
const articleColumns = `a.id, a.source_id, a.guid, a.url, a.canonical_url, a.title, a.author,
	a.published_at, a.updated_at, a.fetched_at, a.excerpt, a.content_html, a.content_text,
	a.image_url, a.language, a.section, a.tags, a.status, a.hidden_reason,
	a.no_archive, a.extract_error, a.published_estimated, a.story_id, a.duplicate_of,
	src.name, src.policy, src.site_url`

// summaryColumns read like articleColumns but leave the body empty: list
// pages, picks, search results and related articles never show it, and it
// is most of a row's bytes.
const summaryColumns = `a.id, a.source_id, a.guid, a.url, a.canonical_url, a.title, a.author,
	a.published_at, a.updated_at, a.fetched_at, a.excerpt, '', '',
	a.image_url, a.language, a.section, a.tags, a.status, a.hidden_reason,
	a.no_archive, a.extract_error, a.published_estimated, a.story_id, a.duplicate_of,
	src.name, src.policy, src.site_url`

// List pages are cut to this size when the caller asks for none or too many.
const (
	defaultLimit = 50
	maxLimit     = 500
)

func clampPage(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = defaultLimit
	}
	if limit > maxLimit {
		limit = maxLimit
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// UpsertArticle inserts an article, or updates the one with the same source
// and GUID when its content hash differs, keeping ID, status, hidden reason
// and first fetched time. The search index follows by trigger in the same
// transaction. An empty status is stored as published.
func (s *Store) UpsertArticle(ctx context.Context, a model.Article) (store.UpsertResult, error) {
	return s.UpsertPlacedArticle(ctx, a, nil)
}

// UpsertPlacedArticle is UpsertArticle that, for a new article, asks place
// for its story, original and signature and stores them in the same
// transaction.
func (s *Store) UpsertPlacedArticle(ctx context.Context, a model.Article, place store.PlaceFunc) (store.UpsertResult, error) {
	if a.Status == "" {
		a.Status = model.StatusPublished
	}
	tags, err := encodeTags(a.Tags)
	if err != nil {
		return store.UpsertResult{}, fmt.Errorf("upsert article %q: %w", a.GUID, err)
	}
	hash := contentHash(a, tags)
	if a.FeedHash != "" {
		hash = []byte(a.FeedHash)
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return store.UpsertResult{}, fmt.Errorf("upsert article %q: %w", a.GUID, err)
	}
	defer tx.Rollback()
	res, err := s.upsertTx(ctx, tx, a, tags, hash)
	if err == nil && res.Created && place != nil {
		err = s.placeTx(ctx, tx, res.ID, place(res.ID))
	}
	if err == nil {
		err = tx.Commit()
	}
	if errorCode(err) == codeConstraintForeignKey {
		return store.UpsertResult{}, fmt.Errorf("upsert article %q: source %d: %w", a.GUID, a.SourceID, store.ErrNotFound)
	}
	if err != nil {
		return store.UpsertResult{}, fmt.Errorf("upsert article %q of source %d: %w", a.GUID, a.SourceID, err)
	}
	return res, nil
}

func (s *Store) upsertTx(ctx context.Context, tx *sql.Tx, a model.Article, tags string, hash []byte) (store.UpsertResult, error) {
	var (
		id  int64
		old []byte
	)
	err := tx.StmtContext(ctx, s.upsert.find).QueryRowContext(ctx, a.SourceID, a.GUID).Scan(&id, &old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err := tx.StmtContext(ctx, s.upsert.insert).QueryRowContext(ctx,
			a.SourceID, a.GUID, a.URL, a.CanonicalURL, a.Title, a.Author, toNanos(a.PublishedAt),
			toNanos(a.UpdatedAt), toNanos(a.FetchedAt), a.Excerpt, a.ContentHTML, a.ContentText,
			a.ImageURL, a.Language, a.Section, tags, string(a.Status), a.HiddenReason, hash,
			a.NoArchive, a.ExtractError, a.PublishedEstimated).Scan(&id)
		if err != nil {
			return store.UpsertResult{}, err
		}
		return store.UpsertResult{ID: id, Created: true}, nil
	case err != nil:
		return store.UpsertResult{}, err
	case bytes.Equal(old, hash):
		return store.UpsertResult{ID: id}, nil
	}
	_, err = tx.StmtContext(ctx, s.upsert.update).ExecContext(ctx,
		a.URL, a.CanonicalURL, a.Title, a.Author, toNanos(a.PublishedAt), toNanos(a.UpdatedAt),
		a.Excerpt, a.ContentHTML, a.ContentText, a.ImageURL, a.Language, a.Section, tags, hash,
		a.NoArchive, a.ExtractError, a.PublishedEstimated, id)
	if err != nil {
		return store.UpsertResult{}, err
	}
	return store.UpsertResult{ID: id, Updated: true}, nil
}

// ArticleFeedHash returns the hash stored for a source's item.
func (s *Store) ArticleFeedHash(ctx context.Context, sourceID int64, guid string) (string, error) {
	var hash []byte
	err := s.reads.queryRow(ctx, `SELECT content_hash FROM articles WHERE source_id = ? AND guid = ?`, sourceID, guid).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("feed hash of %q: %w", guid, store.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("feed hash of %q: %w", guid, err)
	}
	return string(hash), nil
}

// contentHash covers every field an update may change, each length-prefixed
// so that moving text from one field to the next changes the hash.
func contentHash(a model.Article, tags string) []byte {
	h := sha256.New()
	var n [8]byte
	for _, f := range []string{a.URL, a.CanonicalURL, a.Title, a.Author, a.Excerpt,
		a.ContentHTML, a.ContentText, a.ImageURL, a.Language, a.Section, tags} {
		binary.LittleEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	for _, t := range []int64{toNanos(a.PublishedAt), toNanos(a.UpdatedAt)} {
		binary.LittleEndian.PutUint64(n[:], uint64(t))
		h.Write(n[:])
	}
	return h.Sum(nil)
}

func encodeTags(tags []string) (string, error) {
	if len(tags) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(tags)
	if err != nil {
		return "", fmt.Errorf("encode tags: %w", err)
	}
	return string(b), nil
}

// GetArticle returns an article whatever its status.
func (s *Store) GetArticle(ctx context.Context, id int64) (model.Article, error) {
	row := s.reads.queryRow(ctx, `SELECT `+articleColumns+`
		FROM articles a JOIN sources src ON src.id = a.source_id WHERE a.id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Article{}, fmt.Errorf("get article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return model.Article{}, fmt.Errorf("get article %d: %w", id, err)
	}
	return a, nil
}

// ListArticles returns a page of published articles, newest first. A zero
// limit means defaultLimit.
func (s *Store) ListArticles(ctx context.Context, q store.ArticleQuery) (store.ArticlePage, error) {
	limit, offset := clampPage(q.Limit, q.Offset)
	where, args := listWhere(q)
	var page store.ArticlePage
	if !q.SkipTotal {
		err := s.reads.queryRow(ctx, `SELECT count(*) FROM articles a WHERE `+where, args...).Scan(&page.Total)
		if err != nil {
			return store.ArticlePage{}, fmt.Errorf("count articles: %w", err)
		}
	}
	rows, err := s.reads.query(ctx, listPageSQL(where), append(args, limit, offset)...)
	if err != nil {
		return store.ArticlePage{}, fmt.Errorf("list articles: %w", err)
	}
	page.Articles, err = collectArticles(rows)
	if err != nil {
		return store.ArticlePage{}, fmt.Errorf("list articles: %w", err)
	}
	return page, nil
}

// listPageSQL is the query of a list page: the page's IDs from the list's
// index alone, then their rows. Skipping to a deep page (OFFSET) so walks
// index entries only; joined to sources directly, every skipped entry read
// its article's row for source_id (a section's page 500 of 1,000 at
// 100,000 articles: 20 ms). TestListQueriesUseIndexes checks the plan.
func listPageSQL(where string) string {
	return `SELECT ` + summaryColumns + `
		FROM (SELECT a.id FROM articles a WHERE ` + where + `
			ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?) page
		CROSS JOIN articles a ON a.id = page.id
		JOIN sources src ON src.id = a.source_id
		ORDER BY a.published_at DESC, a.id DESC`
}

// listWhere is the condition on articles (alias a) of a list query. The
// filters are spelled out per case rather than as one optional clause
// each, so the planner can pick the matching partial index
// (TestListQueriesUseIndexes).
func listWhere(q store.ArticleQuery) (string, []any) {
	where := `a.status = 'published'`
	var args []any
	if q.Section != "" {
		where += ` AND a.section = ?`
		args = append(args, q.Section)
	}
	if q.SourceID != 0 {
		where += ` AND a.source_id = ?`
		args = append(args, q.SourceID)
	}
	if q.HideCopies {
		// Read from articles_section with a section (0011); from the row
		// without one, which only lists ask for (no count).
		where += ` AND a.duplicate_of = 0`
	}
	return where, args
}

// SetArticleStatus hides or restores an article. The search index keeps
// hidden rows; every read filters on status, so restoring costs nothing.
func (s *Store) SetArticleStatus(ctx context.Context, id int64, status model.Status, reason string) error {
	switch status {
	case model.StatusPublished, model.StatusHidden:
	default:
		return fmt.Errorf("set status of article %d: unknown status %q", id, status)
	}
	res, err := s.writer.ExecContext(ctx, `UPDATE articles SET status = ?, hidden_reason = ? WHERE id = ?`,
		string(status), reason, id)
	if err != nil {
		return fmt.Errorf("set status of article %d: %w", id, err)
	}
	return rowsChanged(res, "set status of article", id)
}

func scanArticle(sc scanner) (model.Article, error) {
	var (
		a                           model.Article
		published, updated, fetched int64
		tags, status, policy        string
	)
	err := sc.Scan(&a.ID, &a.SourceID, &a.GUID, &a.URL, &a.CanonicalURL, &a.Title, &a.Author,
		&published, &updated, &fetched, &a.Excerpt, &a.ContentHTML, &a.ContentText,
		&a.ImageURL, &a.Language, &a.Section, &tags, &status, &a.HiddenReason,
		&a.NoArchive, &a.ExtractError, &a.PublishedEstimated, &a.StoryID, &a.DuplicateOf,
		&a.SourceName, &policy, &a.SourceSiteURL)
	if err != nil {
		return model.Article{}, err
	}
	a.PublishedAt = fromNanos(published)
	a.UpdatedAt = fromNanos(updated)
	a.FetchedAt = fromNanos(fetched)
	a.Status = model.Status(status)
	a.SourcePolicy = model.Policy(policy)
	if tags != "" && tags != "[]" {
		if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
			return model.Article{}, fmt.Errorf("article %d: decode tags: %w", a.ID, err)
		}
	}
	return a, nil
}

func collectArticles(rows *sql.Rows) ([]model.Article, error) {
	defer rows.Close()
	var as []model.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}
