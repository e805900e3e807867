package opml

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		title string
		want  []Outline
	}{
		{
			name: "flat feeds",
			doc: `<?xml version="1.0"?><opml version="1.0"><head><title>My feeds</title></head><body>
				<outline text="A" type="rss" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/"/>
				<outline text="B text" title="B" xmlUrl=" https://b.example/rss "/></body></opml>`,
			title: "My feeds",
			want: []Outline{
				{Title: "A", XMLURL: "https://a.example/feed", HTMLURL: "https://a.example/"},
				{Title: "B", XMLURL: "https://b.example/rss"},
			},
		},
		{
			name: "folders become categories, outermost wins",
			doc: `<opml version="2.0"><body>
				<outline text="Politics"><outline text="P1" xmlUrl="https://p.example/1"/>
					<outline text="Sub"><outline text="P2" xmlUrl="https://p.example/2"/></outline></outline>
				<outline text="Loose" xmlUrl="https://l.example/"/>
				<outline text="  Business  "><outline text="B1" xmlurl="https://b.example/1"/></outline>
				</body></opml>`,
			want: []Outline{
				{Title: "P1", XMLURL: "https://p.example/1", Category: "Politics"},
				{Title: "P2", XMLURL: "https://p.example/2", Category: "Politics"},
				{Title: "Loose", XMLURL: "https://l.example/"},
				{Title: "B1", XMLURL: "https://b.example/1", Category: "Business"},
			},
		},
		{
			name: "category attribute, first path element",
			doc: `<opml version="2.0"><body>
				<outline text="W" xmlUrl="https://w.example/" category="/World/Europe,/Tags/x"/>
				<outline text="T" xmlUrl="https://t.example/" category="Technology"/></body></opml>`,
			want: []Outline{
				{Title: "W", XMLURL: "https://w.example/", Category: "World"},
				{Title: "T", XMLURL: "https://t.example/", Category: "Technology"},
			},
		},
		{
			name: "HTML entities and latin-1",
			doc:  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml><body><outline text=\"Caf\xe9&nbsp;News\" xmlUrl=\"https://c.example/\"/></body></opml>",
			want: []Outline{{Title: "Café News", XMLURL: "https://c.example/"}},
		},
		{
			name: "folder only",
			doc:  `<opml><body><outline text="Empty"></outline></body></opml>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Title, tt.title)
			}
			if !reflect.DeepEqual(doc.Outlines, tt.want) {
				t.Errorf("outlines =\n%+v\nwant\n%+v", doc.Outlines, tt.want)
			}
		})
	}
}

func TestReadRefuses(t *testing.T) {
	deep := "<opml><body>" + strings.Repeat("<outline text='x'>", maxDepth+1) + "</body></opml>"
	tests := []struct {
		name string
		doc  string
	}{
		{"not OPML", `<rss><channel/></rss>`},
		{"not XML", `hello`},
		{"too deep", deep},
		{"too large", "<opml><body>" + strings.Repeat(" ", MaxBytes) + "</body></opml>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Read(strings.NewReader(tt.doc)); err == nil {
				t.Fatal("Read accepted it")
			}
		})
	}
	_, err := Read(strings.NewReader("<opml>" + strings.Repeat(" ", MaxBytes) + "</opml>"))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversize error = %v, want ErrTooLarge", err)
	}
}

func TestWriteRoundTrip(t *testing.T) {
	in := Document{Title: `News & "views"`, Outlines: []Outline{
		{Title: "A <1>", XMLURL: "https://a.example/feed?x=1&y=2", HTMLURL: "https://a.example/", Category: "Politics"},
		{Title: "No category", XMLURL: "https://n.example/"},
		{Title: "B", XMLURL: "https://b.example/", Category: "Business"},
		{Title: "C", XMLURL: "https://c.example/", Category: "Politics"},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<opml version="2.0">`) {
		t.Errorf("not OPML 2.0:\n%s", buf.String())
	}
	out, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if out.Title != in.Title {
		t.Errorf("title = %q, want %q", out.Title, in.Title)
	}
	// Write groups by category, so compare as sets keyed by feed.
	got := map[string]Outline{}
	for _, o := range out.Outlines {
		got[o.XMLURL] = o
	}
	for _, o := range in.Outlines {
		if got[o.XMLURL] != o {
			t.Errorf("feed %s came back as %+v, want %+v", o.XMLURL, got[o.XMLURL], o)
		}
	}
	if len(out.Outlines) != len(in.Outlines) {
		t.Errorf("%d feeds came back, want %d", len(out.Outlines), len(in.Outlines))
	}
}

func FuzzRead(f *testing.F) {
	f.Add(`<opml><body><outline text="F"><outline text="a" xmlUrl="https://a/"/></outline></body></opml>`)
	f.Add(`<opml><head><title>t</title></head><body><outline xmlUrl="x" category="/a/b"/></body></opml>`)
	f.Add(`<?xml version="1.0" encoding="windows-1252"?><opml><body><outline text="&eacute;" xmlUrl="u"/>`)
	f.Add(`<opml><body><outline><outline><outline>`)
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := Read(strings.NewReader(s))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, doc); err != nil {
			t.Fatal(err)
		}
		again, err := Read(&buf)
		if err != nil {
			t.Fatalf("Write produced a document Read refuses: %v\n%s", err, buf.String())
		}
		if len(again.Outlines) != len(doc.Outlines) {
			t.Fatalf("round trip kept %d of %d feeds", len(again.Outlines), len(doc.Outlines))
		}
		for i, o := range doc.Outlines {
			if utf8.ValidString(o.XMLURL) && !strings.ContainsFunc(o.XMLURL, func(r rune) bool { return r < 0x20 }) {
				found := false
				for _, a := range again.Outlines {
					found = found || a.XMLURL == o.XMLURL
				}
				if !found {
					t.Fatalf("feed %d %q lost in round trip", i, o.XMLURL)
				}
			}
		}
	})
}
