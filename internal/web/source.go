package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// sourceView introduces a publisher above its articles.
type sourceView struct {
	Name    string
	SiteURL string
	License Link
	Policy  string // what readers get here: the whole text, an excerpt or a link
}

func (s *Server) source(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFoundPage
	}
	page, err := pageNumber(r)
	if err != nil {
		return err
	}
	src, err := s.store.GetSource(r.Context(), id)
	if err != nil {
		return fmt.Errorf("source %d: %w", id, err)
	}
	list, err := s.store.ListArticles(r.Context(), store.ArticleQuery{
		SourceID: id, Limit: s.pageSize, Offset: (page - 1) * s.pageSize,
	})
	if err != nil {
		return fmt.Errorf("source %d page %d: %w", id, page, err)
	}
	pager, err := newPager(sourceURL(id), nil, page, list.Total, s.pageSize)
	if err != nil {
		return err
	}
	view := &listView{
		Page:    s.page(titleWithPage(src.Name, pager), "Articles from "+src.Name+" on "+s.site.Name+"."),
		Heading: src.Name,
		Source: &sourceView{
			Name:    src.Name,
			SiteURL: src.SiteURL,
			License: Link{Name: src.LicenseName, URL: src.LicenseURL},
			Policy:  policyNote(src.Policy),
		},
		Cards: s.cards(list.Articles),
		Pager: pager,
	}
	return s.render(w, http.StatusOK, "list", view)
}

func policyNote(p model.Policy) string {
	switch p {
	case model.PolicyFull:
		return "We republish its articles in full, with a link to the original."
	case model.PolicyLink:
		return "We list its headlines and link to the original articles."
	}
	return "We show a short excerpt of each article and link to the full story."
}
