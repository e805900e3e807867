package extract

import (
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsdesk/newsdesk/internal/sanitize"
)

// sanitizer is built once: building the allowlist policy costs far more
// than using it, and a Sanitizer is immutable and safe for concurrent use.
var sanitizer = sync.OnceValue(sanitize.New)

// render turns the body element into sanitised HTML and its plain text.
func render(body *html.Node, pageURL string) (string, string) {
	resolveLazyImages(body)
	var b strings.Builder
	if body.Type == html.ElementNode && body.DataAtom != atom.Body && body.DataAtom != atom.Html {
		if err := html.Render(&b, body); err != nil {
			return "", ""
		}
	} else {
		for c := body.FirstChild; c != nil; c = c.NextSibling {
			if err := html.Render(&b, c); err != nil {
				return "", ""
			}
		}
	}
	out := sanitizer().HTML(b.String(), pageURL)
	return out, sanitize.Text(out)
}

// resolveLazyImages gives images whose real address sits in a srcset (or a
// lazy-loading data-srcset) a data-src the sanitizer prefers over a
// placeholder src.
func resolveLazyImages(body *html.Node) {
	walkElements(body, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if n.DataAtom != atom.Img {
			return true
		}
		if attrVal(n, "data-src") != "" || attrVal(n, "data-original") != "" || attrVal(n, "data-lazy-src") != "" {
			return false
		}
		src := attrVal(n, "src")
		if src != "" && !strings.HasPrefix(src, "data:") {
			return false
		}
		for _, key := range [...]string{"data-srcset", "data-lazy-srcset", "srcset"} {
			if u := firstSrcset(attrVal(n, key)); u != "" {
				n.Attr = append(n.Attr, html.Attribute{Key: "data-src", Val: u})
				return false
			}
		}
		if n.Parent != nil && n.Parent.DataAtom == atom.Picture {
			for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Source {
					if u := firstSrcset(attrVal(c, "srcset")); u != "" {
						n.Attr = append(n.Attr, html.Attribute{Key: "data-src", Val: u})
						return false
					}
				}
			}
		}
		return false
	})
}

// firstSrcset is the URL of a srcset's first candidate.
func firstSrcset(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	first, _, _ := strings.Cut(v, ",")
	fields := strings.Fields(first)
	if len(fields) == 0 || strings.HasPrefix(fields[0], "data:") {
		return ""
	}
	return fields[0]
}

// unwrapScriptLink turns a link to a javascript: URL into a span before
// scoring: it leads nowhere without the page's scripts, so its text is not
// link text, and the sanitizer would drop it with the link.
func unwrapScriptLink(n *html.Node) {
	href := strings.ToLower(strings.TrimSpace(attrVal(n, "href")))
	if strings.HasPrefix(href, "javascript:") {
		n.Data, n.DataAtom, n.Attr = "span", atom.Span, nil
	}
}
