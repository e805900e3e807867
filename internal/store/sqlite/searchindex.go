package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
)

// The full-text index (internal/search) lives in files beside the
// database: for newsdesk.db, the directory newsdesk.db.search and the lock
// file newsdesk.db.search.lock. The articles table is the source of truth
// and the search_log table (migration 0009) records, by trigger and in the
// same transaction, every article whose place in search may have changed.
// The index remembers the last log entry it applied (its watermark), and
// before a search answers, the entries after it are applied: a search sees
// every committed change, however it was made.
//
// One process at a time writes the index: the one holding the lock file
// (the server, usually). Another process that searches (`newsdesk search`
// beside a running server) opens it read-only: the segments the writer has
// flushed, plus the log after their watermark applied in its own memory.
//
// The index is opened on the first search, or by WarmSearch, and not at
// all by a process that only writes articles (`newsdesk fetch`): its log
// entries wait for the next process that searches.
type searchIndex struct {
	dir string
	opt search.Options
	// searchable is the condition on articles (alias a) an indexed
	// article meets beyond being published: no syndicated copy unless the
	// store was opened to search copies too.
	searchable string

	// mu guards the fields below. Searches hold it for reading while they
	// run; applying the log, building and swapping hold it for writing.
	mu       sync.RWMutex
	idx      *search.Index
	lock     *os.File // held while this process writes the index; nil when read-only
	unsynced int      // log entries applied since the index was last made durable
	closed   bool
	filling  *fill // the index being filled from the table, when one is

	// catchingUp is set while a caller holding mu applies more than
	// longBacklog log entries; searches then answer "not ready".
	catchingUp  atomic.Bool
	longBacklog int64
	// catchUpRunning is set while a goroutine applies a long backlog for
	// the searches that would not wait for it.
	catchUpRunning atomic.Bool
	// compacting is set while a background rebuild runs (see
	// compactExtraSegments); compaction says when one pays.
	compacting atomic.Bool
	compaction compactionPolicy
	flushEvery int // the constant flushEvery; tests set it lower
	// background is the context of the work the store starts on its own
	// (the watcher, fills, catching up); Close cancels it.
	background     context.Context
	stopBackground context.CancelFunc
	backgroundWork sync.WaitGroup // catching up and compacting; Close waits for them

	// reindexMu keeps two rebuilds from running at once.
	reindexMu sync.Mutex
	stopWatch chan struct{}
	watchDone chan struct{}
}

// fill is an index being filled from the articles table in the
// background: done is closed when it ends, err says how.
type fill struct {
	cancel context.CancelFunc
	done   chan struct{}
	err    error
}

// Log entries are applied a batch at a time, and the writer makes the
// index durable (a Flush, which also lets the log be trimmed) once this
// many have been applied since the last time: about a segment's worth, so
// flushing does not leave many small segments behind. At Close a smaller
// remainder is not flushed when under closeFlushMin entries: replaying
// them at the next open costs less than a small segment kept forever.
const (
	logBatch      = 2000
	flushEvery    = 1 << 16
	closeFlushMin = 4096
)

// longBacklog is the stretch of log (about two seconds of applying) past
// which searches stop waiting for it and answer "not ready" (tests set
// searchIndex.longBacklog lower).
const longBacklog = 20000

// watchEvery is how often a writing process looks for log entries to
// apply between searches, so that the first search after a large ingest
// does not pay for applying them.
const watchEvery = 2 * time.Second

func newSearchIndex(dbPath string, opt search.Options, copies bool) *searchIndex {
	si := &searchIndex{dir: dbPath + ".search", opt: opt, searchable: "a.duplicate_of = 0"}
	si.background, si.stopBackground = context.WithCancel(context.Background())
	si.longBacklog = longBacklog
	si.compaction = compactionPolicy{extraSegments: compactExtraSegments, minDeleted: compactMinDeleted}
	si.flushEvery = flushEvery
	// The index records which articles it holds, so that opening it with
	// the other choice rebuilds it (search.ErrIncompatible). The default
	// has no label: an index from before copies were left out carries
	// none either, and migration 0010 logs every copy so that replaying
	// the log takes them out, with no rebuild at the upgrade.
	opt.Content = ""
	if copies {
		si.searchable, opt.Content = "1", "originals and copies"
	}
	si.opt = opt
	return si
}

