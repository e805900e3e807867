package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
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

// termPosts accumulates one term's postings in a builder as one stream:
// per document its number (absolute at each block's start, else the delta
// from the previous), its frequency entry (body<<2|hasTitle|hasLead<<1,
// then the title and lead counts when flagged) and its positions (deltas),
// all varints. Freezing splits it into the segment's three streams and
// computes the block metadata.
//
// It is one 64-byte cache line, all a document touches of the term while
// it is added (its place in the document, then its posting): the latest
// postings wait in buf and go to the slab a few at a time, so most
// postings of a term not seen for a while cost one cache miss, not three
// streams, a block array and a separate slot record.
type termPosts struct {
	st   stream // postings before those in buf
	df   uint32
	mark uint32 // 1 + the number of the document that set slot
	slot int32  // index in cur of the term's entry, valid when mark matches
	last uint16 // last document added
	n    uint8  // bytes used in buf
	buf  [termBufSize]byte
}

const termBufSize = 33

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
	refGuessed bool // ref.avgLen is a guess: freeze computes the impacts at the real average
	an         *analyzer
	w          weights
	ref        bm25Ref
	words      wordTable         // word as written → term number, ^0 for a word too long to index
	termOf     map[string]uint32 // term → term number
	// Frequent pairs of adjacent words (pairs) are indexed as terms of
	// their own, so that a common phrase ("prime minister"), which
	// verifying positions would make slow, reads one posting list. The
	// set is fixed for the builder's life, so each segment's pair postings
	// are complete for its own set; it is learnt from a sample of the
	// previous builder's documents (pairCount).
	pairs  pairSet
	inPair []bool // per term number: in some pair of the set
	// pairTerms holds the pairs of the set whose words have both come, by
	// first<<32|second term number: 1 + the pair's term number, or 0
	// before the pair itself has come.
	pairTerms pairTable
	content   []bool    // per term number: a content word (counted in pairs)
	pairCount pairTable // sampled documents holding each content-word pair
	sampled   int
	terms     []string // term number → term
	display   []string // term number → first folded word giving it
	posts     []termPosts
	slab      slab
	docs      []docMeta
	lens      []uint32
	deleted   bitmap

	// Bytes of the segment's three streams the postings will make.
	docBytes, freqBytes, posBytes int

	// scratch for the document being added
	cur        []docTerm
	rec        []byte   // the posting being written
	fieldTerms []uint32 // the terms of the field being added, word by word
}

func newBuilder(an *analyzer, w weights, ref bm25Ref, pairs pairSet) *builder {
	return &builder{an: an, w: w, ref: ref, pairs: pairs, words: newWordTable(),
		termOf: make(map[string]uint32), deleted: newBitmap(maxSegmentDocs)}
}

// reuse takes the memory of old, a builder already frozen and dropped, so
// that a new segment's builder does not allocate, clear and grow again
// what the previous one had: its slab pages, word table and scratch.
func (b *builder) reuse(old *builder) {
	b.slab.reuse(old.slab.recycle())
	if len(old.words.slots) > len(b.words.slots) {
		clear(old.words.slots)
		b.words.slots = old.words.slots
	}
	if len(old.words.short) > len(b.words.short) {
		clear(old.words.short)
		b.words.short = old.words.short
	}
	if len(old.pairCount.keys) > len(b.pairCount.keys) {
		clear(old.pairCount.keys) // at clears a value when it adds its key
		b.pairCount = pairTable{keys: old.pairCount.keys, vals: old.pairCount.vals}
	}
	b.posts, b.terms, b.display = old.posts[:0], old.terms[:0], old.display[:0]
	b.inPair, b.content = old.inPair[:0], old.content[:0]
	b.docs, b.lens = old.docs[:0], old.lens[:0]
	b.cur, b.rec, b.fieldTerms = old.cur[:0], old.rec[:0], old.fieldTerms[:0]
}

func (b *builder) full() bool { return len(b.docs) >= maxSegmentDocs }

// lookup returns the term number of a word as written, whose FNV-1a hash
// is h, analyzing it only the first time the builder sees it; ^0 for a
// word too long to index.
func (b *builder) lookup(w string, h uint32) uint32 {
	t, ok := b.words.get(w, h)
	if !ok {
		t = ^uint32(0)
		if f := fold(w); f != "" {
			term := b.an.term(f)
			// Different spellings may share a term: find it by its own text.
			if t, ok = b.termOf[term]; !ok {
				t = b.newTerm(term, f)
				b.termOf[term] = t
			}
		}
		b.words.put(w, h, t)
	}
	return t
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
		pos, n = b.addField(d, field, text, pos, n, sample)
		pos += fieldGap
	}
	for i := range b.cur {
		b.post(d, &b.cur[i])
	}
	b.docs = append(b.docs, meta)
	b.lens = append(b.lens, n)
}

// asciiWord marks the ASCII bytes that are word characters.
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// addField adds the words of one field of document d; pos is the
// position of its first word and n the document's words so far; it
// returns both after the field. It looks up all the field's words first,
// then records them: each step's loop is short and its iterations
// independent, so the processor overlaps their cache misses (the word
// table's, then the terms' records).
func (b *builder) addField(d uint32, field int, text string, pos, n uint32, sample bool) (uint32, uint32) {
	b.fieldTerms = b.lookupWords(b.fieldTerms[:0], text)
	prev := -1 // the previous word's term, -1 when it was not indexed
	for k, t := range b.fieldTerms {
		p := pos + uint32(k)
		if t == ^uint32(0) {
			prev = -1
			continue
		}
		n++
		b.occur(d, t, field, p)
		if prev >= 0 {
			key := uint64(prev)<<32 | uint64(t)
			if b.inPair[prev] && b.inPair[t] {
				if v, ok := b.pairTerms.get(key); ok {
					if v == 0 {
						v = b.newPairTerm(key)
					}
					b.occur(d, v-1, field, p-1)
				}
			}
			if sample && b.content[prev] && b.content[t] {
				*b.pairCount.at(key)++ // a pair twice in a document counts twice: near enough
			}
		}
		prev = int(t)
	}
	return pos + uint32(len(b.fieldTerms)), n
}

