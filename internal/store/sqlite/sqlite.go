package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var _ store.Store = (*Store)(nil)

// Store is a store.Store on one SQLite file. It is safe for concurrent use.
type Store struct {
	writer *sql.DB // exactly one connection: every write goes here
	reader *sql.DB // query-only pool
	upsert *upsertStmts
	reads  *readStmts // on reader
	writes *readStmts // on writer: placement statements (stories.go), all prepared in Open
	search *searchIndex
}

// Options tune a store beyond its path.
type Options struct {
	// Search tunes the full-text index: its stemming language and recency
	// boost. A change of language rebuilds the index at the next search.
	Search search.Options
	// SearchCopies puts syndicated copies (articles with a DuplicateOf) in
	// the search index too. By default a copy is left out, as the site's
	// lists leave it out, and a search finds its original once. A change
	// rebuilds the index at the next search.
	SearchCopies bool
}

// busyTimeoutMS bounds how long a connection waits for a lock held by
// another process (a second newsdesk, a backup) before failing.
const busyTimeoutMS = 5000

// WAL sizing for the writer; see dsn.
const (
	walAutocheckpointPages = 8000     // 4 KiB pages: ~32 MiB
	journalSizeLimit       = 64 << 20 // bytes kept of the WAL file after a checkpoint
)

// Open opens or creates the database at path, applies pending migrations
// and returns a Store ready for use. The directory must exist and be
// writable; the search index lives beside the file (see searchindex.go).
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opt Options) (*Store, error) {
	abs, err := checkPath(path)
	if err != nil {
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	writer, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxIdleTime(0)
	if err := writer.PingContext(ctx); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %q: %w", path, explainOpen(abs, err))
	}
	if err := migrate(ctx, writer); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	reader, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	n := 2 * runtime.GOMAXPROCS(0)
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	if err := reader.PingContext(ctx); err != nil {
		reader.Close()
		writer.Close()
		return nil, fmt.Errorf("open database %q for reading: %w", path, err)
	}
	upsert, err := prepareUpsert(ctx, writer)
	if err != nil {
		reader.Close()
		writer.Close()
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	writes, err := preparePlacement(ctx, writer)
	if err != nil {
		upsert.close()
		reader.Close()
		writer.Close()
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	return &Store{writer: writer, reader: reader, upsert: upsert, reads: newReadStmts(reader), writes: writes,
		search: newSearchIndex(abs, opt.Search, opt.SearchCopies)}, nil
}

// Close closes the search index and both pools.
func (s *Store) Close() error {
	indexErr := s.closeIndex()
	// Let SQLite refresh planner statistics it found stale; cheap and best effort.
	_, _ = s.writer.Exec("PRAGMA optimize")
	return errors.Join(indexErr, s.upsert.close(), s.reads.close(), s.writes.close(), s.reader.Close(), s.writer.Close())
}

// checkPath turns path absolute and says in plain words why its directory
// cannot hold a database, before SQLite answers "unable to open database file".
func checkPath(path string) (string, error) {
	if path == "" {
		return "", errors.New("empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(abs)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("directory %q does not exist", dir)
	case err != nil:
		return "", fmt.Errorf("directory %q: %w", dir, err)
	case !fi.IsDir():
		return "", fmt.Errorf("%q is not a directory", dir)
	}
	return abs, nil
}

// explainOpen adds the likely cause to a failed first connection: SQLite
// itself only says it cannot open the file.
func explainOpen(abs string, err error) error {
	dir := filepath.Dir(abs)
	probe, perr := os.CreateTemp(dir, ".newsdesk-probe-*")
	if perr != nil {
		return fmt.Errorf("directory %q is not writable: %w", dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return err
}

// dsn builds a connection string whose pragmas every pooled connection runs
// when it opens. The path is escaped so '?', '#' or '%' in a directory name
// cannot be read as URI syntax.
func dsn(abs string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		// query_only rather than mode=ro: a mode=ro connection cannot
		// create the WAL index if it is the first to open the file.
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		// Checkpoint every ~32 MB of WAL rather than SQLite's 4 MB: each
		// new article rewrites the same hot pages (index roots, the FTS
		// structure record, page 1), and a checkpoint copies each of them
		// once however often it changed. Measured with bench/ingestbench:
		// about 7% less CPU per new article. journal_size_limit then
		// truncates the WAL file back after a checkpoint.
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", walAutocheckpointPages))
		q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", journalSizeLimit))
		// The writer's transactions take the write lock up front, so a
		// read-then-write transaction never fails to upgrade.
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() + "?" + q.Encode()
}

// Times are stored as UTC unix nanoseconds; 0 is the zero time. Values past
// what nanoseconds since 1970 can hold (years before 1678 or after 2261) are
// clamped, which no feed date worth keeping reaches.
var (
	minTime = time.Unix(0, math.MinInt64+1)
	maxTime = time.Unix(0, math.MaxInt64)
)

func toNanos(t time.Time) int64 {
	switch {
	case t.IsZero():
		return 0
	case t.Before(minTime):
		return minTime.UnixNano()
	case t.After(maxTime):
		return maxTime.UnixNano()
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// SQLite extended result codes the store maps to its sentinel errors.
const (
	codeConstraintForeignKey = 787
	codeConstraintUnique     = 2067
)

func errorCode(err error) int {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		return coded.Code()
	}
	return 0
}

// rowsChanged turns "no row affected" into ErrNotFound.
func rowsChanged(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, store.ErrNotFound)
	}
	return nil
}
