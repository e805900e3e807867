package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// feedItems is how many of the newest articles the site's own feed lists.
const feedItems = 50

// rssDocument is the site's RSS 2.0 feed: the newest articles, each
// linking to its page here and naming its origin in <source>.
type rssDocument struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	GUID        rssGUID   `xml:"guid"`
	PubDate     string    `xml:"pubDate"`
	Author      string    `xml:"dc:creator,omitempty"`
	Category    string    `xml:"category,omitempty"`
	Description string    `xml:"description,omitempty"`
	Source      rssSource `xml:"source"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssSource struct {
	URL  string `xml:"url,attr"`
	Name string `xml:",chardata"`
}

// feed serves /feed.xml. Links are absolute, built from the request's
// host, because the site does not know its public address otherwise.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) error {
	page, err := s.store.ListArticles(r.Context(), store.ArticleQuery{Limit: feedItems, HideCopies: s.hideCopies, SkipTotal: true})
	if err != nil {
		return fmt.Errorf("site feed: %w", err)
	}
	base := requestBase(r)
	doc := rssDocument{Version: "2.0", Channel: rssChannel{
		Title: s.site.Name, Link: base + "/", Description: s.site.Tagline,
	}}
	for _, a := range page.Articles {
		doc.Channel.Items = append(doc.Channel.Items, s.rssItem(base, a))
	}
	return writeRSS(w, doc, 60)
}

// rssItem is one article in a feed: a link to its page here, its excerpt
// unless the source allows only a link, and its origin in <source>.
func (s *Server) rssItem(base string, a model.Article) rssItem {
	link := base + articleURL(a.ID, a.Title)
	item := rssItem{
		Title:    a.Title,
		Link:     link,
		GUID:     rssGUID{IsPermaLink: true, Value: link},
		PubDate:  a.PublishedAt.UTC().Format(time.RFC1123Z),
		Author:   a.Author,
		Category: s.sections[a.Section].Name,
		Source:   rssSource{URL: a.SourceSiteURL, Name: a.SourceName},
	}
	if a.SourcePolicy != model.PolicyLink {
		item.Description = a.Excerpt
	}
	return item
}

// writeRSS encodes a feed whole before writing, so an encoding error never
// sends half a document.
func writeRSS(w http.ResponseWriter, doc rssDocument, maxAgeSeconds int) error {
	out, err := xml.MarshalIndent(doc, "", " ")
	if err != nil {
		return fmt.Errorf("encode feed: %w", err)
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", maxAgeSeconds))
	_, err = w.Write(append([]byte(xml.Header), out...))
	return err
}
