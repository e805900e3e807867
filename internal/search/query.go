package search

import (
	"unicode"
	"unicode/utf8"
)

// Bounds on what a reader's text can make the engine do: more words only
// narrow to nothing slower, and a prefix expands to its most widespread
// terms only.
const (
	maxQueryWords     = 32
	minPrefixRunes    = 2
	maxPrefixExpanded = 64
)

// qword is one analyzed query word.
type qword struct {
	folded string // lower case, no diacritics: what prefixes and suggestions use
	term   string // the index term (stemmed)
	prefix bool   // the reader ended it with '*'
}

// alt is a word, a prefix or a phrase (several words in a row).
type alt struct {
	words []qword
}

// clause is what one part of the query asks: any of its alternatives
// (several when joined by OR), or none of them when neg.
type clause struct {
	alts []alt
	neg  bool
}

// parsedQuery is a reader's text as clauses; every positive clause must
// match and no negative one may.
type parsedQuery struct {
	clauses []clause
}

// positive reports whether the query asks for anything: exclusions alone
// find nothing (they would list the whole index).
func (p parsedQuery) positive() bool {
	for _, c := range p.clauses {
		if !c.neg {
			return true
		}
	}
	return false
}

// item is one lexed part of the text: a word, prefix or phrase, or OR.
type item struct {
	words  []string
	prefix bool
	neg    bool
	or     bool
}

// parseQuery reads a reader's text: words (all required), "phrases",
// prefix*, -exclusion (a '-' starting a word or phrase) and OR between two
// parts. It never fails; text without words gives an empty query. Words
// too long to index are dropped, and at most maxQueryWords are read.
func parseQuery(a *analyzer, text string) parsedQuery {
	items := lex(text)
	var (
		q      parsedQuery
		joinOr bool
		count  int
	)
	for _, it := range items {
		if it.or {
			joinOr = len(q.clauses) > 0 && !q.clauses[len(q.clauses)-1].neg
			continue
		}
		var al alt
		for _, w := range it.words {
			if count >= maxQueryWords {
				break
			}
			f := fold(w)
			if f == "" {
				continue
			}
			count++
			qw := qword{folded: f, term: a.term(f)}
			if it.prefix && len(it.words) == 1 && utf8.RuneCountInString(f) >= minPrefixRunes {
				qw.prefix, qw.term = true, f
			}
			al.words = append(al.words, qw)
		}
		if len(al.words) == 0 {
			joinOr = false
			continue
		}
		if joinOr && !it.neg {
			last := &q.clauses[len(q.clauses)-1]
			last.alts = append(last.alts, al)
		} else {
			q.clauses = append(q.clauses, clause{alts: []alt{al}, neg: it.neg})
		}
		joinOr = false
	}
	return q
}

// lex splits text into items. A '-' counts as exclusion only where a part
// starts (at the beginning or after a space): "covid-19" is two words.
func lex(text string) []item {
	var (
		items    []item
		phrase   *item
		neg      bool
		wordFrom = -1
		prevRune = ' '
	)
	endWord := func(i int) {
		if wordFrom < 0 {
			return
		}
		w := text[wordFrom:i]
		wordFrom = -1
		if phrase != nil {
			phrase.words = append(phrase.words, w)
			return
		}
		if w == "OR" {
			items = append(items, item{or: true})
			neg = false
			return
		}
		prefix := i < len(text) && text[i] == '*'
		items = append(items, item{words: []string{w}, prefix: prefix, neg: neg})
		neg = false
	}
	for i, r := range text {
		if isWordRune(r) {
			if wordFrom < 0 {
				wordFrom = i
			}
			prevRune = r
			continue
		}
		endWord(i)
		switch {
		case r == '"' && phrase == nil:
			phrase = &item{neg: neg}
			neg = false
		case r == '"':
			if len(phrase.words) > 0 {
				items = append(items, *phrase)
			}
			phrase = nil
		case r == '-' && phrase == nil && (unicode.IsSpace(prevRune) || prevRune == '('):
			neg = true
		case phrase == nil && r != '*':
			neg = false
		}
		prevRune = r
	}
	endWord(len(text))
	if phrase != nil && len(phrase.words) > 0 {
		items = append(items, *phrase)
	}
	return items
}
