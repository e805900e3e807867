package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// maxDepth is how deep flattenDeep lets elements nest; well below the
// parser's own limit of 512 so that implied elements (tbody, p) fit too.
const maxDepth = 256

// flattenDeep rewrites a page so that no element nests deeper than limit:
// tags opened beyond it are dropped with their matching end tags, their text
// kept. It tokenizes, so its cost is linear and its stack flat.
func flattenDeep(page []byte, limit int) []byte {
	z := html.NewTokenizer(bytes.NewReader(page))
	var out bytes.Buffer
	out.Grow(len(page))
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement(string(name)) {
				out.Write(z.Raw())
				continue
			}
			depth++
			if depth <= limit {
				out.Write(z.Raw())
			}
		case html.EndTagToken:
			if depth <= limit {
				out.Write(z.Raw())
			}
			if depth > 0 {
				depth--
			}
		default:
			out.Write(z.Raw())
		}
	}
}

func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
		"meta", "source", "track", "wbr", "param", "keygen":
		return true
	}
	return false
}
