package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// topStoriesWindow is how far back the front page looks for live stories.
const topStoriesWindow = 72 * time.Hour

// storyView is /story/ID: every outlet's report of one event.
type storyView struct {
	Page     pageView
	Headline string
	Summary  string // "Full coverage: 5 articles from 4 sources"
	Timeline []cardView
	Sources  []Link
}

// coverageView is the block under an article: the original of a copy,
// the outlets that republished it, and its story.
type coverageView struct {
	Original     *Link // set when this article is a syndicated copy
	AlsoBy       []Link
	StoryURL     string
	StorySummary string
}

func (s *Server) story(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFoundPage
	}
	articles, err := s.store.StoryArticles(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		// A story merged into another lives on under the other's ID.
		to, aerr := s.store.StoryAlias(r.Context(), id)
		switch {
		case aerr == nil:
			http.Redirect(w, r, storyURL(to), http.StatusMovedPermanently)
			return nil
		case !errors.Is(aerr, store.ErrNotFound):
			err = aerr
		}
	}
	if err != nil {
		return fmt.Errorf("story %d: %w", id, err)
	}
	view := &storyView{Timeline: s.cards(articles), Sources: storySources(articles)}
	for i := range view.Timeline {
		// A timeline is read for who said what when: headlines, not pictures.
		view.Timeline[i].ImageURL = ""
	}
	lead := articles[0]
	for _, a := range articles {
		if a.DuplicateOf == 0 {
			lead = a
			break
		}
	}
	view.Headline = lead.Title
	view.Summary = coverageSummary(len(articles), len(view.Sources))
	view.Page = s.page("Full coverage: "+lead.Title, view.Summary+". "+lead.Excerpt)
	return s.render(w, http.StatusOK, "story", view)
}

func coverageSummary(articles, sources int) string {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	}
	return "Full coverage: " + plural(articles, "article", "articles") + " from " + plural(sources, "source", "sources")
}

// storySources lists a story's outlets once each, in the order they
// reported it.
func storySources(articles []model.Article) []Link {
	seen := map[int64]bool{}
	var out []Link
	for _, a := range articles {
		if !seen[a.SourceID] {
			seen[a.SourceID] = true
			out = append(out, Link{Name: a.SourceName, URL: sourceURL(a.SourceID)})
		}
	}
	return out
}

// coverageHTML renders an article's coverage block from its story: kept
// for the lookup cache's TTL like the related block, and left out, not
// failed, when the story cannot be read.
func (s *Server) coverageHTML(r *http.Request, a model.Article) template.HTML {
	if a.StoryID == 0 {
		return ""
	}
	if block, ok := s.coverage.get(a.ID); ok {
		return block
	}
	ctx := r.Context()
	articles, err := s.store.StoryArticles(ctx, a.StoryID)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			s.log.WarnContext(ctx, "story unavailable", "article_id", a.ID, "err", err)
		}
		return ""
	}
	var v coverageView
	for _, o := range articles {
		switch {
		case o.ID == a.DuplicateOf:
			v.Original = &Link{Name: o.SourceName, URL: articleURL(o.ID, o.Title)}
		case o.DuplicateOf == a.ID:
			v.AlsoBy = append(v.AlsoBy, Link{Name: o.SourceName, URL: articleURL(o.ID, o.Title)})
		}
	}
	if len(articles) > 1 {
		v.StoryURL = storyURL(a.StoryID)
		v.StorySummary = coverageSummary(len(articles), len(storySources(articles)))
	}
	block, err := s.renderFragment(s.coverageTmpl, v)
	if err != nil {
		s.log.ErrorContext(ctx, "coverage not rendered", "article_id", a.ID, "err", err)
		return ""
	}
	s.coverage.put(a.ID, block)
	return block
}

func storyURL(id int64) string { return "/story/" + strconv.FormatInt(id, 10) }

// topStoryCards leads the front page with the stories most outlets are
// telling, each card linking to its full coverage; it returns nil when no
// story has more than one article yet, so the page falls back to the
// newest articles.
func (s *Server) topStoryCards(r *http.Request) []cardView {
	stories, err := s.store.TopStories(r.Context(), s.now().Add(-topStoriesWindow), topCount)
	if err != nil {
		s.log.WarnContext(r.Context(), "top stories unavailable", "err", err)
		return nil
	}
	var out []cardView
	for _, st := range stories {
		if st.Articles < 2 {
			continue
		}
		c := s.card(st.Lead)
		c.Coverage = &Link{Name: coverageSummary(st.Articles, st.Sources), URL: storyURL(st.ID)}
		out = append(out, c)
	}
	return out
}
