package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// findBody strips the page down and returns the element holding its main
// body (a synthetic <div> when per-source Keep rules pick several).
func findBody(root *html.Node, r rules, title string, streamed bool) *html.Node {
	if streamed {
		inlineStreamedSegments(root)
	}
	removeJunk(root, r)
	if kept := keptNodes(root, r); len(kept) > 0 {
		div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		for _, k := range kept {
			k.Parent.RemoveChild(k)
			div.AppendChild(k)
		}
		return div
	}
	sc := newScorer()
	sc.run(root)
	marked := markedBody(root, sc.of)
	furniture := pruneFurniture(root, sc.of, sc.of[root].good, marked)
	teasers := detachTeasers(root, sc.of)
	best := sc.run(root)
	if best == nil && len(furniture) > 0 {
		// Every piece of prose left was in something named like furniture:
		// a page shown in a "modal", an article in a "sidebar" layout. The
		// names were wrong; better the page less its teasers than nothing.
		restore(teasers)
		restore(furniture)
		sc.run(root)
		teasers = detachTeasers(root, sc.of)
		best = sc.run(root)
	}
	if len(teasers) > 0 && (best == nil || sc.of[best].good < minBodyAfterTeasers) {
		restore(teasers)
		best = sc.run(root)
	}
	best = outOfTable(best, sc.of)
	if m := markedBody(root, sc.of); m != nil && (best == nil || !related(m, best) ||
		contains(best, m) && 2*sc.of[m].good >= sc.of[best].good) {
		best = m
	}
	if best == nil {
		best = bodyOf(root)
	} else {
		best = narrow(best, sc.of)
	}
	tidy(best, sc.of, title)
	dropCopies(best, sc.of)
	return best
}

// removeJunk drops comments, elements that never hold prose, hidden
// elements, and whatever a Drop rule names, and unwraps script links.
func removeJunk(root *html.Node, r rules) {
	var doomed []*html.Node
	walkElements(root, func(n *html.Node) bool {
		if n.Type == html.CommentNode {
			doomed = append(doomed, n)
			return false
		}
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if junkElement(n.DataAtom) || n.Namespace != "" || matchAny(r.drop, n) {
			doomed = append(doomed, n)
			return false
		}
		if n.DataAtom == atom.A {
			unwrapScriptLink(n)
		}
		return true
	})
	detach(doomed)
}

// pruneFurniture removes hidden elements and those whose class, id or role
// names page furniture. An element holding half the page's prose or more is spared:
// a wrapper called "has-sidebar" or "comments-open" is still the article.
//
// When the page marks its article body, only an element holding that mark,
// or lying within it, is spared for its size: a long live feed in the
// sidebar is still a sidebar.
func pruneFurniture(root *html.Node, of map[*html.Node]stats, total int, marked *html.Node) []removed {
	var doomed []*html.Node
	tw := &twins{of: of, total: total}
	walkElements(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		switch n.DataAtom {
		case atom.Html, atom.Body:
			return true
		}
		// Some sites wrap the whole page in a form or leave a nav unclosed,
		// hence the test of size.
		if doomedFurniture(n, of[n], total, marked, tw) {
			doomed = append(doomed, n)
			return false
		}
		return true
	})
	return detachRecorded(doomed)
}

// minProseBesideTable is the share of a table's prose its parent must hold
// besides the table for the parent to be the body instead.
const minProseBesideTable = 0.2

// outOfTable climbs from a table (or a part of one) chosen as the body to
// the element holding the table, when that holds prose of its own beside
// it: a list article's table comes with its introduction and notes.
func outOfTable(best *html.Node, of map[*html.Node]stats) *html.Node {
	if best == nil {
		return nil
	}
	t := best
	for t != nil && t.DataAtom != atom.Table {
		switch t.DataAtom {
		case atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th:
			t = t.Parent
			continue
		}
		return best
	}
	if t == nil || t.Parent == nil || t.Parent.Type != html.ElementNode {
		return best
	}
	p := t.Parent
	if float64(of[p].good-of[t].good) >= minProseBesideTable*float64(of[t].good) {
		return p
	}
	return best
}

