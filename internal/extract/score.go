package extract

import (
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// stats is what the scorer knows of an element's subtree. Text is counted
// in non-space runes so that markup whitespace weighs nothing.
type stats struct {
	chars, link int // text, and the part of it inside links
	good, bad   int // text in prose-like blocks, and in link lists
	texts, tiny int // blocks with text of their own, and the <div>s and <p>s among them of three words or fewer
	cells       int // table cells and list items, with text or not
}

// score returns the subtree's prose minus its link lists: the measure a
// body container maximises.
func (s stats) score() int { return s.good - s.bad }

// block accumulates the inline text a block element holds directly.
type block struct {
	chars, link, words int
	last               rune // last non-space rune, for sentence ends
}

// scorer walks a tree once and records every block element's stats.
type scorer struct {
	of   map[*html.Node]stats
	best *html.Node
	top  int
}

func newScorer() *scorer {
	return &scorer{of: make(map[*html.Node]stats, 512)}
}

// run scores the tree below root and returns the best container.
func (sc *scorer) run(root *html.Node) *html.Node {
	sc.best, sc.top = nil, 0
	sc.walk(root, &block{}, false)
	return sc.best
}

func (sc *scorer) walk(n *html.Node, blk *block, inLink bool) stats {
	switch n.Type {
	case html.TextNode:
		addText(blk, n.Data, inLink)
		return stats{}
	case html.ElementNode, html.DocumentNode:
	default:
		return stats{}
	}
	own := blk
	isBlock := n.Type == html.DocumentNode || blockTag(n.DataAtom)
	if isBlock {
		own = &block{}
	}
	inLink = inLink || n.DataAtom == atom.A
	var st stats
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := sc.walk(c, own, inLink)
		st.chars += cs.chars
		st.link += cs.link
		st.good += cs.good
		st.bad += cs.bad
		st.texts += cs.texts
		st.tiny += cs.tiny
		st.cells += cs.cells
	}
	if !isBlock {
		return st
	}
	st.chars += own.chars
	st.link += own.link
	switch n.DataAtom {
	case atom.Td, atom.Th, atom.Li, atom.Dt, atom.Dd:
		st.cells++
	}
	if own.chars > 0 {
		st.texts++
		if own.words <= 3 && (n.DataAtom == atom.Div || n.DataAtom == atom.P) {
			st.tiny++
		}
	}
	switch classifyBlock(own, n.DataAtom) {
	case prose:
		st.good += own.chars - own.link
	case linkList:
		st.bad += own.chars
	}
	sc.of[n] = st
	if n.Type == html.ElementNode && st.score() >= sc.top && st.score() > 0 {
		sc.best, sc.top = n, st.score()
	}
	return st
}

// addText counts a text node into the block that holds it.
func addText(blk *block, s string, inLink bool) {
	inWord := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		blk.chars++
		if inLink {
			blk.link++
		}
		switch {
		case ideograph(r):
			// Chinese and Japanese put no spaces between words: count
			// each character as one, which keeps a sentence prose-sized.
			blk.words++
			inWord = false
		case !inWord && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			blk.words++
			inWord = true
		}
		blk.last = r
	}
}

func ideograph(r rune) bool {
	return r >= 0x2E80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana))
}

type blockKind int

const (
	neutral blockKind = iota
	prose
	linkList
)

// classifyBlock decides what a block's own text is: prose (long enough, or a
// finished sentence, and mostly not links), a link list, or neither
// (headings, captions, labels), which counts for nothing either way.
func classifyBlock(b *block, a atom.Atom) blockKind {
	if b.chars == 0 {
		return neutral
	}
	if b.link*2 >= b.chars {
		return linkList
	}
	if isHeading(a) {
		return neutral
	}
	if b.words >= 12 || b.words >= 6 && sentenceEnd(b.last) {
		return prose
	}
	return neutral
}

func sentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '"', '”', '’', ':', '。', '！', '？', ')':
		return true
	}
	return false
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// blockTag reports elements that start a new block of text.
func blockTag(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote,
		atom.Pre, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td,
		atom.Th, atom.Caption, atom.Figure, atom.Figcaption, atom.Section,
		atom.Article, atom.Aside, atom.Header, atom.Footer, atom.Main, atom.Nav,
		atom.Address, atom.Details, atom.Summary, atom.Hgroup, atom.Fieldset,
		atom.Body, atom.Html, atom.Center, atom.Form, atom.Picture:
		return true
	}
	return false
}
