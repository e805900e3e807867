package web

import (
	"fmt"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

const (
	topCount     = 5
	latestCount  = 10
	sectionCount = 5
	picksCount   = 4
	// homeScan is how many of the newest articles Top stories and Latest
	// are chosen from, in one read.
	homeScan = 60
)

type homeView struct {
	Page     pageView
	Top      []cardView
	Latest   []cardView
	Sections []sectionBlock
	Picks    []cardView
}

// sectionBlock is a section's newest articles on the home page.
type sectionBlock struct {
	Name, URL string
	Cards     []cardView
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	recent, err := s.store.ListArticles(ctx, store.ArticleQuery{Limit: homeScan, HideCopies: s.hideCopies, SkipTotal: true})
	if err != nil {
		return fmt.Errorf("home: list recent articles: %w", err)
	}
	view := &homeView{
		Page:   s.page("", s.site.Tagline),
		Top:    s.topStoryCards(r),
		Latest: s.cards(recent.Articles[:min(latestCount, len(recent.Articles))]),
	}
	if len(view.Top) < topCount {
		// Too few stories told by several outlets yet: fill up with the
		// newest articles that are not already there.
		shown := make(map[string]bool, len(view.Top))
		for _, c := range view.Top {
			shown[c.URL] = true
		}
		for _, c := range s.cards(topStories(recent.Articles, topCount)) {
			if len(view.Top) == topCount {
				break
			}
			if !shown[c.URL] {
				view.Top = append(view.Top, c)
			}
		}
	}
	view.Page.Title = s.site.Name
	if s.site.Tagline != "" {
		view.Page.Title += " – " + s.site.Tagline
	}
	for _, nav := range s.site.Sections {
		list, err := s.store.ListArticles(ctx, store.ArticleQuery{Section: nav.Slug, Limit: sectionCount, HideCopies: s.hideCopies, SkipTotal: true})
		if err != nil {
			return fmt.Errorf("home: list section %s: %w", nav.Slug, err)
		}
		if len(list.Articles) == 0 {
			continue // an empty block is noise on the front page
		}
		view.Sections = append(view.Sections, sectionBlock{Name: nav.Name, URL: nav.URL, Cards: s.cards(list.Articles)})
	}
	picks, err := s.store.ListPicks(ctx, s.now(), picksCount)
	if err != nil {
		return fmt.Errorf("home: list picks: %w", err)
	}
	view.Picks = s.cards(picks)
	return s.render(w, http.StatusOK, "home", view)
}

// topStories is the front page's lead while no story has two articles yet:
// the newest articles with a lead image we may show (not link-only
// sources), at most one per source, so one busy feed can't fill it.
func topStories(newest []model.Article, n int) []model.Article {
	out := make([]model.Article, 0, n)
	seen := make(map[int64]bool, n)
	for _, a := range newest {
		if len(out) == n {
			break
		}
		if a.ImageURL == "" || a.SourcePolicy == model.PolicyLink || seen[a.SourceID] {
			continue
		}
		seen[a.SourceID] = true
		out = append(out, a)
	}
	return out
}
