package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
)

// searchTotal is the number of published articles a search finds.
func searchTotal(t *testing.T, s *Store, text string) int {
	t.Helper()
	res, err := s.SearchArticles(t.Context(), store.SearchQuery{Text: text, Limit: 100})
	if err != nil {
		t.Fatalf("SearchArticles(%q): %v", text, err)
	}
	return res.Total
}

// markedArticle is an article findable alone by its own word.
func markedArticle(src int64, n int) model.Article {
	a := benchArticle(src, n)
	a.Title = fmt.Sprintf("Report zq%dx", n)
	return a
}

// Every path that changes an article reaches the index through the log:
// inserts, revisions, hiding and the cascade from removing a source; and
// a search made right after a change sees it.
func TestSearchIndexFollowsArticles(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	var srcs []int64
	for i := range 3 {
		id, err := s.AddSource(ctx, model.Source{Name: "s", FeedURL: fmt.Sprintf("https://s%d.example/feed", i)})
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, id)
	}
	want := map[int]bool{} // article number → should be found
	ids := map[int]int64{}
	for i := range 30 {
		a := markedArticle(srcs[i%3], i)
		res, err := s.UpsertArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = res.ID
		want[i] = true
		if got := searchTotal(t, s, fmt.Sprintf("zq%dx", i)); got != 1 {
			t.Fatalf("article %d not found right after its upsert: total %d", i, got)
		}
		if i%2 == 0 { // revise every other one: the old words go
			a.Title = fmt.Sprintf("Revised zr%dx", i)
			if res, err := s.UpsertArticle(ctx, a); err != nil || !res.Updated {
				t.Fatalf("revise: %+v, %v", res, err)
			}
		}
		if i%5 == 0 {
			if err := s.SetArticleStatus(ctx, res.ID, model.StatusHidden, "x"); err != nil {
				t.Fatal(err)
			}
			want[i] = false
		}
	}
	if err := s.RemoveSource(ctx, srcs[1]); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		if i%3 == 1 {
			want[i] = false
		}
		old, revised := fmt.Sprintf("zq%dx", i), fmt.Sprintf("zr%dx", i)
		found := searchTotal(t, s, old) + searchTotal(t, s, revised)
		switch {
		case !want[i] && found != 0:
			t.Errorf("article %d (hidden or removed) found %d times", i, found)
		case want[i] && i%2 == 0 && (searchTotal(t, s, old) != 0 || searchTotal(t, s, revised) != 1):
			t.Errorf("revised article %d: old words found %d, new %d; want 0, 1", i, searchTotal(t, s, old), searchTotal(t, s, revised))
		case want[i] && found != 1:
			t.Errorf("article %d found %d times, want once", i, found)
		}
	}
	// Restoring a hidden article brings it back.
	if err := s.SetArticleStatus(ctx, ids[0], model.StatusPublished, ""); err != nil {
		t.Fatal(err)
	}
	if got := searchTotal(t, s, "zr0x"); got != 1 {
		t.Errorf("restored article: total %d, want 1", got)
	}
}

