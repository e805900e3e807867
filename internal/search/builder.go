package search

import (
	"cmp"
	"slices"
	"strings"
)

// fieldGap separates the fields' positions, so that no phrase (at most
// maxQueryWords words) matches across the end of a title into the lead.
const fieldGap = maxQueryWords + 1

// Capped per-field counts in a posting: a word a thousand times in one body
// ranks no better than 65535 times.
const (
	maxTitleTF = 255
	maxBodyTF  = 1<<16 - 1
)

// docMeta is what a segment keeps of a document besides its words.
type docMeta struct {
	id        int64
	published int64 // Unix nanoseconds
	section   uint16
	source    uint32
}

// termPosts accumulates one term's postings in a builder, already in the
// segment's encoding, so that freezing only copies bytes.
type termPosts struct {
	docs, freq, pos stream
	df              uint32
	last            uint16      // last document added
	blocks          []blockMeta // offsets relative to the term's streams
}

// docTerm is one term of the document being added.
type docTerm struct {
	term        uint32
	title, lead uint32
	body        uint32
	pos         []uint32
}

// builder collects up to maxSegmentDocs documents and turns them into an
// immutable segment. It is the index's in-memory tail.
type builder struct {
	topMinDF   int  // see topList
	refGuessed bool // ref.avgLen is a guess: recompute the impacts at freeze
	an         *analyzer
	w          weights
	ref        bm25Ref
	cache      map[string]int32  // word as written → its index in raw
	raw        []string          // words as written, each once
	rawTerm    []uint32          // their term numbers; ^0 for a word too long to index
	termOf     map[string]uint32 // term → term number
	// Frequent pairs of adjacent words (pairs) are indexed as terms of
	// their own, so that a common phrase ("prime minister"), which
	// verifying positions would make slow, reads one posting list. The
	// set is fixed for the builder's life, so each segment's pair postings
	// are complete for its own set; it is learnt from a sample of the
	// previous builder's documents (pairCount).
	pairs     pairSet
	inPair    []bool            // per term number: in some pair of the set
	pairOK    map[uint64]bool   // first<<32|second term number: the pair is in the set
	pairOf    map[uint64]uint32 // first<<32|second term number → pair term
	content   []bool            // per term number: a content word (counted in pairs)
	pairCount map[uint64]uint32 // sampled documents holding each content-word pair
	sampled   int
	hot       *[hotSize]hotEntry // a direct-mapped cache in front of it
	terms     []string           // term number → term
	display   []string           // term number → first folded word giving it
	posts     []termPosts
	slab      slab
	docs      []docMeta
	lens      []uint32
	deleted   bitmap

	// scratch for the document being added
	slotOf []int32  // term number → index in cur, valid when mark matches
	mark   []uint32 // term number → 1 + the document number that set slotOf
	cur    []docTerm
}

// hotSize is the number of entries of the builder's direct-mapped word
// cache: the few thousand most frequent words make most of any text, and
// this small table stays in the processor's cache where the map does not.
const hotSize = 1 << 15

type hotEntry struct {
	word string
	term uint32
	ok   bool
}

func newBuilder(an *analyzer, w weights, ref bm25Ref, pairs pairSet) *builder {
	return &builder{an: an, w: w, ref: ref, pairs: pairs, pairOf: make(map[uint64]uint32),
		pairOK: make(map[uint64]bool), pairCount: make(map[uint64]uint32), hot: new([hotSize]hotEntry), cache: make(map[string]int32), termOf: make(map[string]uint32), deleted: newBitmap(maxSegmentDocs)}
}

func (b *builder) full() bool { return len(b.docs) >= maxSegmentDocs }

// lookup returns the term number of a word as written, analyzing it only
// the first time the builder sees it; ok is false for a word too long to
// index.
func (b *builder) lookup(w string) (uint32, bool) {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	he := &b.hot[h&(hotSize-1)]
	if he.word == w && he.ok {
		return he.term, true
	}
	r := b.lookupMap(w)
	t := b.rawTerm[r]
	ok := t != ^uint32(0)
	if ok {
		*he = hotEntry{word: b.raw[r], term: t, ok: true}
	}
	return t, ok
}

// lookupMap returns the index in raw of w, adding it when new.
func (b *builder) lookupMap(w string) int32 {
	if r, ok := b.cache[w]; ok {
		return r
	}
	f := fold(w)
	t := ^uint32(0)
	if f != "" {
		term := b.an.term(f)
		// Different spellings may share a term: find it by its own text.
		var ok bool
		if t, ok = b.termOf[term]; !ok {
			t = b.newTerm(term, f)
			b.termOf[term] = t
		}
	}
	key := strings.Clone(w)
	b.cache[key] = int32(len(b.raw))
	b.raw = append(b.raw, key)
	b.rawTerm = append(b.rawTerm, t)
	return int32(len(b.raw) - 1)
}

