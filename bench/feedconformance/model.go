package main

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsdesk/newsdesk/internal/feed"
)

// titleText is a title. Newsdesk keeps titles as plain text while
// feedparser keeps them as HTML, so a title equals an expected string when
// both read the same as text (tags dropped, entities decoded, spaces
// collapsed). The same rule applies to gofeed.
type titleText string

// plainTitle is a title already reduced to text (ours): only the expected
// side is read as text, so "&lt;b&gt;" in a feed stays "<b>".
type plainTitle string

// htmlText is a summary or content body. It equals an expected string when
// both are the same markup once parsed and serialised, so that attribute
// quoting or self-closing slashes do not count.
type htmlText string

// feedDict builds feedparser's view of our parse result.
func feedDict(f *feed.Feed) scope {
	fd := map[string]any{}
	setPlain(fd, "title", f.Title)
	setStr(fd, "link", f.Link)
	setStr(fd, "language", f.Language)
	setStr(fd, "id", f.ID)
	setStr(fd, "guid", f.ID)
	setHTML(fd, f.Description, "subtitle", "tagline", "description")
	setTime(fd, f.Updated, "updated_parsed", "modified_parsed")
	if f.ImageURL != "" {
		fd["image"] = map[string]any{"href": f.ImageURL, "url": f.ImageURL}
	}
	setTags(fd, f.Categories)
	entries := make([]any, len(f.Items))
	for i, it := range f.Items {
		e := map[string]any{}
		setPlain(e, "title", it.Title)
		setStr(e, "link", it.Link)
		setStr(e, "id", it.GUID)
		setStr(e, "guid", it.GUID)
		setTime(e, it.Published, "published_parsed", "issued_parsed")
		setTime(e, it.Updated, "updated_parsed", "modified_parsed", "date_parsed")
		setAuthor(e, it.Author)
		setHTML(e, it.Summary, "summary", "description")
		if it.Content != "" {
			e["content"] = []any{map[string]any{"value": htmlText(it.Content)}}
		}
		setTags(e, it.Categories)
		var encs []any
		for _, enc := range it.Enclosures {
			encs = append(encs, enclosureDict(enc.URL, enc.Type, enc.Length))
		}
		if encs != nil {
			e["enclosures"] = encs
		}
		setImage(e, it.ImageURL)
		fallbackUpdated(e)
		fallbackSummary(e)
		entries[i] = e
	}
	return scope{"feed": fd, "entries": entries}
}

// gofeedDict builds the same view of gofeed's universal result.
func gofeedDict(f *gofeed.Feed) scope {
	fd := map[string]any{}
	setText(fd, "title", f.Title)
	setStr(fd, "link", strings.TrimSpace(f.Link))
	setStr(fd, "language", strings.TrimSpace(f.Language))
	setHTML(fd, f.Description, "subtitle", "tagline", "description")
	if f.UpdatedParsed != nil {
		setTime(fd, *f.UpdatedParsed, "updated_parsed", "modified_parsed")
	}
	if f.Image != nil {
		setImage(fd, f.Image.URL)
	}
	setTags(fd, f.Categories)
	entries := make([]any, 0, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		e := map[string]any{}
		setText(e, "title", it.Title)
		setStr(e, "link", strings.TrimSpace(it.Link))
		setStr(e, "id", strings.TrimSpace(it.GUID))
		setStr(e, "guid", strings.TrimSpace(it.GUID))
		if it.PublishedParsed != nil {
			setTime(e, *it.PublishedParsed, "published_parsed", "issued_parsed")
		}
		if it.UpdatedParsed != nil {
			setTime(e, *it.UpdatedParsed, "updated_parsed", "modified_parsed", "date_parsed")
		}
		if it.Author != nil {
			setAuthor(e, it.Author.Name)
		}
		setHTML(e, it.Description, "summary", "description")
		if it.Content != "" {
			e["content"] = []any{map[string]any{"value": htmlText(it.Content)}}
		}
		setTags(e, it.Categories)
		var encs []any
		for _, enc := range it.Enclosures {
			if enc != nil {
				n, _ := strconv.ParseInt(strings.TrimSpace(enc.Length), 10, 64)
				encs = append(encs, enclosureDict(enc.URL, enc.Type, n))
			}
		}
		if encs != nil {
			e["enclosures"] = encs
		}
		if it.Image != nil {
			setImage(e, it.Image.URL)
		}
		fallbackUpdated(e)
		fallbackSummary(e)
		entries = append(entries, e)
	}
	return scope{"feed": fd, "entries": entries}
}

