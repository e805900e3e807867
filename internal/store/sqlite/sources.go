package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

const sourceColumns = `s.id, s.name, s.site_url, s.feed_url, s.section, s.policy,
	s.license_name, s.license_url, s.created_at, s.etag, s.last_modified,
	s.next_check_at, s.last_check_at, s.last_success_at, s.error_count, s.last_error,
	s.failing_since, s.poll_interval, s.items_per_day, s.paused, s.pause_reason,
	s.redirect_url, s.redirect_count, s.extract_keep, s.extract_drop`

// AddSource stores a new source; store.ErrConflict when its feed URL is taken.
// An empty policy is stored as the default; a zero CreatedAt as now.
func (s *Store) AddSource(ctx context.Context, src model.Source) (int64, error) {
	if src.Policy == "" {
		src.Policy = model.PolicyExcerpt
	}
	if src.CreatedAt.IsZero() {
		src.CreatedAt = time.Now()
	}
	p := src.Poll
	res, err := s.writer.ExecContext(ctx, `INSERT INTO sources (name, site_url, feed_url, section,
		policy, license_name, license_url, created_at, etag, last_modified, next_check_at,
		last_check_at, last_success_at, error_count, last_error, failing_since, poll_interval,
		items_per_day, paused, pause_reason, redirect_url, redirect_count, extract_keep, extract_drop)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		src.Name, src.SiteURL, src.FeedURL, src.Section, string(src.Policy), src.LicenseName,
		src.LicenseURL, toNanos(src.CreatedAt), p.ETag, p.LastModified, toNanos(p.NextCheckAt),
		toNanos(p.LastCheckAt), toNanos(p.LastSuccessAt), p.ErrorCount, p.LastError,
		toNanos(p.FailingSince), int64(p.Interval), p.ItemsPerDay, p.Paused, p.PauseReason,
		p.RedirectURL, p.RedirectCount, encodeSelectors(src.ExtractKeep), encodeSelectors(src.ExtractDrop))
	if errorCode(err) == codeConstraintUnique {
		return 0, fmt.Errorf("add source %q: feed URL %w", src.FeedURL, store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("add source %q: %w", src.FeedURL, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("add source %q: %w", src.FeedURL, err)
	}
	return id, nil
}

// getSourceSQL reads one source's row and nothing else. ArticleCount is
// not filled: it counted the source's articles, an index walk as long as
// the source's history, on every article page (for the licence) and
// source page, and none of them shows it (TestGetSourceReadsNoArticles).
const getSourceSQL = `SELECT ` + sourceColumns + `, 0 FROM sources s WHERE s.id = ?`

// GetSource returns one source, ArticleCount left 0; store.ErrNotFound
// when there is none.
func (s *Store) GetSource(ctx context.Context, id int64) (model.Source, error) {
	row := s.reads.queryRow(ctx, getSourceSQL, id)
	src, err := scanSource(row)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Source{}, fmt.Errorf("get source %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return model.Source{}, fmt.Errorf("get source %d: %w", id, err)
	}
	return src, nil
}

// ListSources returns every source by ID with ArticleCount, hidden articles included.
func (s *Store) ListSources(ctx context.Context) ([]model.Source, error) {
	rows, err := s.reads.query(ctx, `SELECT `+sourceColumns+`, coalesce(c.n, 0)
		FROM sources s
		LEFT JOIN (SELECT source_id, count(*) AS n FROM articles GROUP BY source_id) c
		       ON c.source_id = s.id
		ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	srcs, err := collectSources(rows)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return srcs, nil
}

// RemoveSource deletes a source; the schema cascades to its articles, their
// index rows (by trigger) and their picks, all in this one statement.
func (s *Store) RemoveSource(ctx context.Context, id int64) error {
	res, err := s.writer.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("remove source %d: %w", id, err)
	}
	if err := rowsChanged(res, "remove source", id); err != nil {
		return err
	}
	return nil
}

