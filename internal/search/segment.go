package search

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// blockSize is the number of postings in a block: the unit of skipping
// (its bound is checked before it is decoded) and of decoding.
const blockSize = 128

// blockMeta describes one block of a term's postings. The block's data
// ends where the next block's begins.
type blockMeta struct {
	lastDoc uint16  // its last document
	maxTF   float32 // its largest weighted term frequency
	minLen  uint32  // its shortest document
	impact  float32 // its largest tfc at the segment's reference length, rounded up
	docOff  uint32  // into docData: first document absolute, then deltas
	freqOff uint32  // into freqData: per document body<<2|hasTitle|hasLead<<1, then title, lead counts when flagged
	posOff  uint32  // into posData: per document, its positions as deltas
}

// termInfo locates a term's blocks.
type termInfo struct {
	df         uint32
	firstBlock uint32
}

// segment is an immutable part of the index: up to maxSegmentDocs
// documents, numbered locally 0..n-1 in the order they were added, with
// dense per-document arrays (for filters, facets, dates and lengths) and
// the postings of every term.
type segment struct {
	name     string       // file name under the index directory; "" while only in memory
	unmap    func() error // releases the file's mapping; nil for a segment built here
	docs     []docMeta
	lens     []uint32
	sumLen   int64
	byDate   []uint16  // local documents, newest first
	terms    termTable // sorted
	info     []termInfo
	pairKeys []string // sorted "first\x00second" of the word pairs indexed as terms
	blocks   []blockMeta
	docData  []byte
	freqData []byte
	posData  []byte

	// deleted is replaced, never changed in place, so a search holding the
	// old slice reads a consistent set. Guarded by Index.mu.
	deleted bitmap
	live    int
	maxPub  int64 // newest publication date, bounding the recency boost
	minPub  int64 // oldest: a date filter may rule the whole segment out
	// Per document, copied out of docs for the loops that count facets
	// and filter, which read nothing else.
	secs []uint16
	srcs []uint32
	pubs []int64
	// ref is the BM25 setting the blocks' impacts were computed with.
	ref bm25Ref
	// tops holds the top lists of its common terms, by term number.
	tops map[int]*topList
}

func (s *segment) n() int { return len(s.docs) }

// pairIndexed reports whether the segment indexes the pair a b as a term.
func (s *segment) pairIndexed(a, b string) bool {
	k := a + "\x00" + b
	i := sort.SearchStrings(s.pairKeys, k)
	return i < len(s.pairKeys) && s.pairKeys[i] == k
}

// lookup returns the number of a term in the segment, or -1.
func (s *segment) lookup(term string) int {
	i := s.terms.search(term)
	if i < s.terms.len() && s.terms.at(i) == term {
		return i
	}
	return -1
}

// prefixRange returns the terms starting with p as [from, to).
func (s *segment) prefixRange(p string) (int, int) {
	from := s.terms.search(p)
	return from, s.terms.prefixEnd(from, p)
}

// blockRange returns a term's blocks as [first, end).
func (s *segment) blockRange(t int) (int, int) {
	ti := s.info[t]
	nb := (int(ti.df) + blockSize - 1) / blockSize
	return int(ti.firstBlock), int(ti.firstBlock) + nb
}

// blockCount returns the number of postings in block b of term t.
func (s *segment) blockCount(t, b int) int {
	first, _ := s.blockRange(t)
	return min(blockSize, int(s.info[t].df)-(b-first)*blockSize)
}

func (s *segment) blockEnd(b int) (doc, freq, pos int) {
	if b+1 < len(s.blocks) {
		nb := &s.blocks[b+1]
		return int(nb.docOff), int(nb.freqOff), int(nb.posOff)
	}
	return len(s.docData), len(s.freqData), len(s.posData)
}

// bm25Ref is the BM25 setting a builder computes block impacts with: the
// parameters, and a reference average length fixed before its first
// document (the previous segment's average), since the real average is
// known only at search time.
type bm25Ref struct {
	k1, b, avgLen float64
}

// tfc is BM25's saturated, length-normalised term frequency.
func (r bm25Ref) tfc(tf float32, length uint32) float64 {
	if tf == 0 {
		return 0
	}
	f := float64(tf)
	return f * (r.k1 + 1) / (f + r.k1*(1-r.b+r.b*float64(length)/r.avgLen))
}

// impact returns tfc rounded up to a float32.
func (r bm25Ref) impact(tf float32, length uint32) float32 {
	return roundUp32(r.tfc(tf, length))
}

