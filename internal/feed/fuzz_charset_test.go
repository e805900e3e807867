package feed

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// conformanceDir holds the shared feed suites; fuzz seeds are read from it
// at test time when it exists, never copied into the repository.
const conformanceDir = "/work/shared/data/feeds"

// addDataSeeds adds up to limit files from the shared suites under sub.
func addDataSeeds(f *testing.F, sub string, limit int, add func([]byte)) {
	n := 0
	_ = filepath.WalkDir(filepath.Join(conformanceDir, sub), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || n >= limit {
			return nil
		}
		if body, err := os.ReadFile(path); err == nil && len(body) < 64<<10 {
			add(body)
			n++
		}
		return nil
	})
}

func FuzzParseWithContentType(f *testing.F) {
	seeds := []struct{ body, ct string }{
		{"\xff\xfe<\x00r\x00s\x00s\x00/\x00>\x00", ""},
		{`<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>caf\xe9</title></channel></rss>`, "text/xml; charset=utf-8"},
		{`<?xml version="1.0" encoding="utf-8"?><rss><channel><item><title>\x93q\x94</title></item></channel></rss>`, "application/rss+xml"},
		{"\x00<\x00?\x00x\x00m\x00l", "text/xml; charset=bogus"},
	}
	for _, s := range seeds {
		f.Add([]byte(s.body), s.ct)
	}
	addDataSeeds(f, "feedparser-tests/encoding", 40, func(b []byte) { f.Add(b, "text/xml") })
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		feed, err := ParseWithContentType(body, feedURL, contentType)
		if err != nil {
			if feed != nil {
				t.Fatalf("both a feed and %v", err)
			}
			return
		}
		for _, it := range feed.Items {
			if !utf8.ValidString(it.Title) {
				t.Fatalf("title not UTF-8: %q", it.Title)
			}
		}
	})
}

func FuzzResolveHTML(f *testing.F) {
	for _, s := range []string{`<a href="/x">y</a>`, `<img src="a b.png"/>`, `<a href="javascript:alert(1)">`,
		`<p>no links</p>`, `<a href=x`, `<a href="//host/p" HREF="q">`} {
		f.Add(s, "https://example.com/feed/")
	}
	addDataSeeds(f, "feedparser-tests/wellformed/base", 40, func(b []byte) { f.Add(string(b), "http://127.0.0.1:8097/") })
	f.Fuzz(func(t *testing.T, fragment, rawBase string) {
		base, err := url.Parse(rawBase)
		if err != nil || !base.IsAbs() {
			return
		}
		out := resolveHTML(base, fragment)
		if !strings.Contains(fragment, "<") && out != fragment {
			t.Fatalf("text without tags changed: %q -> %q", fragment, out)
		}
		if again := resolveHTML(base, out); again != out && utf8.ValidString(fragment) {
			// Resolving twice must change nothing: every URL is absolute now.
			t.Fatalf("not idempotent:\n%q\n%q", out, again)
		}
	})
}

func TestResolveHTML(t *testing.T) {
	base, _ := url.Parse("https://example.com/feed/")
	tests := []struct{ in, want string }{
		{`<a href="/x">y</a>`, `<a href="https://example.com/x">y</a>`},
		{`<img src="p.png" alt="a&amp;b"/>`, `<img src="https://example.com/feed/p.png" alt="a&amp;b" />`},
		{`<a href="https://other.example/">k</a>`, `<a href="https://other.example/">k</a>`},
		{`<a href="#top">t</a>`, `<a href="#top">t</a>`},
		{`plain & text`, `plain & text`},
	}
	for _, tt := range tests {
		if got := resolveHTML(base, tt.in); got != tt.want {
			t.Errorf("resolveHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseWithContentTypeCharset(t *testing.T) {
	latin := "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>caf\xe9</title></channel></rss>"
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(`<rss version="2.0"><channel><title>café</title></channel></rss>`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body, ct, want string
		repaired             bool
	}{
		{"declaration used without header", latin, "", "café", false},
		{"header charset overrides the declaration", strings.Replace(latin, "\xe9", "\xc3\xa9", 1), "text/xml; charset=utf-8", "café", true},
		{"text/xml without charset lets the document decide", latin, "text/xml", "café", false},
		{"UTF-16 by BOM", utf16, "text/xml; charset=iso-8859-1", "café", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseWithContentType([]byte(tt.body), feedURL, tt.ct)
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tt.want || f.Repaired != tt.repaired {
				t.Errorf("title %q repaired %v, want %q %v", f.Title, f.Repaired, tt.want, tt.repaired)
			}
		})
	}
}
