package sqlite

import (
	"testing"

	"github.com/newsdesk/newsdesk/internal/model"
)

// TestWriterPragmas guards the settings the ingest benchmark depends on:
// modernc applies _pragma values in name order, so one can silently stop
// working (page_size, for one, would come after journal_mode and be ignored).
func TestWriterPragmas(t *testing.T) {
	s := openTemp(t)
	for _, tc := range []struct {
		pragma string
		want   int64
	}{
		{"wal_autocheckpoint", walAutocheckpointPages},
		{"journal_size_limit", journalSizeLimit},
		{"busy_timeout", busyTimeoutMS},
		{"foreign_keys", 1},
	} {
		t.Run(tc.pragma, func(t *testing.T) {
			var got int64
			if err := s.writer.QueryRowContext(t.Context(), "PRAGMA "+tc.pragma).Scan(&got); err != nil {
				t.Fatalf("PRAGMA %s: %v", tc.pragma, err)
			}
			if got != tc.want {
				t.Errorf("PRAGMA %s = %d, want %d", tc.pragma, got, tc.want)
			}
		})
	}
}

// TestUpsertPreparedReuse runs the prepared upsert statements through
// insert, unchanged and update, twice over, so a statement closed or bound
// to the wrong transaction fails here.
func TestUpsertPreparedReuse(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	src, err := s.AddSource(ctx, model.Source{Name: "p", FeedURL: "https://p.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		a := benchArticle(src, round)
		first, err := s.UpsertArticle(ctx, a)
		if err != nil || !first.Created || first.ID == 0 {
			t.Fatalf("round %d insert: %+v, %v", round, first, err)
		}
		same, err := s.UpsertArticle(ctx, a)
		if err != nil || same.Created || same.Updated || same.ID != first.ID {
			t.Fatalf("round %d unchanged: %+v, %v", round, same, err)
		}
		a.Title += " (updated)"
		upd, err := s.UpsertArticle(ctx, a)
		if err != nil || !upd.Updated || upd.ID != first.ID {
			t.Fatalf("round %d update: %+v, %v", round, upd, err)
		}
	}
}
