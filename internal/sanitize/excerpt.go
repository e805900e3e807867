package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ellipsis marks an excerpt that was cut.
const ellipsis = "…"

// Excerpt returns at most maxRunes runes of plain text from htmlOrText, all
// on one line. When the text is longer it is cut at a word boundary and "…"
// appended, so the result has at most maxRunes+1 runes. Entities are decoded
// before cutting, so the cut never lands inside one; the result carries no
// markup and must still be escaped when put into HTML.
func Excerpt(htmlOrText string, maxRunes int) string {
	if maxRunes <= 0 {
		return ""
	}
	text := excerptText(htmlOrText, maxRunes)
	if utf8.RuneCountInString(text) <= maxRunes {
		return text
	}
	return cutAtWord(text, maxRunes) + ellipsis
}

// excerptText is the collapsed plain text of s, read only as far as an
// excerpt of maxRunes needs (one rune past it, to see whether a word ends).
func excerptText(s string, maxRunes int) string {
	w := textWriter{limit: maxRunes + 1}
	if strings.ContainsAny(s, "<&") {
		w.html(s)
	} else {
		w.text(cleanInput(s))
	}
	return strings.Join(strings.Fields(w.b.String()), " ")
}

// cutAtWord returns the longest prefix of text with at most maxRunes runes
// that ends at a word boundary, minus trailing punctuation that would read
// badly before an ellipsis. A first word longer than maxRunes is cut inside.
func cutAtWord(text string, maxRunes int) string {
	end := byteOffset(text, maxRunes)
	if end >= len(text) {
		return text
	}
	cut := text[:end]
	if r, _ := utf8.DecodeRuneInString(text[end:]); !unicode.IsSpace(r) {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 {
			cut = cut[:i]
		}
	}
	trimmed := strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—([{/&\"'“‘«", r)
	})
	if trimmed == "" {
		return cut
	}
	return trimmed
}

// byteOffset returns the byte index just past the first n runes of s.
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
