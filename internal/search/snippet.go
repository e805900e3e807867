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
// the earliest run of at most words words holding the most of the query's
// distinct terms, each matching word wrapped in start and end, whitespace
// runs as one space, and "…" where the run cuts the text. A word matches
// when it analyzes to one of the query's terms (so "flooding" matches a
// search for "floods") or starts with one of its prefixes; excluded words
// are not marked. Text with no match gives its first words, unmarked.
func (x *Index) Snippet(query, text string, words int, start, end string) string {
	return x.Snippeter(query).Snippet(text, words, start, end)
}

// Snippeter cuts the snippets of one query's results. It remembers which
// words of the texts match, so a page of results analyzes each distinct
// word once. It is not safe for concurrent use.
type Snippeter struct {
	m    *snippetMatcher
	memo map[string]int32 // a word as written → its term number, or -1
}

// Snippeter returns a Snippeter for query.
func (x *Index) Snippeter(query string) *Snippeter {
	return &Snippeter{m: newSnippetMatcher(x.an, parseQuery(x.an, query)), memo: map[string]int32{}}
}

// snippetChunk is how much text is split into words between checks of
// whether the best window is already found.
const snippetChunk = 2048

// Snippet is Index.Snippet for the Snippeter's query.
func (sn *Snippeter) Snippet(text string, words int, start, end string) string {
	if words <= 0 || text == "" {
		return ""
	}
	if len(text) > maxSnippetScan {
		text = text[:maxSnippetScan]
	}
	w := snippetWindow{size: words, count: make([]int, sn.m.size())}
	var (
		// The byte range of every word read (news prose averages about
		// six bytes a word with its space).
		spans   = make([][2]int32, 0, min(len(text)/6+1, 2048))
		matches []snippetMatch
		base    int // where the current chunk starts in text
	)
	// The text is read a chunk at a time, each cut after a space so no word
	// is split, and reading stops once a window holds every term and the
	// words that complete it are read: no later window can be better.
	for base < len(text) && !(w.bestDistinct == len(w.count) && len(spans) >= w.bestFirst+words) {
		cut := len(text)
		if base+snippetChunk < len(text) {
			if i := strings.IndexAny(text[base+snippetChunk:], " \n\t"); i >= 0 {
				cut = base + snippetChunk + i + 1
			}
		}
		chunk := text[base:cut]
		pos := 0
		forEachWord(chunk, func(word string) {
			// forEachWord yields slices of chunk in order, and a word
			// cannot start inside the separators before it, so the next
			// occurrence after the previous word is this word.
			from := pos + strings.Index(chunk[pos:], word)
			pos = from + len(word)
			if id := sn.match(word); id >= 0 {
				matches = append(matches, snippetMatch{word: len(spans), term: int(id)})
				w.add(matches)
			}
			spans = append(spans, [2]int32{int32(base + from), int32(base + pos)})
		})
		base = cut
	}
	if len(spans) == 0 {
		return ""
	}
	first, last := w.bestFirst, w.bestLast
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
	case last < len(spans)-1 || base < len(text) || len(text) == maxSnippetScan:
		b.WriteString("…")
	default: // the text's own ending: "rose." keeps its full stop
		writeCollapsed(&b, text[at:])
	}
	return strings.TrimSpace(b.String())
}

// match returns the term number word matches, or -1, remembering it.
func (sn *Snippeter) match(word string) int32 {
	if id, ok := sn.memo[word]; ok {
		return id
	}
	id := int32(sn.m.match(word))
	if len(sn.memo) < maxSnippetMemo {
		sn.memo[word] = id
	}
	return id
}

// maxSnippetMemo bounds the words a Snippeter remembers.
const maxSnippetMemo = 1 << 14

// snippetMatch is a word of the text that matches the query: its place
// among the text's words and which of the query's terms it is.
type snippetMatch struct {
	word, term int
}

// snippetWindow finds, as matches arrive, the earliest run of at most
// size words holding the most distinct terms: count holds each term's
// matches in the current run, which starts at matches[lo].
type snippetWindow struct {
	size, lo, distinct  int
	count               []int
	bestDistinct        int
	bestFirst, bestLast int // first and last matching word of the best run
}

// add takes the newest of matches into the window.
func (w *snippetWindow) add(matches []snippetMatch) {
	mh := matches[len(matches)-1]
	if w.count[mh.term]++; w.count[mh.term] == 1 {
		w.distinct++
	}
	for mh.word-matches[w.lo].word >= w.size {
		if w.count[matches[w.lo].term]--; w.count[matches[w.lo].term] == 0 {
			w.distinct--
		}
		w.lo++
	}
	if w.distinct > w.bestDistinct {
		w.bestDistinct, w.bestFirst, w.bestLast = w.distinct, matches[w.lo].word, mh.word
	}
}

// snippetMatcher tells which words of a text a query matches.
// Terms are numbered first, then prefixes.
type snippetMatcher struct {
	an       *analyzer
	termOf   map[string]int // index term → its number
	terms    []string       // by number
	prefixes []string       // folded; numbered after the terms
}

// size is the number of terms and prefixes.
func (m *snippetMatcher) size() int { return len(m.terms) + len(m.prefixes) }

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
