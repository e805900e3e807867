package meta

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestCanonicalAddress(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"link, relative", `<head><link rel="canonical" href="/news/tram"><meta property="og:url" content="https://example.com/og"></head>`, "https://example.com/news/tram"},
		{"og:url when no link", `<head><meta property="og:url" content="https://example.com/og"></head>`, "https://example.com/og"},
		{"none", `<head><title>x</title></head>`, ""},
		{"not http", `<head><link rel="canonical" href="javascript:alert(1)"></head>`, ""},
	}
	for _, tt := range tests {
		root, err := html.Parse(strings.NewReader(tt.page))
		if err != nil {
			t.Fatal(err)
		}
		if got := Extract(root, "https://example.com/news/tram?utm_source=rss").Canonical; got != tt.want {
			t.Errorf("%s: Canonical = %q, want %q", tt.name, got, tt.want)
		}
	}
}
