package sanitize

import (
	"strings"

	"golang.org/x/net/html"
)

// FirstImage returns the URL of the first usable <img> in HTML, resolved
// against baseURL, or "" if there is none. Usable means an http(s) source
// (a lazy-loading data-src wins over a placeholder src) and not a tracking
// pixel declared 0 or 1 pixel wide or high. It tokenizes rather than parses,
// so no nesting depth makes it give up.
func FirstImage(htmlText, baseURL string) string {
	base := parseBase(baseURL)
	z := html.NewTokenizer(strings.NewReader(cleanInput(htmlText)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data != "img" || isPixel(tok.Attr) {
				continue
			}
			if src, ok := imageSrc(tok.Attr, base); ok {
				return src
			}
		}
	}
}

func isPixel(attrs []html.Attribute) bool {
	for _, key := range [...]string{"width", "height"} {
		v, _ := attr(attrs, key)
		v = strings.TrimSuffix(strings.TrimSpace(v), "px")
		if v == "0" || v == "1" {
			return true
		}
	}
	return false
}
