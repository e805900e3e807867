package sqlite

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/store"
)

var _ store.SourceControl = (*Store)(nil)

// SetSourcePaused pauses a source with its reason, or resumes it with a
// clean slate: no errors, no redirect count, due at once (next check 0).
func (s *Store) SetSourcePaused(ctx context.Context, id int64, paused bool, reason string) error {
	q := `UPDATE sources SET paused = 1, pause_reason = ? WHERE id = ?`
	args := []any{reason, id}
	if !paused {
		q = `UPDATE sources SET paused = 0, pause_reason = '', error_count = 0, last_error = '',
			failing_since = 0, redirect_url = '', redirect_count = 0, next_check_at = 0 WHERE id = ?`
		args = []any{id}
	}
	res, err := s.writer.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("set source %d paused=%v: %w", id, paused, err)
	}
	return rowsChanged(res, "set paused state of source", id)
}

// MoveSourceFeed points a source at a new feed URL; the old URL's
// validators would make the new server answer 304 to a request it never saw.
func (s *Store) MoveSourceFeed(ctx context.Context, id int64, newURL string) error {
	res, err := s.writer.ExecContext(ctx, `UPDATE sources SET feed_url = ?, etag = '', last_modified = '',
		redirect_url = '', redirect_count = 0 WHERE id = ?`, newURL, id)
	if errorCode(err) == codeConstraintUnique {
		return fmt.Errorf("move source %d to %s: feed URL %w", id, newURL, store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("move source %d to %s: %w", id, newURL, err)
	}
	return rowsChanged(res, "move source", id)
}
