package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/store"
)

// listView is a paginated list of articles: a section or a source.
type listView struct {
	Page    pageView
	Heading string
	Source  *sourceView // nil on section pages
	Cards   []cardView
	Pager   pagerView
}

func (s *Server) section(w http.ResponseWriter, r *http.Request) error {
	sec, ok := s.sections[r.PathValue("slug")]
	if !ok {
		return errNotFoundPage
	}
	page, err := pageNumber(r)
	if err != nil {
		return err
	}
	list, err := s.store.ListArticles(r.Context(), store.ArticleQuery{
		Section: sec.Slug, HideCopies: s.hideCopies, Limit: s.pageSize, Offset: (page - 1) * s.pageSize,
	})
	if err != nil {
		return fmt.Errorf("section %s page %d: %w", sec.Slug, page, err)
	}
	pager, err := newPager(sectionURL(sec.Slug), nil, page, list.Total, s.pageSize)
	if err != nil {
		return err
	}
	view := &listView{
		Page:    s.page(titleWithPage(sec.Name, pager), "The latest "+sec.Name+" news from "+s.site.Name+"."),
		Heading: sec.Name,
		Cards:   s.cards(list.Articles),
		Pager:   pager,
	}
	view.Page.Section = sec.Slug
	return s.render(w, http.StatusOK, "list", view)
}

// maxPage bounds ?page= so the offset can never overflow and deep crawls
// stay cheap.
const maxPage = 10000

// pageNumber reads ?page=N; anything unreadable means the first page, as a
// reader who edits the URL by hand expects.
func pageNumber(r *http.Request) (int, error) {
	raw := r.URL.Query().Get("page")
	if raw == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		return 1, nil
	}
	if n > maxPage {
		return 0, errNotFoundPage
	}
	return n, nil
}

// newPager builds "Page 2 of 7"; a page past the end is a 404 unless the
// list is empty, in which case page 1 says so.
func newPager(base string, params url.Values, page, total, size int) (pagerView, error) {
	pages := max(1, (total+size-1)/size)
	if page > pages {
		return pagerView{}, errNotFoundPage
	}
	p := pagerView{Page: page, Pages: pages}
	link := func(n int) string {
		q := url.Values{}
		for k, v := range params {
			q[k] = v
		}
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return base
		}
		return base + "?" + q.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < pages {
		p.NextURL = link(page + 1)
	}
	return p, nil
}

func titleWithPage(title string, p pagerView) string {
	if p.Page <= 1 {
		return title
	}
	return title + " (page " + strconv.Itoa(p.Page) + " of " + strconv.Itoa(p.Pages) + ")"
}
