package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
)

// statusError is an error a handler means to show as a particular page.
type statusError struct {
	status  int
	heading string
	message string
}

func (e *statusError) Error() string { return fmt.Sprintf("%d %s", e.status, e.heading) }

var (
	errNotFoundPage = &statusError{
		status:  http.StatusNotFound,
		heading: "We couldn't find that page",
		message: "The link may be mistyped, or the page may have moved. Try searching, or start again from the front page.",
	}
	errGonePage = &statusError{
		status:  http.StatusGone,
		heading: "This article has been removed",
		message: "It is no longer available on this site. You can search for other coverage of the story.",
	}
	errSearchNotReadyPage = &statusError{
		status:  http.StatusServiceUnavailable,
		heading: "Search is being prepared",
		message: "The site's articles are being indexed for search. Please try again in a minute; every other page works meanwhile.",
	}
	errMethodPage = &statusError{
		status:  http.StatusMethodNotAllowed,
		heading: "That request isn't supported",
		message: "This site only serves pages to read. Try the front page or the search box.",
	}
)

// handlerFunc is a page handler: it either writes a whole response or
// returns an error for fail to turn into one.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

type errorView struct {
	Page    pageView
	Status  int
	Heading string
	Message string
}

// fail is the one place an error becomes a status and a page. 5xx are
// logged here, once; the rest are the reader's business, not ours.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	page := errorPage(err)
	switch {
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The reader left; nobody will see a page.
		s.log.DebugContext(r.Context(), "request canceled", "path", r.URL.Path)
		return
	case page == errSearchNotReadyPage:
		// Expected for a while after an upgrade or a lost index; the store
		// logs the build itself.
		s.log.DebugContext(r.Context(), "search not ready", "path", r.URL.Path)
	case page.status >= 500:
		s.log.ErrorContext(r.Context(), "page failed", "method", r.Method, "path", r.URL.Path,
			"status", page.status, "err", err)
	}
	view := &errorView{
		Page:    s.page(page.heading, ""),
		Status:  page.status,
		Heading: page.heading,
		Message: page.message,
	}
	view.Page.NoIndex = true
	h := w.Header()
	if page.status >= 500 {
		h.Set("Cache-Control", "no-store")
	} else {
		h.Set("Cache-Control", "public, max-age=60")
	}
	if page.status == http.StatusMethodNotAllowed {
		h.Set("Allow", "GET, HEAD")
	}
	if page == errSearchNotReadyPage {
		h.Set("Retry-After", searchRetryAfter)
	}
	if rerr := s.render(w, page.status, "error", view); rerr != nil {
		s.log.ErrorContext(r.Context(), "error page failed", "path", r.URL.Path, "err", rerr)
		http.Error(w, http.StatusText(page.status), page.status)
	}
}

func errorPage(err error) *statusError {
	var se *statusError
	switch {
	case errors.As(err, &se):
		return se
	case errors.Is(err, store.ErrNotFound):
		return errNotFoundPage
	case errors.Is(err, store.ErrSearchNotReady):
		return errSearchNotReadyPage
	case errors.Is(err, context.DeadlineExceeded):
		return &statusError{
			status:  http.StatusServiceUnavailable,
			heading: "The site is busy",
			message: "That page took too long to prepare. Please try again in a moment.",
		}
	}
	return &statusError{
		status:  http.StatusInternalServerError,
		heading: "Something went wrong on our side",
		message: "We couldn't show this page just now. Please try again in a moment; the problem has been logged.",
	}
}

// fallback answers every path no route claims.
func (s *Server) fallback(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return errMethodPage
	}
	return errNotFoundPage
}

const healthTimeout = 2 * time.Second

// searchRetryAfter is the Retry-After, in seconds, of a search made while
// the index is being built.
const searchRetryAfter = "60"

// healthz answers 200 when the store serves a cheap read. Plain text:
// it is for load balancers, not readers.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// A store that hangs is as unhealthy as one that fails.
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if _, err := s.store.ListPicks(ctx, s.now(), 1); err != nil {
		s.log.WarnContext(r.Context(), "health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("store unavailable\n"))
		return
	}
	_, _ = w.Write([]byte("ok"))
}
