package demo

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// site is one publisher's server and the articles it has published.
type site struct {
	net  *Network
	spec *publisherSpec
	pub  Publisher
	base string // "http://127.0.0.1:PORT" without the trailing slash
	ln   net.Listener
	srv  *http.Server

	// Guarded by net.mu.
	items   []*item // newest first
	byPath  map[string]*item
	version int
	feed    renderedFeed
}

// item is an article as published: its spec plus the moment and address.
type item struct {
	A         *articleSpec
	Published time.Time
	Seq       int
	Path      string // /2026/11/slug.html
	URL       string
	GUID      string
}

type renderedFeed struct {
	version  int
	body     []byte
	etag     string
	modified time.Time
}

func newSite(n *Network, p *publisherSpec, ln net.Listener) *site {
	base := "http://" + ln.Addr().String()
	s := &site{net: n, spec: p, base: base, ln: ln, byPath: map[string]*item{}}
	s.pub = Publisher{
		Name: p.Name, Slug: p.Slug, SiteURL: base + "/", FeedURL: base + p.FeedPath,
		Format: p.Format, Section: p.Section, Policy: p.Policy,
		LicenseName: p.LicenseName, LicenseURL: p.LicenseURL,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET "+p.FeedPath, s.handleFeed)
	mux.HandleFunc("GET /section/{name}", s.handleSection)
	mux.HandleFunc("GET /{year}/{month}/{file}", s.handleArticle)
	mux.HandleFunc("GET /images/{file}", s.handleImage)
	mux.HandleFunc("GET /robots.txt", s.handleRobots)
	s.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       30 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
	return s
}

// add publishes a at t. The caller holds net.mu (or owns the site alone).
func (s *site) add(a *articleSpec, t time.Time, seq int) {
	t = t.UTC().Truncate(time.Second)
	it := &item{A: a, Published: t, Seq: seq}
	it.Path = fmt.Sprintf("/%04d/%02d/%s.html", t.Year(), int(t.Month()), a.Slug)
	it.URL = s.base + it.Path
	it.GUID = it.URL
	if s.spec.Variant != "full" || s.spec.Format == "atom" {
		// Not every publisher uses its links as IDs; this keeps the
		// product honest about GUIDs that are not URLs.
		it.GUID = fmt.Sprintf("tag:%s.example,%d:%s", s.spec.Slug, t.Year(), a.Slug)
	}
	s.items = append(s.items, it)
	s.byPath[it.Path] = it
	s.version++
}

func (s *site) sortItems() {
	slices.SortFunc(s.items, func(x, y *item) int {
		if c := y.Published.Compare(x.Published); c != 0 {
			return c
		}
		return cmp.Compare(y.Seq, x.Seq)
	})
}

// currentFeed returns the rendered feed, rebuilding it after a release.
func (s *site) currentFeed() (renderedFeed, error) {
	s.net.mu.Lock()
	defer s.net.mu.Unlock()
	if s.feed.body != nil && s.feed.version == s.version {
		return s.feed, nil
	}
	items := s.items[:min(feedLimit, len(s.items))]
	body, err := renderFeed(s.spec, s.base, items)
	if err != nil {
		return renderedFeed{}, err
	}
	sum := sha256.Sum256(body)
	f := renderedFeed{version: s.version, body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if len(items) > 0 {
		f.modified = items[0].Published
	}
	s.feed = f
	return f, nil
}

func (s *site) handleFeed(w http.ResponseWriter, r *http.Request) {
	f, err := s.currentFeed()
	if err != nil {
		s.net.log.Error("render demo feed", "publisher", s.pub.Slug, "err", err)
		http.Error(w, "feed unavailable", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", feedContentType(s.spec.Format))
	w.Header().Set("ETag", f.etag)
	w.Header().Set("Cache-Control", "max-age=60")
	// ServeContent answers If-None-Match and If-Modified-Since with 304,
	// and If-None-Match wins when both are sent, as RFC 9110 asks.
	http.ServeContent(w, r, "", f.modified, bytes.NewReader(f.body))
}

func feedContentType(format string) string {
	switch format {
	case "atom":
		return "application/atom+xml; charset=utf-8"
	case "json":
		return "application/feed+json; charset=utf-8"
	}
	return "application/rss+xml; charset=utf-8"
}

func (s *site) handleRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "# Sample content for the Newsdesk demo; fictional publisher.\nUser-agent: *\nAllow: /\nSitemap: %s/sitemap.xml\n", s.base)
}

func (s *site) handleImage(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, ok := strings.CutSuffix(file, ".svg")
	if !ok || name == "" || len(name) > 80 {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "max-age=86400")
	w.Write(renderSVG(name, s.spec.Name))
}

// lookup finds a published article by its page path.
func (s *site) lookup(path string) (*item, []*item) {
	s.net.mu.Lock()
	defer s.net.mu.Unlock()
	it := s.byPath[path]
	if it == nil {
		return nil, nil
	}
	return it, s.relatedLocked(it)
}

// relatedLocked picks up to four other articles, same section first.
func (s *site) relatedLocked(it *item) []*item {
	var same, other []*item
	for _, o := range s.items {
		switch {
		case o == it:
		case o.A.Section == it.A.Section:
			same = append(same, o)
		default:
			other = append(other, o)
		}
	}
	return append(same, other...)[:min(4, len(same)+len(other))]
}

// latest returns the newest items, optionally of one section.
func (s *site) latest(section string, limit int) []*item {
	s.net.mu.Lock()
	defer s.net.mu.Unlock()
	var out []*item
	for _, it := range s.items {
		if section == "" || it.A.Section == section {
			out = append(out, it)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}
