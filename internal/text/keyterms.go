package text

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// titleWeight is how much a title word counts against a body word: titles
// are written to say what the article is about.
const titleWeight = 2

// minTermRunes keeps short tokens (initials, "us", "eu"...) out of key terms;
// they are too ambiguous to match articles on.
const minTermRunes = 3

// KeyTerms returns up to n distinctive terms of an article: tokens of at
// least three runes that are neither stopwords nor pure numbers, ranked by
// frequency (title words count double), ties broken by first appearance,
// title before body.
func KeyTerms(title, body string, n int) []string {
	if n <= 0 {
		return nil
	}
	type term struct {
		word  string
		count int
	}
	index := make(map[string]int)
	var terms []term
	add := func(tokens []string, weight int) {
		for _, w := range tokens {
			if !isTerm(w) {
				continue
			}
			if i, ok := index[w]; ok {
				terms[i].count += weight
				continue
			}
			index[w] = len(terms)
			terms = append(terms, term{word: w, count: weight})
		}
	}
	add(Tokens(title), titleWeight)
	add(Tokens(body), 1)
	// terms is in order of first appearance, so a stable sort breaks ties by it.
	sort.SliceStable(terms, func(i, j int) bool {
		return terms[i].count > terms[j].count
	})
	out := make([]string, 0, min(n, len(terms)))
	for _, t := range terms[:min(n, len(terms))] {
		out = append(out, t.word)
	}
	return out
}

func isTerm(w string) bool {
	if utf8.RuneCountInString(w) < minTermRunes || IsStopword(w) {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
