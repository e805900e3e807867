package feed

import (
	"html"
	"sort"
	"strings"
)

// nsPrefixes are the prefixes written for namespaced attributes in
// serialised XHTML.
var nsPrefixes = map[string]string{"http://www.w3.org/1999/xlink": "xlink"}

const maxSerialized = 8 << 20

// serializeXHTML writes the children of n as markup: inline XHTML (Atom
// type="xhtml", an RSS <body>) becomes an HTML fragment. Elements outside
// XHTML (SVG, MathML) say their namespace with xmlns, as HTML parsers
// expect, and lose the prefix they had in the feed.
func serializeXHTML(n *node) string {
	var b strings.Builder
	for _, k := range n.kids {
		writeNode(&b, k, "http://www.w3.org/1999/xhtml", map[string]bool{})
		if b.Len() > maxSerialized {
			break
		}
	}
	return b.String()
}

func writeNode(b *strings.Builder, n *node, parentURI string, declared map[string]bool) {
	if n.name == "" {
		b.WriteString(html.EscapeString(n.text))
		return
	}
	uri := n.uri
	if uri == "" || !strings.Contains(uri, ":") || htmlLike(nsKey(uri)) {
		uri = "http://www.w3.org/1999/xhtml"
	}
	b.WriteByte('<')
	b.WriteString(n.local)
	attrs := make([]string, 0, len(n.attrs)+2)
	var decls []string
	for _, a := range n.attrs {
		name := a.Name.Local
		if a.Name.Space != "" {
			p, ok := nsPrefixes[a.Name.Space]
			if !ok {
				p = "ns"
			}
			name = p + ":" + name
			if !declared[p] {
				decls = append(decls, "xmlns:"+p+`="`+html.EscapeString(a.Name.Space)+`"`)
			}
		}
		attrs = append(attrs, name+`="`+html.EscapeString(a.Value)+`"`)
	}
	if uri != parentURI {
		attrs = append(attrs, `xmlns="`+html.EscapeString(uri)+`"`)
	}
	sort.Strings(attrs)
	for _, a := range append(attrs, decls...) {
		b.WriteByte(' ')
		b.WriteString(a)
	}
	if len(n.kids) == 0 && voidElement(n.name) {
		b.WriteString(" />")
		return
	}
	b.WriteByte('>')
	inner := declared
	if len(decls) > 0 {
		inner = make(map[string]bool, len(declared)+1)
		for k := range declared {
			inner[k] = true
		}
		for _, a := range n.attrs {
			if p, ok := nsPrefixes[a.Name.Space]; ok {
				inner[p] = true
			}
		}
	}
	for _, k := range n.kids {
		writeNode(b, k, uri, inner)
	}
	b.WriteString("</")
	b.WriteString(n.local)
	b.WriteByte('>')
}

// htmlLike reports the namespaces whose elements inside a feed's text are
// HTML: XHTML itself, and the feed formats' own, which "naked" markup in an
// Atom 0.3 or RSS 1.0 body inherits by default.
func htmlLike(key string) bool {
	switch key {
	case keyXHTML, keyAtom, keyAtom03, keyRSS10, keyRSS09:
		return true
	}
	return false
}

func voidElement(name string) bool {
	switch name {
	case "br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr":
		return true
	}
	return false
}
