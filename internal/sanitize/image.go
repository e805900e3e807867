package sanitize

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FirstImage returns the URL of the first usable <img> in HTML, resolved
// against baseURL, or "" if there is none. Usable means an http(s) source
// (a lazy-loading data-src wins over a placeholder src) and not a tracking
// pixel declared 0 or 1 pixel wide or high.
func FirstImage(htmlText, baseURL string) string {
	nodes, err := html.ParseFragment(strings.NewReader(clip(htmlText, maxInputBytes)), bodyContext())
	if err != nil {
		return ""
	}
	base := parseBase(baseURL)
	for _, root := range nodes {
		for n := range withDescendants(root) {
			if n.Type != html.ElementNode || n.DataAtom != atom.Img || n.Namespace != "" || isPixel(n) {
				continue
			}
			if src, ok := imageSrc(n, base); ok {
				return src
			}
		}
	}
	return ""
}

// withDescendants yields n and then everything beneath it.
func withDescendants(n *html.Node) func(func(*html.Node) bool) {
	return func(yield func(*html.Node) bool) {
		if !yield(n) {
			return
		}
		for d := range n.Descendants() {
			if !yield(d) {
				return
			}
		}
	}
}

func isPixel(n *html.Node) bool {
	for _, key := range [...]string{"width", "height"} {
		v, _ := attr(n, key)
		v = strings.TrimSuffix(strings.TrimSpace(v), "px")
		if v == "0" || v == "1" {
			return true
		}
	}
	return false
}
