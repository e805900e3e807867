package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/model"
)

// siteView is the chrome every page shares; built once in New.
type siteView struct {
	Name     string
	Tagline  string
	CSSURL   string
	LogoURL  string
	Sections []navLink
	Social   []Link

	// Rendered once in New by renderChrome; see layout.html.
	SocialHTML template.HTML
	nav        map[string]template.HTML // by current section slug; "" for none
}

type navLink struct{ Slug, Name, URL string }

// navView is what the "nav" template needs.
type navView struct {
	Sections []navLink
	Current  string // slug of the current section
}

// NavHTML is the section navigation with the page's own section marked.
func (p pageView) NavHTML() template.HTML {
	if p.Site == nil {
		return ""
	}
	if nav, ok := p.Site.nav[p.Section]; ok {
		return nav
	}
	return p.Site.nav[""]
}

// pageView is what the layout needs from each page.
type pageView struct {
	Site        *siteView
	Title       string // the whole <title>
	Description string // meta description, plain text
	Canonical   string // absolute URL of the origin, or empty
	Query       string // pre-fills the search box
	Section     string // slug of the current section, for aria-current
	NoIndex     bool   // search results and error pages
}

type dateView struct {
	ISO  string // machine-readable, for <time datetime>
	Text string // for readers, in the site's zone
}

// cardView is one article in a list.
type cardView struct {
	Title    string
	URL      string
	Excerpt  string
	ImageURL string
	Source   Link
	Section  Link
	Date     dateView
	Coverage *Link // "Full coverage: N articles from M sources", on top stories
}

// pagerView is "Page 2 of 7" with previous and next links.
type pagerView struct {
	Page, Pages      int
	PrevURL, NextURL string
}

func newSiteView(opts Options, st staticFiles) *siteView {
	v := &siteView{
		Name:    opts.SiteName,
		Tagline: opts.Tagline,
		CSSURL:  st.url("site.css"),
		LogoURL: st.url("logo.svg"),
		Social:  append([]Link(nil), opts.Social...),
	}
	if v.Name == "" {
		v.Name = "Newsdesk"
	}
	for _, sec := range opts.Sections {
		v.Sections = append(v.Sections, navLink{Slug: sec.Slug, Name: sec.Name, URL: sectionURL(sec.Slug)})
	}
	return v
}

// page starts a page's chrome; title is the page's own part of <title>.
func (s *Server) page(title, description string) pageView {
	full := s.site.Name
	if title != "" {
		full = title + " – " + s.site.Name
	}
	return pageView{Site: s.site, Title: full, Description: summary(description, 160)}
}

func (s *Server) card(a model.Article) cardView {
	c := cardView{
		Title:    a.Title,
		URL:      articleURL(a.ID, a.Title),
		Excerpt:  a.Excerpt,
		ImageURL: a.ImageURL,
		Source:   Link{Name: a.SourceName, URL: sourceURL(a.SourceID)},
		Date:     s.shortDate(articleTime(a)),
	}
	if a.SourcePolicy == model.PolicyLink {
		// The source allows its headline and a link, nothing more.
		c.Excerpt, c.ImageURL = "", ""
	}
	if sec, ok := s.sections[a.Section]; ok {
		c.Section = Link{Name: sec.Name, URL: sectionURL(sec.Slug)}
	}
	return c
}

func (s *Server) cards(as []model.Article) []cardView {
	if len(as) == 0 {
		return nil
	}
	out := make([]cardView, len(as))
	for i, a := range as {
		out[i] = s.card(a)
	}
	return out
}

// articleTime is when the article appeared; feeds without dates fall back
// to when we fetched it.
func articleTime(a model.Article) time.Time {
	if !a.PublishedAt.IsZero() {
		return a.PublishedAt
	}
	return a.FetchedAt
}

func (s *Server) longDate(t time.Time) dateView {
	if t.IsZero() {
		return dateView{}
	}
	t = t.In(s.loc)
	return dateView{ISO: t.Format(time.RFC3339), Text: t.Format("2 January 2006, 15:04 MST")}
}

func (s *Server) shortDate(t time.Time) dateView {
	if t.IsZero() {
		return dateView{}
	}
	t = t.In(s.loc)
	return dateView{ISO: t.Format(time.RFC3339), Text: t.Format("2 Jan 2006, 15:04")}
}

func sectionURL(slug string) string { return "/section/" + url.PathEscape(slug) }

func sourceURL(id int64) string { return "/source/" + strconv.FormatInt(id, 10) }

// articleURL carries a slug for readers and search engines; the handler
// ignores it, so a retitled article keeps working under its old links.
func articleURL(id int64, title string) string {
	return "/article/" + strconv.FormatInt(id, 10) + "/" + url.PathEscape(slug(title))
}

const maxSlugBytes = 80

// slug keeps letters and digits of any script, lowercased, joined by single
// hyphens.
func slug(title string) string {
	var b strings.Builder
	b.Grow(min(len(title), maxSlugBytes))
	hyphen := false
	for _, r := range title {
		if b.Len() >= maxSlugBytes {
			break
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "article"
	}
	return b.String()
}

// summary cuts plain text to at most n runes at a word boundary, for meta
// descriptions.
func summary(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut, count := 0, 0
	for i := range text {
		if count == n {
			cut = i
			break
		}
		count++
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > 0 {
		cut = sp
	}
	return strings.TrimRight(text[:cut], " ,.;:") + "…"
}
