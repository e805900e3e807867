package meta

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits that keep the work on a hostile page bounded.
const (
	maxNodes       = 200000  // elements and text nodes visited
	maxJSONLDBytes = 1 << 20 // per script
	maxJSONLDs     = 16
	maxTextRunes   = 2000 // text gathered from one element
	maxCandidates  = 32   // h1s, times, bylines, images kept
)

// page is what one walk over the document gathers; the field pickers work
// on it rather than on the tree, so the tree is walked once.
type page struct {
	metas    map[string][]string // meta name/property/itemprop/http-equiv (lower case) -> contents
	links    map[string][]string // link rel (lower case) -> hrefs
	title    string
	htmlLang string
	jsonld   []string
	h1s      []located
	times    []located // <time>: text is the datetime attribute or the element's text
	bylines  []located // text of byline-like elements
	authors  []located // rel=author and itemprop=author text
	itemprop map[string][]string
	images   []image
	baseHref string
	// nearText holds the first text runs after the first <h1>, where a
	// visible date usually sits when no markup names it.
	nearText []string
	// runs are the page's short text runs in order, from which nearText
	// and earlyText are cut around the headline (anchor).
	runs []located
	// headline is the order of the <h1> holding the title, -1 for none.
	headline int
	// earlyText holds the text runs before any <h1>: pages without one, or
	// whose date sits above the headline.
	earlyText []string

	textBylines  []located // "By Ann Lee" text runs, and the run after a "Written by" label
	authorLinks  []located // text of links to /author/ pages
	labelPending bool      // the last text run was a "Written by" label
}

const (
	maxNearText = 300
	maxRuns     = 5000
)

// located is a piece of text and the document order where it was found, so
// that candidates near the headline can be preferred.
type located struct {
	text  string
	order int
}

type image struct {
	src          string
	width        int
	height       int
	inFigure     bool
	order        int
	afterHeading bool
}

func collect(root *html.Node) *page {
	p := &page{
		metas:    map[string][]string{},
		links:    map[string][]string{},
		itemprop: map[string][]string{},
		headline: -1,
	}
	if root == nil {
		return p
	}
	visited := 0
	// An explicit stack instead of recursion: html.Parse accepts arbitrarily
	// deep trees and a hostile page must not cost a deep call stack.
	type frame struct {
		n        *html.Node
		inFigure bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 && visited < maxNodes {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visited++
		n := f.n
		inFigure := f.inFigure
		if n.Type == html.TextNode {
			// The text is collapsed once for both uses.
			forByline := len(p.textBylines) < maxCandidates && n.Parent != nil
			forRuns := len(p.runs) < maxRuns
			if forByline || forRuns {
				t := collapse(n.Data)
				if forByline {
					p.textByline(n, t, visited)
				}
				if forRuns && t != "" && len(t) < 200 {
					p.runs = append(p.runs, located{t, visited})
				}
			}
		}
		if n.Type == html.ElementNode {
			if skip := p.element(n, visited, inFigure); skip {
				continue
			}
			if n.DataAtom == atom.Figure || n.DataAtom == atom.Picture {
				inFigure = true
			}
		}
		// Push children in reverse so they pop in document order.
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c, inFigure: inFigure})
		}
	}
	return p
}

// element records what n contributes and reports whether its subtree should
// be skipped.
func (p *page) element(n *html.Node, order int, inFigure bool) bool {
	switch n.DataAtom {
	case atom.Html:
		if v := attr(n, "lang"); v != "" && p.htmlLang == "" {
			p.htmlLang = v
		}
	case atom.Base:
		if p.baseHref == "" {
			p.baseHref = attr(n, "href")
		}
	case atom.Meta:
		p.meta(n)
	case atom.Link:
		for _, rel := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
			if len(p.links[rel]) < maxCandidates {
				p.links[rel] = append(p.links[rel], attr(n, "href"))
			}
		}
	case atom.Title:
		if p.title == "" && n.Namespace == "" {
			p.title = textOf(n)
		}
		return true
	case atom.Script:
		if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && len(p.jsonld) < maxJSONLDs {
			if s := rawText(n, maxJSONLDBytes); s != "" {
				p.jsonld = append(p.jsonld, s)
			}
		}
		return true
	case atom.Style, atom.Noscript, atom.Template, atom.Svg:
		return true
	case atom.H1:
		if len(p.h1s) < maxCandidates {
			if t := textOf(n); t != "" {
				p.h1s = append(p.h1s, located{t, order})
			}
		}
	case atom.Time:
		if len(p.times) < maxCandidates {
			v := attr(n, "datetime")
			if v == "" {
				v = textOf(n)
			}
			p.times = append(p.times, located{v, order})
		}
	case atom.Img:
		p.img(n, order, inFigure)
	case atom.A:
		p.authorLink(n, order)
	}
	p.microdata(n, order)
	p.byline(n, order)
	return false
}

