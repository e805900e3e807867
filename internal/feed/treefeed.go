package feed

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// treeReader turns a document tree into a Feed. core lists the namespace
// keys of the format's own elements: the root's namespace is always one,
// so that an Atom-like feed in an unusual namespace still reads.
type treeReader struct {
	core []string
	// missedDate is set when a date was present but parseDate could not
	// read it: the caller then asks the base parser for its reading.
	missedDate bool
}

// fromTree reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and CDF from the tree. It
// reports false when the root is none of those.
func fromTree(root *node) (*Feed, *treeReader, bool) {
	if root == nil {
		return nil, nil, false
	}
	r := &treeReader{core: []string{"", keyAtom, keyAtom03, keyRSS10, keyRSS09, root.ns}}
	var ch *node
	var items []*node
	switch root.name {
	case "rss", "rdf":
		ch = root.child("channel", r.core...)
		if ch == nil {
			ch = &node{base: root.base, lang: root.lang}
		}
		items = append(ch.children("item", r.core...), root.children("item", r.core...)...)
	case "feed":
		ch = root
		items = root.children("entry", r.core...)
	case "channel": // CDF
		ch = root
		items = cdfItems(root, r.core, 0)
	default:
		return nil, nil, false
	}
	f := r.feed(ch, root)
	for _, it := range items {
		item := r.item(it)
		if item.Language == "" {
			item.Language = f.Language
		}
		f.Items = append(f.Items, item)
	}
	return f, r, true
}

// cdfItems collects CDF items, which may sit in nested channels.
func cdfItems(ch *node, core []string, depth int) []*node {
	var out []*node
	for _, k := range ch.kids {
		switch {
		case k.name == "item" && nsIn(k.ns, core):
			out = append(out, k)
		case k.name == "channel" && nsIn(k.ns, core) && depth < 8:
			out = append(out, cdfItems(k, core, depth+1)...)
		}
	}
	return out
}

func (r *treeReader) first(n *node, names ...string) *node {
	for _, name := range names {
		if c := n.child(name, r.core...); c != nil {
			return c
		}
	}
	return nil
}

func (r *treeReader) feed(ch, root *node) *Feed {
	f := &Feed{}
	if t := r.first(ch, "title"); t != nil {
		f.Title = plainText(r.body(t))
	} else if t := ch.child("title", keyDC); t != nil {
		f.Title = plainText(t.textOf())
	}
	f.Link = r.link(ch)
	if d := r.first(ch, "subtitle", "tagline", "description", "abstract"); d != nil {
		f.Description = resolveHTML(d.base, r.body(d))
	} else if d := ch.child("description", keyDC); d != nil {
		f.Description = d.textOf()
	} else if d := ch.child("subtitle", keyITunes); d != nil {
		f.Description = d.textOf()
	} else if d := ch.child("summary", keyITunes); d != nil {
		f.Description = d.textOf()
	}
	f.Language = r.language(ch, root)
	if id := r.first(ch, "id"); id != nil {
		f.ID = resolveID(id.base, id.textOf())
	}
	f.Updated = r.date(ch, []string{"updated", "modified", "lastbuilddate", "pubdate", "published", "issued"},
		[]string{"modified", "date", "issued", "created"}, "lastmod")
	f.ImageURL = r.feedImage(ch)
	f.Categories = categories(r.categories(ch))
	r.channelMeta(ch, f)
	return f
}

// channelMeta reads caching hints and WebSub links.
func (r *treeReader) channelMeta(ch *node, f *Feed) {
	if t := ch.child("ttl", ""); t != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(t.textOf())); err == nil && n > 0 && n < 1<<20 {
			f.TTL = time.Duration(n) * time.Minute
		}
	}
	freq := 1
	if t := ch.child("updatefrequency", keySy); t != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(t.textOf())); err == nil && n > 0 && n < 1<<20 {
			freq = n
		}
	}
	f.UpdatePeriod = syndicationPeriod(strings.TrimSpace(ch.child("updateperiod", keySy).textOf()), freq)
	for _, l := range ch.children("link", r.core...) {
		switch strings.ToLower(strings.TrimSpace(l.attr("rel"))) {
		case "hub":
			if f.HubURL == "" {
				f.HubURL = resolve(l.base, l.attr("href"))
			}
		case "self":
			if f.SelfURL == "" {
				f.SelfURL = resolve(l.base, l.attr("href"))
			}
		}
	}
}

