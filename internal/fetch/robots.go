package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// How long a robots.txt answer is kept, after Google's documented
// behaviour: a fetched file or a 4xx (no file: all allowed) for a day; a
// 5xx, 429 or unreachable server means "disallow everything" for a while,
// during which a previously fetched file keeps applying instead.
const (
	robotsTTL            = 24 * time.Hour
	robotsUnreachableTTL = time.Hour
	robotsCacheSize      = 1024
)

// robotsEntry is one host's cached answer.
type robotsEntry struct {
	rules       robotsRules
	disallowAll bool // unreachable: nothing may be fetched
	expires     time.Time
}

func (e *robotsEntry) allowed(path string) bool {
	return !e.disallowAll && e.rules.allowed(path)
}

// robotsCache holds robots.txt answers per host:port, bounded in size.
type robotsCache struct {
	mu      sync.Mutex
	entries map[string]*robotsEntry
}

func newRobotsCache() *robotsCache {
	return &robotsCache{entries: make(map[string]*robotsEntry)}
}

// get returns the host's entry, expired or not (nil when unknown).
func (rc *robotsCache) get(host string) *robotsEntry {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.entries[host]
}

func (rc *robotsCache) put(host string, e *robotsEntry, now time.Time) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if _, known := rc.entries[host]; !known && len(rc.entries) >= robotsCacheSize {
		for h, old := range rc.entries {
			if now.After(old.expires) {
				delete(rc.entries, h)
			}
		}
		// Still full of live entries: forget any one; it is refetched when needed.
		for h := range rc.entries {
			if len(rc.entries) < robotsCacheSize {
				break
			}
			delete(rc.entries, h)
		}
	}
	rc.entries[host] = e
}

// crawlDelay is the Crawl-delay a host's robots.txt asked of us, 0 if none known.
func (rc *robotsCache) crawlDelay(host string) time.Duration {
	if e := rc.get(host); e != nil {
		return e.rules.crawlDelay
	}
	return 0
}

// RobotsAllowed reports whether the host's robots.txt lets Newsdesk fetch
// pageURL. The file is fetched through the same polite path as everything
// else and cached per host for a day; its Crawl-delay, if any, lengthens
// the gap between requests to that host. A host without a robots.txt (4xx)
// allows everything; one whose robots.txt cannot be read (5xx, 429,
// network errors) allows nothing for an hour. The error is only for a URL
// that cannot be fetched at all or a cancelled ctx.
func (c *Client) RobotsAllowed(ctx context.Context, pageURL string) (bool, error) {
	u, err := parseWebURL(pageURL)
	if err != nil {
		return false, fmt.Errorf("check robots.txt for %s: %w", pageURL, err)
	}
	host := hostKey(u)
	now := c.now()
	entry := c.robots.get(host)
	if entry == nil || now.After(entry.expires) {
		entry, err = c.fetchRobots(ctx, u, entry, now)
		if err != nil {
			return false, fmt.Errorf("check robots.txt for %s: %w", pageURL, err)
		}
		c.robots.put(host, entry, now)
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return entry.allowed(path), nil
}

// fetchRobots reads scheme://host/robots.txt; prev is the expired entry,
// kept in force when the server cannot be reached now.
func (c *Client) fetchRobots(ctx context.Context, page *url.URL, prev *robotsEntry, now time.Time) (*robotsEntry, error) {
	robotsURL := (&url.URL{Scheme: page.Scheme, Host: page.Host, Path: "/robots.txt"}).String()
	resp, err := c.get(ctx, robotsURL, Conditional{}, robotsRead)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var se *StatusError
	switch {
	case err == nil:
		return &robotsEntry{rules: parseRobots(resp.Body), expires: now.Add(robotsTTL)}, nil
	case errors.As(err, &se) && se.Code >= 400 && se.Code < 500 && se.Code != http.StatusTooManyRequests:
		return &robotsEntry{expires: now.Add(robotsTTL)}, nil
	case prev != nil && !prev.disallowAll:
		keep := *prev
		keep.expires = now.Add(robotsUnreachableTTL)
		return &keep, nil
	}
	return &robotsEntry{disallowAll: true, expires: now.Add(robotsUnreachableTTL)}, nil
}
