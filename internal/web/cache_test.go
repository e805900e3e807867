package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
)

// clock is a test time source that only moves when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// countingStore counts the reads an article page makes.
type countingStore struct {
	*fakeStore
	articles, sources, related atomic.Int64
}

func (c *countingStore) GetArticle(ctx context.Context, id int64) (model.Article, error) {
	c.articles.Add(1)
	return c.fakeStore.GetArticle(ctx, id)
}

func (c *countingStore) GetSource(ctx context.Context, id int64) (model.Source, error) {
	c.sources.Add(1)
	return c.fakeStore.GetSource(ctx, id)
}

func (c *countingStore) ListRelated(ctx context.Context, articleID int64, limit int) ([]model.Article, error) {
	c.related.Add(1)
	return c.fakeStore.ListRelated(ctx, articleID, limit)
}

func cachingFixture(t *testing.T, edit func(*Options)) (*Server, *fakeStore, *countingStore, *clock) {
	t.Helper()
	clk := &clock{t: testNow}
	var cs *countingStore
	s, fs := fixtureWith(t, func(o *Options) {
		cs = &countingStore{fakeStore: o.Store.(*fakeStore)}
		o.Store = cs
		o.Now = clk.now
		if edit != nil {
			edit(o)
		}
	})
	return s, fs, cs, clk
}

func setStatus(fs *fakeStore, id int64, st model.Status) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	a := fs.articles[id]
	a.Status = st
	fs.articles[id] = a
}

func TestLookupCache(t *testing.T) {
	clk := &clock{t: testNow}
	c := newLookupCache[int, string](time.Second, 3, clk.now)
	if _, ok := c.get(1); ok {
		t.Fatal("empty cache answered")
	}
	c.put(1, "one")
	tests := []struct {
		name    string
		advance time.Duration
		want    bool
	}{
		{"fresh", 0, true},
		{"just before expiry", 999 * time.Millisecond, true},
		{"at expiry", time.Millisecond, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clk.advance(tc.advance)
			v, ok := c.get(1)
			if ok != tc.want || (ok && v != "one") {
				t.Errorf("get(1) = %q, %v; want found %v", v, ok, tc.want)
			}
		})
	}
	for i := range 100 {
		c.put(i, fmt.Sprint(i))
		if n := c.len(); n > 3 {
			t.Fatalf("after %d puts: %d entries, bound is 3", i+1, n)
		}
	}
	if v, ok := c.get(99); !ok || v != "99" {
		t.Errorf("latest entry: %q, %v", v, ok)
	}
	var off *lookupCache[int, string] = newLookupCache[int, string](0, 3, clk.now)
	off.put(1, "one")
	if _, ok := off.get(1); ok || off != nil {
		t.Error("a zero-TTL cache kept a value")
	}
}

func TestArticleLookupsCached(t *testing.T) {
	s, _, cs, clk := cachingFixture(t, nil)
	for range 3 {
		if rec := get(t, s, "/article/1"); rec.Code != http.StatusOK {
			t.Fatalf("status %d", rec.Code)
		}
	}
	if a, src, rel := cs.articles.Load(), cs.sources.Load(), cs.related.Load(); a != 3 || src != 1 || rel != 1 {
		t.Errorf("3 views: %d article, %d source, %d related reads; want 3, 1, 1", a, src, rel)
	}
	clk.advance(defaultLookupCacheTTL)
	rec := get(t, s, "/article/1")
	if src, rel := cs.sources.Load(), cs.related.Load(); src != 2 || rel != 2 {
		t.Errorf("after the TTL: %d source, %d related reads; want 2, 2", src, rel)
	}
	if body := rec.Body.String(); !containsAll(body, "You May Also Like", "Filler story") {
		t.Errorf("page lost its related list:\n%s", body)
	}
	for range 2 {
		if body := get(t, s, "/article/2").Body.String(); !containsAll(body, `rel="license">CC BY 4.0</a>`) {
			t.Errorf("page lost its licence:\n%s", body)
		}
	}

	off, _, cs2, _ := cachingFixture(t, func(o *Options) { o.LookupCacheTTL = -1 })
	get(t, off, "/article/2")
	get(t, off, "/article/2")
	if src, rel := cs2.sources.Load(), cs2.related.Load(); src != 2 || rel != 2 {
		t.Errorf("lookups off: %d source, %d related reads; want 2, 2", src, rel)
	}
}

func TestLookupErrorsNotCached(t *testing.T) {
	s, fs, cs, _ := cachingFixture(t, nil)
	fs.err = errors.New("disk on fire")
	s.relatedHTML(httptest.NewRequest(http.MethodGet, "/article/1", nil), model.Article{ID: 1, Title: "Budget vote"})
	s.license(httptest.NewRequest(http.MethodGet, "/article/1", nil), 1)
	fs.err = nil
	if rec := get(t, s, "/article/1"); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if src, rel := cs.sources.Load(), cs.related.Load(); src != 2 || rel != 2 {
		t.Errorf("%d source, %d related reads; want 2, 2 (failures must not be cached)", src, rel)
	}
}