// DueSources returns sources that are not paused and whose next check is
// at or before now, most overdue first; a limit of 0 or less gives none. ArticleCount is not
// filled: the scheduler has no use for it.
func (s *Store) DueSources(ctx context.Context, now time.Time, limit int) ([]model.Source, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reads.query(ctx, `SELECT `+sourceColumns+`, 0
		FROM sources s WHERE s.paused = 0 AND s.next_check_at <= ?
		ORDER BY s.next_check_at, s.id LIMIT ?`, toNanos(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	srcs, err := collectSources(rows)
	if err != nil {
		return nil, fmt.Errorf("due sources: %w", err)
	}
	return srcs, nil
}

// SavePollState records the outcome of a check; store.ErrNotFound when the
// source is gone (it may have been removed while it was being fetched).
func (s *Store) SavePollState(ctx context.Context, sourceID int64, p model.PollState) error {
	res, err := s.writer.ExecContext(ctx, `UPDATE sources SET etag = ?, last_modified = ?,
		next_check_at = ?, last_check_at = ?, last_success_at = ?, error_count = ?, last_error = ?,
		failing_since = ?, poll_interval = ?, items_per_day = ?, paused = ?, pause_reason = ?,
		redirect_url = ?, redirect_count = ?
		WHERE id = ?`,
		p.ETag, p.LastModified, toNanos(p.NextCheckAt), toNanos(p.LastCheckAt),
		toNanos(p.LastSuccessAt), p.ErrorCount, p.LastError, toNanos(p.FailingSince),
		int64(p.Interval), p.ItemsPerDay, p.Paused, p.PauseReason, p.RedirectURL,
		p.RedirectCount, sourceID)
	if err != nil {
		return fmt.Errorf("save poll state of source %d: %w", sourceID, err)
	}
	return rowsChanged(res, "save poll state of source", sourceID)
}

type scanner interface{ Scan(dest ...any) error }

func scanSource(sc scanner) (model.Source, error) {
	var (
		src                                                      model.Source
		policy                                                   string
		created, next, lastCheck, lastSuccess, failing, interval int64
		keep, drop                                               string
	)
	p := &src.Poll
	err := sc.Scan(&src.ID, &src.Name, &src.SiteURL, &src.FeedURL, &src.Section, &policy,
		&src.LicenseName, &src.LicenseURL, &created, &p.ETag, &p.LastModified,
		&next, &lastCheck, &lastSuccess, &p.ErrorCount, &p.LastError,
		&failing, &interval, &p.ItemsPerDay, &p.Paused, &p.PauseReason,
		&p.RedirectURL, &p.RedirectCount, &keep, &drop, &src.ArticleCount)
	if err != nil {
		return model.Source{}, err
	}
	if src.ExtractKeep, err = decodeSelectors(keep); err != nil {
		return model.Source{}, fmt.Errorf("source %d: %w", src.ID, err)
	}
	if src.ExtractDrop, err = decodeSelectors(drop); err != nil {
		return model.Source{}, fmt.Errorf("source %d: %w", src.ID, err)
	}
	src.Policy = model.Policy(policy)
	src.CreatedAt = fromNanos(created)
	src.Poll.NextCheckAt = fromNanos(next)
	src.Poll.LastCheckAt = fromNanos(lastCheck)
	src.Poll.LastSuccessAt = fromNanos(lastSuccess)
	src.Poll.FailingSince = fromNanos(failing)
	src.Poll.Interval = time.Duration(interval)
	return src, nil
}

func collectSources(rows *sql.Rows) ([]model.Source, error) {
	defer rows.Close()
	var srcs []model.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return srcs, rows.Err()
}

// SetSourceRules replaces a source's extraction rules.
func (s *Store) SetSourceRules(ctx context.Context, id int64, keep, drop []string) error {
	res, err := s.writer.ExecContext(ctx, `UPDATE sources SET extract_keep = ?, extract_drop = ? WHERE id = ?`,
		encodeSelectors(keep), encodeSelectors(drop), id)
	if err != nil {
		return fmt.Errorf("set rules of source %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("set rules of source %d: %w", id, store.ErrNotFound)
	}
	return nil
}

func encodeSelectors(list []string) string {
	if len(list) == 0 {
		return "[]"
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "[]" // a []string always marshals
	}
	return string(b)
}

func decodeSelectors(s string) ([]string, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var list []string
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		return nil, fmt.Errorf("decode extraction rules: %w", err)
	}
	return list, nil
}
