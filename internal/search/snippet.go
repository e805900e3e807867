package search

import (
	"strings"
	"unicode"
)

// maxSnippetScan bounds the bytes of an article a snippet reads: a match
// further in than this is not what a reader skims a result list for, and
// a page of results must not cost a pass over ten whole books.
const maxSnippetScan = 64 << 10

// Snippet returns the part of text that shows best why it matched query:
// the run of at most words words holding the most of the query's distinct
// terms (then the most matching words, then the earliest), each matching
// word wrapped in start and end, whitespace runs as one space, and "…"
// where the run cuts the text. A word matches when it analyzes to one of
// the query's terms (so "flooding" matches a search for "floods") or
// starts with one of its prefixes; excluded words are not marked. Text
// with no match gives its first words, unmarked.
func (x *Index) Snippet(query, text string, words int, start, end string) string {
	if words <= 0 || text == "" {
		return ""
	}
	if len(text) > maxSnippetScan {
		text = text[:maxSnippetScan]
	}
	m := newSnippetMatcher(x.an, parseQuery(x.an, query))
	var (
		spans   [][2]int32 // byte range of every word read
		matches []snippetMatch
	)
	pos := 0
	forEachWord(text, func(w string) {
		// forEachWord yields slices of text in order and a word cannot
		// start inside the separators before it, so the next occurrence
		// after the previous word is this word.
		from := pos + strings.Index(text[pos:], w)
		pos = from + len(w)
		if id := m.match(w); id >= 0 {
			matches = append(matches, snippetMatch{word: len(spans), term: id})
		}
		spans = append(spans, [2]int32{int32(from), int32(pos)})
	})
	if len(spans) == 0 {
		return ""
	}
	first, last := bestWindow(matches, words, len(m.termOf)+len(m.prefixes))
	if len(matches) > 0 {
		// Centre the matches in the window: context on both sides reads
		// better than a window starting at the match.
		slack := words - (last - first + 1)
		first = max(0, first-slack/2)
	}
	last = min(len(spans)-1, first+words-1)
	if last-first+1 < words { // near the end: use the room before
		first = max(0, last-words+1)
	}

	var b strings.Builder
	if first > 0 {
		b.WriteString("…")
	}
	at := int(spans[first][0])
	mi := 0
	for mi < len(matches) && matches[mi].word < first {
		mi++
	}
	for wi := first; wi <= last; wi++ {
		sp := spans[wi]
		writeCollapsed(&b, text[at:sp[0]])
		marked := mi < len(matches) && matches[mi].word == wi
		if marked {
			b.WriteString(start)
			mi++
		}
		b.WriteString(text[sp[0]:sp[1]])
		if marked {
			b.WriteString(end)
		}
		at = int(sp[1])
	}
	switch {
	case last < len(spans)-1 || len(text) == maxSnippetScan:
		b.WriteString("…")
	default: // the text's own ending: "rose." keeps its full stop
		writeCollapsed(&b, text[at:])
	}
	return strings.TrimSpace(b.String())
}

// snippetMatch is a word of the text that matches the query: its place
// among the text's words and which of the query's terms it is.
type snippetMatch struct {
	word, term int
}

// bestWindow returns the first and last matching word of the run of at
// most size words with the most distinct terms, then the most matches,
// then the earliest; (0, 0) when there are no matches.
func bestWindow(matches []snippetMatch, size, terms int) (first, last int) {
	if len(matches) == 0 {
		return 0, 0
	}
	count := make([]int, terms)
	distinct, lo := 0, 0
	bestDistinct, bestN := -1, -1
	for hi, mh := range matches {
		if count[mh.term]++; count[mh.term] == 1 {
			distinct++
		}
		for mh.word-matches[lo].word >= size {
			if count[matches[lo].term]--; count[matches[lo].term] == 0 {
				distinct--
			}
			lo++
		}
		if n := hi - lo + 1; distinct > bestDistinct || distinct == bestDistinct && n > bestN {
			bestDistinct, bestN = distinct, n
			first, last = matches[lo].word, mh.word
		}
	}
	return first, last
}

// snippetMatcher tells which words of a text a query matches.
type snippetMatcher struct {
	an       *analyzer
	termOf   map[string]int // index term → its number
	terms    []string       // by number
	prefixes []string       // folded; numbered after the terms
}

func newSnippetMatcher(an *analyzer, q parsedQuery) *snippetMatcher {
	m := &snippetMatcher{an: an, termOf: map[string]int{}}
	for _, c := range q.clauses {
		if c.neg {
			continue
		}
		for _, al := range c.alts {
			for _, w := range al.words {
				switch {
				case w.prefix:
					m.prefixes = append(m.prefixes, w.folded)
				case w.term != "":
					if _, ok := m.termOf[w.term]; !ok {
						m.termOf[w.term] = len(m.terms)
						m.terms = append(m.terms, w.term)
					}
				}
			}
		}
	}
	return m
}

// match returns the number of the query term word matches, or -1.
func (m *snippetMatcher) match(word string) int {
	if len(m.terms) == 0 && len(m.prefixes) == 0 {
		return -1
	}
	f := fold(word)
	if f == "" {
		return -1
	}
	for i, p := range m.prefixes {
		if strings.HasPrefix(f, p) {
			return len(m.terms) + i
		}
	}
	// Stemming every word of an article would cost more than the rest of
	// a search; a stem keeps its word's first letters (snowball stemmers
	// only rewrite endings), so only words sharing a term's first three
	// bytes are stemmed.
	for _, t := range m.terms {
		n := min(3, len(t), len(f))
		if f[:n] == t[:n] {
			if id, ok := m.termOf[m.an.term(f)]; ok {
				return id
			}
			return -1
		}
	}
	return -1
}

// writeCollapsed writes s with each run of whitespace as one space.
func writeCollapsed(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}
