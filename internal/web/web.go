// Package web serves the public news site: the home page, sections, sources,
// article pages that credit their origin, search, a health check and the
// embedded static files. Pages are typed view models rendered with
// html/template from templates embedded in the binary and parsed once in New.
// The parts of a page that depend only on the configuration are rendered
// once in New; an article's licence and related list are kept briefly
// (lookup.go); whole pages only when Options.PageCacheTTL asks (pagecache.go).
//
// It reads through store.Store only. It must never import a concrete store
// (store/sqlite, store/postgres) nor fetch, ingest or config: internal/app
// wires those and hands them over in Options.
package web

import (
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Link is a named URL, such as a "Connect with us" profile.
type Link struct{ Name, URL string }

// Options is everything the site needs; New fills the defaults.
type Options struct {
	Store    store.Store      // read only
	SiteName string           // e.g. "Newsdesk Network"
	Tagline  string           // shown under the site name
	Location *time.Location   // dates are shown in this zone; nil means UTC
	Sections []model.Section  // navigation order
	Social   []Link           // "Connect with us"
	Logger   *slog.Logger     // nil discards
	Now      func() time.Time // nil means time.Now
	PageSize int              // list and search pages; 0 means 20

	// ListCopies lists syndicated copies in home, section and feed lists
	// as articles of their own. By default they are left out: the
	// original is shown once and names them under "Also published by".
	// A source's own page always lists its copies.
	ListCopies bool

	// LookupCacheTTL is how long an article page reuses its source's
	// licence and its "You May Also Like" list: 0 means 10 s, negative
	// looks them up on every request. A hidden article can stay in other
	// articles' related lists this long.
	LookupCacheTTL time.Duration
	// PageCacheTTL, when positive, keeps rendered 200 pages (home,
	// sections, sources, articles) in memory this long; see pageCache.
	// 0, the default, renders every request. A few seconds is plenty.
	PageCacheTTL time.Duration
}

// Server is the public site as an http.Handler.
type Server struct {
	store    store.Store
	log      *slog.Logger
	now      func() time.Time
	loc      *time.Location
	pageSize int
	// hideCopies leaves syndicated copies out of home, section and feed
	// lists (Options.ListCopies false).
	hideCopies bool

	site     *siteView
	sections map[string]model.Section
	pages    map[string]*template.Template
	// relatedTmpl renders "You May Also Like" on its own; see article.html.
	relatedTmpl *template.Template
	// coverageTmpl renders an article's copies and story block.
	coverageTmpl *template.Template
	static       staticFiles
	bufs         sync.Pool // *bytes.Buffer; per server, not per package
	mux          *http.ServeMux

	licenses  *lookupCache[int64, Link]          // source ID -> licence
	related   *lookupCache[int64, template.HTML] // article ID -> rendered related block
	coverage  *lookupCache[int64, template.HTML] // article ID -> rendered coverage block
	pageCache *pageCache                         // nil unless Options.PageCacheTTL
}

const (
	defaultPageSize       = 20
	defaultLookupCacheTTL = 10 * time.Second
	// lookupCacheEntries bounds each lookup cache: articles read within
	// one TTL, which covers every article a busy site serves.
	lookupCacheEntries = 8192
)

// New builds the site. It parses every template and renders each once with
// a sample view, so a broken template fails here and not on a reader's request.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, errors.New("web: Options.Store is required")
	}
	s := &Server{
		store:      opts.Store,
		log:        opts.Logger,
		now:        opts.Now,
		loc:        opts.Location,
		pageSize:   opts.PageSize,
		hideCopies: !opts.ListCopies,
		sections:   make(map[string]model.Section, len(opts.Sections)),
		mux:        http.NewServeMux(),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.pageSize <= 0 {
		s.pageSize = defaultPageSize
	}
	lookupTTL := opts.LookupCacheTTL
	if lookupTTL == 0 {
		lookupTTL = defaultLookupCacheTTL
	}
	s.licenses = newLookupCache[int64, Link](lookupTTL, lookupCacheEntries, s.now)
	s.related = newLookupCache[int64, template.HTML](lookupTTL, lookupCacheEntries, s.now)
	s.coverage = newLookupCache[int64, template.HTML](lookupTTL, lookupCacheEntries, s.now)
	s.pageCache = newPageCache(opts.PageCacheTTL, s.now)
	for _, sec := range opts.Sections {
		if sec.Slug == "" || sec.Name == "" {
			return nil, fmt.Errorf("web: section %q needs a slug and a name", sec.Slug)
		}
		if _, dup := s.sections[sec.Slug]; dup {
			return nil, fmt.Errorf("web: section %q listed twice", sec.Slug)
		}
		s.sections[sec.Slug] = sec
	}
	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, fmt.Errorf("web: load static files: %w", err)
	}
	s.site = newSiteView(opts, s.static)
	if s.pages, err = parsePages(); err != nil {
		return nil, fmt.Errorf("web: parse templates: %w", err)
	}
	if err := s.renderChrome(); err != nil {
		return nil, fmt.Errorf("web: render navigation: %w", err)
	}
	if s.relatedTmpl = s.pages["article"].Lookup("related"); s.relatedTmpl == nil {
		return nil, errors.New("web: article templates define no \"related\"")
	}
	if s.coverageTmpl = s.pages["article"].Lookup("coverage"); s.coverageTmpl == nil {
		return nil, errors.New("web: article templates define no \"coverage\"")
	}
	if err := s.checkPages(); err != nil {
		return nil, fmt.Errorf("web: check templates: %w", err)
	}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	// Search is left out of the page cache: its keys are whatever readers
	// type, so it would mostly hold pages nobody asks for twice.
	s.mux.Handle("GET /{$}", s.handle(s.cached(s.home)))
	s.mux.Handle("GET /section/{slug}", s.handle(s.cached(s.section)))
	s.mux.Handle("GET /source/{id}", s.handle(s.cached(s.source)))
	s.mux.Handle("GET /article/{id}", s.handle(s.cached(s.article)))
	s.mux.Handle("GET /article/{id}/{$}", s.handle(s.cached(s.article)))
	s.mux.Handle("GET /article/{id}/{slug}", s.handle(s.cached(s.article)))
	s.mux.Handle("GET /search", s.handle(s.search))
	s.mux.HandleFunc("GET /api/search", s.apiSearch)
	s.mux.Handle("GET /search/feed", s.handle(s.searchFeed))
	s.mux.Handle("GET /story/{id}", s.handle(s.story))
	s.mux.Handle("GET /feed.xml", s.handle(s.feed))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("GET /static/{version}/{file}", s.handle(s.serveStatic))
	// Everything else gets the site's own 404 (or 405) page rather than
	// the mux's plain-text answer.
	s.mux.Handle("/", s.handle(s.fallback))
}

// ServeHTTP routes a request to its page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}
