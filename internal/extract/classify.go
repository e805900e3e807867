package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// junkElement reports elements that never hold article prose, whatever
// their attributes say.
func junkElement(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe,
		atom.Frame, atom.Frameset, atom.Object, atom.Embed, atom.Applet,
		atom.Input, atom.Button, atom.Select, atom.Textarea,
		atom.Option, atom.Svg, atom.Math, atom.Canvas, atom.Link, atom.Meta,
		atom.Base, atom.Title, atom.Dialog, atom.Nav, atom.Aside, atom.Footer,
		atom.Menu, atom.Label, atom.Datalist, atom.Noembed, atom.Noframes:
		return true
	}
	return false
}

// boilerTokens are class/id words that name page furniture. They are
// matched against whole words of class and id values (split at anything
// that is not a letter or digit), so "ad" does not hit "header".
var boilerTokens = map[string]bool{
	"share": true, "shares": true, "sharing": true, "social": true, "sharebar": true,
	"related": true, "relatedposts": true, "newsletter": true, "newsletters": true,
	"comment": true, "comments": true, "disqus": true, "cookie": true, "cookies": true,
	"consent": true, "gdpr": true, "ad": true, "ads": true, "advert": true,
	"advertisement": true, "adslot": true, "adunit": true, "promo": true,
	"promotion": true, "promoted": true, "subscribe": true, "subscription": true,
	"signup": true, "breadcrumb": true, "breadcrumbs": true, "sidebar": true,
	"nav": true, "navbar": true, "navigation": true, "menu": true, "footer": true,
	"popup": true, "modal": true, "sponsored": true, "sponsor": true,
	"outbrain": true, "taboola": true, "recirc": true, "recirculation": true,
	"recommended": true, "recommendations": true, "trending": true, "popular": true,
	"widget": true, "toolbar": true, "skip": true, "hidden": true, "pagination": true,
	"pager": true, "overlay": true, "paywall": true, "byline": true, "tags": true,
	"tagcloud": true, "follow": true, "print": true, "masthead": true,
	"sronly": true, "visuallyhidden": true, "screenreader": true,
}

// boilerSubstrings catch run-together names ("sharedaddy", "socialicons").
var boilerSubstrings = []string{
	"share", "social", "newsletter", "cookie", "comment", "advert", "promo",
	"subscribe", "breadcrumb", "sidebar", "outbrain", "taboola", "related",
}

// boilerRoles are ARIA roles of page furniture.
func boilerRole(role string) bool {
	switch strings.ToLower(strings.TrimSpace(role)) {
	case "navigation", "banner", "contentinfo", "complementary", "menu",
		"menubar", "dialog", "alertdialog", "search", "toolbar", "tablist":
		return true
	}
	return false
}

// boilerName reports whether a class or id value names page furniture.
func boilerName(v string) bool {
	if v == "" {
		return false
	}
	v = strings.ToLower(v)
	for _, w := range strings.FieldsFunc(v, notAlnum) {
		if boilerTokens[w] {
			return true
		}
		for _, s := range boilerSubstrings {
			if len(w) > len(s) && strings.Contains(w, s) {
				return true
			}
		}
	}
	return false
}

func notAlnum(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
}

// hiddenElement reports elements a browser would not show.
func hiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ToLower(a.Val)
			if strings.Contains(strings.ReplaceAll(s, " ", ""), "display:none") ||
				strings.Contains(strings.ReplaceAll(s, " ", ""), "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// furniture reports whether n's attributes mark it as page furniture.
func furniture(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			if boilerName(a.Val) {
				return true
			}
		case "role":
			if boilerRole(a.Val) {
				return true
			}
		}
	}
	return false
}

func attrVal(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
