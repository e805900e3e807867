package sanitize

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const (
	// maxInputBytes bounds the HTML we parse; longer input is cut (the HTML
	// parser closes whatever the cut leaves open). Real articles are far smaller.
	maxInputBytes = 2 << 20
	// maxURLBytes bounds a single href or src.
	maxURLBytes = 8 << 10
	// linkRel is what every surviving link carries: we do not vouch for
	// publishers' links, and they must not script our window.
	linkRel = "nofollow noopener"
)

// Sanitizer cleans publisher HTML. It is safe for concurrent use; build one
// and share it, since building the policy is costly.
type Sanitizer struct {
	policy *bluemonday.Policy
}

// New builds a Sanitizer from bluemonday's UGC policy, which already refuses
// scripts, styles, forms, embeds, on* handlers and non-http(s)/mailto URLs.
func New() *Sanitizer {
	p := bluemonday.UGCPolicy()
	// The pre-pass sets rel itself; allow exactly that value through.
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^nofollow noopener$`)).OnElements("a")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	return &Sanitizer{policy: p}
}

// HTML returns publisher HTML cleaned by an allowlist: paragraphs, headings,
// lists, quotes, tables, figures, images, links, code and emphasis survive;
// scripts, styles, iframes, forms, event handlers and javascript:/data: URLs
// do not. Relative href/src values are resolved against baseURL (dropped when
// baseURL is not an absolute http(s) URL); links get rel="nofollow noopener"
// and lose their target.
func (s *Sanitizer) HTML(raw, baseURL string) string {
	raw = cleanInput(raw)
	nodes, err := html.ParseFragment(strings.NewReader(raw), bodyContext())
	if err != nil {
		// The parser refuses nesting deeper than 512 elements; no real article
		// needs that, but its words are still worth keeping.
		return textAsHTML(Text(raw))
	}
	root := bodyContext()
	for _, n := range nodes {
		root.AppendChild(n)
	}
	prepare(root, parseBase(baseURL))
	var b strings.Builder
	b.Grow(len(raw))
	for n := range root.ChildNodes() {
		if err := html.Render(&b, n); err != nil {
			return ""
		}
	}
	// bluemonday runs last so that it, not our pre-pass, is the final word on
	// what reaches a reader.
	return strings.TrimSpace(s.policy.Sanitize(b.String()))
}

// textAsHTML turns Text output back into paragraphs, escaped.
func textAsHTML(text string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range strings.Split(text, "\n\n") {
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br/>"))
		b.WriteString("</p>")
	}
	return b.String()
}

func bodyContext() *html.Node {
	return &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
}

// cleanInput bounds untrusted input and replaces invalid UTF-8, which the
// HTML tokenizer would otherwise pass through to our output.
func cleanInput(s string) string {
	return strings.ToValidUTF8(clip(s, maxInputBytes), "\uFFFD")
}

// clip cuts s to at most n bytes without splitting a UTF-8 sequence.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// dropped elements vanish with everything inside them. bluemonday would
// remove most of their tags but keep inner text (form labels, noscript
// fallbacks, svg titles), which is noise in an article.
func dropped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe,
		atom.Frame, atom.Frameset, atom.Object, atom.Embed, atom.Applet,
		atom.Form, atom.Input, atom.Button, atom.Select, atom.Textarea,
		atom.Option, atom.Svg, atom.Math, atom.Canvas, atom.Audio, atom.Video,
		atom.Source, atom.Track, atom.Link, atom.Meta, atom.Base, atom.Head,
		atom.Title, atom.Dialog:
		return true
	}
	return false
}

// prepare walks the tree below n, removing dropped elements and rewriting
// URL attributes. Removal waits until the walk is over because the iterator
// must not see the tree change under it.
func prepare(root *html.Node, base *url.URL) {
	var remove []*html.Node
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			if n.Type == html.CommentNode {
				remove = append(remove, n)
			}
			continue
		}
		if dropped(n.DataAtom) || n.Namespace != "" {
			remove = append(remove, n)
			continue
		}
		if !rewriteAttrs(n, base) {
			remove = append(remove, n)
		}
	}
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}