// narrowShare is the share of a container's prose a child must hold for
// the child to be taken instead: what the rest holds is then more likely a
// cookie notice or a comment than a part of the article.
const narrowShare = 0.8

// narrow descends from the best-scoring container into a child holding
// nearly all of its prose, or nearly all of its worth once link lists are
// counted against it (see holdsWorth). It never descends into a block of
// prose itself (a paragraph, a list, a quote...): an article of one long
// paragraph would otherwise lose its images, captions and headings.
func narrow(n *html.Node, of map[*html.Node]stats) *html.Node {
	for {
		total := of[n].good
		var next *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if proseBlock(c.DataAtom) {
				continue
			}
			if st, ok := of[c]; ok && (float64(st.good) >= narrowShare*float64(total) || holdsWorth(n, st, of)) {
				next = c
				break
			}
		}
		if next == nil || splitBody(next, of) || openedBefore(next, of) {
			return n
		}
		n = next
	}
}

// holdsWorth reports whether a child with stats st holds nearly all of
// container n's score (prose less link lists) and at least half its prose,
// while n has no paragraphs of its own beside its children. Then what else
// n holds is mostly links with a little prose among them: a feed of other
// stories with one shown in full, set after the article in a wrapper of
// its own. Where n holds paragraphs beside the child, those are the
// article's introduction or its parts, and link lists among them (a table
// of contents, a list of sources) belong to it too, so n stays.
func holdsWorth(n *html.Node, st stats, of map[*html.Node]stats) bool {
	whole := of[n]
	if st.good == 0 || whole.score() <= 0 || 2*st.good < whole.good ||
		float64(st.score()) < narrowShare*float64(whole.score()) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if proseBlock(c.DataAtom) && of[c].good > 0 {
			return false
		}
	}
	return true
}

// splitBody reports whether c has a twin before it holding prose: an
// earlier sibling of the same element and class (digits aside), as when a
// story is set in several body blocks ("story-body-1" ... "story-body-2")
// with something between them. All of them are the article, however small
// the first. Twins after the main block are more often the next post or
// an author card, so only earlier ones count.
func splitBody(c *html.Node, of map[*html.Node]stats) bool {
	class := strings.TrimSpace(attrVal(c, "class"))
	if class == "" {
		return false
	}
	kind := strings.Map(dropDigit, class)
	for s := c.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode && s.DataAtom == c.DataAtom && of[s].good > 0 &&
			strings.Map(dropDigit, strings.TrimSpace(attrVal(s, "class"))) == kind {
			return true
		}
	}
	return false
}

// minOpeningShare: paragraphs before the main block that hold a tenth of
// the container's prose are the article's opening, not a standfirst.
const minOpeningShare = 10

// openedBefore reports whether the paragraphs standing before c, beside it
// in its container, hold a tenth or more of the container's prose: the
// article opens there and c holds the rest, folded away behind a "read
// more" button, or a summary opens it in a <div> of its own text. A single
// short standfirst or notice before the body block is smaller, and
// narrowing past it loses little of the article. A <div> wrapping other
// blocks counts for nothing: that is a box (a notice, a promotion), not an
// opening.
func openedBefore(c *html.Node, of map[*html.Node]stats) bool {
	opening := 0
	for s := c.PrevSibling; s != nil; s = s.PrevSibling {
		if s.DataAtom == atom.P {
			opening += of[s].good
		} else if s.DataAtom == atom.Div {
			opening += ownProse(s, of)
		}
	}
	return opening > 0 && opening*minOpeningShare >= of[c.Parent].good
}

// ownProse is the prose of n's own text, outside the blocks below it: a
// <div> set as a paragraph, not one wrapping other boxes.
func ownProse(n *html.Node, of map[*html.Node]stats) int {
	own := of[n].good
	walkElements(n, func(c *html.Node) bool {
		if c == n {
			return true
		}
		if st, ok := of[c]; ok {
			own -= st.good
			return false
		}
		return c.Type == html.ElementNode
	})
	return own
}

