package sanitize

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// rewriteAttrs resolves and checks the URL attributes of n and drops those
// that only serve the publisher's own page (id, class, style, target...).
// It reports false when n is an element that is useless without its URL
// (an img with no usable src).
func rewriteAttrs(n *html.Node, base *url.URL) bool {
	var src string
	if n.DataAtom == atom.Img {
		var ok bool
		if src, ok = imageSrc(n.Attr, base); !ok {
			return false
		}
	}
	attrs := n.Attr[:0]
	for _, a := range n.Attr {
		a.Key = strings.ToLower(a.Key)
		if droppedAttr(a.Key) {
			continue
		}
		switch {
		case a.Key == "href" && (n.DataAtom == atom.A || n.DataAtom == atom.Area):
			v, ok := resolveURL(base, a.Val, true)
			if !ok {
				continue
			}
			a.Val = v
		case a.Key == "cite":
			v, ok := resolveURL(base, a.Val, false)
			if !ok {
				continue
			}
			a.Val = v
		case a.Key == "src" && n.DataAtom == atom.Img:
			continue // chosen below, after the lazy-loading attributes are seen
		}
		attrs = append(attrs, a)
	}
	n.Attr = attrs
	switch n.DataAtom {
	case atom.A:
		if hasAttr(n.Attr, "href") {
			n.Attr = append(n.Attr, html.Attribute{Key: "rel", Val: linkRel})
		}
	case atom.Img:
		n.Attr = append(n.Attr, html.Attribute{Key: "src", Val: src}, html.Attribute{Key: "loading", Val: "lazy"})
	}
	return true
}

func droppedAttr(key string) bool {
	switch key {
	case "id", "name", "class", "style", "target", "rel", "srcset", "sizes", "loading":
		return true
	}
	return strings.HasPrefix(key, "on")
}

// imageSrc picks the real URL of an image: a lazy-loading attribute wins
// over a placeholder src (often a data: URI or a 1px gif), because without
// the publisher's scripts nothing would ever swap them.
func imageSrc(attrs []html.Attribute, base *url.URL) (string, bool) {
	for _, key := range [...]string{"data-src", "data-original", "data-lazy-src", "data-url"} {
		if v, ok := attr(attrs, key); ok {
			if u, ok := resolveURL(base, v, false); ok {
				return u, true
			}
		}
	}
	v, _ := attr(attrs, "src")
	return resolveURL(base, v, false)
}

func attr(attrs []html.Attribute, key string) (string, bool) {
	for _, a := range attrs {
		if strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

func hasAttr(attrs []html.Attribute, key string) bool {
	_, ok := attr(attrs, key)
	return ok
}