func (r *treeReader) language(ch, root *node) string {
	lang := ""
	if l := r.first(ch, "language"); l != nil {
		lang = l.textOf()
	} else if l := ch.child("language", keyDC); l != nil {
		lang = l.textOf()
	} else if ch.lang != "" {
		lang = ch.lang
	} else {
		lang = root.lang
	}
	return strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")
}

func (r *treeReader) feedImage(ch *node) string {
	if img := r.first(ch, "image"); img != nil {
		if u := img.child("url", r.core...); u != nil {
			if v := resolve(u.base, u.textOf()); v != "" {
				return v
			}
		}
		if v := resolve(img.base, img.attr("href")); v != "" {
			return v
		}
	}
	for _, name := range []string{"logo", "icon"} {
		if l := r.first(ch, name); l != nil {
			if v := resolve(l.base, l.textOf()); v != "" {
				return v
			}
		}
	}
	return itunesImage(ch)
}

// itunesImage reads <itunes:image href> or <itunes:link rel="image">.
func itunesImage(n *node) string {
	if img := n.child("image", keyITunes); img != nil {
		if v := resolve(img.base, firstNonEmpty(img.attr("href"), img.attr("url"), img.textOf())); v != "" {
			return v
		}
	}
	for _, l := range n.children("link", keyITunes) {
		if strings.EqualFold(l.attr("rel"), "image") {
			if v := resolve(l.base, l.attr("href")); v != "" {
				return v
			}
		}
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// link reads the element's web page: an Atom alternate link, an RSS
// <link>, or a CDF href attribute.
func (r *treeReader) link(n *node) string {
	var fallback string
	for _, l := range n.children("link", r.core...) {
		rel := strings.ToLower(strings.TrimSpace(l.attr("rel")))
		href := l.attr("href")
		if href == "" && len(l.attrs) == 0 || href == "" && rel != "" {
			href = l.textOf() // RSS <link>, or Atom 0.3 written with text
		}
		v := resolve(l.base, href)
		switch {
		case v == "":
		case rel == "" || rel == "alternate":
			if t := l.attr("type"); t == "" || strings.Contains(t, "html") || rel == "alternate" {
				return v
			}
			if fallback == "" {
				fallback = v
			}
		}
	}
	if fallback != "" {
		return fallback
	}
	return resolve(n.base, n.attr("href"))
}

func (r *treeReader) item(it *node) Item {
	var item Item
	if t := r.first(it, "title"); t != nil {
		item.Title = plainText(r.body(t))
	} else if t := it.child("title", keyDC); t != nil {
		item.Title = plainText(t.textOf())
	} else if t := mediaChild(it, "title"); t != nil {
		item.Title = plainText(t.textOf())
	}
	item.Link = r.link(it)
	item.GUID = r.itemID(it)
	if item.Link == "" {
		if g := r.first(it, "guid"); g != nil && !strings.EqualFold(strings.TrimSpace(g.attr("ispermalink")), "false") {
			if v := strings.TrimSpace(g.textOf()); strings.Contains(v, "://") {
				item.Link = resolve(g.base, v)
			}
		}
	}
	item.Author = r.author(it)
	item.Published = r.date(it, []string{"published", "issued", "pubdate", "created"}, []string{"issued", "created", "date"}, "")
	item.Updated = r.date(it, []string{"updated", "modified"}, []string{"modified", "date"}, "lastmod")
	r.bodies(it, &item)
	item.Categories = categories(r.categories(it))
	item.Enclosures = r.enclosures(it)
	if l := it.child("language", keyDC); l != nil {
		item.Language = strings.TrimSpace(l.textOf())
	}
	item.ImageURL = itemImage(it, item)
	item.DateFlagged = item.Published.IsZero() && item.Updated.IsZero()
	if item.GUID == "" {
		item.GUID = item.Link
	}
	if item.GUID == "" {
		item.GUID = syntheticGUID(item)
	}
	return item
}

func (r *treeReader) itemID(it *node) string {
	if id := r.first(it, "id"); id != nil {
		return resolveID(id.base, id.textOf())
	}
	if g := r.first(it, "guid"); g != nil {
		return strings.TrimSpace(g.textOf())
	}
	for _, a := range it.attrs {
		if a.Name.Local == "about" && nsKey(a.Name.Space) == keyRDF {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// resolveID makes a relative id absolute, as feedparser does; an id that
// is not a path ("post 42") stays as written.
func resolveID(base *url.URL, id string) string {
	id = strings.TrimSpace(id)
	if id == "" || strings.Contains(id, ":") || strings.ContainsAny(id, " \t\n") || base == nil {
		return id
	}
	if abs := resolve(base, id); abs != "" {
		return abs
	}
	return id
}

func mediaChild(it *node, name string) *node {
	if c := it.child(name, keyMedia); c != nil {
		return c
	}
	for _, g := range it.children("group", keyMedia) {
		if c := g.child(name, keyMedia); c != nil {
			return c
		}
	}
	return nil
}

// author reads the first author's name: Atom <author><name>, RSS
// <author> ("email (Name)"), dc:creator, itunes:author.
func (r *treeReader) author(it *node) string {
	for _, a := range it.children("author", r.core...) {
		if a.hasElements() {
			if name := plainText(a.child("name", r.core...).textOf()); name != "" {
				return name
			}
			if email := strings.TrimSpace(a.child("email", r.core...).textOf()); email != "" {
				return email
			}
			continue
		}
		if name := rssAuthor(a.textOf()); name != "" {
			return name
		}
	}
	for _, key := range []string{keyDC, keyITunes} {
		for _, c := range []string{"creator", "author"} {
			if a := it.child(c, key); a != nil {
				if name := rssAuthor(a.textOf()); name != "" {
					return name
				}
			}
		}
	}
	return ""
}

// rssAuthor keeps the name of "editor@example.com (Jane Doe)",
// "Jane Doe (editor@example.com)" or "Jane Doe <editor@example.com>".
func rssAuthor(s string) string {
	s = plainText(s)
	for _, p := range [][2]byte{{'(', ')'}, {'<', '>'}} {
		i := strings.IndexByte(s, p[0])
		if i <= 0 || !strings.HasSuffix(s, string(p[1])) {
			continue
		}
		outside, inside := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:len(s)-1])
		switch {
		case strings.Contains(outside, "@") && inside != "" && !strings.Contains(inside, "@"):
			return inside
		case strings.Contains(inside, "@") && outside != "" && !strings.Contains(outside, "@"):
			return outside
		}
	}
	return s
}

// date reads the first date found among the core names, then the Dublin
// Core names, then a CDF attribute.
func (r *treeReader) date(n *node, core, dc []string, attr string) time.Time {
	var raw []string
	for _, name := range core {
		if c := n.child(name, r.core...); c != nil {
			raw = append(raw, c.textOf())
		}
	}
	for _, name := range dc {
		if c := n.child(name, keyDCTerms, keyDC); c != nil {
			raw = append(raw, c.textOf())
		}
	}
	if attr != "" {
		raw = append(raw, n.attr(attr))
	}
	for _, s := range raw {
		if strings.TrimSpace(s) == "" {
			continue
		}
		if t, ok := parseDate(s); ok {
			return t
		}
		r.missedDate = true
		return time.Time{}
	}
	return time.Time{}
}

// bodies sets the summary and the content. RSS items with both
// <description> and <summary> keep the first as summary, the other as
// content, as feedparser does.
func (r *treeReader) bodies(it *node, item *Item) {
	var summaries, contents []*node
	for _, k := range it.kids {
		switch {
		case k.name == "":
		case nsIn(k.ns, r.core) && (k.name == "summary" || k.name == "description" || k.name == "abstract"):
			summaries = append(summaries, k)
		case nsIn(k.ns, r.core) && (k.name == "content" || k.name == "fullitem" || k.name == "body"):
			contents = append(contents, k)
		case k.ns == keyContent && k.name == "encoded", k.ns == keyXHTML && k.name == "body":
			contents = append(contents, k)
		}
	}
	if len(summaries) > 1 {
		contents = append(contents, summaries[1])
	}
	switch {
	case len(summaries) > 0:
		item.Summary = resolveHTML(summaries[0].base, r.body(summaries[0]))
	case it.child("description", keyDC) != nil:
		item.Summary = it.child("description", keyDC).textOf()
	case it.child("summary", keyITunes) != nil:
		item.Summary = it.child("summary", keyITunes).textOf()
	}
	for _, c := range contents {
		if v := resolveHTML(c.base, r.body(c)); strings.TrimSpace(v) != "" {
			item.Content = v
			return
		}
	}
}

// body reads a text construct as HTML: Atom's type and (0.3) mode, inline
// XHTML, base64, or plain character data.
func (r *treeReader) body(n *node) string {
	typ := strings.ToLower(strings.TrimSpace(n.attr("type")))
	mode := strings.ToLower(strings.TrimSpace(n.attr("mode")))
	switch {
	case mode == "base64" || binaryType(typ):
		raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(n.textOf()), ""))
		if err != nil {
			return n.textOf()
		}
		return string(raw)
	case mode == "escaped":
		return n.textOf()
	case typ == "xhtml":
		if div := soleChild(n); div != nil && div.name == "div" && div.ns == keyXHTML {
			return strings.TrimSpace(serializeXHTML(div))
		}
		return strings.TrimSpace(serializeXHTML(n))
	case n.hasElements():
		return strings.TrimSpace(serializeXHTML(n))
	}
	return n.textOf()
}

// binaryType reports an Atom 1.0 content type that is neither text nor
// XML: such content is base64-encoded (RFC 4287 section 4.1.3.3).
func binaryType(typ string) bool {
	switch {
	case typ == "", typ == "text", typ == "html", typ == "xhtml",
		strings.HasPrefix(typ, "text/"), strings.Contains(typ, "xml"):
		return false
	}
	return strings.Contains(typ, "/")
}

// soleChild returns the only element child, ignoring white space around it.
func soleChild(n *node) *node {
	var only *node
	for _, k := range n.kids {
		switch {
		case k.name == "" && strings.TrimSpace(k.text) == "":
		case k.name == "" || only != nil:
			return nil
		default:
			only = k
		}
	}
	return only
}

func (r *treeReader) categories(n *node) []string {
	var out []string
	for _, c := range n.children("category", r.core...) {
		out = append(out, firstNonEmpty(c.attr("term"), c.textOf(), c.attr("label")))
	}
	for _, c := range n.children("subject", keyDC) {
		out = append(out, c.textOf())
	}
	for _, c := range n.children("category", keyMedia) {
		out = append(out, c.textOf())
	}
	out = append(out, itunesCats(n, 0)...)
	if k := n.child("keywords", keyITunes); k != nil {
		out = append(out, strings.Split(k.textOf(), ",")...)
	}
	return out
}

// itunesCats flattens nested iTunes categories, parent before child.
func itunesCats(n *node, depth int) []string {
	var out []string
	for _, c := range n.children("category", keyITunes) {
		out = append(out, c.attr("text"))
		if depth < 4 {
			out = append(out, itunesCats(c, depth+1)...)
		}
	}
	return out
}

func (r *treeReader) enclosures(it *node) []Enclosure {
	var out []Enclosure
	add := func(base *url.URL, href, typ, length string) {
		if u := resolve(base, href); u != "" {
			out = append(out, Enclosure{URL: u, Type: strings.TrimSpace(typ), Length: parseLength(length)})
		}
	}
	for _, e := range it.children("enclosure", r.core...) {
		add(e.base, firstNonEmpty(e.attr("url"), e.attr("href")), e.attr("type"), e.attr("length"))
	}
	for _, l := range it.children("link", r.core...) {
		if strings.EqualFold(strings.TrimSpace(l.attr("rel")), "enclosure") {
			add(l.base, firstNonEmpty(l.attr("href"), l.textOf()), l.attr("type"), l.attr("length"))
		}
	}
	return out
}

// itemImage prefers the images a feed declares (Media RSS, image
// enclosures, iTunes) over the first <img> of the body.
func itemImage(it *node, item Item) string {
	groups := []*node{it}
	groups = append(groups, it.children("group", keyMedia)...)
	for _, g := range groups {
		for _, c := range g.children("content", keyMedia) {
			if isImage(c.attr("medium"), c.attr("type"), c.attr("url")) {
				if v := resolve(c.base, c.attr("url")); v != "" {
					return v
				}
			}
		}
	}
	for _, g := range groups {
		for _, th := range g.children("thumbnail", keyMedia) {
			if v := resolve(th.base, th.attr("url")); v != "" {
				return v
			}
		}
	}
	for _, e := range item.Enclosures {
		if isImage("", e.Type, e.URL) {
			return e.URL
		}
	}
	if img := it.child("image", "", keyRSS10, keyAtom); img != nil {
		if v := resolve(img.base, firstNonEmpty(img.child("url", "").textOf(), img.attr("href"), img.textOf())); v != "" {
			return v
		}
	}
	if v := itunesImage(it); v != "" {
		return v
	}
	if img := resolve(it.base, firstImage(item.Content)); img != "" {
		return img
	}
	return resolve(it.base, firstImage(item.Summary))
}

func parseLength(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
