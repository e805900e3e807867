package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxTokenRunes is the longest token Tokens keeps; longer runs of letters are
// base64, URLs glued together or other noise, and would only bloat indexes.
const MaxTokenRunes = 40

// Tokens splits s into lowercased words of letters and digits. Everything
// else separates words, except apostrophes inside a word: they are dropped
// ("don't" -> "dont") and a possessive "'s" is removed ("Biden's" ->
// "biden"). Diacritics are folded ("Pokémon" -> "pokemon") so that outlets
// that spell a name with or without accents agree.
func Tokens(s string) []string {
	var out []string
	var word []rune
	flush := func() {
		if len(word) > 0 && len(word) <= MaxTokenRunes {
			// A run of bare combining marks folds to nothing.
			if w := fold(string(word)); w != "" {
				out = append(out, w)
			}
		}
		word = word[:0]
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case isWordRune(r):
			word = append(word, unicode.ToLower(r))
		case isApostrophe(r) && len(word) > 0:
			next, nsize := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(next) {
				flush()
				continue
			}
			if unicode.ToLower(next) == 's' {
				after, _ := utf8.DecodeRuneInString(s[i+nsize:])
				if !isWordRune(after) {
					i += nsize // possessive: drop the "'s"
					flush()
				}
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’'
}

// fold removes combining marks after canonical decomposition. ASCII words,
// the common case, are returned untouched without allocating.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
