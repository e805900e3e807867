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
// computes the block metadata; one stream and no block metadata here means
// a posting touches one place in memory, not five, while the tail grows.
type termPosts struct {
	st   stream
	df   uint32
	last uint16 // last document added
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
	refGuessed bool // ref.avgLen is a guess: freeze computes the impacts at the real average
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

	// Bytes of the segment's three streams the postings will make.
	docBytes, freqBytes, posBytes int

	// scratch for the document being added
	slots []termSlot // by term number
	cur   []docTerm
	rec   []byte // the posting being written
}

// termSlot says where a term is in the document being added: both in one
// place, as a posting touches them together.
type termSlot struct {
	mark uint32 // 1 + the number of the document that set slot
	slot int32  // index in cur, valid when mark matches
}

// hotSize is the number of entries of the builder's direct-mapped word
// cache: the few thousand most frequent words make most of any text, and
// this small table stays in the processor's cache where the map does not.
const hotSize = 1 << 15

// hotEntry holds its word's bytes in place, so that a hit reads one cache
// line (a string would point elsewhere); longer words are not cached here.
type hotEntry struct {
	term uint32
	n    uint8 // length of word; 0 for an empty entry
	word [hotWordMax]byte
}

const hotWordMax = 27

func newBuilder(an *analyzer, w weights, ref bm25Ref, pairs pairSet) *builder {
	return &builder{an: an, w: w, ref: ref, pairs: pairs, pairOf: make(map[uint64]uint32),
		pairOK: make(map[uint64]bool), pairCount: make(map[uint64]uint32), hot: new([hotSize]hotEntry), cache: make(map[string]int32), termOf: make(map[string]uint32), deleted: newBitmap(maxSegmentDocs)}
}

func (b *builder) full() bool { return len(b.docs) >= maxSegmentDocs }

// lookup returns the term number of a word as written, whose FNV-1a hash
// is h, analyzing it only the first time the builder sees it; ok is false
// for a word too long to index.
func (b *builder) lookup(w string, h uint32) (uint32, bool) {
	he := &b.hot[h&(hotSize-1)]
	if int(he.n) == len(w) && string(he.word[:len(w)]) == w {
		return he.term, true
	}
	r := b.lookupMap(w)
	t := b.rawTerm[r]
	ok := t != ^uint32(0)
	if ok && len(w) <= hotWordMax {
		he.term, he.n = t, uint8(len(w))
		copy(he.word[:], w)
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

// addField adds the words of one field of document d, splitting them as
// forEachWord does and hashing each as it is read (the hot cache's hash);
// pos is the position of its first word and n the document's words so
// far; it returns both after the field.
func (b *builder) addField(d uint32, field int, text string, pos, n uint32, sample bool) (uint32, uint32) {
	prev := -1 // the previous word's term, -1 when it was not indexed
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
			return pos, n
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
		p := pos
		pos++
		t, ok := b.lookup(text[from:i], h)
		if !ok {
			prev = -1
			continue
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
	}
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
	flags := uint64(body) << 2
	if title > 0 {
		flags |= 1
	}
	if lead > 0 {
		flags |= 2
	}
	rec = appendUvarint(rec, flags)
	if title > 0 {
		rec = appendUvarint(rec, uint64(title))
	}
	if lead > 0 {
		rec = appendUvarint(rec, uint64(lead))
	}
	nf := len(rec)
	prev := uint32(0)
	for _, p := range dt.pos {
		rec = appendUvarint(rec, uint64(p-prev))
		prev = p
	}
	b.docBytes += nd
	b.freqBytes += nf - nd
	b.posBytes += len(rec) - nf
	b.slab.write(&tp.st, rec)
	b.rec = rec
}

// occur records that term t is at position p of field in document d.
func (b *builder) occur(d, t uint32, field int, p uint32) {
	var dt *docTerm
	if ts := &b.slots[t]; ts.mark == d+1 {
		dt = &b.cur[ts.slot]
	} else {
		ts.mark, ts.slot = d+1, int32(len(b.cur))
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
	b.slots = append(b.slots, termSlot{})
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