func TestPageCache(t *testing.T) {
	const ttl = 2 * time.Second
	tests := []struct {
		name      string
		method    string
		path      string
		prepare   func(fs *fakeStore)
		status    int
		wantReads int64 // GetArticle calls for two requests
	}{
		{"article served once per TTL", http.MethodGet, "/article/1", nil, http.StatusOK, 1},
		{"HEAD shares the entry", http.MethodHead, "/article/1/any-slug", nil, http.StatusOK, 1},
		{"hidden article never cached", http.MethodGet, "/article/4", nil, http.StatusGone, 2},
		{"missing article never cached", http.MethodGet, "/article/999", nil, http.StatusNotFound, 2},
		{"store failure never cached", http.MethodGet, "/article/1", func(fs *fakeStore) { fs.err = errors.New("boom") }, http.StatusInternalServerError, 2},
		{"other methods bypass", http.MethodPost, "/article/1", nil, http.StatusMethodNotAllowed, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, fs, cs, _ := cachingFixture(t, func(o *Options) { o.PageCacheTTL = ttl })
			if tc.prepare != nil {
				tc.prepare(fs)
			}
			var bodies [2]string
			for i := range bodies {
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
				if rec.Code != tc.status {
					t.Fatalf("request %d: status %d, want %d", i+1, rec.Code, tc.status)
				}
				bodies[i] = rec.Body.String()
			}
			if got := cs.articles.Load(); got != tc.wantReads {
				t.Errorf("GetArticle called %d times, want %d", got, tc.wantReads)
			}
			if bodies[0] != bodies[1] {
				t.Error("the second answer differs from the first")
			}
		})
	}
}

func TestPageCacheExpiresHiddenArticle(t *testing.T) {
	const ttl = 2 * time.Second
	s, fs, cs, clk := cachingFixture(t, func(o *Options) { o.PageCacheTTL = ttl })
	first := get(t, s, "/article/1")
	if first.Code != http.StatusOK || first.Header().Get("Content-Type") == "" {
		t.Fatalf("status %d, headers %v", first.Code, first.Header())
	}
	setStatus(fs, 1, model.StatusHidden)
	clk.advance(ttl - time.Millisecond)
	hit := get(t, s, "/article/1")
	if hit.Code != http.StatusOK || hit.Header().Get("Content-Type") != first.Header().Get("Content-Type") {
		t.Errorf("within the TTL: status %d, headers %v", hit.Code, hit.Header())
	}
	clk.advance(time.Millisecond)
	if rec := get(t, s, "/article/1"); rec.Code != http.StatusGone {
		t.Errorf("after the TTL a hidden article answered %d, want 410", rec.Code)
	}
	if n := cs.articles.Load(); n != 2 {
		t.Errorf("GetArticle called %d times, want 2", n)
	}
}

// TestPageCacheOneRender checks the hand-over between concurrent requests
// for the same page: one renders, the others wait and then read its result.
func TestPageCacheOneRender(t *testing.T) {
	clk := &clock{t: testNow}
	c := newPageCache(time.Second, clk.now)
	p, wait, leader := c.begin("/a")
	if p != nil || wait != nil || !leader {
		t.Fatalf("first begin: %v, %v, %v; want to lead", p, wait, leader)
	}
	p, wait, leader = c.begin("/a")
	if p != nil || wait == nil || leader {
		t.Fatalf("second begin: %v, %v, %v; want to wait", p, wait, leader)
	}
	rec := &pageRecorder{header: http.Header{"Content-Type": {"text/html"}}}
	rec.Write([]byte("page"))
	c.finish("/a", rec, nil)
	select {
	case <-wait:
	default:
		t.Fatal("finish did not release the waiting request")
	}
	if p, _, _ = c.begin("/a"); p == nil || string(p.body) != "page" {
		t.Fatalf("after finish: %v", p)
	}
	// A failed render keeps nothing and hands the lead on.
	c.begin("/b")
	c.finish("/b", &pageRecorder{header: http.Header{}}, errors.New("boom"))
	if p, _, leader := c.begin("/b"); p != nil || !leader {
		t.Errorf("after a failed render: %v, lead %v", p, leader)
	}
}

func TestPageCacheBounded(t *testing.T) {
	clk := &clock{t: testNow}
	c := newPageCache(time.Minute, clk.now)
	c.maxEntries, c.maxBytes = 4, 10
	for i := range 50 {
		key := fmt.Sprint("/p", i)
		c.begin(key)
		rec := &pageRecorder{header: http.Header{}}
		rec.Write([]byte("abc"))
		c.finish(key, rec, nil)
		if len(c.pages) > 4 || c.bytes > 10 {
			t.Fatalf("after %d pages: %d entries, %d bytes", i+1, len(c.pages), c.bytes)
		}
	}
	c.begin("/huge")
	rec := &pageRecorder{header: http.Header{}}
	rec.Write(make([]byte, maxCachedPage+1))
	c.finish("/huge", rec, nil)
	if _, ok := c.pages["/huge"]; ok {
		t.Error("a page over maxCachedPage was kept")
	}
	if len(c.inflight) != 0 {
		t.Errorf("%d renders still marked in flight", len(c.inflight))
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
