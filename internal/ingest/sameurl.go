package ingest

import "github.com/newsdesk/newsdesk/internal/sanitize"

// sameURL remembers the canonical URL of each article in the story desk's
// window, so that an article another feed already brought in (the same
// link through a different feed, a tracking-tagged, AMP or mobile link to
// it, or the page's own rel=canonical) is recognised as a copy of the
// first one seen, whatever its text. Exact duplicates are decided here,
// before the near-duplicate signatures, because a second feed often
// carries a different summary of the same page.
type sameURL struct {
	first map[string]int64 // canonical URL -> first article seen with it
	order []string         // ring of the URLs in arrival order, for eviction
	next  int
}

func newSameURL(window int) *sameURL {
	return &sameURL{first: make(map[string]int64), order: make([]string, max(window, 1))}
}

// add records url for article id and returns the article first seen with
// it, or 0 when id is the first (or url is empty).
func (s *sameURL) add(url string, id int64) int64 {
	url = sanitize.IdentityKey(url)
	if url == "" {
		return 0
	}
	if orig, ok := s.first[url]; ok && orig != id {
		return orig
	}
	if old := s.order[s.next]; old != "" {
		delete(s.first, old)
	}
	s.order[s.next] = url
	s.next = (s.next + 1) % len(s.order)
	s.first[url] = id
	return 0
}