// lookupWords appends the term of each word of text to dst, ^0 for a word
// too long to index. It splits words as forEachWord does, hashing each as
// it is read.
func (b *builder) lookupWords(dst []uint32, text string) []uint32 {
	i := 0
	for {
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if asciiWord[c] {
					break
				}
				i++
			} else if r, size := utf8.DecodeRuneInString(text[i:]); isWordRune(r) {
				break
			} else {
				i += size
			}
		}
		if i >= len(text) {
			return dst
		}
		from, h := i, uint32(fnvOffset)
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				h = (h ^ uint32(c)) * fnvPrime
				i++
			} else if r, size := utf8.DecodeRuneInString(text[i:]); isWordRune(r) {
				for k := i; k < i+size; k++ {
					h = (h ^ uint32(text[k])) * fnvPrime
				}
				i += size
			} else {
				break
			}
		}
		dst = append(dst, b.lookup(text[from:i], h))
	}
}

// appendFreqEntry appends a posting's frequency entry: the body count
// shifted left by two with a flag for each of the title and lead counts,
// which follow when not zero.
func appendFreqEntry(p []byte, title, lead, body uint32) []byte {
	flags := uint64(body) << 2
	if title > 0 {
		flags |= 1
	}
	if lead > 0 {
		flags |= 2
	}
	p = appendUvarint(p, flags)
	if title > 0 {
		p = appendUvarint(p, uint64(title))
	}
	if lead > 0 {
		p = appendUvarint(p, uint64(lead))
	}
	return p
}

// post appends document d to a term's postings.
func (b *builder) post(d uint32, dt *docTerm) {
	tp := &b.posts[dt.term]
	title, lead, body := dt.title, dt.lead, dt.body
	rec := b.rec[:0]
	if tp.df%blockSize == 0 {
		rec = appendUvarint(rec, uint64(d))
	} else {
		rec = appendUvarint(rec, uint64(uint16(d)-tp.last))
	}
	tp.last = uint16(d)
	tp.df++
	nd := len(rec)
	rec = appendFreqEntry(rec, title, lead, body)
	nf := len(rec)
	prev := uint32(0)
	for _, p := range dt.pos {
		rec = appendUvarint(rec, uint64(p-prev))
		prev = p
	}
	b.docBytes += nd
	b.freqBytes += nf - nd
	b.posBytes += len(rec) - nf
	b.rec = rec
	if int(tp.n)+len(rec) > termBufSize {
		b.slab.write(&tp.st, tp.buf[:tp.n])
		tp.n = 0
		if len(rec) > termBufSize {
			b.slab.write(&tp.st, rec)
			return
		}
	}
	tp.n += uint8(copy(tp.buf[tp.n:], rec))
}

// occur records that term t is at position p of field in document d.
func (b *builder) occur(d, t uint32, field int, p uint32) {
	var dt *docTerm
	if tp := &b.posts[t]; tp.mark == d+1 {
		dt = &b.cur[tp.slot]
	} else {
		tp.mark, tp.slot = d+1, int32(len(b.cur))
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

// newPairTerm adds the term of the word pair key (first<<32|second term
// number) and returns 1 + its number.
func (b *builder) newPairTerm(key uint64) uint32 {
	t := b.newTerm(pairText(b.terms[key>>32], b.terms[uint32(key)]), "")
	*b.pairTerms.at(key) = t + 1
	return t + 1
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
	b.inPair = append(b.inPair, false)
	b.content = append(b.content, display != "" && !functionWord(display))
	if ps := b.pairs[term]; ps != nil {
		b.inPair[t] = true
		for _, o := range ps.next {
			if u, ok := b.termOf[o]; ok {
				b.pairTerms.at(uint64(t)<<32 | uint64(u))
			}
		}
		for _, o := range ps.prev {
			if u, ok := b.termOf[o]; ok {
				b.pairTerms.at(uint64(u)<<32 | uint64(t))
			}
		}
		if ps.self {
			b.pairTerms.at(uint64(t)<<32 | uint64(t))
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
	ps := pairSet{}
	for _, k := range b.learntPairKeys() {
		ps.add(b.terms[k>>32], b.terms[uint32(k)])
	}
	return ps
}

// learntPairKeys returns learntPairs as pair keys (first<<32|second term
// number), most frequent first.
func (b *builder) learntPairKeys() []uint64 {
	minCount := uint32(max(3, int(pairMinShare*float64(b.sampled))))
	type counted struct {
		key uint64
		n   uint32
	}
	var cs []counted
	b.pairCount.each(func(k uint64, n uint32) {
		if n >= minCount {
			cs = append(cs, counted{k, n})
		}
	})
	// Ties are broken by key (term numbers, given by the order words first
	// came), so the same documents always give the same pairs: map order
	// alone made the set at the maxPairs cut differ from build to build.
	slices.SortFunc(cs, func(x, y counted) int { return cmp.Or(cmp.Compare(y.n, x.n), cmp.Compare(x.key, y.key)) })
	keys := make([]uint64, 0, min(len(cs), maxPairs))
	for _, c := range cs[:min(len(cs), maxPairs)] {
		keys = append(keys, c.key)
	}
	return keys
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
