package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func TestUnsafeMarkupCheck(t *testing.T) {
	for h, want := range map[string]bool{
		`<p>javascript: is a word here</p>`:        false,
		`<a href="JavaScript:alert(1)">x</a>`:      true,
		`<a href=" java script:alert(1)">x</a>`:    true,
		`<img src="x.png" onerror="alert(1)">`:     true,
		`<script>alert(1)</script>`:                true,
		`<a href="https://example.com/a">fine</a>`: false,
	} {
		if got := unsafeMarkup(h) != ""; got != want {
			t.Errorf("unsafeMarkup(%q) found something: %v, want %v", h, got, want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, seed := range []string{
		"",
		"<html><body><article><p>" + sampleProse + "</p></article></body></html>",
		`<div class="share"><a href="javascript:alert(1)">x</a></div><p>` + sampleProse + `<img src=x onerror=alert(1)></p>`,
		"<table><tr><td><form><nav><aside><p>" + sampleProse,
		strings.Repeat("<div>", 600) + sampleProse,
		"<p>\xff\xfe broken utf-8 " + sampleProse,
	} {
		f.Add([]byte(seed), "https://example.com/a/b.html")
	}
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		res, err := Extract(page, Options{URL: pageURL, MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		if !utf8.ValidString(res.Text) || !utf8.ValidString(res.HTML) {
			t.Fatalf("invalid UTF-8 in output")
		}
		if bad := unsafeMarkup(res.HTML); bad != "" {
			t.Fatalf("unsafe %s survived: %s", bad, res.HTML)
		}
	})
}

// unsafeMarkup names the first thing in h that could run script: a script
// element, an event handler, or a URL attribute with a script scheme. The
// same words as plain text are harmless and not reported.
func unsafeMarkup(h string) string {
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" {
				return "<script>"
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				val := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(key, "on"):
					return "event handler " + key
				case (key == "href" || key == "src") && (strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:text/html")):
					return key + "=" + a.Val
				}
			}
		}
	}
}
