package sqlite

import (
	"context"
	"fmt"
)

// reindexBatch is how many articles one reindex transaction covers: small
// enough that readers and the ingester get the writer between batches.
const reindexBatch = 2000

// Reindex rebuilds the full-text index from the articles, a batch at a
// time, calling progress after each batch. Searches in the meantime see
// only the articles indexed so far.
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) error {
	var total int
	if err := s.writer.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&total); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if _, err := s.writer.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')`); err != nil {
		return fmt.Errorf("reindex: clear the index: %w", err)
	}
	var after int64
	done := 0
	for {
		res, err := s.writer.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, excerpt, content_text)
			SELECT id, title, excerpt, content_text FROM articles WHERE id > ? ORDER BY id LIMIT ?`, after, reindexBatch)
		if err != nil {
			return fmt.Errorf("reindex after article %d: %w", after, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		if n == 0 {
			break
		}
		if err := s.writer.QueryRowContext(ctx, `SELECT max(id) FROM (SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?)`,
			after, reindexBatch).Scan(&after); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		done += int(n)
		if progress != nil {
			progress(done, total)
		}
	}
	if _, err := s.writer.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('optimize')`); err != nil {
		return fmt.Errorf("reindex: optimise the index: %w", err)
	}
	return nil
}
