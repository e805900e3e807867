package web

import (
	"bytes"
	"errors"
	"net/http"
	"sync"
	"time"
)

// pageCache keeps whole rendered pages in memory for a short time, keyed
// by path and query, the way a news site's front cache does: a page that
// thousands of readers ask for in the same second is built once. It is off
// unless Options.PageCacheTTL is set, and bounded in entries and bytes.
//
// What it promises:
//   - only GET and HEAD, and only 200 answers, are kept; an error page, a
//     410 for a hidden article or a 404 is never served from the cache;
//   - an entry lives at most ttl after it was rendered, so a page hidden,
//     changed or removed shows its old state for at most ttl;
//   - while a page is being rendered, other requests for it wait for that
//     render rather than starting their own (at most once; then they
//     render themselves), so an expiry under load costs one render;
//   - no goroutine: expired entries are dropped when a store finds the
//     cache full.
type pageCache struct {
	ttl        time.Duration
	maxEntries int
	maxBytes   int // total body bytes kept
	now        func() time.Time

	mu       sync.Mutex
	pages    map[string]*cachedPage
	bytes    int
	inflight map[string]chan struct{} // closed when the render for the key ends
}

type cachedPage struct {
	header  http.Header // not modified once stored
	body    []byte
	expires time.Time
}

// Page cache bounds: a page is ~10-30 KB, so the defaults hold a busy
// site's front page, sections and popular articles.
const (
	pageCacheEntries = 2048
	pageCacheBytes   = 64 << 20
	// maxCachedPage keeps one huge page from pushing out many small ones.
	maxCachedPage = 1 << 20
)

// newPageCache returns nil, meaning no caching, when ttl is not positive.
func newPageCache(ttl time.Duration, now func() time.Time) *pageCache {
	if ttl <= 0 {
		return nil
	}
	return &pageCache{
		ttl: ttl, maxEntries: pageCacheEntries, maxBytes: pageCacheBytes, now: now,
		pages: make(map[string]*cachedPage), inflight: make(map[string]chan struct{}),
	}
}

// cached wraps a page handler with the cache; with no cache it is h.
func (s *Server) cached(h handlerFunc) handlerFunc {
	c := s.pageCache
	if c == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			return h(w, r)
		}
		return c.serve(w, r, h)
	}
}

func cacheKey(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return r.URL.Path
	}
	return r.URL.Path + "?" + r.URL.RawQuery
}

func (c *pageCache) serve(w http.ResponseWriter, r *http.Request, h handlerFunc) error {
	key := cacheKey(r)
	p, wait, leader := c.begin(key)
	if wait != nil {
		select {
		case <-wait:
		case <-r.Context().Done():
			return r.Context().Err()
		}
		if p, _, leader = c.begin(key); p == nil && !leader {
			// The render we waited for kept nothing (an error page, say)
			// and another is under way: render this one ourselves.
			return h(w, r)
		}
	}
	if p != nil {
		p.writeTo(w)
		return nil
	}
	rec, err := c.render(key, h, r)
	if err != nil {
		return err
	}
	rec.writeTo(w)
	return nil
}

// errRenderAborted stands for a render that panicked: nothing is kept and
// the waiting requests are released all the same.
var errRenderAborted = errors.New("page render aborted")

func (c *pageCache) render(key string, h handlerFunc, r *http.Request) (rec *pageRecorder, err error) {
	rec = &pageRecorder{header: make(http.Header)}
	err = errRenderAborted
	defer func() { c.finish(key, rec, err) }()
	err = h(rec, r)
	return rec, err
}

// begin returns the fresh page for key; or, when another request is
// rendering it, a channel closed when that ends; or leader true when the
// caller is to render it and must call finish.
func (c *pageCache) begin(key string) (p *cachedPage, wait chan struct{}, leader bool) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.pages[key]; p != nil {
		if now.Before(p.expires) {
			return p, nil, false
		}
		c.remove(key)
	}
	if ch, ok := c.inflight[key]; ok {
		return nil, ch, false
	}
	c.inflight[key] = make(chan struct{})
	return nil, nil, true
}

// finish stores a successful render and wakes the requests waiting for it.
func (c *pageCache) finish(key string, rec *pageRecorder, err error) {
	keep := err == nil && rec.status() == http.StatusOK && rec.body.Len() <= maxCachedPage
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if keep {
		c.store(key, &cachedPage{
			header:  rec.header.Clone(),
			body:    bytes.Clone(rec.body.Bytes()),
			expires: now.Add(c.ttl),
		}, now)
	}
	if ch, ok := c.inflight[key]; ok {
		close(ch)
		delete(c.inflight, key)
	}
}

func (c *pageCache) store(key string, p *cachedPage, now time.Time) {
	for len(c.pages) >= c.maxEntries || c.bytes+len(p.body) > c.maxBytes {
		if !c.evictOne(now) {
			return
		}
	}
	c.pages[key] = p
	c.bytes += len(p.body)
}

// evictOne drops an expired page if there is one, else an arbitrary one;
// false when the cache is empty.
func (c *pageCache) evictOne(now time.Time) bool {
	victim, found := "", false
	for k, p := range c.pages {
		victim, found = k, true
		if !now.Before(p.expires) {
			break
		}
	}
	if found {
		c.remove(victim)
	}
	return found
}

func (c *pageCache) remove(key string) {
	if p, ok := c.pages[key]; ok {
		c.bytes -= len(p.body)
		delete(c.pages, key)
	}
}

func (p *cachedPage) writeTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v // shared, never modified: net/http only reads them
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(p.body)
}

// pageRecorder is the ResponseWriter a page renders into before it is
// kept and sent.
type pageRecorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *pageRecorder) Header() http.Header { return r.header }

func (r *pageRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}

func (r *pageRecorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

func (r *pageRecorder) status() int {
	if r.code == 0 {
		return http.StatusOK
	}
	return r.code
}

func (r *pageRecorder) writeTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	w.WriteHeader(r.status())
	_, _ = w.Write(r.body.Bytes())
}
