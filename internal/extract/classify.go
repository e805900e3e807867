package extract

import (
	"slices"
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
		atom.Base, atom.Title, atom.Dialog, atom.Label, atom.Datalist, atom.Noembed, atom.Noframes:
		return true
	}
	return false
}

// furnitureLevel says how sure a name is that it marks page furniture.
type furnitureLevel int

const (
	notFurniture furnitureLevel = iota
	// weakFurniture names (widget, hidden, tags, toolbar...) also turn up on
	// wrappers of article paragraphs, so prose under them is kept.
	weakFurniture
	// strongFurniture names (share, related, comments, ads...) go unless
	// they hold most of the page.
	strongFurniture
	// neverArticle names (cookie notices, consent dialogs) go even when
	// they hold most of the page's prose: a short article beside a long
	// privacy notice is still the article.
	neverArticle
)

// boilerTokens are class/id words that name page furniture. They are
// matched against whole words of class and id values (split at anything
// that is not a letter or digit), so "ad" does not hit "header".
var boilerTokens = map[string]furnitureLevel{
	"share": strongFurniture, "shares": strongFurniture, "sharing": strongFurniture,
	"social": strongFurniture, "sharebar": strongFurniture, "related": strongFurniture,
	"relatedposts": strongFurniture, "newsletter": strongFurniture, "newsletters": strongFurniture,
	"comment": strongFurniture, "comments": strongFurniture, "disqus": strongFurniture,
	"cookie": neverArticle, "cookies": neverArticle, "consent": neverArticle,
	"gdpr": neverArticle, "ad": strongFurniture, "ads": strongFurniture,
	"advert": strongFurniture, "advertisement": strongFurniture, "adslot": strongFurniture,
	"adunit": strongFurniture, "promo": strongFurniture, "promotion": strongFurniture,
	// "cta", a call to action, names a box asking for support, a sign-up
	// or an app download; as a whole word only, not inside "factacheck".
	"cta":      strongFurniture,
	"promoted": strongFurniture, "subscribe": strongFurniture, "subscription": strongFurniture,
	"signup": strongFurniture, "breadcrumb": strongFurniture, "breadcrumbs": strongFurniture,
	"sidebar": strongFurniture, "nav": strongFurniture, "navbar": strongFurniture,
	"navigation": strongFurniture, "menu": strongFurniture, "footer": strongFurniture,
	"sponsored": strongFurniture, "sponsor": strongFurniture, "outbrain": strongFurniture,
	"taboola": strongFurniture, "recirc": strongFurniture, "recirculation": strongFurniture,
	"recommended": strongFurniture, "recommendations": strongFurniture,
	"trending": strongFurniture, "popular": strongFurniture, "paywall": strongFurniture,
	"sronly": strongFurniture, "visuallyhidden": strongFurniture, "screenreader": strongFurniture,
	"popup": strongFurniture, "modal": strongFurniture, "widget": weakFurniture,
	"gallery": strongFurniture, "slideshow": strongFurniture, "credit": strongFurniture, "caption": strongFurniture,
	"credits": strongFurniture,
	"toolbar": weakFurniture, "skip": weakFurniture, "hidden": weakFurniture,
	"pagination": weakFurniture, "pager": weakFurniture, "overlay": weakFurniture,
	"byline": weakFurniture, "tags": weakFurniture, "tagcloud": weakFurniture,
	"follow": weakFurniture, "print": weakFurniture, "masthead": weakFurniture,
}

