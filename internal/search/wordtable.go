package search

import (
	"math/bits"
	"strings"
)

// wordTable maps the words a builder meets, as written, to their term
// numbers. It is an open-addressing table whose entries hold a word's
// bytes in place: finding a word reads one cache line, where a Go map of
// strings reads its control word, its slot and the key's bytes elsewhere,
// and the table has no pointers for the collector to scan. Words longer
// than wordInline bytes (few) go to a map.
type wordTable struct {
	// Words of at most 8 bytes (most of any text) are keyed by their
	// bytes as one integer, four to a cache line; longer ones hold their
	// bytes in a 32-byte slot.
	short      []shortSlot
	shortCount int
	slots      []wordSlot
	count      int
	long       map[string]uint32
}

type shortSlot struct {
	key  uint64 // the word's bytes, little-endian, zero-padded; 0 for an empty slot
	term uint32
}

const wordInline = 23

type wordSlot struct {
	hash uint32
	term uint32 // ^0 for a word too long to index
	n    uint8  // the word's length; 0 for an empty slot
	word [wordInline]byte
}

func newWordTable() wordTable {
	return wordTable{short: make([]shortSlot, 1<<14), slots: make([]wordSlot, 1<<14), long: map[string]uint32{}}
}

// shortKey returns the key of a word of 1 to 8 bytes. No word holds a
// zero byte, so the padding tells "ab" from "ab\x00".
func shortKey(w string) uint64 {
	var k uint64
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(w[i])
	}
	return k
}

func (wt *wordTable) shortIndex(k uint64) int {
	return int((k * 0x9E3779B97F4A7C15) >> (64 - bits.TrailingZeros(uint(len(wt.short)))))
}

func (wt *wordTable) growShort() {
	old := wt.short
	wt.short = make([]shortSlot, 2*len(old))
	mask := len(wt.short) - 1
	for _, e := range old {
		if e.key == 0 {
			continue
		}
		i := wt.shortIndex(e.key)
		for wt.short[i].key != 0 {
			i = (i + 1) & mask
		}
		wt.short[i] = e
	}
}

// index returns where hash h starts probing: the top bits of a
// multiplicative hash, as the caller's hash is FNV-1a, weak in its low bits.
func (wt *wordTable) index(h uint32) int {
	return int((h * 0x9E3779B1) >> (32 - bits.TrailingZeros(uint(len(wt.slots)))))
}

// get returns the term of w, whose FNV-1a hash is h; false when absent.
func (wt *wordTable) get(w string, h uint32) (uint32, bool) {
	if len(w) <= 8 {
		k := shortKey(w)
		mask := len(wt.short) - 1
		for i := wt.shortIndex(k); ; i = (i + 1) & mask {
			switch wt.short[i].key {
			case k:
				return wt.short[i].term, true
			case 0:
				return 0, false
			}
		}
	}
	if len(w) > wordInline {
		t, ok := wt.long[w]
		return t, ok
	}
	mask := len(wt.slots) - 1
	for i := wt.index(h); ; i = (i + 1) & mask {
		s := &wt.slots[i]
		if s.n == 0 {
			return 0, false
		}
		if s.hash == h && int(s.n) == len(w) && string(s.word[:len(w)]) == w {
			return s.term, true
		}
	}
}

// put adds w (absent) with its term.
func (wt *wordTable) put(w string, h, term uint32) {
	if len(w) <= 8 {
		if 2*(wt.shortCount+1) > len(wt.short) {
			wt.growShort()
		}
		k := shortKey(w)
		mask := len(wt.short) - 1
		i := wt.shortIndex(k)
		for wt.short[i].key != 0 {
			i = (i + 1) & mask
		}
		wt.short[i] = shortSlot{k, term}
		wt.shortCount++
		return
	}
	if len(w) > wordInline {
		wt.long[strings.Clone(w)] = term // w is part of a document's text
		return
	}
	if 2*(wt.count+1) > len(wt.slots) {
		wt.grow()
	}
	mask := len(wt.slots) - 1
	i := wt.index(h)
	for wt.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	s := &wt.slots[i]
	s.hash, s.term, s.n = h, term, uint8(len(w))
	copy(s.word[:], w)
	wt.count++
}

func (wt *wordTable) grow() {
	old := wt.slots
	wt.slots = make([]wordSlot, 2*len(old))
	mask := len(wt.slots) - 1
	for k := range old {
		if old[k].n == 0 {
			continue
		}
		i := wt.index(old[k].hash)
		for wt.slots[i].n != 0 {
			i = (i + 1) & mask
		}
		wt.slots[i] = old[k]
	}
}

// pairTable maps word pairs (first<<32|second term number) to a uint32:
// the builder's counts of sampled pairs and its indexed pairs' terms.
// Open addressing over two flat arrays, for the same reasons as wordTable.
type pairTable struct {
	keys  []uint64 // key+1; 0 marks an empty slot
	vals  []uint32
	count int
}

func (pt *pairTable) index(k uint64) int {
	return int((k * 0x9E3779B97F4A7C15) >> (64 - bits.TrailingZeros(uint(len(pt.keys)))))
}

// get returns the value of k; false when absent.
func (pt *pairTable) get(k uint64) (uint32, bool) {
	if pt.count == 0 {
		return 0, false
	}
	mask := len(pt.keys) - 1
	for i := pt.index(k); ; i = (i + 1) & mask {
		switch pt.keys[i] {
		case k + 1:
			return pt.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// at returns the value of k, added as 0 when absent.
func (pt *pairTable) at(k uint64) *uint32 {
	if 2*(pt.count+1) > len(pt.keys) {
		pt.grow()
	}
	mask := len(pt.keys) - 1
	i := pt.index(k)
	for ; pt.keys[i] != 0; i = (i + 1) & mask {
		if pt.keys[i] == k+1 {
			return &pt.vals[i]
		}
	}
	pt.keys[i], pt.vals[i] = k+1, 0
	pt.count++
	return &pt.vals[i]
}

func (pt *pairTable) grow() {
	oldKeys, oldVals := pt.keys, pt.vals
	n := max(2*len(oldKeys), 1<<10)
	pt.keys, pt.vals = make([]uint64, n), make([]uint32, n)
	mask := n - 1
	for k, key := range oldKeys {
		if key == 0 {
			continue
		}
		i := pt.index(key - 1)
		for pt.keys[i] != 0 {
			i = (i + 1) & mask
		}
		pt.keys[i], pt.vals[i] = key, oldVals[k]
	}
}

// each calls fn with every key and value, in no order.
func (pt *pairTable) each(fn func(k uint64, v uint32)) {
	for i, key := range pt.keys {
		if key != 0 {
			fn(key-1, pt.vals[i])
		}
	}
}
