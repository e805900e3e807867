package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// inlineStreamedSegments puts the parts of a page that a server streamed
// out of order back where they belong. React's streaming renderer (Next.js
// and others) writes a placeholder <template id="P:7"> (or a boundary
// <template id="B:7">) where a section goes, sends the section later as
// <div hidden id="S:7">, and relies on a script to swap it in. Without the
// script the article's later sections sit hidden at the end of the page;
// this does the swap. Nothing is done for a segment without its template,
// or whose template lies inside the segment itself.
func inlineStreamedSegments(root *html.Node) {
	var segments []*html.Node
	slots := map[string]*html.Node{}
	walkElements(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		id := attrVal(n, "id")
		switch {
		case n.DataAtom == atom.Template && (strings.HasPrefix(id, "P:") || strings.HasPrefix(id, "B:")):
			if _, dup := slots[id[2:]]; !dup {
				slots[id[2:]] = n
			}
			return false
		case n.DataAtom == atom.Div && strings.HasPrefix(id, "S:") && hasAttr(n, "hidden"):
			segments = append(segments, n)
		}
		return true
	})
	for _, seg := range segments {
		slot := slots[attrVal(seg, "id")[2:]]
		if slot == nil || slot.Parent == nil || contains(seg, slot) {
			continue
		}
		for c := seg.FirstChild; c != nil; c = seg.FirstChild {
			seg.RemoveChild(c)
			slot.Parent.InsertBefore(c, slot)
		}
		if seg.Parent != nil {
			seg.Parent.RemoveChild(seg)
		}
	}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