// The index outlives the process: reopened, it answers the same, whether
// its last changes were saved or are replayed from the log; lost, it is
// rebuilt from the articles table.
func TestSearchIndexReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	ctx := t.Context()
	s, src := savedIndexStore(t, path, 10)
	var logRows int
	if err := s.reader.QueryRowContext(ctx, `SELECT count(*) FROM search_log`).Scan(&logRows); err != nil || logRows != 0 {
		t.Errorf("log after a saved index: %d rows (%v), want 0", logRows, err)
	}
	for i := 10; i < 15; i++ { // after the save: replayed at the next open
		if _, err := s.UpsertArticle(ctx, markedArticle(src, i)); err != nil {
			t.Fatal(err)
		}
	}
	if got := searchTotal(t, s, "report"); got != 15 {
		t.Fatalf("before close: total %d, want 15", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// reopen opens the store again; filled says the index must be filled
	// from the table, which happens in the background: until it is done a
	// search says so at once, and WarmSearch waits for it.
	reopen := func(what string, filled bool) *Store {
		t.Helper()
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if filled {
			_, err := s.SearchArticles(ctx, store.SearchQuery{Text: "report"})
			if !errors.Is(err, store.ErrSearchNotReady) {
				t.Errorf("%s: first search: %v, want ErrSearchNotReady", what, err)
			}
			if err := s.WarmSearch(ctx); err != nil {
				t.Fatalf("%s: WarmSearch: %v", what, err)
			}
		}
		if got := searchTotal(t, s, "report"); got != 15 {
			t.Errorf("%s: total %d, want 15", what, got)
		}
		if got := searchTotal(t, s, "zq12x"); got != 1 {
			t.Errorf("%s: an article after the save: total %d, want 1", what, got)
		}
		return s
	}
	s = reopen("reopened", false)
	s.Close()
	if err := os.RemoveAll(path + ".search"); err != nil {
		t.Fatal(err)
	}
	s = reopen("index removed", true) // the log no longer covers it all
	s.Close()
	// Files from another database: the watermark is past this log's end.
	other := filepath.Join(t.TempDir(), "other.db")
	o, err := Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	osrc, _ := o.AddSource(ctx, model.Source{Name: "o", FeedURL: "https://o.example/feed"})
	for i := range 40 {
		o.UpsertArticle(ctx, markedArticle(osrc, 100+i))
	}
	if err := o.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	o.Close()
	os.RemoveAll(path + ".search")
	if err := os.Rename(other+".search", path+".search"); err != nil {
		t.Fatal(err)
	}
	s = reopen("another database's index", true)
	if got := searchTotal(t, s, "zq120x"); got != 0 {
		t.Errorf("another database's article found: total %d", got)
	}
	s.Close()
}

// A second store on the same database (a command beside the server)
// searches read-only: it sees the writer's articles and its own process's
// changes, and cannot rebuild the index under the writer.
func TestSearchIndexSecondProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	ctx := t.Context()
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	src, _ := w.AddSource(ctx, model.Source{Name: "w", FeedURL: "https://w.example/feed"})
	for i := range 5 {
		w.UpsertArticle(ctx, markedArticle(src, i))
	}
	if got := searchTotal(t, w, "report"); got != 5 {
		t.Fatalf("writer: total %d, want 5", got)
	}
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := searchTotal(t, r, "report"); got != 5 {
		t.Errorf("reader: total %d, want 5", got)
	}
	w.UpsertArticle(ctx, markedArticle(src, 5))
	if got := searchTotal(t, r, "zq5x"); got != 1 {
		t.Errorf("reader after the writer's upsert: total %d, want 1", got)
	}
	if err := r.Reindex(ctx, nil); !errors.Is(err, ErrSearchIndexBusy) {
		t.Errorf("reader's Reindex: %v, want ErrSearchIndexBusy", err)
	}
	before := dirNames(t, path+".search")
	r.Close()
	if after := dirNames(t, path+".search"); !slices.Equal(before, after) {
		t.Errorf("the reader changed the writer's files: %v, then %v", before, after)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// A database from before migration 0009 (FTS5 search) has its articles
// indexed at the first search.
func TestSearchLogSeededByMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	ctx := t.Context()
	db := migratedBefore(t, path, 9)
	if _, err := db.ExecContext(ctx, `INSERT INTO sources (name, feed_url) VALUES ('old', 'https://old.example/feed')`); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := db.ExecContext(ctx, `INSERT INTO articles (source_id, guid, url, title, status, content_hash)
			VALUES (1, ?, ?, ?, 'published', x'00')`, fmt.Sprint(i), fmt.Sprintf("https://old.example/%d", i),
			"Archive story "+strings.Repeat("x", i)); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := searchTotal(t, s, "archive"); got != 3 {
		t.Errorf("articles from before the migration: total %d, want 3", got)
	}
}

// FuzzSearch runs reader text through the store's search: whatever the
// text, it answers without error and Total covers the hits.
func FuzzSearch(f *testing.F) {
	for _, seed := range []string{"economy", `"white house"`, "elect*", "NOT (", `"*`, "\x00\x02", "café", "😀 AND", "-a OR b"} {
		f.Add(seed)
	}
	s := openTemp(f)
	src, err := s.AddSource(f.Context(), model.Source{Name: "f", FeedURL: "https://f.example/feed"})
	if err != nil {
		f.Fatal(err)
	}
	for i := range 20 {
		if _, err := s.UpsertArticle(f.Context(), benchArticle(src, i)); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		res, err := s.SearchArticles(t.Context(), store.SearchQuery{Text: text, Limit: 5})
		if err != nil {
			t.Fatalf("SearchArticles(%q): %v", text, err)
		}
		if len(res.Hits) > res.Total {
			t.Fatalf("SearchArticles(%q): %d hits, Total %d", text, len(res.Hits), res.Total)
		}
	})
}

