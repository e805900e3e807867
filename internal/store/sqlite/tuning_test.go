package sqlite

import (
	"fmt"
	"testing"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
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

// TestRelatedCandidatesBounded checks the two ways RelatedArticles cuts
// its work: only the relatedRecent newest matches are ranked, and an empty
// section searches every section.
func TestRelatedCandidatesBounded(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	src, err := s.AddSource(ctx, model.Source{Name: "r", FeedURL: "https://r.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	const n = relatedRecent + 20
	ids := make([]int64, n)
	for i := range n {
		a := benchArticle(src, i)
		a.Title = fmt.Sprintf("Glacier report %d", i)
		a.Section = []string{"world", "sport"}[i%2]
		res, err := s.UpsertArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = res.ID
	}
	oldest := ids[n-relatedRecent-1] // ranked candidates are newer than this
	for _, tc := range []struct {
		name, section string
	}{{"one section", "world"}, {"every section", ""}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.RelatedArticles(ctx, store.RelatedQuery{ArticleID: ids[n-1], Section: tc.section, Terms: []string{"glacier"}, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != relatedPool {
				t.Fatalf("got %d articles, want the pool of %d", len(got), relatedPool)
			}
			sections := map[string]bool{}
			for _, a := range got {
				if a.ID == ids[n-1] {
					t.Errorf("article %d is the article itself", a.ID)
				}
				// The section filter applies before the cut, so only the
				// unfiltered query can reach past the newest candidates.
				if tc.section == "" && a.ID <= oldest {
					t.Errorf("article %d: older than the %d newest matches", a.ID, relatedRecent)
				}
				if tc.section != "" && a.Section != tc.section {
					t.Errorf("article %d in section %q, want %q", a.ID, a.Section, tc.section)
				}
				sections[a.Section] = true
			}
			if tc.section == "" && len(sections) < 2 {
				t.Errorf("sections %v: want articles from both", sections)
			}
		})
	}
}
