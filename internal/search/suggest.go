package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/text"
)

// "Did you mean …?": a search finding fewer than suggestBelow articles gets
// its unknown words of suggestMinRunes or more replaced by the closest
// word of the index (at most suggestMaxEdits edits away; of the closest,
// the one in most documents), looking at suggestMaxWords words at most.
const (
	suggestBelow    = 3
	suggestMinRunes = 4
	suggestMaxEdits = 2
	suggestMaxWords = 8
)

// suggest returns a corrected text that finds more than total matches
// with the same filters, or "". Only plain words are corrected: a phrase
// or a prefix is what the reader meant.
func (x *Index) suggest(p *plan, v view, q Query, total int) string {
	changed, looked := false, 0
	var parts []string
	for _, c := range p.q.clauses {
		for ai, a := range c.alts {
			words := make([]string, len(a.words))
			for i, w := range a.words {
				words[i] = w.folded
			}
			part := strings.Join(words, " ")
			switch {
			case len(a.words) > 1:
				part = `"` + part + `"`
			case a.words[0].prefix:
				part += "*"
			case utf8.RuneCountInString(a.words[0].folded) >= suggestMinRunes && looked < suggestMaxWords && !c.neg:
				looked++
				if docFreq(v, a.words[0].term) == 0 {
					if best := closestWord(v, a.words[0].folded); best != "" {
						part, changed = best, true
					}
				}
			}
			if ai > 0 {
				part = "OR " + part
			} else if c.neg {
				part = "-" + part
			}
			parts = append(parts, part)
		}
	}
	if !changed {
		return ""
	}
	text := strings.Join(parts, " ")
	q.Text, q.Limit, q.Offset = text, 1, 0
	p2 := x.plan(q, v)
	if x.run(p2, v, q).Total <= total {
		return ""
	}
	return text
}

func docFreq(v view, term string) int {
	n := 0
	for _, s := range v.segs {
		if i := s.lookup(term); i >= 0 {
			n += int(s.info[i].df)
		}
	}
	return n
}

// closestWord finds the index term nearest to w: fewest edits, then in the
// most documents, then first in order. Candidates share w's first letter
// (readers rarely mistype it, and the sorted dictionary reads that range
// cheaply) and are within suggestMaxEdits of its length. Terms are
// stems, as FTS5's vocabulary was: "palls" suggests "poll", which finds
// polls, polling and polled alike.
func closestWord(v view, w string) string {
	rw := []rune(w)
	first := string(rw[0])
	type cand struct {
		word string
		dist int
		df   int
	}
	best := map[string]*cand{}
	var runes [MaxWordRunes]rune // a candidate's runes, without allocating
	for _, s := range v.segs {
		from, to := s.prefixRange(first)
		for i := from; i < to; i++ {
			word := s.terms.at(i)
			n := utf8.RuneCountInString(word)
			if n < len(rw)-suggestMaxEdits || n > len(rw)+suggestMaxEdits || n < suggestMinRunes-1 {
				continue
			}
			if c := best[word]; c != nil {
				c.df += int(s.info[i].df)
				continue
			}
			d := text.EditDistance(rw, appendRunes(runes[:0], word), suggestMaxEdits)
			if d == 0 || d > suggestMaxEdits {
				continue
			}
			best[word] = &cand{word, d, int(s.info[i].df)}
		}
	}
	cs := make([]*cand, 0, len(best))
	for _, c := range best {
		cs = append(cs, c)
	}
	if len(cs) == 0 {
		return ""
	}
	c := slices.MinFunc(cs, func(a, b *cand) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(b.df, a.df), strings.Compare(a.word, b.word))
	})
	return c.word
}

// appendRunes appends the runes of w to p.
func appendRunes(p []rune, w string) []rune {
	for _, r := range w {
		p = append(p, r)
	}
	return p
}