// boilerSubstrings catch run-together names ("sharedaddy", "socialicons").
var boilerSubstrings = []string{
	"share", "social", "newsletter", "cookie", "comment", "advert", "promo",
	"subscribe", "breadcrumb", "sidebar", "outbrain", "taboola", "related",
	"consent", "gdpr", "signup", "caption",
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

// boilerName says how surely a class or id value names page furniture.
func boilerName(v string) furnitureLevel {
	if v == "" {
		return notFurniture
	}
	v = strings.ToLower(v)
	level, embed, prev := notFurniture, false, ""
	for _, w := range strings.FieldsFunc(v, notAlnum) {
		level = max(level, boilerTokens[w])
		if offScreenPair(prev, w) {
			level = max(level, strongFurniture)
		}
		prev = w
		if level == neverArticle {
			return level
		}
		embed = embed || w == "embed" || w == "embedded"
		for _, s := range boilerSubstrings {
			if len(w) > len(s) && strings.Contains(w, s) {
				level = max(level, strongFurniture)
			}
		}
	}
	if embed {
		// "social-media-embed", "twitter-embed": a post the article
		// quotes, not a share bar. Its prose stays, its buttons go.
		level = min(level, weakFurniture)
	}
	return level
}

// offScreenPair reports the two words of a hyphenated class that hides
// text from sight and leaves it to screen readers ("sr-only",
// "visually-hidden", "off-screen", "screen-reader-text"): labels such as
// "Image caption" or "Image copyright" that a reader never sees. The
// run-together spellings are boilerTokens.
func offScreenPair(prev, w string) bool {
	switch prev {
	case "sr":
		return w == "only"
	case "visually":
		return w == "hidden"
	case "off":
		return w == "screen"
	case "screen":
		return w == "reader"
	}
	return false
}

// captionAware is boilerName, except that an element named as a caption
// which holds an image ("wp-caption" around <img> and its text) is a figure
// in older markup: the name does not count, so that the image stays and
// only the caption text inside, named too, goes.
func captionAware(n *html.Node, v string) furnitureLevel {
	level := boilerName(v)
	if level != strongFurniture || !strings.Contains(strings.ToLower(v), "caption") || !holdsMedia(n) {
		return level
	}
	return boilerName(strings.ReplaceAll(strings.ToLower(v), "caption", " "))
}

// mediaNodeBudget bounds the search for an image below a caption-named element.
const mediaNodeBudget = 200

func holdsMedia(n *html.Node) bool {
	found, budget := false, mediaNodeBudget
	walkElements(n, func(c *html.Node) bool {
		if found || budget <= 0 {
			return false
		}
		budget--
		switch c.DataAtom {
		case atom.Img, atom.Picture, atom.Video, atom.Svg:
			found = true
			return false
		}
		return c.Type == html.ElementNode
	})
	return found
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

// furniture says whether n is page furniture by its name (nav, aside,
// footer, menu, form) or by its class, id or role.
func furniture(n *html.Node) furnitureLevel {
	level := notFurniture
	switch n.DataAtom {
	case atom.Nav, atom.Menu:
		return strongFurniture
	case atom.Aside, atom.Footer, atom.Form:
		level = weakFurniture
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			if n.DataAtom == atom.Figcaption || n.DataAtom == atom.Figure {
				// A figure and its caption are part of the body's HTML
				// whatever their class says ("caption", "credit-…"); a
				// caption set in other markup is page furniture.
				continue
			}
			level = max(level, captionAware(n, a.Val))
		case "id":
			if !headingSlug(a.Val) {
				level = max(level, captionAware(n, a.Val))
			}
		case "role":
			if boilerRole(a.Val) {
				level = strongFurniture
			}
		}
	}
	return level
}

func attrVal(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hiddenForSure reports elements hidden by an inline style or from
// assistive technology: those hold no article even when they hold most of
// the page's text. The hidden attribute is not enough: scripts lift it to
// reveal the article (measured: counting it lowered wcxb).
func hiddenForSure(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "aria-hidden" && a.Val == "true" {
			return true
		}
	}
	s := strings.ReplaceAll(strings.ToLower(attrVal(n, "style")), " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// headingSlug reports ids made from a heading's words
// ("sharing-with-a-single-developer"), as documentation generators and
// tables of contents write them: their words say what the section is
// about, not what kind of box it is.
func headingSlug(id string) bool {
	return strings.Count(id, "-") >= 3 && !strings.ContainsAny(id, " _")
}

// galleryNamed reports an element whose class or id names a gallery of
// pictures ("type-gallery", "slideshow-carousel").
func galleryNamed(n *html.Node) bool {
	return namedWith(n, "gallery", "slideshow")
}

// embedNamed reports an element named as an embedded post
// ("social-media-embed"): a tweet the article quotes is a sentence or two
// beside its author's handle, its date and a link, so what prose it holds
// is what the article quotes, however little of its text that is.
func embedNamed(n *html.Node) bool {
	return namedWith(n, "embed", "embedded")
}

// namedWith reports whether one of the words of n's class or id (split at
// anything but letters and digits, lower-cased) is one of words.
func namedWith(n *html.Node, words ...string) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(a.Val), notAlnum) {
			if slices.Contains(words, w) {
				return true
			}
		}
	}
	return false
}
