package search

import (
	"encoding/binary"
	"math/bits"
)

// maxSegmentDocs is the most documents a segment holds: local document
// numbers fit a uint16, and a segment's match set is a bitmap of 1024
// words (8 KB) that boolean operators and counts run over in microseconds.
const maxSegmentDocs = 1 << 16

// bitmap is a set of a segment's local document numbers.
type bitmap []uint64

func newBitmap(n int) bitmap { return make(bitmap, (n+63)/64) }

func (b bitmap) set(d int)      { b[d>>6] |= 1 << (uint(d) & 63) }
func (b bitmap) clear(d int)    { b[d>>6] &^= 1 << (uint(d) & 63) }
func (b bitmap) has(d int) bool { return b[d>>6]&(1<<(uint(d)&63)) != 0 }
func (b bitmap) and(o bitmap) {
	for i := range b {
		b[i] &= o[i]
	}
}
func (b bitmap) or(o bitmap) {
	for i := range b {
		b[i] |= o[i]
	}
}
func (b bitmap) andNot(o bitmap) {
	for i := range b {
		b[i] &^= o[i]
	}
}
func (b bitmap) reset()        { clear(b) }
func (b bitmap) clone() bitmap { return append(bitmap(nil), b...) }

func (b bitmap) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// next returns the first member at or after d, or -1.
func (b bitmap) next(d int) int {
	i := d >> 6
	if i >= len(b) {
		return -1
	}
	w := b[i] >> (uint(d) & 63)
	if w != 0 {
		return d + bits.TrailingZeros64(w)
	}
	for i++; i < len(b); i++ {
		if b[i] != 0 {
			return i<<6 + bits.TrailingZeros64(b[i])
		}
	}
	return -1
}

// forEach calls fn with each member in increasing order.
func (b bitmap) forEach(fn func(d int)) {
	for i, w := range b {
		for w != 0 {
			fn(i<<6 + bits.TrailingZeros64(w))
			w &= w - 1
		}
	}
}

// uvarint decodes a varint at p[i:], returning it and the next offset. The
// data it reads was written by this package, but a corrupt file must not
// loop or panic past the slice: it stops at the end.
func uvarint(p []byte, i int) (uint64, int) {
	var x uint64
	var s uint
	for i < len(p) {
		c := p[i]
		i++
		if c < 0x80 {
			return x | uint64(c)<<s, i
		}
		x |= uint64(c&0x7f) << s
		s += 7
		if s > 63 {
			return x, i
		}
	}
	return x, i
}

func appendUvarint(p []byte, x uint64) []byte {
	for x >= 0x80 {
		p = append(p, byte(x)|0x80)
		x >>= 7
	}
	return append(p, byte(x))
}

// skipUvarints returns the offset after n varints from p[i:].
func skipUvarints(p []byte, i, n int) int {
	// Eight bytes at a time: a varint ends at each byte under 0x80.
	for n > 0 && i >= 0 && i+8 <= len(p) {
		ends := ^binary.LittleEndian.Uint64(p[i:]) & 0x8080808080808080
		c := bits.OnesCount64(ends)
		if c < n {
			n -= c
			i += 8
			continue
		}
		for ; n > 1; n-- {
			ends &= ends - 1
		}
		return i + bits.TrailingZeros64(ends)/8 + 1
	}
	for n > 0 && i < len(p) {
		if p[i] < 0x80 {
			n--
		}
		i++
	}
	return i
}
