package feed

import (
	"reflect"
	"testing"
)

func TestDiscover(t *testing.T) {
	tests := []struct {
		name    string
		page    string
		pageURL string
		want    []string
	}{
		{
			name: "ranked, deduplicated, resolved against <base>", page: htmlPage,
			pageURL: "https://www.example.com/news/today.html",
			want: []string{
				"https://www.example.com/news/atom.xml",
				"https://www.example.com/feed",
				"https://www.example.com/news/feed.json",
				"https://www.example.com/news/comments/feed",
			},
		},
		{
			name:    "relative to the page without <base>",
			page:    `<html><head><link rel="alternate" type="application/rss+xml" href="../rss"></head></html>`,
			pageURL: "https://site.example/a/b/page",
			want:    []string{"https://site.example/a/rss"},
		},
		{
			name:    "no feeds",
			page:    `<html><head><link rel="stylesheet" href="s.css"><link rel="alternate" hreflang="fr" href="/fr/"></head></html>`,
			pageURL: "https://site.example/",
		},
		{name: "not HTML at all", page: "\x00\x01binary", pageURL: "https://site.example/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Discover([]byte(tt.page), tt.pageURL)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Discover = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLooksLikeFeed(t *testing.T) {
	tests := []struct {
		name string
		body string
		want bool
	}{
		{"RSS", rss2Feed, true},
		{"Atom", atomFeed, true},
		{"RDF", rdfFeed, true},
		{"JSON Feed", jsonFeed, true},
		{"RSS after BOM, comment and stylesheet", "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- hi -->\n<?xml-stylesheet href=\"s.xsl\"?>\n<rss version=\"2.0\"></rss>", true},
		{"HTML page", htmlPage, false},
		{"HTML fragment", "<p>hello", false},
		{"other XML", `<?xml version="1.0"?><sitemapindex></sitemapindex>`, false},
		{"other JSON", `{"data": []}`, false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := LooksLikeFeed([]byte(tt.body)); got != tt.want {
			t.Errorf("%s: LooksLikeFeed = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzDiscover(f *testing.F) {
	f.Add([]byte(htmlPage), "https://www.example.com/news/")
	f.Add([]byte(`<link rel=alternate type=application/rss+xml href=//x/feed>`), "")
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		for _, u := range Discover(page, pageURL) {
			if u == "" {
				t.Fatal("Discover returned an empty URL")
			}
		}
	})
}