// searchIDs is the IDs a search finds, in ID order.
func searchIDs(t *testing.T, s *Store, text string) []int64 {
	t.Helper()
	res, err := s.SearchArticles(t.Context(), store.SearchQuery{Text: text, Limit: 100})
	if err != nil {
		t.Fatalf("SearchArticles(%q): %v", text, err)
	}
	var ids []int64
	for _, h := range res.Hits {
		ids = append(ids, h.Article.ID)
	}
	slices.Sort(ids)
	return ids
}

// A syndicated copy is left out of search as it is left out of lists, so
// a search finds its original once; opening the store to search copies
// too rebuilds the index with them, and back. When the original's source
// is removed, the first copy becomes the original and is found.
func TestSearchLeavesOutCopies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	ctx := t.Context()
	open := func(copies bool) *Store {
		t.Helper()
		s, err := OpenWith(ctx, path, Options{SearchCopies: copies})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open(false)
	var ids []int64
	for i := range 3 {
		src, err := s.AddSource(ctx, model.Source{Name: "s", FeedURL: fmt.Sprintf("https://s%d.example/feed", i)})
		if err != nil {
			t.Fatal(err)
		}
		a := markedArticle(src, 1) // the same words from three sources
		a.GUID, a.URL = fmt.Sprint("g", i), fmt.Sprintf("https://s%d.example/a", i)
		res, err := s.UpsertArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.ID)
	}
	orig, copy1, copy2 := ids[0], ids[1], ids[2]
	if got := searchIDs(t, s, "zq1x"); !slices.Equal(got, ids) {
		t.Fatalf("before any is found a copy: %v, want %v", got, ids)
	}
	for _, c := range []int64{copy1, copy2} {
		if err := s.SetArticleStory(ctx, c, store.Placement{StoryID: orig, DuplicateOf: orig}); err != nil {
			t.Fatal(err)
		}
	}
	if got := searchIDs(t, s, "zq1x"); !slices.Equal(got, []int64{orig}) {
		t.Errorf("copies left out: found %v, want [%d]", got, orig)
	}
	s.Close()

	s = open(true)
	if got := searchIDs(t, s, "zq1x"); !slices.Equal(got, ids) {
		t.Errorf("store opened to search copies: found %v, want %v", got, ids)
	}
	s.Close()

	s = open(false)
	defer s.Close()
	if got := searchIDs(t, s, "zq1x"); !slices.Equal(got, []int64{orig}) {
		t.Errorf("opened without copies again: found %v, want [%d]", got, orig)
	}
	a, err := s.GetArticle(ctx, orig)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveSource(ctx, a.SourceID); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "zq1x"); !slices.Equal(got, []int64{copy1}) {
		t.Errorf("original's source removed: found %v, want the first copy [%d]", got, copy1)
	}
	for id, want := range map[int64]int64{copy1: 0, copy2: copy1} {
		if a, err := s.GetArticle(ctx, id); err != nil || a.DuplicateOf != want {
			t.Errorf("article %d: duplicate of %d (%v), want %d", id, a.DuplicateOf, err, want)
		}
	}
	// The story desk may still remember the removed original: a copy of
	// it is stored as an original.
	if err := s.SetArticleStory(ctx, copy2, store.Placement{StoryID: orig, DuplicateOf: orig}); err != nil {
		t.Fatal(err)
	}
	if a, err := s.GetArticle(ctx, copy2); err != nil || a.DuplicateOf != 0 {
		t.Errorf("copy of a removed article: duplicate of %d (%v), want 0", a.DuplicateOf, err)
	}
}

