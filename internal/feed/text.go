package feed

import (
	"strings"

	"golang.org/x/net/html"
)

// plainText turns a title that may hold markup or entities into one line of
// text: tags stripped, entities decoded (twice when a feed escaped them
// twice, as "&amp;amp;" is common), whitespace collapsed.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	skipping := false // inside <script> or <style>, whose text is not words
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			out := b.String()
			if strings.Contains(out, "&") {
				out = html.UnescapeString(out)
			}
			return strings.Join(strings.Fields(out), " ")
		case html.TextToken:
			if !skipping {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skipping = tt == html.StartTagToken
			case "br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "tr":
				b.WriteByte(' ') // "one<br>two" is two words
			}
		}
	}
}

// maxImageScanTokens bounds the search for an image in a long article.
const maxImageScanTokens = 10_000

// firstImage returns the src of the first <img> in an HTML fragment, or "".
func firstImage(fragment string) string {
	if !strings.Contains(fragment, "<img") && !strings.Contains(fragment, "<IMG") {
		return ""
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	for range maxImageScanTokens {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "img" || !hasAttr {
				continue
			}
			if src := readAttrs(z)["src"]; strings.TrimSpace(src) != "" {
				return strings.TrimSpace(src)
			}
		}
	}
	return ""
}
