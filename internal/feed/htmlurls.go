package feed

import (
	"html"
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
)

// urlAttrs are the attributes whose relative URLs resolveHTML makes absolute.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "background": true, "action": true}

// maxResolveTokens bounds the rewrite of one body.
const maxResolveTokens = 200_000

// resolveHTML makes the relative URLs of a fragment's links and media
// absolute against base, so that the body still works once it is shown on
// another site. Tags it does not change keep their bytes as written.
func resolveHTML(base *url.URL, fragment string) string {
	if base == nil || (!strings.Contains(fragment, "href") && !strings.Contains(fragment, "src") &&
		!strings.Contains(fragment, "poster") && !strings.Contains(fragment, "cite")) {
		return fragment
	}
	var b strings.Builder
	b.Grow(len(fragment) + 64)
	z := xhtml.NewTokenizer(strings.NewReader(fragment))
	for range maxResolveTokens {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return b.String()
		}
		raw := z.Raw()
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			b.Write(raw)
			continue
		}
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if !urlAttrs[a.Key] || a.Namespace != "" {
				continue
			}
			abs := absoluteRef(base, a.Val)
			if abs != a.Val {
				tok.Attr[i].Val, changed = abs, true
			}
		}
		if !changed {
			b.Write(raw)
			continue
		}
		writeTag(&b, tok)
	}
	return fragment // too long to rewrite: keep it as given
}

// absoluteRef resolves ref against base, keeping ref when it is absolute,
// a fragment, or not a URL at all.
func absoluteRef(base *url.URL, ref string) string {
	r := strings.TrimSpace(ref)
	if r == "" || strings.HasPrefix(r, "#") {
		return ref
	}
	u, err := url.Parse(r)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

func writeTag(b *strings.Builder, t xhtml.Token) {
	b.WriteByte('<')
	b.WriteString(t.Data)
	for _, a := range t.Attr {
		b.WriteByte(' ')
		if a.Namespace != "" {
			b.WriteString(a.Namespace + ":")
		}
		b.WriteString(a.Key)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(a.Val))
		b.WriteByte('"')
	}
	if t.Type == xhtml.SelfClosingTagToken {
		b.WriteString(" /")
	}
	b.WriteByte('>')
}
