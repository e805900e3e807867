package demo

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"strings"
	"time"
)

const sampleNotice = "Sample content for the Newsdesk demo; fictional publisher."

// renderFeed writes items (newest first) in the publisher's format.
func renderFeed(p *publisherSpec, base string, items []*item) ([]byte, error) {
	switch p.Format {
	case "rss":
		return renderRSS(p, base, items)
	case "atom":
		return renderAtom(p, base, items)
	case "json":
		return renderJSONFeed(p, base, items)
	}
	return nil, fmt.Errorf("unknown feed format %q", p.Format)
}

// articleHTML is the article body as the HTML a feed carries.
func articleHTML(a *articleSpec, base string) string {
	var b strings.Builder
	if a.Image != "" {
		fmt.Fprintf(&b, "<figure><img src=\"%s\" alt=\"%s\"><figcaption>%s</figcaption></figure>\n",
			html.EscapeString(imageURL(base, a.Image)), html.EscapeString(a.Caption), html.EscapeString(a.Caption))
	}
	for _, p := range a.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	return b.String()
}

func imageURL(base, name string) string { return base + "/images/" + name + ".svg" }

func feedDescription(p *publisherSpec) string {
	return p.Tagline + ". " + sampleNotice
}

type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	ContentNS string     `xml:"xmlns:content,attr"`
	DCNS      string     `xml:"xmlns:dc,attr"`
	AtomNS    string     `xml:"xmlns:atom,attr"`
	MediaNS   string     `xml:"xmlns:media,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	SelfLink      atomLink  `xml:"atom:link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	Copyright     string    `xml:"copyright,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	TTL           int       `xml:"ttl"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Creator     string        `xml:"dc:creator"`
	Categories  []string      `xml:"category"`
	Description string        `xml:"description"`
	Content     *cdata        `xml:"content:encoded,omitempty"`
	Enclosure   *rssEnclosure `xml:"enclosure,omitempty"`
	Media       *mediaContent `xml:"media:content,omitempty"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type cdata struct {
	Value string `xml:",cdata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int    `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

type mediaContent struct {
	URL    string `xml:"url,attr"`
	Medium string `xml:"medium,attr"`
	Type   string `xml:"type,attr"`
}

type atomLink struct {
	Href   string `xml:"href,attr"`
	Rel    string `xml:"rel,attr,omitempty"`
	Type   string `xml:"type,attr,omitempty"`
	Length int    `xml:"length,attr,omitempty"`
}

func renderRSS(p *publisherSpec, base string, items []*item) ([]byte, error) {
	ch := rssChannel{
		Title: p.Name, Link: base + "/", Description: feedDescription(p), Language: "en",
		SelfLink: atomLink{Href: base + p.FeedPath, Rel: "self", Type: "application/rss+xml"},
		TTL:      15, Copyright: copyright(p),
	}
	if len(items) > 0 {
		ch.LastBuildDate = items[0].Published.Format(time.RFC1123Z)
	}
	for _, it := range items {
		a := it.A
		ri := rssItem{
			Title: a.Headline, Link: it.URL,
			GUID:    rssGUID{IsPermaLink: it.GUID == it.URL, Value: it.GUID},
			PubDate: it.Published.Format(time.RFC1123Z), Creator: a.Author,
			Categories: a.Categories, Description: a.Excerpt(),
		}
		if p.Variant == "full" {
			ri.Content = &cdata{Value: articleHTML(a, base)}
		}
		if a.Image != "" {
			u := imageURL(base, a.Image)
			ri.Enclosure = &rssEnclosure{URL: u, Length: svgLength(a.Image, p.Name), Type: "image/svg+xml"}
			ri.Media = &mediaContent{URL: u, Medium: "image", Type: "image/svg+xml"}
		}
		ch.Items = append(ch.Items, ri)
	}
	doc := rssDoc{
		Version: "2.0", Channel: ch,
		ContentNS: "http://purl.org/rss/1.0/modules/content/",
		DCNS:      "http://purl.org/dc/elements/1.1/",
		AtomNS:    "http://www.w3.org/2005/Atom",
		MediaNS:   "http://search.yahoo.com/mrss/",
	}
	return marshalXML(doc)
}

func copyright(p *publisherSpec) string {
	if p.LicenseName != "" {
		return fmt.Sprintf("Licensed under %s (%s). %s", p.LicenseName, p.LicenseURL, sampleNotice)
	}
	return "© " + p.Name + ". " + sampleNotice
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Rights   string      `xml:"rights,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     atomPerson     `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    *atomText      `xml:"content,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

func renderAtom(p *publisherSpec, base string, items []*item) ([]byte, error) {
	f := atomFeed{
		Title: p.Name, Subtitle: feedDescription(p), ID: "tag:" + p.Slug + ".example,2026:feed",
		Links: []atomLink{
			{Href: base + "/", Rel: "alternate", Type: "text/html"},
			{Href: base + p.FeedPath, Rel: "self", Type: "application/atom+xml"},
		},
		Rights:  copyright(p),
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
	}
	if len(items) > 0 {
		f.Updated = items[0].Published.Format(time.RFC3339)
	}
	for _, it := range items {
		a := it.A
		e := atomEntry{
			ID: it.GUID, Title: a.Headline,
			Links:     []atomLink{{Href: it.URL, Rel: "alternate", Type: "text/html"}},
			Published: it.Published.Format(time.RFC3339), Updated: it.Published.Format(time.RFC3339),
			Author:  atomPerson{Name: a.Author},
			Summary: atomText{Type: "text", Value: a.Excerpt()},
		}
		for _, c := range a.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: c})
		}
		if a.Image != "" {
			e.Links = append(e.Links, atomLink{Href: imageURL(base, a.Image), Rel: "enclosure",
				Type: "image/svg+xml", Length: svgLength(a.Image, p.Name)})
		}
		if p.Variant == "full" {
			e.Content = &atomText{Type: "html", Value: articleHTML(a, base)}
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode feed XML: %w", err)
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description"`
	Language    string         `json:"language"`
	Icon        string         `json:"icon,omitempty"`
	Authors     []jsonAuthor   `json:"authors,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonFeedItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Summary       string       `json:"summary"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Authors       []jsonAuthor `json:"authors"`
	Tags          []string     `json:"tags,omitempty"`
}

func renderJSONFeed(p *publisherSpec, base string, items []*item) ([]byte, error) {
	f := jsonFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: p.Name,
		HomePageURL: base + "/", FeedURL: base + p.FeedPath,
		Description: feedDescription(p), Language: "en",
		Authors: []jsonAuthor{{Name: p.Name}},
		Items:   []jsonFeedItem{},
	}
	for _, it := range items {
		a := it.A
		ji := jsonFeedItem{
			ID: it.GUID, URL: it.URL, Title: a.Headline, Summary: a.Excerpt(),
			DatePublished: it.Published.Format(time.RFC3339),
			DateModified:  it.Published.Format(time.RFC3339),
			Authors:       []jsonAuthor{{Name: a.Author}}, Tags: a.Categories,
		}
		if p.Variant == "full" {
			ji.ContentHTML = articleHTML(a, base)
		} else {
			ji.ContentText = a.Excerpt()
		}
		if a.Image != "" {
			ji.Image = imageURL(base, a.Image)
		}
		f.Items = append(f.Items, ji)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode JSON feed: %w", err)
	}
	return append(b, '\n'), nil
}
