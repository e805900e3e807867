package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/sanitize"
)

// parseOurs runs feed.ParseWithContentType, turning a panic into an error
// so that the report counts it instead of dying.
func parseOurs(body []byte, base, contentType string) (f *feed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("PANIC: %v", r)
		}
	}()
	return feed.ParseWithContentType(body, base, contentType)
}

// parseGofeedAlone runs gofeed's universal parser as a program using it
// directly would.
func parseGofeedAlone(body []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("PANIC: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(body))
}

// rendered is what a consumer of a parser would put on a page: text
// fields (shown escaped), HTML fields (inserted as markup) and links.
type rendered struct {
	text, markup, links []string
}

// oursRendered is what Newsdesk stores: titles as text, bodies through its
// sanitiser, links as the parser keeps them.
func oursRendered(f *feed.Feed, san *sanitize.Sanitizer) rendered {
	var r rendered
	if f == nil {
		return r
	}
	r.text = append(r.text, f.Title)
	r.markup = append(r.markup, san.HTML(f.Description, f.Link))
	r.links = append(r.links, f.Link, f.ImageURL)
	for _, it := range f.Items {
		r.text = append(r.text, it.Title, it.Author)
		r.markup = append(r.markup, san.HTML(it.Summary, it.Link), san.HTML(it.Content, it.Link))
		r.links = append(r.links, it.Link, it.ImageURL)
		for _, e := range it.Enclosures {
			r.links = append(r.links, e.URL)
		}
	}
	return r
}

// gofeedRendered takes gofeed's fields as given: it neither sanitises nor
// says which fields are text.
func gofeedRendered(f *gofeed.Feed) rendered {
	var r rendered
	if f == nil {
		return r
	}
	r.markup = append(r.markup, f.Title, f.Description)
	r.links = append(r.links, f.Link)
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		r.markup = append(r.markup, it.Title, it.Description, it.Content)
		r.links = append(r.links, it.Link)
		for _, e := range it.Enclosures {
			if e != nil {
				r.links = append(r.links, e.URL)
			}
		}
	}
	return r
}

// sanitizeOutcome scores a sanitize/ fixture: it passes when the feed
// parsed and no script, event handler or dangerous URL survives.
func sanitizeOutcome(r rendered, err error) outcome {
	if err != nil {
		return fail
	}
	for _, m := range r.markup {
		if dangerousHTML(m) {
			return fail
		}
	}
	for _, l := range r.links {
		if dangerousURL(l) {
			return fail
		}
	}
	return pass
}

var dangerousTags = map[string]bool{"script": true, "iframe": true, "object": true, "embed": true,
	"applet": true, "frame": true, "frameset": true, "meta": true, "link": true, "base": true, "form": true}

var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true,
	"background": true, "dynsrc": true, "lowsrc": true, "data": true, "poster": true, "xlink:href": true, "srcset": true}

func dangerousHTML(s string) bool {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if dangerousTags[string(name)] {
				return true
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := strings.ToLower(string(k))
				val := strings.ToLower(string(v))
				switch {
				case strings.HasPrefix(key, "on"):
					return true
				case key == "style" && (strings.Contains(val, "expression(") || strings.Contains(val, "javascript:") || strings.Contains(val, "url(")):
					return true
				case urlAttrs[key] && dangerousURL(val):
					return true
				}
			}
		}
	}
}

func dangerousURL(u string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(html.UnescapeString(u)) {
		if r > ' ' && r != 0x7f { // browsers ignore spaces and controls in schemes
			b.WriteRune(r)
		}
	}
	s := b.String()
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") ||
		strings.HasPrefix(s, "data:text/html") || strings.HasPrefix(s, "livescript:")
}

func (o outcome) String() string {
	return [...]string{"pass", "fail", "n.a."}[o]
}
