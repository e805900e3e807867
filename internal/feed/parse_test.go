package feed

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

const feedURL = "https://example.com/feeds/main.xml"

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantTitle string
		wantLink  string
		wantLang  string
		want      []Item
	}{
		{
			name: "RSS 2.0 with content:encoded and media:content", body: rss2Feed,
			wantTitle: "Example & Co News", wantLink: "https://example.com/", wantLang: "en-us",
			want: []Item{{
				GUID: "story-1", Link: "https://example.com/politics/senate-bill",
				Title: "Senate passes the bill & more", Author: "Jane Doe",
				Published:  time.Date(2025, 6, 2, 12, 30, 0, 0, time.UTC),
				Summary:    "<p>Short summary</p>",
				Content:    `<p>Full <b>text</b> <img src="https://example.com/inline.jpg"></p>`,
				Categories: []string{"Politics", "US Politics"},
				ImageURL:   "https://cdn.example.com/lead.jpg", Language: "en-us",
			}, {
				// No GUID: the link stands in; an unparseable date is zero.
				GUID: "https://example.com/world/no-guid", Link: "https://example.com/world/no-guid",
				Title: "No GUID here", ImageURL: "https://cdn.example.com/pic.png", Language: "en-us", DateFlagged: true,
				Enclosures: []Enclosure{{URL: "https://cdn.example.com/pic.png", Type: "image/png", Length: 1}},
			}},
		},
		{
			name: "Atom with xml:base and relative links", body: atomFeed,
			wantTitle: "Le Blog", wantLink: "https://blog.example.org/", wantLang: "fr",
			want: []Item{{
				GUID: "urn:uuid:entry-1", Link: "https://blog.example.org/base/posts/first",
				Title: "Premier billet", Author: "Marie",
				Published:  time.Date(2025, 6, 1, 7, 0, 0, 0, time.UTC),
				Updated:    time.Date(2025, 6, 1, 11, 0, 0, 0, time.UTC),
				Summary:    "<p>Résumé</p>",
				Content:    `<p>Texte <img src="https://blog.example.org/base/img/photo.jpg"></p>`,
				Categories: []string{"Tech"},
				ImageURL:   "https://blog.example.org/base/img/photo.jpg", Language: "fr",
			}},
		},
		{
			name: "Atom with relative xml:base resolved against the feed URL",
			body: `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><title>T</title>
				<entry><id>e1</id><title>A</title><link href="a.html"/></entry></feed>`,
			wantTitle: "T",
			// A relative Atom id is resolved like a link, as feedparser does.
			want: []Item{{GUID: "https://example.com/blog/e1", Link: "https://example.com/blog/a.html", Title: "A", DateFlagged: true}},
		},
		{
			name: "JSON Feed 1.1", body: jsonFeed,
			wantTitle: "JSON News", wantLink: "https://json.example.net/", wantLang: "de",
			want: []Item{{
				GUID: "j-1", Link: "https://json.example.net/a/1", Title: "Erste & Meldung", Author: "Max",
				Published: time.Date(2025, 5, 30, 8, 0, 0, 0, time.UTC),
				Summary:   "Kurz", Content: "<p>Hallo</p>", Categories: []string{"Wirtschaft"},
				ImageURL: "https://json.example.net/i/1.jpg", Language: "de",
			}},
		},
		{
			name: "RDF / RSS 1.0", body: rdfFeed,
			wantTitle: "RDF Site", wantLink: "https://rdf.example.com/",
			want: []Item{{
				GUID: "https://rdf.example.com/one", Link: "https://rdf.example.com/one", Title: "One",
				Published: time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC),
				Updated:   time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC),
				Summary:   "First",
			}},
		},
		{
			name:      "RSS relative link, GUID permalink used as link",
			body:      `<rss version="2.0"><channel><title>R</title><item><title>P</title><guid>https://example.com/p/1</guid></item></channel></rss>`,
			wantTitle: "R",
			want:      []Item{{GUID: "https://example.com/p/1", Link: "https://example.com/p/1", Title: "P", DateFlagged: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body), feedURL)
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tt.wantTitle || f.Link != tt.wantLink || f.Language != tt.wantLang {
				t.Errorf("feed = %q %q %q, want %q %q %q", f.Title, f.Link, f.Language, tt.wantTitle, tt.wantLink, tt.wantLang)
			}
			if len(f.Items) != len(tt.want) {
				t.Fatalf("got %d items, want %d", len(f.Items), len(tt.want))
			}
			for i := range tt.want {
				if !reflect.DeepEqual(f.Items[i], tt.want[i]) {
					t.Errorf("item %d:\n got %#v\nwant %#v", i, f.Items[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantIs  error
		wantMsg string
	}{
		{name: "empty", body: "", wantIs: ErrEmpty},
		{name: "whitespace", body: " \n\t ", wantIs: ErrEmpty},
		{name: "HTML page", body: htmlPage, wantIs: ErrNotAFeed, wantMsg: "discover its feed"},
		{name: "HTML without doctype", body: "<html><body>hi</body></html>", wantIs: ErrNotAFeed},
		{name: "plain text", body: "hello world", wantIs: ErrUnknownFormat},
		{name: "other JSON", body: `{"a": 1}`, wantIs: ErrUnknownFormat},
		{name: "broken XML", body: `<rss version="2.0"><channel><title>x</titl`, wantMsg: "malformed"},
		{name: "broken JSON Feed", body: `{"version": "https://jsonfeed.org/version/1.1", "items": [`, wantMsg: "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body), feedURL)
			if err == nil {
				t.Fatalf("got %+v, want an error", f)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("err = %v, want %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %q, want it to say %q", err, tt.wantMsg)
			}
		})
	}
}

func TestParseRepairs(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantTitles []string
	}{
		{
			name:       "windows-1252 bytes declared as UTF-8",
			body:       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>c</title><item><title>Caf\xe9 \x93quoted\x94</title><guid>1</guid></item></channel></rss>",
			wantTitles: []string{"Café \u201cquoted\u201d"},
		},
		{
			name:       "windows-1252 bytes without declaration",
			body:       "<rss version=\"2.0\"><channel><item><title>na\xefve</title><guid>1</guid></item></channel></rss>",
			wantTitles: []string{"naïve"},
		},
		{
			name:       "UTF-8 bytes declared as ISO-8859-1",
			body:       "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Café</title><guid>1</guid></item></channel></rss>",
			wantTitles: []string{"Café"},
		},
		{
			name:       "real ISO-8859-1 is left to the declared charset",
			body:       "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Caf\xe9</title><guid>1</guid></item></channel></rss>",
			wantTitles: []string{"Café"},
		},
		{
			name:       "unknown declared charset",
			body:       "<?xml version=\"1.0\" encoding=\"x-made-up\"?><rss version=\"2.0\"><channel><item><title>Café</title><guid>1</guid></item></channel></rss>",
			wantTitles: []string{"Café"},
		},
		{
			name:       "JSON Feed in windows-1252",
			body:       "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\", \"title\": \"Caf\xe9\"}]}",
			wantTitles: []string{"Café"},
		},
		{
			name: "truncated RSS keeps the complete items",
			body: `<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>
				<item><title>One</title><guid>1</guid></item>
				<item><title>Two</title><guid>2</guid></item>
				<item><title>Thr`,
			wantTitles: []string{"One", "Two"},
		},
		{
			name: "truncated Atom keeps the complete entries",
			body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>
				<entry><id>1</id><title>One</title></entry>
				<entry><id>2</id><title>Tw`,
			wantTitles: []string{"One"},
		},
		{
			name: "truncated RDF keeps the complete items",
			body: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
				<channel rdf:about="x"><title>r</title></channel>
				<item rdf:about="https://e.com/1"><title>One</title><link>https://e.com/1</link></item>
				<item rdf:about="https://e.com/2"><title>T`,
			wantTitles: []string{"One"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body), feedURL)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, it := range f.Items {
				titles = append(titles, it.Title)
			}
			if !reflect.DeepEqual(titles, tt.wantTitles) {
				t.Errorf("titles = %q, want %q", titles, tt.wantTitles)
			}
		})
	}
}

func TestItemWithoutGUIDOrLink(t *testing.T) {
	body := `<rss version="2.0"><channel><item><title>Bare</title><description>d</description></item></channel></rss>`
	a, err := Parse([]byte(body), feedURL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Parse([]byte(body), feedURL)
	if g := a.Items[0].GUID; !strings.HasPrefix(g, "urn:newsdesk:sha256:") || g != b.Items[0].GUID {
		t.Errorf("GUID = %q then %q, want one stable synthetic GUID", g, b.Items[0].GUID)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  plain \n title ", "plain title"},
		{"Tom &amp; Jerry", "Tom & Jerry"},
		{"Tom &amp;amp; Jerry", "Tom & Jerry"},
		{"<b>Bold</b>ly going", "Boldly going"},
		{"one<br>two", "one two"},
		{"5 < 6 &hellip;", "5 < 6 …"},
		{"<script>alert(1)</script>Safe", "Safe"},
		{"&#8220;Quoted&#8221;", "\u201cQuoted\u201d"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