// roundUp32 returns the least float32 at least v.
func roundUp32(v float64) float32 {
	f := float32(v)
	if float64(f) < v {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

// weights of the title, lead and body when counting a term's frequency.
type weights struct{ title, lead, body float32 }

func (w weights) tf(title, lead, body uint32) float32 {
	return w.title*float32(title) + w.lead*float32(lead) + w.body*float32(body)
}

// freeze turns a builder's documents into a segment. Documents deleted
// while in the builder stay, marked deleted. A builder given no pairs
// (the first segment's) learns its own when learnPairs is set: when the
// segment is sealed for good. A tail frozen only to be searched skips
// that pass (about 1.4 s at 65,536 articles), which a site smaller than
// one segment would otherwise pay at every search after a write; its
// phrases are verified by positions until it is sealed.
func freeze(b *builder, learnPairs bool) *segment {
	n := len(b.docs)
	s := &segment{
		ref:     b.ref,
		docs:    slices.Clone(b.docs),
		lens:    slices.Clone(b.lens),
		deleted: newBitmap(n),
	}
	copy(s.deleted, b.deleted)
	for _, l := range s.lens {
		s.sumLen += int64(l)
	}
	if b.refGuessed && s.sumLen > 0 {
		// The first segment's builder had no average to start from, and a
		// guess far from the real one loosens every bound of the segment.
		s.ref.avgLen = float64(s.sumLen) / float64(n)
	}
	order := b.sortedTerms()
	nb := 0
	for _, t := range order {
		nb += (int(b.posts[t].df) + blockSize - 1) / blockSize
	}
	s.docData = make([]byte, 0, b.docBytes)
	s.freqData = make([]byte, 0, b.freqBytes)
	s.posData = make([]byte, 0, b.posBytes)
	s.pairKeys = b.pairs.keys()
	var learnt []selfPair
	if len(b.pairs) == 0 && learnPairs {
		learnt = b.selfPairs()
		s.pairKeys = make([]string, 0, len(learnt))
		for _, sp := range learnt {
			s.pairKeys = append(s.pairKeys, sp.key)
			nb += (int(sp.df) + blockSize - 1) / blockSize
		}
	}
	s.blocks = make([]blockMeta, 0, nb)
	s.info = make([]termInfo, 0, len(order)+len(learnt))
	// Pair texts sort before every word (pairText), so the learnt pairs
	// come first; a pair in no document has no term, as in a builder.
	for _, sp := range learnt {
		if sp.df == 0 {
			continue
		}
		s.terms.add(sp.text)
		s.info = append(s.info, termInfo{df: sp.df, firstBlock: uint32(len(s.blocks))})
		s.splitPostings(sp.posts, int(sp.df), b.w)
	}
	var buf []byte
	for _, t := range order {
		tp := &b.posts[t]
		s.terms.add(b.terms[t])
		s.info = append(s.info, termInfo{df: tp.df, firstBlock: uint32(len(s.blocks))})
		buf = b.slab.appendTo(buf[:0], &tp.st)
		buf = append(buf, tp.buf[:tp.n]...)
		s.splitPostings(buf, int(tp.df), b.w)
	}
	s.finish()
	s.buildTopLists(b.w, b.topMinDF)
	return s
}

// splitPostings appends a term's postings, df of them in a builder's
// stream (see termPosts), to the segment's three streams, and their
// blocks with the blocks' bounds.
func (s *segment) splitPostings(buf []byte, df int, w weights) {
	var bm *blockMeta
	// A block's impact is its largest tfc rounded up: rounding up keeps
	// order, so it rounds once, at the block's end.
	best := 0.0
	off, d := 0, 0
	for i := 0; i < df; i++ {
		if i%blockSize == 0 {
			if bm != nil {
				bm.impact = roundUp32(best)
				best = 0
			}
			s.blocks = append(s.blocks, blockMeta{minLen: ^uint32(0),
				docOff: uint32(len(s.docData)), freqOff: uint32(len(s.freqData)), posOff: uint32(len(s.posData))})
			bm = &s.blocks[len(s.blocks)-1]
		}
		// Most document deltas and frequency entries are one byte.
		var x uint64
		end := off + 1
		if c := buf[off]; c < 0x80 {
			x = uint64(c)
			s.docData = append(s.docData, c)
		} else {
			x, end = uvarint(buf, off)
			s.docData = append(s.docData, buf[off:end]...)
		}
		if i%blockSize == 0 {
			d = int(x)
		} else {
			d += int(x)
		}
		off = end
		var flags, title, lead uint64
		if c := buf[off]; c < 0x80 && c&3 == 0 {
			flags = uint64(c)
			s.freqData = append(s.freqData, c)
			off++
		} else {
			flags, end = uvarint(buf, off)
			if flags&1 != 0 {
				title, end = uvarint(buf, end)
			}
			if flags&2 != 0 {
				lead, end = uvarint(buf, end)
			}
			s.freqData = append(s.freqData, buf[off:end]...)
			off = end
		}
		end = skipUvarints(buf, off, int(flags>>2+title+lead))
		s.posData = append(s.posData, buf[off:end]...)
		off = end
		tf := w.tf(uint32(title), uint32(lead), uint32(flags>>2))
		length := s.lens[d]
		bm.lastDoc = uint16(d)
		bm.maxTF = max(bm.maxTF, tf)
		bm.minLen = min(bm.minLen, length)
		best = max(best, s.ref.tfc(tf, length))
	}
	if bm != nil {
		bm.impact = roundUp32(best)
	}
}

// finish computes what follows from the documents: the date order and the
// live count.
func (s *segment) finish() {
	s.byDate = make([]uint16, len(s.docs))
	for i := range s.byDate {
		s.byDate[i] = uint16(i)
	}
	slices.SortFunc(s.byDate, func(a, b uint16) int {
		da, db := &s.docs[a], &s.docs[b]
		return cmp.Or(cmp.Compare(db.published, da.published), cmp.Compare(db.id, da.id))
	})
	if s.deleted == nil {
		s.deleted = newBitmap(len(s.docs))
	}
	s.live = len(s.docs) - s.deleted.count()
	s.maxPub, s.minPub = math.MinInt64, math.MaxInt64
	s.secs = make([]uint16, len(s.docs))
	s.srcs = make([]uint32, len(s.docs))
	s.pubs = make([]int64, len(s.docs))
	for i := range s.docs {
		d := &s.docs[i]
		s.maxPub = max(s.maxPub, d.published)
		s.minPub = min(s.minPub, d.published)
		s.secs[i], s.srcs[i], s.pubs[i] = d.section, d.source, d.published
	}
}

// postings reads a term's postings block by block.
type postings struct {
	s          *segment
	t          int
	block, end int // current block, end of blocks
	n          int // postings decoded in the current block; 0 when not decoded
	docs       [blockSize]uint16
	tfs        [blockSize]float32
	w          weights
	i          int // cursor within the decoded block
}

func (p *postings) init(s *segment, t int, w weights) {
	p.s, p.t, p.w = s, t, w
	p.block, p.end = s.blockRange(t)
	p.n, p.i = 0, 0
}

// decodeDocs decodes the current block's documents (not frequencies).
func (p *postings) decodeDocs() int {
	s := p.s
	n := s.blockCount(p.t, p.block)
	off := int(s.blocks[p.block].docOff)
	data := s.docData
	d := 0
	for i := 0; i < n; i++ {
		var x uint64
		if off < len(data) && data[off] < 0x80 {
			x = uint64(data[off])
			off++
		} else {
			x, off = uvarint(data, off)
		}
		if i == 0 {
			d = int(x)
		} else {
			d += int(x)
		}
		p.docs[i] = uint16(d)
	}
	return n
}

// decode decodes the current block's documents and frequencies.
func (p *postings) decode() {
	s := p.s
	n := p.decodeDocs()
	off := int(s.blocks[p.block].freqOff)
	data := s.freqData
	for i := 0; i < n; i++ {
		// Most postings are one byte: a body count under 32, no title
		// or lead.
		if off < len(data) && data[off] < 0x80 && data[off]&3 == 0 {
			p.tfs[i] = p.w.body * float32(data[off]>>2)
			off++
			continue
		}
		var flags, title, lead uint64
		flags, off = uvarint(data, off)
		if flags&1 != 0 {
			title, off = uvarint(s.freqData, off)
		}
		if flags&2 != 0 {
			lead, off = uvarint(s.freqData, off)
		}
		p.tfs[i] = p.w.tf(uint32(title), uint32(lead), uint32(flags>>2))
	}
	p.n, p.i = n, 0
}

// seekBlock moves to the first block whose last document is at least d;
// false when there is none.
func (p *postings) seekBlock(d int) bool {
	for p.block < p.end && int(p.s.blocks[p.block].lastDoc) < d {
		p.block++
		p.n = 0
	}
	return p.block < p.end
}

// tfOf returns the weighted frequency of document d, 0 when the term is
// not in it. Calls must come with increasing d.
func (p *postings) tfOf(d int) float32 {
	if !p.seekBlock(d) {
		return 0
	}
	if p.n == 0 {
		// A block starting after d need not be decoded yet.
		if first, _ := uvarint(p.s.docData, int(p.s.blocks[p.block].docOff)); int(first) > d {
			return 0
		}
		p.decode()
	}
	for p.i < p.n && int(p.docs[p.i]) < d {
		p.i++
	}
	if p.i < p.n && int(p.docs[p.i]) == d {
		return p.tfs[p.i]
	}
	return 0
}

// fill sets the bits of every document of the term in m.
func (s *segment) fill(t int, m bitmap) {
	first, end := s.blockRange(t)
	df := int(s.info[t].df)
	for b := first; b < end; b++ {
		n := min(blockSize, df-(b-first)*blockSize)
		off := int(s.blocks[b].docOff)
		data := s.docData
		d := 0
		for i := 0; i < n; i++ {
			var x uint64
			if off < len(data) && data[off] < 0x80 {
				x = uint64(data[off])
				off++
			} else {
				x, off = uvarint(data, off)
			}
			if i == 0 {
				d = int(x)
			} else {
				d += int(x)
			}
			if d < len(s.docs) {
				m.set(d)
			}
		}
	}
}

// posCursor reads the positions of a term's documents in increasing
// document order, skipping whole blocks before the document asked for.
type posCursor struct {
	s                       *segment
	t                       int
	block, end              int
	i, n                    int  // entries read in the block, its count
	have                    bool // an entry is read whose positions are not
	doc, k                  int  // that entry's document and position count
	title, lead             int  // of its k positions, how many are in the title and lead (they come first)
	docOff, freqOff, posOff int
}

func (c *posCursor) init(s *segment, t int) {
	c.s, c.t = s, t
	c.block, c.end = s.blockRange(t)
	c.startBlock()
}

func (c *posCursor) startBlock() {
	c.have, c.i, c.doc = false, 0, 0
	if c.block >= c.end {
		return
	}
	bm := &c.s.blocks[c.block]
	c.n = c.s.blockCount(c.t, c.block)
	c.docOff, c.freqOff, c.posOff = int(bm.docOff), int(bm.freqOff), int(bm.posOff)
}

// seek moves the cursor to the entry of document d, whose positions are
// read next, and reports whether the term is in d. Calls must come with
// increasing d.
func (c *posCursor) seek(d int) bool {
	s := c.s
	for c.block < c.end && int(s.blocks[c.block].lastDoc) < d {
		c.block++
		c.startBlock()
	}
	for c.block < c.end {
		if !c.have {
			if c.i >= c.n {
				c.block++
				c.startBlock()
				continue
			}
			var x, flags, title, lead uint64
			x, c.docOff = uvarint(s.docData, c.docOff)
			if c.i == 0 {
				c.doc = int(x)
			} else {
				c.doc += int(x)
			}
			flags, c.freqOff = uvarint(s.freqData, c.freqOff)
			if flags&1 != 0 {
				title, c.freqOff = uvarint(s.freqData, c.freqOff)
			}
			if flags&2 != 0 {
				lead, c.freqOff = uvarint(s.freqData, c.freqOff)
			}
			c.k = int(flags>>2 + title + lead)
			c.title, c.lead = int(title), int(lead)
			c.i++
			c.have = true
		}
		switch {
		case c.doc < d:
			c.posOff = skipUvarints(s.posData, c.posOff, c.k)
			c.have = false
		case c.doc > d:
			return false
		default:
			return true
		}
	}
	return false
}

// positions returns the positions of document d appended to dst, or nil
// when the term is not in d. Calls must come with increasing d.
func (c *posCursor) positions(d int, dst []uint32) []uint32 {
	if !c.seek(d) {
		return nil
	}
	data := c.s.posData
	p := uint32(0)
	for j := 0; j < c.k; j++ {
		var x uint64
		x, c.posOff = uvarint(data, c.posOff)
		p += uint32(x)
		dst = append(dst, p)
	}
	c.have = false
	return dst
}

// keepFollowed keeps the positions p of starts (increasing) for which
// p+delta is a position of the term in document d, in place, and returns
// them; none when the term is not in d. It stops reading d's positions
// once no start is left. Calls must come with increasing d.
func (c *posCursor) keepFollowed(d int, starts []uint32, delta uint32) []uint32 {
	if !c.seek(d) {
		return starts[:0]
	}
	data := c.s.posData
	p := uint32(0)
	j, w, k := 0, 0, 0
	for ; k < c.k && j < len(starts); k++ {
		var x uint64
		x, c.posOff = uvarint(data, c.posOff)
		p += uint32(x)
		for j < len(starts) && starts[j]+delta < p {
			j++
		}
		if j < len(starts) && starts[j]+delta == p {
			starts[w] = starts[j]
			w++
			j++
		}
	}
	c.posOff = skipUvarints(data, c.posOff, c.k-k)
	c.have = false
	return starts[:w]
}