// Copies whose original was removed before migration 0010 are repaired by
// it: the first becomes the original, the others its copies.
func TestOrphanCopiesRepairedByMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	ctx := t.Context()
	db := migratedBefore(t, path, 10)
	if _, err := db.ExecContext(ctx, `INSERT INTO sources (name, feed_url) VALUES ('old', 'https://old.example/feed')`); err != nil {
		t.Fatal(err)
	}
	for i, dup := range []int{99, 99, 99, 0} { // three copies of the gone article 99, one original
		if _, err := db.ExecContext(ctx, `INSERT INTO articles (source_id, guid, url, title, status, content_hash, duplicate_of)
			VALUES (1, ?, ?, 'Wire story', 'published', x'00', ?)`, fmt.Sprint(i), fmt.Sprintf("https://old.example/%d", i), dup); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, want := range map[int64]int64{1: 0, 2: 1, 3: 1, 4: 0} {
		if a, err := s.GetArticle(ctx, id); err != nil || a.DuplicateOf != want {
			t.Errorf("article %d: duplicate of %d (%v), want %d", id, a.DuplicateOf, err, want)
		}
	}
	if got := searchIDs(t, s, "wire"); !slices.Equal(got, []int64{1, 4}) {
		t.Errorf("search after the repair: %v, want [1 4]", got)
	}
}

// migratedBefore creates a database at path with the migrations before
// version applied: a database of an older release, for a migration's
// test to fill and then open with Open.
func migratedBefore(t *testing.T, path string, version int) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := loadMigrations(migrationFS)
	if err != nil {
		t.Fatal(err)
	}
	var before []migration
	for _, m := range ms {
		if m.version < version {
			before = append(before, m)
		}
	}
	if err := applyMigrations(t.Context(), db, before); err != nil {
		t.Fatal(err)
	}
	return db
}

// Closing the store while its index is being filled in the background
// stops the fill and leaves nothing half-made: the next open fills again.
func TestSearchIndexCloseDuringFill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	ctx := t.Context()
	const n = 3000
	s, _ := savedIndexStore(t, path, n)
	s.Close()
	if err := os.RemoveAll(path + ".search"); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SearchArticles(ctx, store.SearchQuery{Text: "report"}); !errors.Is(err, store.ErrSearchNotReady) {
		t.Fatalf("search while filling: %v, want ErrSearchNotReady", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close during the fill: %v", err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WarmSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if got := searchTotal(t, s, "report"); got != n {
		t.Errorf("after the fill: total %d, want %d", got, n)
	}
}

