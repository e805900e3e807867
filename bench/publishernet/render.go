package main

import (
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"time"
)

// words are the vocabulary of generated stories: plain local-news English,
// like the demo publishers', written for this benchmark.
var words = strings.Fields(`the council harbour board voted on a plan to rebuild market street and
the old ferry pier after residents asked for safer crossings near schools while traders said
rents rose again this spring and the mayor promised a review of parking fees new figures show
more visitors came by train than by car the library will open late on thursdays a local team
won its third match in a row and fans gathered at the square to celebrate the weather office
expects rain over the weekend farmers welcomed it after a dry month the hospital opened a new
ward for children and nurses said staffing remains tight engineers inspected the bridge and
found minor cracks repairs will start next week the museum shows photographs of the town from
a century ago volunteers cleaned the beach and collected plastic bags bottles and nets`)

// story is one generated item; the same feed and number always give the same story.
type story struct {
	guid, link, title, html string
	published               time.Time
}

func (n *network) story(id, k, shown, itemLen int) story {
	rng := rand.New(rand.NewPCG(n.seed, uint64(id)<<24|uint64(k)))
	title := sentence(rng, 6+rng.IntN(6))
	var b strings.Builder
	for b.Len() < itemLen {
		b.WriteString("<p>")
		for range 3 + rng.IntN(4) {
			b.WriteString(sentence(rng, 8+rng.IntN(12)))
			b.WriteString(". ")
		}
		b.WriteString("</p>\n")
	}
	link := fmt.Sprintf("http://publisher-%d.example/news/%d/story-%d.html", id, id, k)
	return story{
		guid: link, link: link, title: title, html: b.String(),
		published: n.start.Add(time.Duration(k-shown) * time.Minute),
	}
}

func sentence(rng *rand.Rand, count int) string {
	parts := make([]string, count)
	for i := range parts {
		parts[i] = words[rng.IntN(len(words))]
	}
	s := strings.Join(parts, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// render writes feed id at version: its newest shown stories, newest first.
func (n *network) render(id, version, shown, itemLen int, format string) []byte {
	stories := make([]story, 0, shown)
	for k := version; k > version-shown && k > 0; k-- {
		stories = append(stories, n.story(id, k, shown, itemLen))
	}
	name := fmt.Sprintf("Publisher %d Daily", id)
	site := fmt.Sprintf("http://publisher-%d.example/", id)
	switch format {
	case "atom":
		return renderAtom(name, site, stories)
	case "json":
		return renderJSON(name, site, stories)
	}
	return renderRSS(name, site, stories)
}

func renderRSS(name, site string, stories []story) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"+
		"<channel><title>%s</title><link>%s</link><description>Generated for the Newsdesk poll benchmark</description>\n", name, site)
	for _, s := range stories {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><category>World</category>"+
			"<description>%s</description></item>\n",
			s.title, s.link, s.guid, s.published.Format(time.RFC1123Z), html.EscapeString(s.html))
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

func renderAtom(name, site string, stories []story) []byte {
	var b strings.Builder
	updated := time.Time{}
	if len(stories) > 0 {
		updated = stories[0].published
	}
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"+
		"<title>%s</title><link href=\"%s\"/><id>%s</id><updated>%s</updated>\n", name, site, site, updated.Format(time.RFC3339))
	for _, s := range stories {
		fmt.Fprintf(&b, "<entry><title>%s</title><link href=\"%s\"/><id>%s</id><updated>%s</updated><category term=\"Technology\"/>"+
			"<content type=\"html\">%s</content></entry>\n",
			s.title, s.link, s.guid, s.published.Format(time.RFC3339), html.EscapeString(s.html))
	}
	b.WriteString("</feed>\n")
	return []byte(b.String())
}

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	ContentHTML   string   `json:"content_html"`
	DatePublished string   `json:"date_published"`
	Tags          []string `json:"tags"`
}

func renderJSON(name, site string, stories []story) []byte {
	f := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: name, HomePageURL: site}
	for _, s := range stories {
		f.Items = append(f.Items, jsonItem{ID: s.guid, URL: s.link, Title: s.title, ContentHTML: s.html,
			DatePublished: s.published.Format(time.RFC3339), Tags: []string{"Business"}})
	}
	out, _ := json.Marshal(f) // plain strings and slices cannot fail to encode
	return out
}
