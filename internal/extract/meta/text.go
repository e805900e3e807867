package meta

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"
)

// leftEntity is an HTML entity still in text after parsing: the publisher
// escaped it twice.
var leftEntity = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|quot|apos|lt|gt|nbsp);`)

// repairText undoes two publishing faults seen in titles and names: an
// entity escaped twice ("&amp;#x26;"), and UTF-8 read as Latin-1
// ("Investorâ\u0080\u0099s").
func repairText(s string) string {
	if strings.Contains(s, "&") && leftEntity.MatchString(s) {
		s = html.UnescapeString(s)
	}
	if strings.ContainsAny(s, "ÃÂâ") {
		if fixed, ok := latin1Mojibake(s); ok {
			s = fixed
		}
	}
	return s
}

// latin1Mojibake reads s's runes as bytes; when every rune fits a byte, some
// are above ASCII and the bytes are valid UTF-8, that is the text meant.
func latin1Mojibake(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	high := false
	for _, r := range s {
		if r > 0xff {
			return "", false
		}
		if r >= 0x80 {
			high = true
		}
		b = append(b, byte(r))
	}
	if !high || !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}
