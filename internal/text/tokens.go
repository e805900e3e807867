package text

import (
	"iter"
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
	sc := newTokenScanner(s)
	for {
		word, ascii, ok := sc.next()
		if !ok {
			return out
		}
		if ascii {
			out = append(out, string(word))
		} else if w := fold(string(word)); w != "" {
			// A run of bare combining marks folds to nothing.
			out = append(out, w)
		}
	}
}

// AppendTokenHashes appends Hash64 of each token of s, as Tokens finds
// them, and returns the extended slice. ASCII words, the common case, are
// hashed without building their strings.
func AppendTokenHashes(dst []uint64, s string) []uint64 {
	sc := newTokenScanner(s)
	for {
		word, ascii, ok := sc.next()
		if !ok {
			return dst
		}
		if ascii {
			dst = append(dst, hash64(word))
		} else if w := fold(string(word)); w != "" {
			dst = append(dst, Hash64(w))
		}
	}
}

// TokenBytes yields the tokens of s, as Tokens returns them, without
// building their strings: each is only valid until the next.
func TokenBytes(s string) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		sc := newTokenScanner(s)
		for {
			word, ascii, ok := sc.next()
			if !ok {
				return
			}
			if !ascii {
				w := fold(string(word))
				if w == "" {
					continue
				}
				word = []byte(w)
			}
			if !yield(word) {
				return
			}
		}
	}
}

// tokenScanner finds the words of a string for Tokens, AppendTokenHashes
// and TokenBytes, one at a time, lowercased but not yet folded.
type tokenScanner struct {
	s     string
	i     int // next byte of s to read
	runes int // runes in the current word
	n     int // bytes of the current word in buf
	ascii bool
	buf   [4 * MaxTokenRunes]byte
}

func newTokenScanner(s string) tokenScanner { return tokenScanner{s: s, ascii: true} }

// next returns the next word of at most MaxTokenRunes runes, UTF-8
// encoded, and whether it is all ASCII (then folding would not change it),
// or ok false at the end. word is only valid until the next call.
func (t *tokenScanner) next() (word []byte, ascii, ok bool) {
	s := t.s
	for t.i < len(s) {
		if c := s[t.i]; c < utf8.RuneSelf && c != '\'' {
			// ASCII other than the apostrophe: a letter, a digit or a
			// separator, decided without the Unicode tables.
			t.i++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				// add, inlined for the common case
				t.runes++
				if t.runes <= MaxTokenRunes {
					t.buf[t.n] = c
					t.n++
				}
			default:
				if word, ascii, ok := t.take(); ok {
					return word, ascii, true
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[t.i:])
		t.i += size
		switch {
		case isWordRune(r):
			t.add(unicode.ToLower(r))
		case isApostrophe(r) && t.runes > 0:
			next, nsize := utf8.DecodeRuneInString(s[t.i:])
			if !isWordRune(next) {
				if word, ascii, ok := t.take(); ok {
					return word, ascii, true
				}
				continue
			}
			if unicode.ToLower(next) == 's' {
				after, _ := utf8.DecodeRuneInString(s[t.i+nsize:])
				if !isWordRune(after) {
					t.i += nsize // possessive: drop the "'s"
					if word, ascii, ok := t.take(); ok {
						return word, ascii, true
					}
				}
			}
		default:
			if word, ascii, ok := t.take(); ok {
				return word, ascii, true
			}
		}
	}
	return t.take()
}

// add appends a (lowercased) rune to the current word. Runes past
// MaxTokenRunes are only counted: the word will be dropped.
func (t *tokenScanner) add(r rune) {
	t.runes++
	if t.runes > MaxTokenRunes {
		return
	}
	if r < utf8.RuneSelf {
		t.buf[t.n] = byte(r)
		t.n++
		return
	}
	t.n += utf8.EncodeRune(t.buf[t.n:], r)
	t.ascii = false
}

// take ends the current word and returns it if it is one to keep.
func (t *tokenScanner) take() (word []byte, ascii, ok bool) {
	runes, n, ascii := t.runes, t.n, t.ascii
	t.runes, t.n, t.ascii = 0, 0, true
	if runes == 0 || runes > MaxTokenRunes {
		return nil, false, false
	}
	return t.buf[:n], ascii, true
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
