package feed

import (
	"strings"
	"testing"
	"time"
)

func TestTreeReader(t *testing.T) {
	tests := []struct {
		name, body   string
		check        func(f *Feed) string // returns what is wrong, or ""
		wantRepaired bool
	}{
		{
			name: "xml:base per element resolves links, ids and body URLs",
			body: `<feed xmlns="http://www.w3.org/2005/Atom"><entry xml:base="/a/"><id>p1</id>
				<link href="x.html"/><content type="html" xml:base="http://other.example/b/">&lt;a href="y"&gt;y&lt;/a&gt;</content></entry></feed>`,
			check: func(f *Feed) string {
				it := f.Items[0]
				if it.Link != "https://example.com/a/x.html" || it.GUID != "https://example.com/a/p1" ||
					it.Content != `<a href="http://other.example/b/y">y</a>` {
					return it.Link + " " + it.GUID + " " + it.Content
				}
				return ""
			},
		},
		{
			name: "CDF channel",
			body: `<CHANNEL HREF="http://www.example.org/" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>Chan</TITLE>
				<ITEM HREF="/i1"><TITLE>One</TITLE><ABSTRACT>About</ABSTRACT></ITEM></CHANNEL>`,
			check: func(f *Feed) string {
				if f.Title != "Chan" || f.Link != "http://www.example.org/" || len(f.Items) != 1 ||
					f.Items[0].Link != "https://example.com/i1" || f.Items[0].Summary != "About" ||
					!f.Updated.Equal(time.Date(2004, 4, 7, 4, 5, 43, 0, time.UTC)) {
					return f.Title + " " + f.Link + " " + f.Updated.String()
				}
				return ""
			},
		},
		{
			name: "Atom 0.3 base64 and escaped modes",
			body: `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>
				<summary type="text/html" mode="escaped">&lt;b&gt;s&lt;/b&gt;</summary>
				<content type="text/html" mode="base64">PGI+YzwvYj4=</content></entry></feed>`,
			check: func(f *Feed) string {
				if it := f.Items[0]; it.Summary != "<b>s</b>" || it.Content != "<b>c</b>" {
					return it.Summary + " " + it.Content
				}
				return ""
			},
		},
		{
			name: "inline XHTML keeps foreign namespaces as xmlns",
			body: `<feed xmlns="http://www.w3.org/2005/Atom"><entry xmlns:svg="http://www.w3.org/2000/svg">
				<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a</p><svg:svg width="1"><svg:circle r="2"/></svg:svg></div></content></entry></feed>`,
			check: func(f *Feed) string {
				want := `<p>a</p><svg width="1" xmlns="http://www.w3.org/2000/svg"><circle r="2"></circle></svg>`
				if f.Items[0].Content != want {
					return f.Items[0].Content
				}
				return ""
			},
		},
		{
			name: "undeclared common prefix is read, and the feed marked repaired",
			body: `<rss version="2.0"><channel><title>T</title><item><title>I</title><dc:creator>Ann</dc:creator></item></channel></rss>`,
			check: func(f *Feed) string {
				if f.Items[0].Author != "Ann" {
					return f.Items[0].Author
				}
				return ""
			},
			wantRepaired: true,
		},
		{
			name: "entity declared in the internal DTD",
			body: `<!DOCTYPE rss [<!ENTITY site "tag:example.com,">]><rss version="2.0"><channel><item><guid isPermaLink="false">&site;2006:/x</guid></item></channel></rss>`,
			check: func(f *Feed) string {
				if it := f.Items[0]; it.GUID != "tag:example.com,2006:/x" || it.Link != "" {
					return it.GUID + " " + it.Link
				}
				return ""
			},
		},
		{
			name: "Atom in an unusual namespace reads by the root's namespace",
			body: `<feed version="0.3" xmlns="http://purl.org/echo/"><title>Echo</title></feed>`,
			check: func(f *Feed) string {
				if f.Title != "Echo" {
					return f.Title
				}
				return ""
			},
		},
		{
			name: "truncated after the channel's last element keeps it",
			body: `<rss><channel><title>Cut &#8217; here</title></channel></rss`,
			check: func(f *Feed) string {
				if f.Title != "Cut \u2019 here" {
					return f.Title
				}
				return ""
			},
			wantRepaired: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body), "https://example.com/feed")
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(f); msg != "" {
				t.Errorf("got %s", msg)
			}
			if f.Repaired != tt.wantRepaired {
				t.Errorf("Repaired = %v, want %v", f.Repaired, tt.wantRepaired)
			}
		})
	}
}

func TestRSSAuthor(t *testing.T) {
	tests := map[string]string{
		"editor@example.com (Jane Doe)": "Jane Doe",
		"Jane Doe (editor@example.com)": "Jane Doe",
		"Jane Doe <editor@example.com>": "Jane Doe",
		"Jane Doe (Reuters)":            "Jane Doe (Reuters)",
		"editor@example.com":            "editor@example.com",
	}
	for in, want := range tests {
		if got := rssAuthor(in); got != want {
			t.Errorf("rssAuthor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2003-12-31T10:14:55Z", time.Date(2003, 12, 31, 10, 14, 55, 0, time.UTC), true},
		{"2003-12-31T10:14:55-08:00", time.Date(2003, 12, 31, 18, 14, 55, 0, time.UTC), true},
		{"Wed, 31 Dec 2003 10:14:55 EST", time.Date(2003, 12, 31, 15, 14, 55, 0, time.UTC), true},
		{"Wed, 31 Dec 2003 10:14:55 +0100", time.Date(2003, 12, 31, 9, 14, 55, 0, time.UTC), true},
		{"2003-12-31", time.Date(2003, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{"Wed, 31 Dec 2003 10:14:55 XYZ", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{strings.Repeat("9", 100), time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
