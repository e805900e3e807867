package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

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
		lower := strings.ToLower(res.HTML)
		for _, bad := range []string{"<script", "javascript:", "onerror="} {
			if strings.Contains(lower, bad) {
				t.Fatalf("unsafe %q survived: %s", bad, res.HTML)
			}
		}
	})
}