// fallbackUpdated mirrors feedparser, whose entries answer "updated" with
// the published date when there is no other.
func fallbackUpdated(e map[string]any) {
	if _, ok := e["updated_parsed"]; !ok {
		if p, ok := e["published_parsed"]; ok {
			e["updated_parsed"] = p
		}
	}
}

// fallbackSummary mirrors feedparser, which saves an entry's text or HTML
// content as its summary too when the entry has no summary of its own.
func fallbackSummary(e map[string]any) {
	if _, ok := e["summary"]; ok {
		return
	}
	if c, ok := e["content"].([]any); ok && len(c) > 0 {
		if v, ok := c[0].(map[string]any)["value"].(htmlText); ok {
			setHTML(e, string(v), "summary", "description")
		}
	}
}

func setStr(m map[string]any, key, v string) {
	if v != "" {
		m[key] = v
	}
}

func setText(m map[string]any, key, v string) {
	if v != "" {
		m[key] = titleText(v)
		m[key+"_detail"] = map[string]any{"value": titleText(v)}
	}
}

func setPlain(m map[string]any, key, v string) {
	if v != "" {
		m[key] = plainTitle(v)
		m[key+"_detail"] = map[string]any{"value": plainTitle(v)}
	}
}

func setHTML(m map[string]any, v string, keys ...string) {
	if v == "" {
		return
	}
	for _, k := range keys {
		m[k] = htmlText(v)
		m[k+"_detail"] = map[string]any{"value": htmlText(v)}
	}
}

func setAuthor(m map[string]any, name string) {
	if name != "" {
		m["author"] = name
		m["author_detail"] = map[string]any{"name": name}
		m["authors"] = []any{map[string]any{"name": name}}
	}
}

func setTags(m map[string]any, cats []string) {
	if len(cats) == 0 {
		return
	}
	tags := make([]any, len(cats))
	for i, c := range cats {
		tags[i] = map[string]any{"term": c}
	}
	m["tags"] = tags
	m["category"] = cats[0]
}

func setImage(m map[string]any, u string) {
	if u != "" {
		m["image"] = map[string]any{"href": u}
		m["media_thumbnail"] = []any{map[string]any{"url": u}}
	}
}

func enclosureDict(u, typ string, length int64) map[string]any {
	d := map[string]any{"href": u}
	if typ != "" {
		d["type"] = typ
	}
	if length > 0 {
		d["length"] = strconv.FormatInt(length, 10)
	}
	return d
}

// setTime stores t as Python's time.struct_time in UTC, a 9-tuple.
func setTime(m map[string]any, t time.Time, keys ...string) {
	if t.IsZero() {
		return
	}
	t = t.UTC()
	tuple := []any{int64(t.Year()), int64(t.Month()), int64(t.Day()), int64(t.Hour()),
		int64(t.Minute()), int64(t.Second()), int64((int(t.Weekday()) + 6) % 7), int64(t.YearDay()), int64(0)}
	for _, k := range keys {
		m[k] = tuple
	}
}

// normText reads a title as text: tags dropped, entities decoded, spaces collapsed.
func normText(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}

// noSpace drops all white space: where a tag becomes a space is a matter
// of taste ("1930ft<sup>2</sup>"), not of parsing.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// sameHTML compares two fragments as parsed markup.
func sameHTML(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == b {
		return true
	}
	return renderHTML(a) == renderHTML(b)
}

func renderHTML(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, n := range nodes {
		sortAttrs(n)
		if err := html.Render(&b, n); err != nil {
			return s
		}
	}
	return strings.TrimSpace(b.String())
}

// sortAttrs puts every element's attributes in name order: their order
// carries no meaning in HTML, and feedparser writes them sorted.
func sortAttrs(n *html.Node) {
	if n.Type == html.ElementNode && len(n.Attr) > 1 {
		sort.Slice(n.Attr, func(i, j int) bool {
			if n.Attr[i].Namespace != n.Attr[j].Namespace {
				return n.Attr[i].Namespace < n.Attr[j].Namespace
			}
			return n.Attr[i].Key < n.Attr[j].Key
		})
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		sortAttrs(c)
	}
}
