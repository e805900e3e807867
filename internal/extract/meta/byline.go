package meta

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

var (
	// bylineText is a text run that is a byline on its own: "By Ann Lee",
	// "Written by Ann Lee". Bare "Author:" needs its colon, since "Author"
	// alone starts many ordinary sentences.
	bylineText = regexp.MustCompile(`(?i)^(?:(?:written|posted|published|words|story|text|article)\s+by|by|author\s*:)\s*\S`)
	// bylineLabel is a label whose name follows in the next text run.
	bylineLabel = regexp.MustCompile(`(?i)^(?:(?:written|posted|published|words|story|article)\s+by|by|author|authors|written by:|author:)\s*:?$`)
	// authorPath is a link to an author's page: /author/ann-lee, /authors/ann-lee/.
	authorPath = regexp.MustCompile(`(?i)/(?:author|authors|writers?|contributors?)/[^/?#]+/?(?:[?#]|$)`)
)

const maxBylineText = 120

// textByline records a text run that reads as a byline, or the run after a
// "Written by" label. It is called for every text node in document order.
func (p *page) textByline(n *html.Node, order int) {
	if len(p.textBylines) >= maxCandidates || n.Parent == nil {
		return
	}
	t := collapse(n.Data)
	if t == "" {
		return
	}
	if p.labelPending {
		p.labelPending = false
		if len(t) <= maxBylineText {
			p.textBylines = append(p.textBylines, located{t, order})
			return
		}
	}
	if len(t) > maxBylineText {
		return
	}
	if bylineLabel.MatchString(t) {
		p.labelPending = true
		return
	}
	if bylineText.MatchString(t) {
		// "By " may sit in its own text node before a link holding the
		// name: take the whole parent's text.
		if len(strings.Fields(t)) == 1 || strings.HasSuffix(t, " ") {
			t = textOf(n.Parent)
		}
		if len(t) <= maxBylineText {
			p.textBylines = append(p.textBylines, located{t, order})
		}
	}
}

// authorLink records the text of a link to an author page.
func (p *page) authorLink(n *html.Node, order int) {
	if len(p.authorLinks) >= maxCandidates || !authorPath.MatchString(attr(n, "href")) {
		return
	}
	if t := textOf(n); t != "" && len(t) <= maxBylineText {
		p.authorLinks = append(p.authorLinks, located{t, order})
	}
}