// A long stretch of log after the index's watermark (a first start after
// an upgrade) is applied in the background: a reader's search answers
// "not ready" at once instead of applying it, and WarmSearch waits.
func TestSearchLongBacklogNotReady(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	ctx := t.Context()
	s, src := savedIndexStore(t, path, 20)
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.search.longBacklog = 10
	for i := 20; i < 50; i++ { // 30 entries after the watermark
		if _, err := s.UpsertArticle(ctx, markedArticle(src, i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SearchArticles(ctx, store.SearchQuery{Text: "report"}); !errors.Is(err, store.ErrSearchNotReady) {
		t.Errorf("search behind a long backlog: %v, want ErrSearchNotReady", err)
	}
	if err := s.WarmSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if got := searchTotal(t, s, "report"); got != 50 {
		t.Errorf("after catching up: total %d, want 50", got)
	}
	// A short stretch is applied by the search itself, as before.
	for i := 50; i < 55; i++ {
		if _, err := s.UpsertArticle(ctx, markedArticle(src, i)); err != nil {
			t.Fatal(err)
		}
	}
	if got := searchTotal(t, s, "report"); got != 55 {
		t.Errorf("after five more: total %d, want 55", got)
	}
}

// A writer whose flushes left many small segments rebuilds its index in
// the background, and searches find the same articles after it.
func TestSearchIndexCompacts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	ctx := t.Context()
	s, err := OpenWith(ctx, path, Options{Search: search.Options{SegmentDocs: 10}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.search.flushEvery = 3 // a small segment every three changes
	s.search.compaction = compactionPolicy{extraSegments: 2, minDeleted: 1 << 30}
	src, err := s.AddSource(ctx, model.Source{Name: "c", FeedURL: "https://c.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	const n = 18
	for i := range n {
		if _, err := s.UpsertArticle(ctx, markedArticle(src, i)); err != nil {
			t.Fatal(err)
		}
		searchTotal(t, s, fmt.Sprintf("zq%dx", i)) // applies the log: a flush every third
	}
	stats := func() search.Stats {
		s.search.mu.RLock()
		defer s.search.mu.RUnlock()
		return s.search.idx.Stats()
	}
	// 18 articles need 2 segments of 10; six flushes of three made more
	// than 2 + 2, so a rebuild started. Wait for it.
	deadline := time.Now().Add(20 * time.Second)
	for stats().Segments > 2 || s.search.compacting.Load() {
		if time.Now().After(deadline) {
			t.Fatalf("no compaction: %+v", stats())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if st := stats(); st.Docs != n || st.Deleted != 0 {
		t.Errorf("after the rebuild: %+v, want %d documents, none deleted", st, n)
	}
	if got := searchTotal(t, s, "report"); got != n {
		t.Errorf("after the rebuild: total %d, want %d", got, n)
	}
}

// The compaction policy: segments beyond need, or a quarter deleted.
func TestCompactionPolicy(t *testing.T) {
	p := compactionPolicy{extraSegments: 8, minDeleted: 10000}
	for _, tc := range []struct {
		st   search.Stats
		want bool
	}{
		{search.Stats{Docs: 1_000_000, Segments: 16, SegmentDocs: 65536}, false},
		{search.Stats{Docs: 1_000_000, Segments: 24, SegmentDocs: 65536}, false},
		{search.Stats{Docs: 1_000_000, Segments: 25, SegmentDocs: 65536}, true},
		{search.Stats{Docs: 30_000, Deleted: 10_000, Segments: 1, SegmentDocs: 65536}, true},
		{search.Stats{Docs: 31_000, Deleted: 10_000, Segments: 1, SegmentDocs: 65536}, false},
		{search.Stats{Docs: 100, Deleted: 9_999, Segments: 1, SegmentDocs: 65536}, false},
	} {
		if got := p.worth(tc.st); got != tc.want {
			t.Errorf("worth(%+v) = %v, want %v", tc.st, got, tc.want)
		}
	}
}

// savedIndexStore opens a store at path with n marked articles of one
// source, their index saved by Reindex (so the log is empty), and returns
// it with the source.
func savedIndexStore(t *testing.T, path string, n int) (*Store, int64) {
	t.Helper()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	src, err := s.AddSource(t.Context(), model.Source{Name: "r", FeedURL: "https://r.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := s.UpsertArticle(t.Context(), markedArticle(src, i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Reindex(t.Context(), nil); err != nil { // saves the index, trims the log
		t.Fatal(err)
	}
	return s, src
}