func (p *page) meta(n *html.Node) {
	content, ok := attrOK(n, "content")
	if !ok {
		content, ok = attrOK(n, "value")
	}
	if !ok {
		return
	}
	content = strings.TrimSpace(content)
	for _, key := range []string{"name", "property", "itemprop", "http-equiv"} {
		// Some pages list several properties in one attribute
		// (property="og:title twitter:title").
		for _, k := range strings.Fields(strings.ToLower(attr(n, key))) {
			if len(p.metas[k]) < maxCandidates {
				p.metas[k] = append(p.metas[k], content)
			}
			// Some frameworks carry the page's JSON-LD in a meta tag
			// (name="script:ld+json") instead of a script element.
			if strings.Contains(k, "ld+json") && len(p.jsonld) < maxJSONLDs && len(content) <= maxJSONLDBytes {
				p.jsonld = append(p.jsonld, content)
			}
		}
	}
}

// microdata records itemprop values carried by ordinary elements.
func (p *page) microdata(n *html.Node, order int) {
	if n.DataAtom == atom.Meta {
		return
	}
	for _, prop := range strings.Fields(strings.ToLower(attr(n, "itemprop"))) {
		var v string
		switch prop {
		case "datepublished", "datemodified", "datecreated":
			v = attr(n, "datetime")
			if v == "" {
				v = attr(n, "content")
			}
			if v == "" {
				v = textOf(n)
			}
		case "author", "creator":
			name := findItemprop(n, "name")
			if name == nil {
				name = n
			}
			if v = attr(name, "content"); v == "" {
				v = textOf(name)
			}
			if len(p.authors) < maxCandidates && v != "" {
				p.authors = append(p.authors, located{v, order})
			}
			continue
		case "headline", "name":
			v = textOf(n)
		default:
			continue
		}
		if v != "" && len(p.itemprop[prop]) < maxCandidates {
			p.itemprop[prop] = append(p.itemprop[prop], v)
		}
	}
	if n.DataAtom == atom.A && hasToken(attr(n, "rel"), "author") && len(p.authors) < maxCandidates {
		if t := textOf(n); t != "" {
			p.authors = append(p.authors, located{t, order})
		}
	}
}

// byline records elements whose class, id or rel says they hold the author.
func (p *page) byline(n *html.Node, order int) {
	if len(p.bylines) >= maxCandidates {
		return
	}
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.Main, atom.Article, atom.Img, atom.Meta, atom.Link:
		return
	}
	class, id, rel, testid := attr(n, "class"), attr(n, "id"), attr(n, "rel"), attr(n, "data-testid")
	if !mayHint(class) && !mayHint(id) && !mayHint(rel) && !mayHint(testid) {
		return
	}
	hint := strings.ToLower(class + " " + id + " " + rel + " " + testid)
	if !strings.Contains(hint, "byline") && !strings.Contains(hint, "author") && !strings.Contains(hint, "writer") {
		return
	}
	// Comment threads, author boxes at the foot of the article and
	// avatars name people too, but not as the article's byline.
	for _, bad := range []string{"comment", "avatar", "bio", "description", "reply", "photo", "image", "img", "social", "share", "follow"} {
		if strings.Contains(hint, bad) {
			return
		}
	}
	if t := textOf(n); t != "" {
		p.bylines = append(p.bylines, located{t, order})
	}
}

