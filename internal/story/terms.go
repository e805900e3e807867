package story

import (
	"bytes"
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
	word   []byte // in the termBuilder's buffer, until it is reset
	weight float64
	name   bool
	cont   bool
	head   bool // the word is in the headline
}

// docTerms extracts the weighted terms of an article into b (reset first):
// headline words count 1, words of the lead (the first leadWords words of
// the text) count leadWeight, stopwords and one-letter words are dropped.
func docTerms(b *termBuilder, title, body string, leadWords int, leadWeight, bigramWeight float64) []term {
	b.out, b.words, b.head = b.out[:0], b.words[:0], true
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

// termBuilder collects an article's terms. It is reused from article to
// article, so the words are kept in one buffer rather than as strings.
type termBuilder struct {
	out   []term
	words []byte // the terms' words
	pair  []byte // scratch for a word pair
	head  bool   // adding headline words
}

// addText adds the words of s (at most limit words when limit >= 0). A word
// that follows a capitalised word and is capitalised itself continues a name.
func (b *termBuilder) addText(s string, weight float64, limit int) {
	prevName := false
	n := 0
	for raw := range strings.FieldsSeq(s) {
		name := startsUpper(raw)
		j := 0 // the word's place in raw
		for w := range text.TokenBytes(raw) {
			if limit >= 0 && n >= limit {
				return
			}
			n++
			if keepWord(w) {
				b.add(stem(w), weight, name, (prevName && name) || j > 0)
			}
			j++
		}
		prevName = name && j > 0
	}
}

// addBigrams adds each pair of neighbouring kept headline words as one
// term: "black friday" and "black nativity" share a word but not a pair.
// A pair inside a name is a name continuation, so a full name is still one
// piece of evidence.
func (b *termBuilder) addBigrams(s string, weight float64) {
	var prev []byte
	prevName := false
	for raw := range strings.FieldsSeq(s) {
		name := startsUpper(raw)
		for w := range text.TokenBytes(raw) {
			if !keepWord(w) {
				continue
			}
			if len(prev) > 0 {
				b.pair = append(append(append(b.pair[:0], prev...), ' '), w...)
				b.add(b.pair, weight, prevName && name, prevName && name)
			}
			prev, prevName = append(prev[:0], w...), name
		}
	}
}

// add adds one occurrence of w, copying it when it is a new term. An
// article has at most maxDocTerms terms, so they are searched in order
// rather than indexed.
func (b *termBuilder) add(w []byte, weight float64, name, cont bool) {
	for i := range b.out {
		if t := &b.out[i]; bytes.Equal(t.word, w) {
			t.weight += weight
			t.name = t.name && name
			t.cont = t.cont && cont
			t.head = t.head || b.head
			return
		}
	}
	if len(b.out) >= maxDocTerms {
		return
	}
	start := len(b.words)
	b.words = append(b.words, w...)
	b.out = append(b.out, term{word: b.words[start:len(b.words):len(b.words)], weight: weight, name: name, cont: cont, head: b.head})
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

func keepWord(w []byte) bool {
	return len(w) > 1 && !text.IsStopword(string(w))
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// stem cuts w after stemRunes runes.
func stem(w []byte) []byte {
	n := 0
	for i := 0; i < len(w); {
		if n == stemRunes {
			return w[:i]
		}
		_, size := utf8.DecodeRune(w[i:])
		i += size
		n++
	}
	return w
}
