package web

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// relatedCount is how many "You May Also Like" articles a page shows, out
// of the stored list of store.MaxRelated (decided at ingest, see
// internal/ingest): the spares stand in for articles hidden since, or
// that joined the article's story when two stories merged.
const relatedCount = 4

// alsoLike picks "You May Also Like" from candidates (best first) and
// shows them recent first: not the article's own story, whose reports the
// coverage block already lists, not copies of the same text, and one per
// source while others are left, so the list shows other outlets.
func alsoLike(a model.Article, candidates []model.Article, n int) []model.Article {
	out := pickAlsoLike(a, candidates, n)
	slices.SortStableFunc(out, func(x, y model.Article) int { return articleTime(y).Compare(articleTime(x)) })
	return out
}

func pickAlsoLike(a model.Article, candidates []model.Article, n int) []model.Article {
	out := make([]model.Article, 0, n)
	var second []model.Article
	seen := map[int64]bool{}
	for _, c := range candidates {
		switch {
		case a.StoryID != 0 && c.StoryID == a.StoryID,
			c.DuplicateOf != 0 && (c.DuplicateOf == a.ID || c.DuplicateOf == a.DuplicateOf),
			a.DuplicateOf != 0 && c.ID == a.DuplicateOf:
			continue
		case seen[c.SourceID]:
			second = append(second, c)
			continue
		}
		seen[c.SourceID] = true
		out = append(out, c)
		if len(out) == n {
			return out
		}
	}
	for _, c := range second {
		if len(out) == n {
			break
		}
		out = append(out, c)
	}
	return out
}

type articleView struct {
	Page     pageView
	Title    string
	Lang     string
	Author   string
	Date     dateView
	Updated  *dateView // set when the article changed after it appeared
	Section  Link
	ImageURL string
	Source   Link // the source's page on this site
	Origin   Link // the original article: source name and canonical URL
	License  Link
	Policy   string        // "full", "excerpt" or "link"
	BodyHTML template.HTML // full policy only
	Excerpt  string
	// RelatedHTML is "You May Also Like", rendered by the "related"
	// template (html/template, so escaped) and kept in the lookup cache.
	RelatedHTML template.HTML
	// CoverageHTML is the original of a copy, the outlets that republished
	// the article and its story, rendered by "coverage" (see story.go).
	CoverageHTML template.HTML
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFoundPage
	}
	ctx := r.Context()
	a, err := s.store.GetArticle(ctx, id)
	if err != nil {
		return fmt.Errorf("article %d: %w", id, err)
	}
	if a.Status == model.StatusHidden {
		return errGonePage
	}
	view := s.articleView(a)
	view.License = s.license(r, a.SourceID)
	view.RelatedHTML = s.relatedHTML(r, a)
	view.CoverageHTML = s.coverageHTML(r, a)
	return s.render(w, http.StatusOK, "article", view)
}

// license and relatedHTML complete the page but are not the page: if
// they fail, the reader still gets the article, and the failure is not
// cached. Both are kept for the lookup cache's TTL, so a popular article
// costs one lookup per TTL rather than one per view.
func (s *Server) license(r *http.Request, sourceID int64) Link {
	if l, ok := s.licenses.get(sourceID); ok {
		return l
	}
	ctx := r.Context()
	src, err := s.store.GetSource(ctx, sourceID)
	switch {
	case err == nil:
		l := Link{Name: src.LicenseName, URL: src.LicenseURL}
		s.licenses.put(sourceID, l)
		return l
	case !errors.Is(err, store.ErrNotFound):
		s.log.WarnContext(ctx, "article licence unavailable", "source_id", sourceID, "err", err)
	}
	return Link{}
}

func (s *Server) relatedHTML(r *http.Request, a model.Article) template.HTML {
	if block, ok := s.related.get(a.ID); ok {
		return block
	}
	ctx := r.Context()
	// The list was decided at ingest; an article stored before that has
	// none until `newsdesk stories rebuild`.
	candidates, err := s.store.ListRelated(ctx, a.ID, store.MaxRelated)
	if err != nil {
		s.log.WarnContext(ctx, "related articles unavailable", "article_id", a.ID, "err", err)
		return ""
	}
	related := alsoLike(a, candidates, relatedCount)
	block, err := s.renderFragment(s.relatedTmpl, s.cards(related))
	if err != nil {
		s.log.ErrorContext(ctx, "related articles not rendered", "article_id", a.ID, "err", err)
		return ""
	}
	s.related.put(a.ID, block)
	return block
}

// articleView shows as much of the article as its source's policy allows.
func (s *Server) articleView(a model.Article) *articleView {
	origin := a.CanonicalURL
	if origin == "" {
		origin = a.URL
	}
	sourceName := a.SourceName
	if sourceName == "" {
		sourceName = "the original publisher"
	}
	v := &articleView{
		Title:   a.Title,
		Lang:    a.Language,
		Author:  strings.TrimSpace(a.Author),
		Date:    s.longDate(articleTime(a)),
		Source:  Link{Name: sourceName, URL: sourceURL(a.SourceID)},
		Origin:  Link{Name: sourceName, URL: origin},
		Policy:  string(model.PolicyExcerpt),
		Excerpt: a.Excerpt,
	}
	if t := articleTime(a); a.UpdatedAt.After(t.Add(time.Minute)) {
		d := s.longDate(a.UpdatedAt)
		v.Updated = &d
	}
	if sec, ok := s.sections[a.Section]; ok {
		v.Section = Link{Name: sec.Name, URL: sectionURL(sec.Slug)}
	}
	description := a.Excerpt
	switch {
	case a.EffectivePolicy() == model.PolicyFull && a.ContentHTML != "":
		v.Policy = string(model.PolicyFull)
		// ContentHTML was sanitised by the allowlist at ingest
		// (internal/sanitize) before it was stored; it is trusted here.
		v.BodyHTML = template.HTML(a.ContentHTML)
		if !showsImage(a.ContentHTML, a.ImageURL) {
			v.ImageURL = a.ImageURL
		}
	case a.SourcePolicy == model.PolicyLink:
		// Headline and link only: not even the lead image or excerpt.
		v.Policy = string(model.PolicyLink)
		v.Excerpt = ""
		description = a.Title + ", from " + sourceName + "."
	default:
		// Excerpt, the default; also a full-text source whose item came
		// without any text, which shows what it has.
		v.ImageURL = a.ImageURL
	}
	v.Page = s.page(a.Title, description)
	v.Page.Canonical = origin
	v.Page.Section = a.Section
	return v
}

// showsImage reports whether the stored body already holds the lead
// image: extracted pages usually open with the same picture as their
// og:image, and the article page would otherwise show it twice. The body
// was rendered by the sanitizer, which escapes attribute values as
// html.EscapeString does.
func showsImage(bodyHTML, imageURL string) bool {
	return imageURL != "" && strings.Contains(bodyHTML, `src="`+html.EscapeString(imageURL)+`"`)
}
