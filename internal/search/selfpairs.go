package search

import (
	"slices"
	"strings"
)

// A builder given no pairs to index (the first segment's: no earlier
// segment's sample to learn them from) learns them from its own sample
// when it is frozen, and the segment gets their postings from the
// positions of their words: so every segment has complete pair postings
// for its pair set, and a common phrase reads one posting list in the
// first segment too. The builder itself is left as it was (a tail may be
// frozen again after more documents come, and learns again then), so a
// segment's pairs depend only on its documents.

// selfPair is a learnt pair's term made at freeze: its text and its
// postings in a builder's stream format (see termPosts).
type selfPair struct {
	text  string
	key   string // first + "\x00" + second, as segment.pairKeys holds it
	df    uint32
	posts []byte
}

// selfPairs learns the builder's pairs from its own sample and returns
// them sorted by text, with their postings.
func (b *builder) selfPairs() []selfPair {
	keys := b.learntPairKeys()
	out := make([]selfPair, len(keys))
	for i, k := range keys {
		first, second := b.terms[k>>32], b.terms[uint32(k)]
		out[i] = selfPair{text: pairText(first, second), key: first + "\x00" + second}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(out[x].text, out[y].text) })
	sorted := make([]selfPair, len(keys))
	// A word is in many pairs ("year" after "last", "next", "fiscal"...),
	// so each word's postings are decoded once and kept for the pass: at
	// most the pairs' words' postings, which the builder holds anyway.
	decoded := make(map[uint32]*decodedPosts)
	var buf []byte
	posts := func(t uint32) *decodedPosts {
		dp := decoded[t]
		if dp == nil {
			dp = &decodedPosts{}
			buf = b.decodePosts(t, dp, buf)
			decoded[t] = dp
		}
		return dp
	}
	for i, j := range order {
		k := keys[j]
		sp := out[j]
		sp.df, sp.posts = adjacentPosts(posts(uint32(k>>32)), posts(uint32(k)))
		sorted[i] = sp
	}
	return sorted
}

// decodedPosts is one builder term's postings decoded: per document its
// number and where its positions are in pos (the title's first, then the
// lead's, then the body's).
type decodedPosts struct {
	docs                     []uint32
	start, titleEnd, leadEnd []uint32 // per document: indices into pos
	pos                      []uint32
}

// decodePosts decodes term t's postings into dp; buf is scratch, returned
// for reuse.
func (b *builder) decodePosts(t uint32, dp *decodedPosts, buf []byte) []byte {
	tp := &b.posts[t]
	buf = b.slab.appendTo(buf[:0], &tp.st)
	buf = append(buf, tp.buf[:tp.n]...)
	// Each value takes a byte at least: len(buf) bounds the positions.
	dp.docs, dp.start = make([]uint32, 0, tp.df), make([]uint32, 0, tp.df)
	dp.titleEnd, dp.leadEnd = make([]uint32, 0, tp.df), make([]uint32, 0, tp.df)
	dp.pos = make([]uint32, 0, len(buf))
	off, d := 0, uint32(0)
	for i := 0; i < int(tp.df); i++ {
		var x uint64
		x, off = uvarint(buf, off)
		if i%blockSize == 0 {
			d = uint32(x)
		} else {
			d += uint32(x)
		}
		var flags, title, lead uint64
		flags, off = uvarint(buf, off)
		if flags&1 != 0 {
			title, off = uvarint(buf, off)
		}
		if flags&2 != 0 {
			lead, off = uvarint(buf, off)
		}
		from := uint32(len(dp.pos))
		dp.docs = append(dp.docs, d)
		dp.start = append(dp.start, from)
		dp.titleEnd = append(dp.titleEnd, from+uint32(title))
		dp.leadEnd = append(dp.leadEnd, from+uint32(title+lead))
		p := uint32(0)
		for range title + lead + flags>>2 {
			x, off = uvarint(buf, off)
			p += uint32(x)
			dp.pos = append(dp.pos, p)
		}
	}
	return buf
}

// adjacentPosts returns the postings, in a builder's stream format, of the
// pair "a c": a document's occurrences are a's positions followed by one
// of c's, each in the field of a's, counted with the caps occur applies,
// at a's position (as a builder indexing the pair records them).
func adjacentPosts(a, c *decodedPosts) (uint32, []byte) {
	var out []byte
	var pos []uint32
	df, last := uint32(0), uint32(0)
	for i, j := 0, 0; i < len(a.docs) && j < len(c.docs); {
		switch {
		case a.docs[i] < c.docs[j]:
			i = gallop(a.docs, i, c.docs[j])
			continue
		case a.docs[i] > c.docs[j]:
			j = gallop(c.docs, j, a.docs[i])
			continue
		}
		d := a.docs[i]
		var title, lead, body uint32
		pos = pos[:0]
		cp, cEnd := c.start[j], uint32(len(c.pos))
		if j+1 < len(c.docs) {
			cEnd = c.start[j+1]
		}
		aEnd := uint32(len(a.pos))
		if i+1 < len(a.docs) {
			aEnd = a.start[i+1]
		}
		for k := a.start[i]; k < aEnd; k++ {
			p := a.pos[k]
			for cp < cEnd && c.pos[cp] < p+1 {
				cp++
			}
			if cp == cEnd {
				break
			}
			if c.pos[cp] != p+1 {
				continue
			}
			switch {
			case k < a.titleEnd[i]:
				if title >= maxTitleTF {
					continue
				}
				title++
			case k < a.leadEnd[i]:
				if lead >= maxTitleTF {
					continue
				}
				lead++
			default:
				if body >= maxBodyTF {
					continue
				}
				body++
			}
			pos = append(pos, p)
		}
		i++
		j++
		if len(pos) == 0 {
			continue
		}
		if df%blockSize == 0 {
			out = appendUvarint(out, uint64(d))
		} else {
			out = appendUvarint(out, uint64(d-last))
		}
		last = d
		df++
		out = appendFreqEntry(out, title, lead, body)
		prev := uint32(0)
		for _, p := range pos {
			out = appendUvarint(out, uint64(p-prev))
			prev = p
		}
	}
	return df, out
}

// gallop returns the index of the first of docs[from:] not below d
// (len(docs) if none), probing 1, 2, 4... ahead and then bisecting: a
// word in a few hundred documents is matched against one in tens of
// thousands in steps of the shorter list, not of the longer.
func gallop(docs []uint32, from int, d uint32) int {
	lo, step := from, 1
	hi := from + step
	for hi < len(docs) && docs[hi] < d {
		lo = hi
		step *= 2
		hi = from + step
	}
	hi = min(hi, len(docs))
	// docs[lo] < d or lo == from; the answer is in (lo, hi].
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if docs[m] < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
