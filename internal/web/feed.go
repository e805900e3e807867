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
	page, err := s.store.ListArticles(r.Context(), store.ArticleQuery{Limit: feedItems})
	if err != nil {
		return fmt.Errorf("site feed: %w", err)
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := scheme + "://" + r.Host
	doc := rssDocument{Version: "2.0", Channel: rssChannel{
		Title: s.site.Name, Link: base + "/", Description: s.site.Tagline,
	}}
	for _, a := range page.Articles {
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
		doc.Channel.Items = append(doc.Channel.Items, item)
	}
	out, err := xml.MarshalIndent(doc, "", " ")
	if err != nil {
		return fmt.Errorf("encode site feed: %w", err)
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=60")
	_, err = w.Write(append([]byte(xml.Header), out...))
	return err
}