func dropDigit(r rune) rune {
	if r >= '0' && r <= '9' {
		return -1
	}
	return r
}

// proseBlock reports elements that hold the article's text rather than
// arrange it.
func proseBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre,
		atom.Ul, atom.Ol, atom.Dl, atom.Li, atom.Table, atom.Figure, atom.Figcaption:
		return true
	}
	return false
}

// minTwinShare: a part of an article set in alike sections holds at least
// 1/minTwinShare of the page's prose; comments, each a sliver, do not add up.
const minTwinShare = 8

// twins sums, for each element and class, the prose of the elements of
// the page that have them (the outermost ones where they nest): an article
// set in sections all named alike ("content-nav-section", for a table of
// contents to jump to) is the article however its parts are named, as a
// single wrapper of that name would be.
type twins struct {
	of    map[*html.Node]stats
	total int // the page's prose: only parts holding an eighth of it count
	sums  map[twinKey]int
}

type twinKey struct {
	a     atom.Atom
	class string
}

func (t *twins) good(n *html.Node) int {
	class := attrVal(n, "class")
	if class == "" {
		return t.of[n].good
	}
	if t.sums == nil {
		t.count(n)
	}
	return t.sums[twinKey{n.DataAtom, class}]
}

// count fills sums from the whole tree n belongs to. Each element carries
// the keys of its classed ancestors, so that an element nested in one of
// its own kind is not counted twice.
func (t *twins) count(n *html.Node) {
	root := n
	for root.Parent != nil {
		root = root.Parent
	}
	t.sums = map[twinKey]int{}
	type item struct {
		n    *html.Node
		keys []twinKey
	}
	stack := []item{{root, nil}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		keys := it.keys
		switch it.n.Type {
		case html.ElementNode:
			if class := attrVal(it.n, "class"); class != "" {
				k := twinKey{it.n.DataAtom, class}
				if !slices.Contains(keys, k) {
					if g := t.of[it.n].good; g*minTwinShare >= t.total {
						t.sums[k] += g
					}
					keys = append(keys[:len(keys):len(keys)], k)
				}
			}
		case html.DocumentNode:
		default:
			continue
		}
		for c := it.n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, item{c, keys})
		}
	}
}

func doomedFurniture(n *html.Node, st stats, total int, marked *html.Node, tw *twins) bool {
	level := furniture(n)
	if level == neverArticle || hiddenForSure(n) {
		return true
	}
	if total > 0 && (st.good*2 >= total || st.good*minTwinShare >= total && tw.good(n)*2 >= total) && (marked == nil || related(n, marked)) &&
		!galleryInMarked(n, st, marked, tw.of) {
		return false
	}
	if hiddenElement(n) {
		return true
	}
	switch level {
	case strongFurniture:
		return true
	case weakFurniture:
		return st.good*2 < st.chars && (st.good == 0 || !embedNamed(n))
	}
	return false
}

// galleryInMarked reports a gallery or slideshow set inside the marked
// article body beside prose of the body's own: it is then a component of
// the article, not a wrapper of it, and its captions go however long they
// run (fifty slides outweigh a short story). Other names keep the spare
// for size: a paywalled part inside the body is the article's rest.
func galleryInMarked(n *html.Node, st stats, marked *html.Node, of map[*html.Node]stats) bool {
	if marked == nil || n == marked || !contains(marked, n) || !galleryNamed(n) {
		return false
	}
	return of[marked].good-st.good >= minMarkedProse
}