// mayHint reports whether an attribute value could make byline's hint
// name an author: it holds "byline", "author" or "writer" in any ASCII
// case, or a non-ASCII byte (strings.ToLower turns U+0130 into "i" and the
// Kelvin sign into "k"), so that byline need not build the hint for the
// many elements that have none.
func mayHint(v string) bool {
	for i := 0; i < len(v); i++ {
		switch c := lower(v[i]); {
		case c >= 0x80:
			return true
		case c == 'b' && hasPrefixFold(v[i:], "byline"),
			c == 'a' && hasPrefixFold(v[i:], "author"),
			c == 'w' && hasPrefixFold(v[i:], "writer"):
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s starts with prefix (lower-case ASCII
// letters) in any ASCII case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lower(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

func (p *page) img(n *html.Node, order int, inFigure bool) {
	if len(p.images) >= maxCandidates {
		return
	}
	src := attr(n, "src")
	for _, lazy := range []string{"data-src", "data-lazy-src", "data-original"} {
		if v := attr(n, lazy); v != "" && (src == "" || strings.HasPrefix(src, "data:")) {
			src = v
		}
	}
	if src == "" || strings.HasPrefix(src, "data:") {
		return
	}
	p.images = append(p.images, image{
		src:          src,
		width:        atoiPrefix(attr(n, "width")),
		height:       atoiPrefix(attr(n, "height")),
		inFigure:     inFigure,
		order:        order,
		afterHeading: len(p.h1s) > 0,
	})
}

func findItemprop(n *html.Node, prop string) *html.Node {
	var found *html.Node
	budget := 200
	var walk func(*html.Node, int)
	walk = func(c *html.Node, depth int) {
		for ; c != nil && found == nil && budget > 0 && depth < 8; c = c.NextSibling {
			budget--
			if c.Type == html.ElementNode && hasToken(strings.ToLower(attr(c, "itemprop")), prop) {
				found = c
				return
			}
			walk(c.FirstChild, depth+1)
		}
	}
	walk(n.FirstChild, 0)
	return found
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && (a.Key == key || strings.EqualFold(a.Key, key)) {
			return a.Val, true
		}
	}
	return "", false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf returns n's visible text with whitespace collapsed, at most
// maxTextRunes long.
func textOf(n *html.Node) string {
	var b strings.Builder
	budget := 2000 // nodes
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for ; c != nil && budget > 0 && b.Len() < maxTextRunes*4; c = c.NextSibling {
			budget--
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg:
					continue
				case atom.Br, atom.P, atom.Div, atom.Li:
					b.WriteByte(' ')
				}
				walk(c.FirstChild)
				if c.DataAtom == atom.P || c.DataAtom == atom.Div || c.DataAtom == atom.Li {
					b.WriteByte(' ')
				}
			}
		}
	}
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
	} else {
		walk(n.FirstChild)
	}
	return truncateRunes(collapse(b.String()), maxTextRunes)
}

// rawText returns the text content of a raw-text element (script), or ""
// when it is longer than limit.
func rawText(n *html.Node, limit int) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			if b.Len()+len(c.Data) > limit {
				return ""
			}
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// collapse turns runs of ASCII whitespace into one space and trims. Other
// spaces (no-break, ideographic) are the page's choice and stay.
func collapse(s string) string {
	// Most text needs no change and is returned as it is. The spaces are
	// ASCII, which in UTF-8 never stand inside another character, so
	// working on bytes is working on runes.
	clean := true
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) && (s[i] != ' ' || i == 0 || i == len(s)-1 || isSpace(s[i+1])) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		if j > i {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, s[i:j]...)
		}
		i = j
	}
	return string(b)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func truncateRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

func atoiPrefix(s string) int {
	v := 0
	for _, r := range strings.TrimSpace(s) {
		if r < '0' || r > '9' || v > 1e6 {
			break
		}
		v = v*10 + int(r-'0')
	}
	return v
}

// anchor cuts nearText and earlyText around the <h1> at order (-1: none).
func (p *page) anchor(order int) {
	p.nearText, p.earlyText, p.headline = nil, nil, order
	for _, r := range p.runs {
		switch {
		case order < 0 || r.order < order:
			p.earlyText = append(p.earlyText, r.text)
		case r.order > order && len(p.nearText) < maxNearText:
			p.nearText = append(p.nearText, r.text)
		}
	}
	if order >= 0 && len(p.earlyText) > maxNearText {
		p.earlyText = p.earlyText[len(p.earlyText)-maxNearText:] // the runs just above
	} else if len(p.earlyText) > maxNearText {
		p.earlyText = p.earlyText[:maxNearText]
	}
}

// runsBetween counts the text runs that lie after document order from and
// before to.
func (p *page) runsBetween(from, to int) int {
	lo := sort.Search(len(p.runs), func(i int) bool { return p.runs[i].order > from })
	hi := sort.Search(len(p.runs), func(i int) bool { return p.runs[i].order >= to })
	return max(hi-lo, 0)
}

// headlineOrder is the order of the <h1> holding title, else of the first
// <h1>, else -1.
func (p *page) headlineOrder(title string) int {
	for _, h := range p.h1s {
		if t := norm(title); t != "" && strings.Contains(norm(h.text), t) {
			return h.order
		}
	}
	if len(p.h1s) > 0 {
		return p.h1s[0].order
	}
	return -1
}
