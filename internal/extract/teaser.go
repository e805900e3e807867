package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Story teasers ("more news", "read next", a section front's river) are the
// commonest boilerplate that link density misses: each item is a headline
// link followed by a summary sentence or two, so the item as a whole reads
// as prose. What gives them away is the shape of the group: three or more
// siblings, each small, each opening with (or headed by) a link of several
// words, each with some text of its own beside the link.
const (
	minTeasers       = 3   // siblings needed to call a group a teaser list
	maxTeaserChars   = 800 // a teaser is a headline and a short summary
	minTeaserOwn     = 10  // text beside the link: a summary, a date, a byline
	minHeadlineWords = 3   // a headline link has words, not "More" or an icon
	teaserNodeBudget = 300 // nodes looked at per item: bounds the work on hostile pages
	// minBodyAfterTeasers is the prose the page must still hold once its
	// teasers are gone; a page that is nothing but teasers (a section
	// front, a digest) keeps them.
	minBodyAfterTeasers = 200
)

// removed remembers where a detached node was, so that it can be put back.
type removed struct {
	n, parent, next *html.Node
}

// detachTeasers removes every group of story teasers below root and returns
// what it removed, in document order.
func detachTeasers(root *html.Node, of map[*html.Node]stats) []removed {
	var items []*html.Node
	walkElements(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return false
		}
		if group := teaserGroup(n, of); group != nil {
			items = append(items, group...)
			return false
		}
		return true
	})
	return detachRecorded(items)
}

// detachRecorded removes nodes from the tree and says where each was.
func detachRecorded(nodes []*html.Node) []removed {
	out := make([]removed, 0, len(nodes))
	for _, n := range nodes {
		if n.Parent == nil {
			continue
		}
		out = append(out, removed{n: n, parent: n.Parent, next: n.NextSibling})
		n.Parent.RemoveChild(n)
	}
	return out
}

// restore puts back what detachTeasers removed, last removed first, so that
// each node's recorded next sibling is already in place.
func restore(rs []removed) {
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		r.parent.InsertBefore(r.n, r.next)
	}
}

// teaserGroup returns the children of p that are story teasers when they
// make up at least two thirds of its children with text and are at least
// minTeasers of one tag.
func teaserGroup(p *html.Node, of map[*html.Node]stats) []*html.Node {
	var items []*html.Node
	withText := 0
	var tag atom.Atom
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		st, ok := of[c]
		if !ok || st.chars == 0 {
			continue
		}
		withText++
		if !teaserTag(c.DataAtom) || !teaserItem(c, st) {
			continue
		}
		if tag == 0 {
			tag = c.DataAtom
		}
		if c.DataAtom == tag {
			items = append(items, c)
		}
	}
	if len(items) >= minTeasers && 3*len(items) >= 2*withText && !amongProse(p, of) {
		return items
	}
	return nil
}

// amongProse reports whether list p stands among the paragraphs of an
// article, beside them or after its own introduction: then its items are
// the article's (a roundup, a reading list, a directory), not teasers for
// other pages. A teaser list stands under a heading or on its own.
func amongProse(p *html.Node, of map[*html.Node]stats) bool {
	prosePara := func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.DataAtom == atom.P && of[n].good > 0
	}
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if prosePara(c) {
			return true
		}
	}
	for up := 0; up < 3 && p.Parent != nil; up++ {
		for c := p.Parent.FirstChild; c != nil; c = c.NextSibling {
			if c != p && prosePara(c) {
				return true
			}
		}
		p = p.Parent
	}
	return false
}

// teaserTag reports elements that wrap a teaser. Paragraphs, headings and
// quotes are left out: an article's paragraphs may well open with a link.
func teaserTag(a atom.Atom) bool {
	switch a {
	case atom.Li, atom.Div, atom.Article, atom.Section, atom.Dd:
		return true
	}
	return false
}

// teaserItem reports whether e is one teaser: small, with text beside its
// links, and a headline link that opens it or sits in a heading.
func teaserItem(e *html.Node, st stats) bool {
	if st.chars > maxTeaserChars || st.link == 0 || st.chars-st.link < minTeaserOwn {
		return false
	}
	if nestedArticle(e) {
		return true
	}
	budget := teaserNodeBudget
	textSeen, found := false, false
	walkElements(e, func(n *html.Node) bool {
		if found || budget <= 0 {
			return false
		}
		budget--
		switch n.Type {
		case html.TextNode:
			if strings.TrimSpace(n.Data) != "" {
				textSeen = true
			}
			return false
		case html.ElementNode:
		default:
			return false
		}
		if n.DataAtom != atom.A {
			return true
		}
		words := wordsBelow(n, &budget)
		if words >= minHeadlineWords && leadsAway(n) && (!textSeen || inHeading(n, e)) {
			found = true
		}
		textSeen = textSeen || words > 0
		return false
	})
	return found
}

// leadsAway reports whether link n leads to another page: a link to a
// place on this one ("#answer-3") opens a question or a tab, it is no
// headline.
func leadsAway(n *html.Node) bool {
	href := strings.TrimSpace(attrVal(n, "href"))
	return href != "" && !strings.HasPrefix(href, "#")
}

// inHeading reports whether link n lies in a heading below e, or holds one.
func inHeading(n, e *html.Node) bool {
	for p := n.Parent; p != nil && p != e; p = p.Parent {
		if isHeading(p.DataAtom) {
			return true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isHeading(c.DataAtom) {
			return true
		}
	}
	return false
}

// wordsBelow counts the words of the text below n, spending budget on the
// nodes it visits.
func wordsBelow(n *html.Node, budget *int) int {
	words := 0
	walkElements(n, func(c *html.Node) bool {
		if *budget <= 0 {
			return false
		}
		*budget--
		if c.Type == html.TextNode {
			words += len(strings.Fields(c.Data))
		}
		return c.Type == html.ElementNode
	})
	return words
}

// nestedArticle reports an <article> inside another: HTML gives such an
// element as a work related to the outer one (a comment, another post), so
// a short one needs no headline link to be a teaser; excerpts of other
// posts are often shown with only an image and share buttons.
func nestedArticle(e *html.Node) bool {
	if e.DataAtom != atom.Article {
		return false
	}
	for p := e.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article {
			return true
		}
	}
	return false
}