// tidy cleans the chosen container: link lists and the repeated headline go.
func tidy(best *html.Node, of map[*html.Node]stats, title string) {
	var doomed []*html.Node
	headline := normSpace(title)
	headlineChars := utf8.RuneCountInString(strings.ReplaceAll(headline, " ", ""))
	headlineGone := false
	walkElements(best, func(n *html.Node) bool {
		if n == best {
			return true
		}
		if n.Type != html.ElementNode {
			return false
		}
		if n.DataAtom == atom.Form {
			// A form that survived pruning wraps the article; the sanitizer
			// would drop it whole.
			n.Data, n.DataAtom = "div", atom.Div
		}
		st, scored := of[n]
		if scored && st.chars <= maxAdLabel && adLabels[normSpace(textOf(n))] {
			doomed = append(doomed, n)
			return false
		}
		if scored && labelSoup(st) {
			doomed = append(doomed, n)
			return false
		}
		// A heading that is a link (to the component a section of notes
		// is about) still titles its section; a block of headline links
		// goes as a whole, its headings with it.
		if scored && st.good == 0 && st.link*2 >= st.chars && st.chars > 0 && !judgedWhole(n) && !isHeading(n.DataAtom) &&
			!linkedSentences(n) {
			doomed = append(doomed, n)
			return false
		}
		if !headlineGone && headline != "" && titleBlock(n, st, scored, headlineChars) && normSpace(textOf(n)) == headline {
			headlineGone = true
			doomed = append(doomed, n)
			return false
		}
		return true
	})
	detach(doomed)
}

// titleBlock reports a block that may carry the page's headline: a
// heading, or a paragraph or <div> of no prose ("<p class=titulo>"), as
// pages without heading markup set their headline. Such a block must hold
// as many characters as the headline (headlineChars, spaces aside), which
// spares reading the text of every other block.
func titleBlock(n *html.Node, st stats, scored bool, headlineChars int) bool {
	if isHeading(n.DataAtom) {
		return true
	}
	return scored && st.good == 0 && st.chars == headlineChars && (n.DataAtom == atom.P || n.DataAtom == atom.Div)
}

// adLabels are the words an ad slot is labelled with, in the languages of
// the pages we read; a block saying only that is the slot's label, left
// behind when its script was removed.
var adLabels = map[string]bool{
	"advertisement": true, "advert": true, "ad": true, "ads": true, "advertising": true,
	"anzeige": true, "werbung": true, "publicidad": true, "publicité": true, "pubblicità": true,
	"publicidade": true, "reklama": true, "reklame": true, "advertentie": true, "iklan": true,
	"реклама": true, "广告": true, "広告": true, "광고": true,
}

// maxAdLabel bounds the text of a block checked against adLabels.
const maxAdLabel = 16

// minLabels is how many text blocks a chart's labels come to at least.
const minLabels = 12

// labelSoup reports an element whose text is mostly scattered labels of a
// few words each, in <div>s and <p>s rather than a list or a table: the
// axes and values of a chart drawn in HTML ("$915", "billion", "'17").
func labelSoup(st stats) bool {
	return st.texts >= minLabels && st.tiny*10 >= st.texts*8 && st.good*5 < st.chars && st.cells == 0
}

// minCopy is the text, in non-space characters, from which a block said
// twice is a copy of the page rather than a refrain.
const minCopy = 500

// dropCopies removes blocks that repeat, word for word, a larger part of
// the body given before them: page builders render a page once per screen
// size and hide all but one copy with style sheets we do not read. Blocks
// are compared by their statistics first and by their text only when
// those agree, so the check costs little on pages without copies.
func dropCopies(best *html.Node, of map[*html.Node]stats) {
	first := map[stats]*html.Node{}
	var doomed []*html.Node
	walkElements(best, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		st, ok := of[n]
		if !ok || st.chars < minCopy || proseBlock(n.DataAtom) {
			// A paragraph, list or table said twice may be the author's
			// doing; a copy of the page is a container of them.
			return false
		}
		if prev, seen := first[st]; seen {
			if !contains(prev, n) && textOf(prev) == textOf(n) {
				doomed = append(doomed, n)
				return false
			}
			return true
		}
		first[st] = n
		return true
	})
	detach(doomed)
}

// minWordsBeforeLink is how many words of its own a list item must open
// with, before any link, to read as a sentence.
const minWordsBeforeLink = 3

// itemNodeBudget bounds the nodes looked at per list item.
const itemNodeBudget = 200