// add appends a document; the caller checks full first.
func (b *builder) add(meta docMeta, title, lead, body string) {
	d := uint32(len(b.docs))
	b.cur = b.cur[:0]
	pos, n := uint32(0), uint32(0)
	sample := d%pairSample == 0
	if sample {
		b.sampled++
	}
	for field, text := range [3]string{title, lead, body} {
		prev := -1 // the previous word's term, -1 when it was not indexed
		forEachWord(text, func(w string) {
			p := pos
			pos++
			t, ok := b.lookup(w)
			if !ok {
				prev = -1
				return
			}
			n++
			b.occur(d, t, field, p)
			if prev >= 0 {
				key := uint64(prev)<<32 | uint64(t)
				if b.inPair[prev] && b.inPair[t] && b.pairOK[key] {
					b.occur(d, b.pairTerm(uint32(prev), t), field, p-1)
				}
				if sample && b.content[prev] && b.content[t] {
					b.pairCount[key]++ // a pair twice in a document counts twice: near enough
				}
			}
			prev = int(t)
		})
		pos += fieldGap
	}
	for i := range b.cur {
		b.post(d, n, &b.cur[i])
	}
	b.docs = append(b.docs, meta)
	b.lens = append(b.lens, n)
}

// post appends document d (of length n) to a term's postings.
func (b *builder) post(d, n uint32, dt *docTerm) {
	tp := &b.posts[dt.term]
	sl := &b.slab
	title, lead, body := dt.title, dt.lead, dt.body
	if tp.df%blockSize == 0 {
		tp.blocks = append(tp.blocks, blockMeta{
			minLen: ^uint32(0), docOff: tp.docs.size, freqOff: tp.freq.size, posOff: tp.pos.size,
		})
		sl.writeUvarint(&tp.docs, uint64(d))
	} else {
		sl.writeUvarint(&tp.docs, uint64(uint16(d)-tp.last))
	}
	bm := &tp.blocks[len(tp.blocks)-1]
	bm.lastDoc = uint16(d)
	bm.maxTF = max(bm.maxTF, b.w.tf(title, lead, body))
	bm.minLen = min(bm.minLen, n)
	bm.impact = max(bm.impact, b.ref.impact(b.w.tf(title, lead, body), n))
	tp.last = uint16(d)
	tp.df++
	flags := uint64(body) << 2
	if title > 0 {
		flags |= 1
	}
	if lead > 0 {
		flags |= 2
	}
	sl.writeUvarint(&tp.freq, flags)
	if title > 0 {
		sl.writeUvarint(&tp.freq, uint64(title))
	}
	if lead > 0 {
		sl.writeUvarint(&tp.freq, uint64(lead))
	}
	prev := uint32(0)
	for _, p := range dt.pos {
		sl.writeUvarint(&tp.pos, uint64(p-prev))
		prev = p
	}
}

// occur records that term t is at position p of field in document d.
func (b *builder) occur(d, t uint32, field int, p uint32) {
	var dt *docTerm
	if b.mark[t] == d+1 {
		dt = &b.cur[b.slotOf[t]]
	} else {
		b.mark[t] = d + 1
		b.slotOf[t] = int32(len(b.cur))
		if len(b.cur) < cap(b.cur) {
			b.cur = b.cur[:len(b.cur)+1]
			dt = &b.cur[len(b.cur)-1]
			dt.pos = dt.pos[:0]
		} else {
			b.cur = append(b.cur, docTerm{})
			dt = &b.cur[len(b.cur)-1]
		}
		dt.term, dt.title, dt.lead, dt.body = t, 0, 0, 0
	}
	// Occurrences past a field's cap are not recorded: the counts and the
	// positions stay in step.
	switch {
	case field == 0 && dt.title < maxTitleTF:
		dt.title++
	case field == 1 && dt.lead < maxTitleTF:
		dt.lead++
	case field == 2 && dt.body < maxBodyTF:
		dt.body++
	default:
		return
	}
	dt.pos = append(dt.pos, p)
}

// pairTerm returns the term of the word pair a b, adding it when new.
func (b *builder) pairTerm(a, c uint32) uint32 {
	key := uint64(a)<<32 | uint64(c)
	if t, ok := b.pairOf[key]; ok {
		return t
	}
	t := b.newTerm(pairText(b.terms[a], b.terms[c]), "")
	b.pairOf[key] = t
	return t
}

