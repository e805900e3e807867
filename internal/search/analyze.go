package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
	"golang.org/x/text/unicode/norm"
)

// MaxWordRunes bounds a word: longer runs of letters are not words a
// reader types (URLs, base64, DNA) and are skipped, in documents and
// queries alike, so they cannot blow up the vocabulary.
const MaxWordRunes = 64

// stemmers are the snowball stemmers an index may use, by language name.
var stemmers = map[string]func(*snowball.Env) bool{
	"danish": danish.Stem, "dutch": dutch.Stem, "english": english.Stem,
	"finnish": finnish.Stem, "french": french.Stem, "german": german.Stem,
	"hungarian": hungarian.Stem, "italian": italian.Stem, "norwegian": norwegian.Stem,
	"portuguese": portuguese.Stem, "romanian": romanian.Stem, "russian": russian.Stem,
	"spanish": spanish.Stem, "swedish": swedish.Stem, "turkish": turkish.Stem,
}

// Languages lists the languages Options.Language accepts ("none" turns
// stemming off).
func Languages() []string {
	out := []string{"none"}
	for l := range stemmers {
		out = append(out, l)
	}
	return out
}

// analyzer turns text into index terms: words are runs of letters, digits
// and combining marks (anything else separates, as FTS5's unicode61 does),
// folded to lower case without diacritics, then stemmed.
type analyzer struct {
	stem func(*snowball.Env) bool // nil: no stemming
}

func newAnalyzer(language string) *analyzer {
	return &analyzer{stem: stemmers[language]}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r))
}

// forEachWord calls fn with each word of text (a slice of text) in order.
// ASCII is split without decoding runes.
func forEachWord(text string, fn func(w string)) {
	from := -1
	for i := 0; i < len(text); {
		c := text[i]
		var word bool
		size := 1
		if c < utf8.RuneSelf {
			word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			word = isWordRune(r)
		}
		if word {
			if from < 0 {
				from = i
			}
		} else if from >= 0 {
			fn(text[from:i])
			from = -1
		}
		i += size
	}
	if from >= 0 {
		fn(text[from:])
	}
}

// fold lower-cases w and strips its diacritics ("Zürich" → "zurich",
// "Łódź" → "lodz"). It returns "" for a word longer than MaxWordRunes.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if len(w) > MaxWordRunes {
			return ""
		}
		return strings.ToLower(w)
	}
	if utf8.RuneCountInString(w) > MaxWordRunes {
		return ""
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r = unicode.ToLower(r); r {
		case 'ß':
			b.WriteString("ss")
		case 'æ':
			b.WriteString("ae")
		case 'œ':
			b.WriteString("oe")
		case 'ø':
			b.WriteByte('o')
		case 'ł':
			b.WriteByte('l')
		case 'đ':
			b.WriteByte('d')
		case 'ı':
			b.WriteByte('i')
		case 'þ':
			b.WriteString("th")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// term returns the index term of a folded word: its stem when the word is
// all letters and a stemmer is set, else the word itself.
func (a *analyzer) term(folded string) string {
	if a.stem == nil || folded == "" {
		return folded
	}
	for _, r := range folded {
		if !unicode.IsLetter(r) {
			return folded
		}
	}
	env := snowball.NewEnv(folded)
	a.stem(env)
	if s := env.Current(); s != "" {
		return s
	}
	return folded
}

// terms analyzes text into its terms in order, one per word; a word too
// long to index gives "" so that positions still count it.
func (a *analyzer) terms(text string) []string {
	var out []string
	forEachWord(text, func(w string) {
		out = append(out, a.term(fold(w)))
	})
	return out
}
