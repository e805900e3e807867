package sqlite

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/storetest"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "newsdesk.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

func TestOpenBadPath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want string
	}{
		{filepath.Join(dir, "nope", "x.db"), fmt.Sprintf(`open database %q: directory %q does not exist`, filepath.Join(dir, "nope", "x.db"), filepath.Join(dir, "nope"))},
		{filepath.Join(file, "x.db"), "is not a directory"},
		{"", "empty path"},
	}
	for _, tc := range tests {
		s, err := Open(t.Context(), tc.path)
		if err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded, want error", tc.path)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%q) error %q, want it to contain %q", tc.path, err, tc.want)
		}
	}
}

// A directory name holding URI syntax must not be read as query parameters.
func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "odd ?dir#%20x")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "n.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not created at %q: %v", path, err)
	}
}

func TestPragmas(t *testing.T) {
	s := openTemp(t)
	tests := []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{s.writer, "journal_mode", "wal"},
		{s.writer, "foreign_keys", "1"},
		{s.writer, "synchronous", "1"},
		{s.writer, "busy_timeout", "5000"},
		{s.reader, "foreign_keys", "1"},
		{s.reader, "query_only", "1"},
		{s.reader, "busy_timeout", "5000"},
		{s.reader, "journal_mode", "wal"},
	}
	for _, tc := range tests {
		var got string
		if err := tc.db.QueryRowContext(t.Context(), "PRAGMA "+tc.pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", tc.pragma, err)
		}
		if got != tc.want {
			t.Errorf("PRAGMA %s = %q, want %q", tc.pragma, got, tc.want)
		}
	}
	if _, err := s.reader.ExecContext(t.Context(), "DELETE FROM sources"); err == nil {
		t.Error("write through the reader pool succeeded, want query_only to refuse it")
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	ctx := t.Context()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.AddSource(ctx, model.Source{Name: "kept", FeedURL: "https://kept.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for range 2 {
		s, err = Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		if _, err := s.GetSource(ctx, id); err != nil {
			t.Errorf("source lost on reopen: %v", err)
		}
		var n int
		if err := s.reader.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil {
			t.Fatal(err)
		}
		ms, _ := loadMigrations(migrationFS)
		if n != len(ms) {
			t.Errorf("schema_migrations has %d rows, want %d", n, len(ms))
		}
		s.Close()
	}
}

// A new migration on an existing database runs once; a failing one leaves
// nothing behind.
func TestApplyMigrations(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	good := migration{version: 9001, name: "9001_extra.sql", sql: "CREATE TABLE extra (x INTEGER);"}
	bad := migration{version: 9002, name: "9002_bad.sql", sql: "CREATE TABLE half (x INTEGER); NOT SQL;"}
	for range 2 {
		if err := applyMigrations(ctx, s.writer, []migration{good}); err != nil {
			t.Fatalf("apply good migration: %v", err)
		}
	}
	if err := applyMigrations(ctx, s.writer, []migration{bad}); err == nil {
		t.Error("bad migration applied without error")
	}
	var n int
	err := s.writer.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name IN ('extra', 'half')`).Scan(&n)
	if err != nil || n != 1 {
		t.Errorf("tables after migrations: %d (%v), want only extra", n, err)
	}
}

func TestTimeRoundTrip(t *testing.T) {
	tests := []time.Time{
		{},
		time.Date(2025, 3, 1, 12, 0, 0, 123456789, time.FixedZone("X", 3600)),
		time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), // clamps instead of wrapping
		time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for _, in := range tests {
		got := fromNanos(toNanos(in))
		switch {
		case in.IsZero():
			if !got.IsZero() {
				t.Errorf("zero time came back as %v", got)
			}
		case in.Year() < 1678:
			if !got.Equal(minTime) {
				t.Errorf("%v came back as %v, want clamped %v", in, got, minTime)
			}
		case in.Year() > 2262:
			if !got.Equal(maxTime) {
				t.Errorf("%v came back as %v, want clamped %v", in, got, maxTime)
			}
		default:
			if !got.Equal(in) || got.Location() != time.UTC {
				t.Errorf("%v came back as %v", in, got)
			}
		}
	}
}

// Readers keep answering while the writer works; run with -race.
func TestConcurrentReadsWhileWriting(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	src, err := s.AddSource(ctx, model.Source{Name: "c", FeedURL: "https://c.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	const writes = 100
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	wg.Go(func() {
		for i := range writes {
			a := benchArticle(src, i)
			if _, err := s.UpsertArticle(ctx, a); err != nil {
				errs <- err
				return
			}
		}
	})
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if _, err := s.ListArticles(ctx, store.ArticleQuery{Limit: 10}); err != nil {
					errs <- err
					return
				}
				if _, err := s.SearchArticles(ctx, store.SearchQuery{Text: "harbour", Limit: 5}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	page, err := s.ListArticles(ctx, store.ArticleQuery{Limit: 1})
	if err != nil || page.Total != writes {
		t.Errorf("after concurrent writes: total %d, %v; want %d", page.Total, err, writes)
	}
}

// queryPlan is SQLite's plan for query, its steps joined by "; ".
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.reader.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	return strings.Join(steps, "; ")
}

// The list and copy queries of every page view read a partial index made
// for them, never the whole table: at a million articles a table walk is
// seconds (a section page's count read every row of the section before
// migration 0011). The plan is the planner's choice, so this checks it.
// Only the all-sections list without copies has no count of its own (the
// home page and feeds ask for none).
func TestListQueriesUseIndexes(t *testing.T) {
	s := openTemp(t)
	for _, tc := range []struct {
		q     store.ArticleQuery
		index string
	}{
		{store.ArticleQuery{}, "articles_published"},
		{store.ArticleQuery{HideCopies: true}, "articles_published"}, // lists only: no count
		{store.ArticleQuery{Section: "politics"}, "articles_section"},
		{store.ArticleQuery{Section: "politics", HideCopies: true}, "articles_section"},
		{store.ArticleQuery{SourceID: 3}, "articles_source"},
	} {
		where, args := listWhere(tc.q)
		plan := queryPlan(t, s, `SELECT count(*) FROM articles a WHERE `+where, args...)
		if !usesIndex(plan, "COVERING INDEX", tc.index) && !(tc.q.HideCopies && tc.q.Section == "") {
			t.Errorf("count of %+v: plan %q, want the covering index %s", tc.q, plan, tc.index)
		}
		// The page's IDs come from the index alone (skipping to a deep
		// page reads no rows), then each row by its ID.
		plan = queryPlan(t, s, listPageSQL(where), append(args, 20, 10000)...)
		inner, outer, ok := strings.Cut(plan, "SCAN page")
		if !ok || !strings.HasPrefix(inner, "CO-ROUTINE page") || !usesIndex(inner, "INDEX", tc.index) || strings.Contains(inner, "TEMP B-TREE") ||
			!strings.Contains(outer, "SEARCH a USING INTEGER PRIMARY KEY (rowid=?)") {
			t.Errorf("list of %+v: plan %q, want the page's IDs from a walk of %s, then the rows by ID", tc.q, plan, tc.index)
		}
	}
	plan := queryPlan(t, s, `SELECT a.id FROM articles a JOIN sources src ON src.id = a.source_id
		WHERE a.duplicate_of = ? AND a.duplicate_of <> 0 AND a.status = 'published'`, 5)
	if !usesIndex(plan, "INDEX", "articles_duplicate") {
		t.Errorf("copies of an article: plan %q, want the index articles_duplicate", plan)
	}
}

// usesIndex reports whether plan reads the index name (not merely one
// whose name starts with it) as kind ("INDEX" or "COVERING INDEX").
func usesIndex(plan, kind, name string) bool {
	return regexp.MustCompile(kind + ` ` + name + `\b`).MatchString(plan)
}

// The home page's story ranking walks the recent articles by date and then
// each recent story's own articles, in index entries only; it never scans
// the table or a whole index (it once read every article for each story:
// 38 s at 20,000 articles, BenchmarkTopStories).
func TestTopStoriesQueryUsesIndexes(t *testing.T) {
	s := openTemp(t)
	plan := queryPlan(t, s, topStoriesSQL, 0, 10)
	for _, want := range []string{
		// Index entries only (0012): story_id and status are in the
		// row's overflow pages, a read or two per article of the window.
		"SEARCH articles USING COVERING INDEX articles_published (published_at>?)",
		"SEARCH a USING COVERING INDEX articles_story (story_id=?)",
		"SEARCH l USING INDEX articles_story (story_id=?)",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("top stories plan %q lacks %q", plan, want)
		}
	}
	if regexp.MustCompile(`SCAN (articles|a|l)\b`).MatchString(plan) {
		t.Errorf("top stories plan scans articles: %q", plan)
	}
	// The lead is looked up for the ranked stories only, not for every
	// recent one.
	if _, after, ok := strings.Cut(plan, "SCAN k"); !ok || !strings.Contains(after, "CORRELATED SCALAR SUBQUERY") {
		t.Errorf("top stories plan %q chooses the lead before the ranking's LIMIT", plan)
	}
}

// The home page's picks are a handful of rows: the query reads them and
// then each pinned article by its ID, never the articles table or one of
// its indexes from end to end.
func TestPicksQueryReadsPicksFirst(t *testing.T) {
	s := openTemp(t)
	plan := queryPlan(t, s, listPicksSQL, 0, 4)
	if !strings.HasPrefix(plan, "SCAN p") || !strings.Contains(plan, "SEARCH a USING INTEGER PRIMARY KEY (rowid=?)") {
		t.Errorf("picks plan %q, want a scan of picks, then each article by ID", plan)
	}
	if regexp.MustCompile(`SCAN (a|src)\b`).MatchString(plan) {
		t.Errorf("picks plan scans articles or sources: %q", plan)
	}
}

// Every article page reads its source (for the licence): that is one row
// of sources, whatever the source's history.
func TestGetSourceReadsNoArticles(t *testing.T) {
	s := openTemp(t)
	plan := queryPlan(t, s, getSourceSQL, 1)
	if plan != "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)" {
		t.Errorf("get source plan %q, want one search of sources by ID", plan)
	}
}