// linkedSentences reports a list whose every item with text is a sentence
// with links set in it: it opens with words of its own and has words of
// its own after its first link ("Neil has patches up to <a>improve the
// tab unloader</a>, and <a>show UI when ...</a>"). Such a list is notes that
// cite their sources, however much of its text the links hold. A list of
// links opens with the link or ends with it ("Related: <a>…</a>", "Check
// out the <a>… blog</a>").
func linkedSentences(n *html.Node) bool {
	if n.DataAtom != atom.Ul && n.DataAtom != atom.Ol {
		return false
	}
	items := 0
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			continue
		}
		if li.DataAtom != atom.Li {
			return false
		}
		before, after, links, budget := 0, 0, 0, itemNodeBudget
		walkElements(li, func(c *html.Node) bool {
			if budget--; budget < 0 {
				return false
			}
			switch {
			case c.DataAtom == atom.A:
				links++
				return false
			case c.Type == html.TextNode && links == 0:
				before += wordsIn(c.Data)
			case c.Type == html.TextNode:
				after += wordsIn(c.Data)
			}
			return c.Type == html.ElementNode
		})
		if budget < 0 {
			return false
		}
		if before+after == 0 && links == 0 {
			continue
		}
		if before < minWordsBeforeLink || after == 0 {
			return false
		}
		items++
	}
	return items > 0
}

// wordsIn counts the space-separated runs of s holding a letter or digit:
// the ", and" between two links is one word, a lone dash none.
func wordsIn(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// judgedWhole reports the rows and cells of tables, the items of lists and
// the lists nested in those items: a row of links in a table the body
// holds is data (a film and its year), an item that is one link in a list
// of notes is one of the notes, and a list of links under a note ("In
// progress:" and the bugs it lists) is part of that note; they are kept or
// dropped with their table or list, never alone.
func judgedWhole(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Li:
		return true
	case atom.Ul, atom.Ol:
		return n.Parent != nil && n.Parent.DataAtom == atom.Li
	}
	return false
}

func keptNodes(root *html.Node, r rules) []*html.Node {
	if len(r.keep) == 0 {
		return nil
	}
	var kept []*html.Node
	walkElements(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && matchAny(r.keep, n) {
			kept = append(kept, n)
			return false
		}
		return true
	})
	return kept
}

func bodyOf(root *html.Node) *html.Node {
	var body *html.Node
	walkElements(root, func(n *html.Node) bool {
		if body != nil {
			return false
		}
		if n.DataAtom == atom.Body {
			body = n
			return false
		}
		return true
	})
	if body == nil {
		return root
	}
	return body
}

// walkElements visits n and its descendants in document order; visit says
// whether to go below a node. It keeps its own stack, so depth costs heap,
// not goroutine stack.
func walkElements(n *html.Node, visit func(*html.Node) bool) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !visit(cur) {
			continue
		}
		for c := cur.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

func detach(nodes []*html.Node) {
	for _, n := range nodes {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// textOf is the concatenated text below n.
func textOf(n *html.Node) string {
	var b strings.Builder
	walkElements(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return c.Type == html.ElementNode || c.Type == html.DocumentNode
	})
	return b.String()
}

func normSpace(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// minMarkedProse is the prose an element the page marks as the article body
// must hold for the mark to be believed.
const minMarkedProse = 150

// markedBody returns the element the page itself marks as the article body
// (schema.org itemprop="articleBody") holding the most prose, if it holds
// at least minMarkedProse. The mark is the publisher's word and wins over
// the scorer's choice when the two lie apart: a short news item beside a
// long footer notice.
func markedBody(root *html.Node, of map[*html.Node]stats) *html.Node {
	var best *html.Node
	walkElements(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if hasToken(attrVal(n, "itemprop"), "articlebody") && of[n].good >= minMarkedProse &&
			(best == nil || of[n].good > of[best].good) {
			best = n
		}
		return true
	})
	return best
}

// related reports whether one of a and b contains the other.
func related(a, b *html.Node) bool {
	return contains(a, b) || contains(b, a)
}

func contains(outer, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == outer {
			return true
		}
	}
	return false
}

// hasToken reports whether the space-separated list v holds tok, ignoring case.
func hasToken(v, tok string) bool {
	for _, f := range strings.Fields(v) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
