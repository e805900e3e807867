package sqlite

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on what a reader's text can make FTS5 do: a query of more words
// than this only narrows to nothing slower, and no word is longer.
const (
	maxQueryWords = 32
	maxWordRunes  = 64
)

// term is one FTS5 string: a word, or the words of a "quoted phrase".
type term struct {
	words  []string
	prefix bool // the reader ended the word with '*'
}

// render writes the term as an FTS5 string. Words hold only letters, digits
// and marks, so no quote can end the string early and no word is an operator.
func (t term) render(b *strings.Builder) {
	b.WriteByte('"')
	b.WriteString(strings.Join(t.words, " "))
	b.WriteByte('"')
	if t.prefix {
		b.WriteByte('*')
	}
}

// parseTerms splits a reader's text into words (runs of letters, digits and
// combining marks; everything else separates), keeping "quoted phrases"
// together and a '*' right after a word as a prefix search. It never fails:
// text with no words gives no terms.
func parseTerms(text string) []term {
	var (
		terms    []term
		phrase   *term // open "..." phrase, nil outside one
		count    int
		wordFrom = -1
	)
	endWord := func(i int) {
		if wordFrom < 0 {
			return
		}
		w := text[wordFrom:i]
		wordFrom = -1
		if count >= maxQueryWords || utf8.RuneCountInString(w) > maxWordRunes {
			return
		}
		count++
		if phrase != nil {
			phrase.words = append(phrase.words, w)
			return
		}
		// A one-letter prefix would expand to a large part of the index.
		prefix := i < len(text) && text[i] == '*' && utf8.RuneCountInString(w) > 1
		terms = append(terms, term{words: []string{w}, prefix: prefix})
	}
	for i, r := range text {
		if isWordRune(r) {
			if wordFrom < 0 {
				wordFrom = i
			}
			continue
		}
		endWord(i)
		if r != '"' {
			continue
		}
		if phrase == nil {
			phrase = &term{}
			continue
		}
		if len(phrase.words) > 0 {
			terms = append(terms, *phrase)
		}
		phrase = nil
	}
	endWord(len(text))
	// An unclosed quote still counts as a phrase: the reader meant one.
	if phrase != nil && len(phrase.words) > 0 {
		terms = append(terms, *phrase)
	}
	return terms
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r))
}

// matchAll turns a reader's search text into an FTS5 query that requires
// every term; "" when there is nothing to search for.
func matchAll(text string) string {
	return joinTerms(parseTerms(text), " ")
}

// matchAny turns a list of terms (tags, keywords) into an FTS5 query that
// matches any of them; a term of several words must match as a phrase.
func matchAny(terms []string) string {
	var ts []term
	count := 0
	for _, s := range terms {
		var words []string
		for _, t := range parseTerms(s) {
			words = append(words, t.words...)
		}
		if len(words) == 0 {
			continue
		}
		if count += len(words); count > maxQueryWords {
			break
		}
		ts = append(ts, term{words: words})
	}
	return joinTerms(ts, " OR ")
}

func joinTerms(ts []term, sep string) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString(sep)
		}
		t.render(&b)
	}
	return b.String()
}