// pairText is the dictionary text of a word pair: it starts with a byte no
// word holds, so pairs sort before every word and no prefix reaches them.
func pairText(a, b string) string { return "\x01" + a + "\x00" + b }

func isPairText(t string) bool { return len(t) > 0 && t[0] == 1 }

func (b *builder) newTerm(term, display string) uint32 {
	t := uint32(len(b.terms))
	b.terms = append(b.terms, term)
	b.display = append(b.display, display)
	b.posts = append(b.posts, termPosts{})
	b.slotOf = append(b.slotOf, 0)
	b.mark = append(b.mark, 0)
	b.inPair = append(b.inPair, false)
	b.content = append(b.content, display != "" && !functionWord(display))
	if ps := b.pairs[term]; ps != nil {
		b.inPair[t] = true
		for _, o := range ps.next {
			if u, ok := b.termOf[o]; ok {
				b.pairOK[uint64(t)<<32|uint64(u)] = true
			}
		}
		for _, o := range ps.prev {
			if u, ok := b.termOf[o]; ok {
				b.pairOK[uint64(u)<<32|uint64(t)] = true
			}
		}
		if ps.self {
			b.pairOK[uint64(t)<<32|uint64(t)] = true
		}
	}
	return t
}

// Pairs are learnt from every pairSample-th document; a pair is indexed
// when in at least pairMinShare of the sampled documents (and three), at
// most maxPairs of them.
const (
	pairSample   = 8
	pairMinShare = 0.005
	maxPairs     = 4096
)

// pairSet is a set of word pairs to index, by word: the words that may
// follow it and that may precede it in a pair.
type pairSet map[string]*pairWords

type pairWords struct {
	next, prev []string
	self       bool // the word followed by itself
}

func (ps pairSet) add(a, c string) {
	for _, w := range []string{a, c} {
		if ps[w] == nil {
			ps[w] = &pairWords{}
		}
	}
	if a == c {
		ps[a].self = true
		return
	}
	ps[a].next = append(ps[a].next, c)
	ps[c].prev = append(ps[c].prev, a)
}

// keys returns the set as sorted pair keys (first + "\x00" + second).
func (ps pairSet) keys() []string {
	var out []string
	for a, pw := range ps {
		for _, c := range pw.next {
			out = append(out, a+"\x00"+c)
		}
		if pw.self {
			out = append(out, a+"\x00"+a)
		}
	}
	slices.Sort(out)
	return out
}

func pairSetOfKeys(keys []string) pairSet {
	ps := pairSet{}
	for _, k := range keys {
		if a, c, ok := strings.Cut(k, "\x00"); ok {
			ps.add(a, c)
		}
	}
	return ps
}

// learntPairs returns the pairs the next builder should index: the most
// frequent content-word pairs of this one's sample.
func (b *builder) learntPairs() pairSet {
	minCount := uint32(max(3, int(pairMinShare*float64(b.sampled))))
	type counted struct {
		key uint64
		n   uint32
	}
	var cs []counted
	for k, n := range b.pairCount {
		if n >= minCount {
			cs = append(cs, counted{k, n})
		}
	}
	// Ties are broken by key (term numbers, given by the order words first
	// came), so the same documents always give the same pairs: map order
	// alone made the set at the maxPairs cut differ from build to build.
	slices.SortFunc(cs, func(x, y counted) int { return cmp.Or(cmp.Compare(y.n, x.n), cmp.Compare(x.key, y.key)) })
	ps := pairSet{}
	for _, c := range cs[:min(len(cs), maxPairs)] {
		ps.add(b.terms[c.key>>32], b.terms[uint32(c.key)])
	}
	return ps
}

// sortedTerms returns the builder's term numbers in term order.
func (b *builder) sortedTerms() []uint32 {
	order := make([]uint32, len(b.terms))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(b.terms[x], b.terms[y]) })
	return order
}

// functionWord reports whether w is an English function word: pairs with
// one ("of the", "in London") are not learnt, as nearly every document
// holds them and their postings would double the index. News filler such
// as "last", "year" or "new" is not one: "last year" and "new york" are
// the phrases readers search.
func functionWord(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for",
		"from", "by", "with", "as", "into", "onto", "than", "that", "this", "these", "those",
		"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do",
		"does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
		"must", "it", "its", "he", "she", "they", "we", "you", "i", "him", "her", "them", "us",
		"his", "their", "our", "your", "my", "me", "who", "whom", "whose", "which", "what",
		"not", "no", "so", "if", "there", "then", "also", "s", "t":
		return true
	}
	return false
}
