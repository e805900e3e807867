package meta

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

var (
	// bylineText is a text run that is a byline on its own: "By Ann Lee",
	// "Written by Ann Lee". Bare "Author:" needs its colon, since "Author"
	// alone starts many ordinary sentences.
	bylineText = regexp.MustCompile(`(?i)^(?:(?:written|posted|published|words|story|text|article)\s+by\b|by\b|author\s*:)`)
	// bylineLabel is a label whose name follows in the next text run.
	bylineLabel = regexp.MustCompile(`(?i)^(?:(?:written|posted|published|words|story|article)\s+by|by|author|authors|contributors?\s*:|written by:|author:)\s*:?$`)
	// authorPath is a link to an author's page: /author/ann-lee, /authors/ann-lee/.
	authorPath = regexp.MustCompile(`(?i)/(?:author|authors|writers?|contributors?)/[^/?#]+/?(?:[?#]|$)`)
)

const maxBylineText = 120

// textByline records a text run that reads as a byline, or the run after a
// "Written by" label. It is called for every text node in document order.
func (p *page) textByline(n *html.Node, t string, order int) {
	if len(p.textBylines) >= maxCandidates || n.Parent == nil {
		return
	}
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
	if !mayOpenByline(t) {
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
	if len(p.authorLinks) >= maxCandidates {
		return
	}
	if href := attr(n, "href"); !mayAuthorPath(href) || !authorPath.MatchString(href) {
		return
	}
	if t := textOf(n); t != "" && len(t) <= maxBylineText {
		p.authorLinks = append(p.authorLinks, located{t, order})
	}
}

// bylineWords are the words bylineText and bylineLabel can open with, in
// lower case (each word's own prefixes left out: "author" stands for
// "authors").
var bylineWords = []string{"written", "posted", "published", "words", "story", "text", "article", "by", "author", "contributor"}

// mayOpenByline reports whether t could match bylineText or bylineLabel:
// it opens with one of bylineWords in any ASCII case, or holds a non-ASCII
// byte early on (under (?i) the patterns read U+017F long s as s).
func mayOpenByline(t string) bool {
	for i := 0; i < len(t) && i < 12; i++ {
		if t[i] >= 0x80 {
			return true
		}
	}
	for _, w := range bylineWords {
		if hasPrefixFold(t, w) {
			return true
		}
	}
	return false
}

// mayAuthorPath reports whether href holds "/author", "/writer" or
// "/contributor" in any ASCII case, without which authorPath cannot match
// (no non-ASCII letter folds to the letters of these words).
func mayAuthorPath(href string) bool {
	for i := strings.IndexByte(href, '/'); i >= 0; {
		rest := href[i+1:]
		if hasPrefixFold(rest, "author") || hasPrefixFold(rest, "writer") || hasPrefixFold(rest, "contributor") {
			return true
		}
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// nameParticles are lower-case words that may sit inside a person's name.
var nameParticles = map[string]bool{"van": true, "von": true, "der": true, "den": true, "de": true, "da": true, "del": true, "la": true, "le": true, "di": true, "du": true, "bin": true, "al": true, "el": true, "ter": true, "ten": true, "y": true}

// personish reports whether s reads as a person's name: one to five words,
// each capitalised or a name particle, without digits. Text found only by
// its place on the page must pass it; names from markup need not.
func personish(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		switch {
		case strings.ContainsAny(w, "0123456789@/"):
			return false
		case nameParticles[strings.ToLower(w)]:
		case unicode.IsUpper(r[0]):
		default:
			return false
		}
	}
	return true
}

// personishOnly keeps the names that pass personish.
func personishOnly(names []string) []string {
	var out []string
	for _, n := range names {
		if personish(n) {
			out = append(out, n)
		}
	}
	return out
}
