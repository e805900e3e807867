package demo

import (
	"bytes"
	"embed"
	"encoding/json"
	"hash/fnv"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pageTemplates is parsed once; a broken template fails every test at once.
var pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"title": label,
}).ParseFS(templateFiles, "templates/*.html"))

// chrome is what every page of a site shares: masthead, navigation, footer.
type chrome struct {
	Site      Publisher
	Tagline   string
	Accent    string
	Sections  []string
	Notice    string
	Year      int
	PageTitle string
}

type articlePage struct {
	chrome
	Item      *item
	Headline  string
	Author    string
	Section   string
	Published string
	Dateline  string
	ImageURL  string
	Caption   string
	Lead      []string // paragraphs before the inline "Read more" box
	Rest      []string
	ReadMore  *item
	Related   []*item
	Comments  []comment
	JSONLD    template.JS
	Summary   string
	Tags      []string
}

type listPage struct {
	chrome
	Heading string
	Items   []*item
}

func (s *site) chrome(title string) chrome {
	year := s.net.now().Year()
	return chrome{
		Site: s.pub, Tagline: s.spec.Tagline, Accent: s.spec.Accent,
		Sections: sections,
		Notice:   sampleNotice, Year: year, PageTitle: title,
	}
}

func feedContentTypeBare(format string) string {
	t, _, _ := strings.Cut(feedContentType(format), ";")
	return t
}

func (s *site) handleHome(w http.ResponseWriter, r *http.Request) {
	p := listPage{chrome: s.chrome(s.pub.Name), Heading: "Latest news", Items: s.latest("", 40)}
	s.render(w, "home.html", p)
}

func (s *site) handleSection(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if !slices.Contains(sections, name) {
		http.NotFound(w, r)
		return
	}
	p := listPage{chrome: s.chrome(label(name) + " | " + s.pub.Name), Heading: label(name), Items: s.latest(name, 40)}
	s.render(w, "home.html", p)
}

func (s *site) handleArticle(w http.ResponseWriter, r *http.Request) {
	it, related := s.lookup(r.URL.Path)
	if it == nil {
		http.NotFound(w, r)
		return
	}
	s.render(w, "article.html", s.articlePage(it, related))
}

func (s *site) articlePage(it *item, related []*item) articlePage {
	a := it.A
	p := articlePage{
		chrome: s.chrome(a.Headline + " | " + s.pub.Name),
		Item:   it, Headline: a.Headline, Author: a.Author, Section: a.Section,
		Published: it.Published.Format(time.RFC3339),
		Dateline:  it.Published.Format("Monday 2 January 2006, 15:04 MST"),
		Caption:   a.Caption, Related: related, Summary: a.Excerpt(), Tags: a.Categories,
		Comments: commentsFor(a.Slug),
	}
	if a.Image != "" {
		p.ImageURL = imageURL(s.base, a.Image)
	}
	cut := min(2, len(a.Paragraphs))
	p.Lead, p.Rest = a.Paragraphs[:cut], a.Paragraphs[cut:]
	if len(related) > 0 {
		p.ReadMore = related[0]
	}
	p.JSONLD = s.jsonLD(it, p.ImageURL)
	return p
}

// jsonLD is the schema.org NewsArticle block. encoding/json escapes <, >
// and &, so the text cannot close the script element early.
func (s *site) jsonLD(it *item, image string) template.JS {
	a := it.A
	v := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": a.Headline, "description": a.Excerpt(),
		"datePublished": it.Published.Format(time.RFC3339), "dateModified": it.Published.Format(time.RFC3339),
		"author":           []map[string]string{{"@type": "Person", "name": a.Author}},
		"publisher":        map[string]string{"@type": "Organization", "name": s.pub.Name, "url": s.pub.SiteURL},
		"mainEntityOfPage": it.URL, "articleSection": label(a.Section), "keywords": a.Categories,
		"isAccessibleForFree": true,
	}
	if image != "" {
		v["image"] = []string{image}
	}
	if s.spec.LicenseURL != "" {
		v["license"] = s.spec.LicenseURL
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "{}" // plain strings and slices cannot fail to encode
	}
	return template.JS(b)
}

func (s *site) render(w http.ResponseWriter, name string, data any) {
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		s.net.log.Error("render demo page", "publisher", s.pub.Slug, "template", name, "err", err)
		http.Error(w, "page unavailable", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

type comment struct {
	Name, Ago, Text string
	Likes           int
}

// commentPool is what readers of any sample article might say.
var commentPool = []comment{
	{Name: "Rosalind P.", Text: "Thorough reporting as always. I would like to see a follow-up in a few months on whether any of this actually happened."},
	{Name: "dockside_dave", Text: "My father worked on the harbour for thirty years and he would have had a lot to say about this."},
	{Name: "Meera K.", Text: "The third paragraph is the real story here. Why is it buried?"},
	{Name: "T. Abernathy", Text: "Good piece, but the headline oversells it a little."},
	{Name: "northside_reader", Text: "Shared this with my book club. We argued about it for an hour, which I suppose is the point."},
	{Name: "Joaquim", Text: "Anyone else remember when this was first proposed a decade ago? Nothing is ever new."},
	{Name: "Hannah W.", Text: "Clear and fair. Thank you for quoting people on both sides."},
	{Name: "GrumpyCommuter", Text: "Meanwhile the number 12 bus is still late every single morning."},
	{Name: "Lena Ostrova", Text: "I was there. The mood was very much as described."},
	{Name: "Pat O'Donnell", Text: "Would be helpful to have a chart with the figures mentioned."},
}

// commentsFor picks three comments for an article, always the same three.
func commentsFor(slug string) []comment {
	h := fnv.New32a()
	h.Write([]byte(slug))
	seed := int(h.Sum32() % 1000)
	out := make([]comment, 3)
	for i := range out {
		c := commentPool[(seed+i*3)%len(commentPool)]
		c.Ago = []string{"2 hours ago", "5 hours ago", "yesterday"}[i]
		c.Likes = (seed >> i) % 40
		out[i] = c
	}
	return out
}
