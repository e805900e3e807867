package story

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/text"
)

// maxDocTerms bounds the distinct terms kept per article, and so the work
// and memory per article, whatever its length.
const maxDocTerms = 64

// stemRunes is where words are cut: a crude stemmer for any language that
// makes "independence" and "independent", "election" and "elections" one
// term (see bench/storyeval: 7 beat 5, 6 and whole words on News-T).
const stemRunes = 7

// term is one distinct word of an article with its weight. name marks a
// capitalised word, cont the second and later words of a capitalised name
// ("Angela Merkel"): a full name is one piece of evidence, and a story is
// not joined on one shared name alone.
type term struct {
	word   string
	weight float64
	name   bool
	cont   bool
	head   bool // the word is in the headline
}

// docTerms extracts the weighted terms of an article: headline words count
// 1, words of the lead (the first leadWords words of the text) count
// leadWeight, stopwords and one-letter words are dropped.
func docTerms(title, body string, leadWords int, leadWeight, bigramWeight float64) []term {
	b := termBuilder{index: make(map[string]int, 16), head: true}
	b.addText(title, 1, -1)
	if bigramWeight > 0 {
		b.addBigrams(title, bigramWeight)
	}
	b.head = false
	if leadWords > 0 && body != "" {
		b.addText(leadOf(body, leadWords), leadWeight, leadWords)
	}
	return b.out
}

type termBuilder struct {
	out   []term
	index map[string]int
	head  bool // adding headline words
}

// addText adds the words of s (at most limit words when limit >= 0). A word
// that follows a capitalised word and is capitalised itself continues a name.
func (b *termBuilder) addText(s string, weight float64, limit int) {
	prevName := false
	n := 0
	for _, raw := range strings.Fields(s) {
		name := startsUpper(raw)
		toks := text.Tokens(raw)
		for j, w := range toks {
			if limit >= 0 && n >= limit {
				return
			}
			n++
			if keepWord(w) {
				b.add(stem(w), weight, name, (prevName && name) || j > 0)
			}
		}
		prevName = name && len(toks) > 0
	}
}

// addBigrams adds each pair of neighbouring kept headline words as one
// term: "black friday" and "black nativity" share a word but not a pair.
// A pair inside a name is a name continuation, so a full name is still one
// piece of evidence.
func (b *termBuilder) addBigrams(s string, weight float64) {
	prev, prevName := "", false
	for _, raw := range strings.Fields(s) {
		name := startsUpper(raw)
		for _, w := range text.Tokens(raw) {
			if !keepWord(w) {
				continue
			}
			if prev != "" {
				b.add(prev+" "+w, weight, prevName && name, prevName && name)
			}
			prev, prevName = w, name
		}
	}
}

func (b *termBuilder) add(w string, weight float64, name, cont bool) {
	if i, ok := b.index[w]; ok {
		b.out[i].weight += weight
		b.out[i].name = b.out[i].name && name
		b.out[i].cont = b.out[i].cont && cont
		b.out[i].head = b.out[i].head || b.head
		return
	}
	if len(b.out) >= maxDocTerms {
		return
	}
	b.index[w] = len(b.out)
	b.out = append(b.out, term{word: w, weight: weight, name: name, cont: cont, head: b.head})
}

// leadOf returns roughly the first n words of s without tokenising all of a
// long body.
func leadOf(s string, n int) string {
	limit := n * 12 // generous bytes per word
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func keepWord(w string) bool {
	return len(w) > 1 && !text.IsStopword(w)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// stem cuts w after stemRunes runes.
func stem(w string) string {
	n := 0
	for i := range w {
		if n == stemRunes {
			return w[:i]
		}
		n++
	}
	return w
}
