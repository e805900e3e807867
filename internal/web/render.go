package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"time"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageFiles names every page template; each defines "content" and is
// parsed on top of the shared layout and partials.
var pageFiles = [...]string{"home", "list", "article", "search", "story", "error"}

func parsePages() (map[string]*template.Template, error) {
	base, err := template.New("layout").ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	pages := make(map[string]*template.Template, len(pageFiles))
	for _, name := range pageFiles {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone layout for %s: %w", name, err)
		}
		if _, err := t.ParseFS(templateFS, "templates/"+name+".html"); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		layout := t.Lookup("layout")
		if layout == nil {
			return nil, fmt.Errorf("page %s: no layout template", name)
		}
		pages[name] = layout // looked up once: ExecuteTemplate would do it per request
	}
	return pages, nil
}

// checkPages renders every page once with a sample view of its type:
// html/template only escapes, and text/template only resolves fields, at
// execution, so this is how a typo fails at start-up.
func (s *Server) checkPages() error {
	p := s.page("Check", "")
	samples := map[string]any{
		"home":    &homeView{Page: p, Top: []cardView{{}}, Latest: []cardView{{}}, Sections: []sectionBlock{{Cards: []cardView{{}}}}, Picks: []cardView{{}}},
		"list":    &listView{Page: p, Cards: []cardView{{}}, Source: &sourceView{}, Pager: pagerView{Page: 2, Pages: 3, PrevURL: "/", NextURL: "/"}},
		"article": &articleView{Page: p, RelatedHTML: "<p></p>", Updated: &dateView{}},
		"search":  &searchView{Page: p, Searched: true, Hits: []hitView{{}}},
		"story":   &storyView{Page: p, Timeline: []cardView{{Coverage: &Link{}}}, Sources: []Link{{}}},
		"error":   &errorView{Page: p},
	}
	if _, err := s.renderFragment(s.relatedTmpl, []cardView{{}}); err != nil {
		return err
	}
	if _, err := s.renderFragment(s.coverageTmpl, coverageView{Original: &Link{}, AlsoBy: []Link{{}}, StoryURL: "/"}); err != nil {
		return err
	}
	for _, name := range pageFiles {
		view, ok := samples[name]
		if !ok {
			return fmt.Errorf("no sample view for page %s", name)
		}
		if err := s.pages[name].Execute(io.Discard, view); err != nil {
			return fmt.Errorf("render %s: %w", name, err)
		}
	}
	return nil
}

// renderChrome renders the parts of the layout that depend only on the
// configuration: the navigation once per section, and the social links.
func (s *Server) renderChrome() error {
	t := s.pages["home"]
	nav, social := t.Lookup("nav"), t.Lookup("social")
	if nav == nil || social == nil {
		return errors.New(`layout defines no "nav" or "social"`)
	}
	site := s.site
	site.nav = make(map[string]template.HTML, len(site.Sections)+1)
	for _, current := range append([]string{""}, sectionSlugs(site.Sections)...) {
		h, err := s.renderFragment(nav, navView{Sections: site.Sections, Current: current})
		if err != nil {
			return err
		}
		site.nav[current] = h
	}
	var err error
	site.SocialHTML, err = s.renderFragment(social, site.Social)
	return err
}

func sectionSlugs(links []navLink) []string {
	slugs := make([]string, len(links))
	for i, l := range links {
		slugs[i] = l.Slug
	}
	return slugs
}

// renderFragment executes a template that makes part of a page; the
// result is escaped HTML for a field of type template.HTML.
func (s *Server) renderFragment(t *template.Template, data any) (template.HTML, error) {
	buf := s.getBuffer()
	defer s.putBuffer(buf)
	if err := t.Execute(buf, data); err != nil {
		return "", fmt.Errorf("render %s: %w", t.Name(), err)
	}
	return template.HTML(buf.String()), nil
}

const maxPooledBuffer = 1 << 20

func (s *Server) getBuffer() *bytes.Buffer {
	if b, ok := s.bufs.Get().(*bytes.Buffer); ok {
		return b
	}
	return bytes.NewBuffer(make([]byte, 0, 32<<10))
}

func (s *Server) putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledBuffer {
		return // one huge page must not pin its memory for ever
	}
	b.Reset()
	s.bufs.Put(b)
}

// render executes a page into a pooled buffer and only then writes it, so a
// template error never sends half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, view any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("render: no page template %q", name)
	}
	buf := s.getBuffer()
	defer s.putBuffer(buf)
	if err := t.Execute(buf, view); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=60")
	}
	setSecurityHeaders(h)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // a reader who left is not an error worth logging
	return nil
}

// contentSecurityPolicy allows no scripts at all; images may come from the
// publishers, whose lead images we show where they host them.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' https: http: data:; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
}

// staticFiles are the embedded assets; version is a hash of all of them,
// put in their URLs so they can be cached for a year.
type staticFiles struct {
	version string
	files   map[string][]byte
}

func loadStatic() (staticFiles, error) {
	st := staticFiles{files: make(map[string][]byte)}
	sum := sha256.New()
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		name := path.Base(p)
		st.files[name] = b
		sum.Write([]byte(name))
		sum.Write(b)
		return nil
	})
	if err != nil {
		return st, err
	}
	st.version = hex.EncodeToString(sum.Sum(nil))[:12]
	return st, nil
}

func (st staticFiles) url(name string) string {
	return "/static/" + st.version + "/" + name
}

func staticType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	return "application/octet-stream"
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	b, ok := s.static.files[name]
	if !ok {
		return errNotFoundPage
	}
	h := w.Header()
	if r.PathValue("version") == s.static.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		// A page rendered before a deploy asks for an old version: serve
		// what we have, but don't let it be cached as that version for long.
		h.Set("Cache-Control", "public, max-age=60")
	}
	h.Set("Content-Type", staticType(name))
	h.Set("ETag", `"`+s.static.version+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	return nil
}
