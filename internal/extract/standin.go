package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// metadata fills the Result's metadata. Package meta is being written;
// until it lands this stand-in takes the title from <title> or the first <h1>.
func metadata(root *html.Node, pageURL string) *Result {
	res := &Result{}
	var h1 string
	walkElements(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		switch n.DataAtom {
		case atom.Title:
			if res.Title == "" {
				res.Title = strings.TrimSpace(textOf(n))
			}
			return false
		case atom.H1:
			if h1 == "" {
				h1 = strings.TrimSpace(textOf(n))
			}
			return false
		case atom.Html:
			res.Lang = attrVal(n, "lang")
		}
		return true
	})
	if h1 != "" && (res.Title == "" || strings.Contains(res.Title, h1)) {
		res.Title = h1
	}
	_ = pageURL
	return res
}
