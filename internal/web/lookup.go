package web

import (
	"sync"
	"time"
)

// lookupCache keeps values for a fixed time, up to max entries. It holds
// lookups every article page repeats and that may be a few seconds stale,
// so that a popular article does not cost a query per view: a
// source's licence, an article's "You May Also Like" list. It has no
// goroutine: expired entries are dropped when a put finds it full.
//
// A nil *lookupCache is a cache that is always empty.
type lookupCache[K comparable, V any] struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu sync.Mutex
	m  map[K]lookupEntry[V]
}

type lookupEntry[V any] struct {
	v       V
	expires time.Time
}

// newLookupCache returns nil, a cache that keeps nothing, when ttl or max
// is not positive.
func newLookupCache[K comparable, V any](ttl time.Duration, max int, now func() time.Time) *lookupCache[K, V] {
	if ttl <= 0 || max <= 0 {
		return nil
	}
	return &lookupCache[K, V]{ttl: ttl, max: max, now: now, m: make(map[K]lookupEntry[V])}
}

func (c *lookupCache[K, V]) get(k K) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || !now.Before(e.expires) {
		return zero, false
	}
	return e.v, true
}

func (c *lookupCache[K, V]) put(k K, v V) {
	if c == nil {
		return
	}
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; !ok && len(c.m) >= c.max {
		c.evict(now)
	}
	c.m[k] = lookupEntry[V]{v: v, expires: now.Add(c.ttl)}
}

// evict drops expired entries, then arbitrary ones (map order) until
// there is room for one more: under a flood of distinct keys every entry
// is equally likely to be the next one asked for.
func (c *lookupCache[K, V]) evict(now time.Time) {
	for k, e := range c.m {
		if !now.Before(e.expires) {
			delete(c.m, k)
		}
	}
	for k := range c.m {
		if len(c.m) < c.max {
			return
		}
		delete(c.m, k)
	}
}

func (c *lookupCache[K, V]) len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