// ErrSearchIndexBusy says the search index cannot be rebuilt here because
// another process writes it.
var ErrSearchIndexBusy = errors.New("another newsdesk process (the server?) is writing the search index; stop it, then reindex")

// WarmSearch opens the search index now and applies the log, instead of
// at the first search, waiting for a fill from the table if the index
// needs one; a server calls it at start, a command before it searches.
func (s *Store) WarmSearch(ctx context.Context) error {
	for {
		err := s.withIndex(ctx, true, func(*search.Index) error { return nil })
		if !errors.Is(err, store.ErrSearchNotReady) {
			return err
		}
		s.search.mu.RLock()
		f := s.search.filling
		s.search.mu.RUnlock()
		if f == nil {
			continue // it ended between the two looks
		}
		select {
		case <-f.done:
			if f.err != nil {
				return fmt.Errorf("fill the search index: %w", f.err)
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// withIndex runs fn with the index open and up to date with every change
// committed before the call. fn may search; it must not keep the index.
// While the index is being filled from the table, or another caller
// applies a long stretch of the log (a first start after an upgrade), it
// returns store.ErrSearchNotReady at once unless wait is set.
func (s *Store) withIndex(ctx context.Context, wait bool, fn func(*search.Index) error) error {
	si := s.search
	latest, err := s.logEnd(ctx)
	if err != nil {
		return err
	}
	si.mu.RLock()
	if si.idx != nil && si.idx.Watermark() >= latest {
		defer si.mu.RUnlock()
		return fn(si.idx)
	}
	si.mu.RUnlock()

	if err := s.lockForUpdate(ctx, wait); err != nil {
		return err
	}
	if err := s.openIndexLocked(ctx); err != nil {
		si.mu.Unlock()
		return err
	}
	if !wait && latest-si.idx.Watermark() > si.longBacklog {
		// A long stretch of log (the first start after an upgrade, or
		// many articles written by another process): it is applied in
		// the background, not in this reader's search.
		si.mu.Unlock()
		s.catchUpInBackground()
		return store.ErrSearchNotReady
	}
	if err := s.applyLogLocked(ctx); err != nil {
		si.mu.Unlock()
		return err
	}
	// Search with the read lock, so other searches are not held up. In
	// the moment between the two locks a rebuild may swap in a new
	// index; it is as up to date as this one, or the store was closed.
	si.mu.Unlock()
	si.mu.RLock()
	defer si.mu.RUnlock()
	if si.idx == nil {
		return errors.New("search index is closed")
	}
	return fn(si.idx)
}

// lockForUpdate takes si.mu for writing. Unless wait is set it gives up
// with store.ErrSearchNotReady while the holder applies a long backlog:
// a reader's search must not wait minutes behind it.
func (s *Store) lockForUpdate(ctx context.Context, wait bool) error {
	si := s.search
	if wait {
		si.mu.Lock()
		return nil
	}
	for !si.mu.TryLock() {
		if si.catchingUp.Load() {
			return store.ErrSearchNotReady
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(lockPoll):
		}
	}
	return nil
}

// catchUpInBackground applies the log in a goroutine of its own, unless
// one is at it already; Close stops it (si.background).
func (s *Store) catchUpInBackground() {
	si := s.search
	if !si.catchUpRunning.CompareAndSwap(false, true) {
		return
	}
	si.backgroundWork.Add(1)
	go func() {
		defer si.backgroundWork.Done()
		defer si.catchUpRunning.Store(false)
		// Errors surface at the next search, which retries.
		_ = s.withIndex(si.background, true, func(*search.Index) error { return nil })
	}()
}

// lockPoll is how often a search waiting for the index looks again; the
// usual holder applies a few seconds' worth of log in well under a second.
const lockPoll = 2 * time.Millisecond

// logEnd returns the newest log entry's sequence number (0 for none).
func (s *Store) logEnd(ctx context.Context) (int64, error) {
	var seq int64
	err := s.reads.queryRow(ctx, `SELECT coalesce(max(seq), 0) FROM search_log`).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("read the search log: %w", err)
	}
	return seq, nil
}

// openIndexLocked opens the index if it is not open: as its writer when
// the lock file is free, else read-only. An index the log cannot bring up
// to date (built for another database, or older than what the log still
// holds, or missing) is filled afresh from the articles table, in the
// background (startFillLocked), and so is one built with other settings
// (another language or copies choice); until the fill is done this
// returns store.ErrSearchNotReady.
func (s *Store) openIndexLocked(ctx context.Context) error {
	si := s.search
	if si.closed {
		return errors.New("search index is closed")
	}
	if si.idx != nil {
		return nil
	}
	if si.filling != nil {
		return store.ErrSearchNotReady
	}
	lock, locked, err := tryLockFile(si.dir + ".lock")
	if err != nil {
		return fmt.Errorf("open search index: %w", err)
	}
	var idx *search.Index
	if locked {
		// Leftovers of a rebuild that stopped half way.
		os.RemoveAll(si.dir + ".new")
		os.RemoveAll(si.dir + ".old")
		idx, err = search.Open(si.dir, si.opt)
		if err != nil {
			// Incompatible settings or damaged files: the articles table
			// holds everything needed to start again.
			if rerr := os.RemoveAll(si.dir); rerr != nil {
				lock.Close()
				return fmt.Errorf("open search index: %w (and removing it: %v)", err, rerr)
			}
			idx, err = search.Open(si.dir, si.opt)
		}
	} else {
		idx, err = search.OpenReadOnly(si.dir, si.opt)
		if err != nil {
			idx, err = search.New(si.opt), nil
		}
	}
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		return fmt.Errorf("open search index: %w", err)
	}
	replayable, err := s.logCovers(ctx, idx.Watermark())
	if err == nil && !replayable {
		// Start from nothing: a fresh index, filled from the table.
		idx.Release()
		if locked {
			os.RemoveAll(si.dir)
			idx, err = search.Open(si.dir, si.opt)
		} else {
			idx = search.New(si.opt)
		}
		if err == nil {
			s.startFillLocked(idx, lock)
			return store.ErrSearchNotReady
		}
		idx = nil
	}
	if err != nil {
		if idx != nil {
			idx.Release()
		}
		if lock != nil {
			lock.Close()
		}
		return fmt.Errorf("open search index: %w", err)
	}
	s.installLocked(idx, lock)
	return nil
}

// installLocked makes idx the store's index; lock is the lock file held
// when this process writes it (nil when read-only).
func (s *Store) installLocked(idx *search.Index, lock *os.File) {
	si := s.search
	si.idx, si.lock, si.unsynced = idx, lock, 0
	if lock != nil && si.stopWatch == nil {
		si.stopWatch, si.watchDone = make(chan struct{}), make(chan struct{})
		go s.watchLog(si.stopWatch, si.watchDone)
	}
	s.compactIfWorthLocked()
}

// startFillLocked fills idx from the articles table in a goroutine of its
// own, without si.mu, and installs it when done. On a big site a fill
// takes minutes (about 8,500 articles a second on one core): a reader's
// search must not wait that long, so searches get store.ErrSearchNotReady
// meanwhile (WarmSearch waits instead). Close cancels the fill.
func (s *Store) startFillLocked(idx *search.Index, lock *os.File) {
	si := s.search
	ctx, cancel := context.WithCancel(si.background)
	f := &fill{cancel: cancel, done: make(chan struct{})}
	si.filling = f
	go func() {
		defer close(f.done)
		defer cancel()
		err := s.fillIndex(ctx, idx, nil)
		si.mu.Lock()
		defer si.mu.Unlock()
		si.filling = nil
		if err == nil && si.closed {
			err = errors.New("search index is closed")
		}
		if err != nil {
			// The next search tries again.
			f.err = err
			idx.Release()
			if lock != nil {
				lock.Close()
			}
			return
		}
		s.installLocked(idx, lock)
	}()
}

// logCovers reports whether replaying the log from watermark brings an
// index up to date: every entry after it is still in the log, and the
// watermark is not past the log's end (an index of another database, or
// of this one before it was restored from a backup).
func (s *Store) logCovers(ctx context.Context, watermark int64) (bool, error) {
	var first, everIssued int64
	err := s.reads.queryRow(ctx, `SELECT coalesce(min(seq), 0),
		coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'search_log'), 0) FROM search_log`).
		Scan(&first, &everIssued)
	if err != nil {
		return false, fmt.Errorf("read the search log: %w", err)
	}
	if watermark > everIssued {
		return false, nil
	}
	if first == 0 { // empty log: everything issued was applied and trimmed
		return watermark == everIssued, nil
	}
	return watermark >= first-1, nil
}

// applyLogLocked applies the log entries after the index's watermark, a
// batch at a time; the writer makes the index durable and trims the log
// every flushEvery entries.
func (s *Store) applyLogLocked(ctx context.Context) error {
	si := s.search
	if latest, err := s.logEnd(ctx); err == nil && latest-si.idx.Watermark() > si.longBacklog {
		si.catchingUp.Store(true)
		defer si.catchingUp.Store(false)
	}
	for {
		from := si.idx.Watermark()
		rows, err := s.reads.query(ctx, `SELECT seq, article_id FROM search_log WHERE seq > ? ORDER BY seq LIMIT ?`,
			from, logBatch)
		if err != nil {
			return fmt.Errorf("read the search log: %w", err)
		}
		var (
			ids  []int64
			seen = map[int64]bool{}
			last = from
		)
		for rows.Next() {
			var id int64
			if err := rows.Scan(&last, &id); err != nil {
				rows.Close()
				return fmt.Errorf("read the search log: %w", err)
			}
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read the search log: %w", err)
		}
		if last == from {
			return nil
		}
		docs, err := s.searchDocs(ctx, `a.id IN (`+placeholders(len(ids))+`)`, int64sToArgs(ids)...)
		if err != nil {
			return err
		}
		// Whatever is not searchable now (hidden, removed, found to be a
		// copy) leaves the index; what is gets indexed afresh (Add replaces).
		si.idx.Delete(ids...)
		if err := si.idx.Add(docs...); err != nil {
			return fmt.Errorf("update the search index: %w", err)
		}
		si.idx.SetWatermark(last)
		si.unsynced += len(ids)
		if si.lock != nil && si.unsynced >= si.flushEvery {
			if err := s.syncIndexLocked(ctx); err != nil {
				return err
			}
		}
	}
}

// syncIndexLocked makes the writer's index durable and trims the log of
// what it now holds.
func (s *Store) syncIndexLocked(ctx context.Context) error {
	si := s.search
	if err := si.idx.Flush(); err != nil {
		return fmt.Errorf("save the search index: %w", err)
	}
	si.unsynced = 0
	if _, err := s.writer.ExecContext(ctx, `DELETE FROM search_log WHERE seq <= ?`, si.idx.Watermark()); err != nil {
		return fmt.Errorf("trim the search log: %w", err)
	}
	s.compactIfWorthLocked()
	return nil
}

// Segments are never merged: each flush of the writer adds one, and a
// deleted article keeps its place in its segment. Every search visits
// every segment, so a site restarted often with a few thousand new
// articles each time (each Close flushes 4,096 or more) slowly gets
// slower, and one that hides or revises many articles carries their dead
// weight. The writer therefore rebuilds the index in the background, as
// `newsdesk reindex` does, once it holds more than compactExtraSegments
// segments beyond what its articles need, or when deleted documents are
// a quarter of what it holds (and at least compactMinDeleted).
const (
	compactExtraSegments = 8
	compactMinDeleted    = 10000
)

// compactIfWorthLocked starts a background rebuild when the index's shape
// calls for one (see compactExtraSegments); only the writer does, and one
// at a time. Close cancels it; a failed one is tried again at the next
// flush.
func (s *Store) compactIfWorthLocked() {
	si := s.search
	if si.lock == nil || si.closed || si.idx == nil || !si.compaction.worth(si.idx.Stats()) {
		return
	}
	// A rebuild under way (newsdesk reindex, or this very compaction
	// saving its result) makes another pointless.
	if !si.reindexMu.TryLock() {
		return
	}
	si.reindexMu.Unlock()
	if !si.compacting.CompareAndSwap(false, true) {
		return
	}
	si.backgroundWork.Add(1)
	go func() {
		defer si.backgroundWork.Done()
		defer si.compacting.Store(false)
		_ = s.Reindex(si.background, nil)
	}()
}

// compactionPolicy says when a rebuild pays; tests lower its bounds.
type compactionPolicy struct {
	extraSegments int
	minDeleted    int
}

func (c compactionPolicy) worth(st search.Stats) bool {
	need := (st.Docs + st.SegmentDocs - 1) / max(st.SegmentDocs, 1)
	return st.Segments > need+c.extraSegments ||
		(st.Deleted >= c.minDeleted && st.Deleted*4 >= st.Docs+st.Deleted)
}

// searchDocs reads the searchable articles matching where as index
// documents: published ones, and no syndicated copy unless copies are
// searched too.
func (s *Store) searchDocs(ctx context.Context, where string, args ...any) ([]search.Doc, error) {
	rows, err := s.reads.query(ctx, `SELECT a.id, a.title, a.excerpt, a.content_text, a.section, a.source_id, a.published_at
		FROM articles a WHERE a.status = '`+string(model.StatusPublished)+`' AND `+s.search.searchable+` AND `+where+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read articles to index: %w", err)
	}
	defer rows.Close()
	var docs []search.Doc
	for rows.Next() {
		var (
			d   search.Doc
			pub int64
		)
		if err := rows.Scan(&d.ID, &d.Title, &d.Lead, &d.Body, &d.Section, &d.SourceID, &pub); err != nil {
			return nil, fmt.Errorf("read articles to index: %w", err)
		}
		d.Published = fromNanos(pub)
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read articles to index: %w", err)
	}
	return docs, nil
}

// fillIndex indexes every published article into an empty index, reading
// the table a batch at a time, and sets the watermark to the log's end as
// it was before the first read: a change made while it runs is then
// applied from the log afterwards (applying a change twice is harmless).
// progress, when set, is called after each batch with the articles read
// so far (published or not) and their total.
func (s *Store) fillIndex(ctx context.Context, idx *search.Index, progress func(done, total int)) error {
	mark, err := s.logEnd(ctx)
	if err != nil {
		return err
	}
	var total int
	if err := s.reads.queryRow(ctx, `SELECT count(*) FROM articles`).Scan(&total); err != nil {
		return fmt.Errorf("count articles: %w", err)
	}
	var after int64
	done := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var ids []int64
		rows, err := s.reads.query(ctx, `SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?`, after, logBatch)
		if err != nil {
			return fmt.Errorf("read articles to index: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("read articles to index: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read articles to index: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		docs, err := s.searchDocs(ctx, `a.id BETWEEN ? AND ?`, ids[0], ids[len(ids)-1])
		if err != nil {
			return err
		}
		if err := idx.Add(docs...); err != nil {
			return fmt.Errorf("build the search index: %w", err)
		}
		after = ids[len(ids)-1]
		done += len(ids)
		if progress != nil {
			progress(done, max(total, done))
		}
	}
	idx.SetWatermark(mark)
	if err := idx.Flush(); err != nil {
		return fmt.Errorf("save the search index: %w", err)
	}
	return nil
}

// Reindex rebuilds the search index from the articles table into a new
// directory, calling progress after each batch, while searches go on
// against the old index; then applies what changed meanwhile and swaps
// the two. Only the process writing the index can rebuild it.
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) error {
	si := s.search
	si.reindexMu.Lock()
	defer si.reindexMu.Unlock()
	// Open first, waiting for a fill the index may need: a rebuild
	// replaces an open index.
	if err := s.WarmSearch(ctx); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	si.mu.Lock()
	err := s.openIndexLocked(ctx)
	readOnly := si.lock == nil
	si.mu.Unlock()
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if readOnly {
		return fmt.Errorf("reindex: %w", ErrSearchIndexBusy)
	}

	building := si.dir + ".new"
	os.RemoveAll(building)
	fresh, err := search.Open(building, si.opt)
	if err == nil {
		err = s.fillIndex(ctx, fresh, progress)
		if cerr := fresh.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.RemoveAll(building)
		return fmt.Errorf("reindex: %w", err)
	}

	si.mu.Lock()
	defer si.mu.Unlock()
	if si.closed {
		os.RemoveAll(building)
		return errors.New("reindex: the store was closed")
	}
	old := si.dir + ".old"
	err = si.idx.Release()
	si.idx = nil
	if err == nil {
		if err = os.Rename(si.dir, old); errors.Is(err, os.ErrNotExist) {
			err = nil
		}
	}
	if err == nil {
		err = os.Rename(building, si.dir)
	}
	os.RemoveAll(old)
	var idx *search.Index
	if err == nil {
		idx, err = search.Open(si.dir, si.opt)
	}
	if err != nil {
		// Let go of the lock too: the next search opens the index afresh
		// (rebuilding it from the table if it has to).
		si.lock.Close()
		si.lock = nil
		return fmt.Errorf("reindex: swap in the new index: %w", err)
	}
	si.idx, si.unsynced = idx, 0
	if err := s.applyLogLocked(ctx); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	return s.syncIndexLocked(ctx)
}

// watchLog applies new log entries every watchEvery until stop closes.
func (s *Store) watchLog(stop <-chan struct{}, done chan<- struct{}) {
	si := s.search
	defer close(done)
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			// Errors surface at the next search, which retries.
			_ = s.withIndex(si.background, true, func(*search.Index) error { return nil })
		}
	}
}

// closeIndex stops the watcher and closes the index, making it durable
// first when enough is unsaved to be worth a segment (else the log keeps
// those entries for the next open to replay).
func (s *Store) closeIndex() error {
	si := s.search
	si.stopBackground()
	si.backgroundWork.Wait()
	si.mu.Lock()
	stop, done := si.stopWatch, si.watchDone
	si.stopWatch = nil
	si.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	si.mu.Lock()
	si.closed = true
	f := si.filling
	si.mu.Unlock()
	if f != nil {
		f.cancel()
		<-f.done
	}
	si.mu.Lock()
	defer si.mu.Unlock()
	if si.idx == nil {
		return nil
	}
	var errs []error
	if si.lock != nil && si.unsynced >= closeFlushMin {
		errs = append(errs, s.syncIndexLocked(context.Background()))
	}
	errs = append(errs, si.idx.Release())
	if si.lock != nil {
		errs = append(errs, si.lock.Close())
	}
	si.idx, si.lock = nil, nil
	return errors.Join(errs...)
}

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func int64sToArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}
