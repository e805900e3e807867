package search

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

func fnv(w string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

// The tables grow past their first size and keep every entry, words of
// every length (short, held in place, too long for that) and the pair key
// 0 included.
func TestWordAndPairTables(t *testing.T) {
	wt := newWordTable()
	var pt pairTable
	const n = 100000
	word := func(i int) string {
		switch {
		case i%1000 == 0:
			return strings.Repeat("x", wordInline) + fmt.Sprint(i) // too long to hold in place
		case i%2 == 0:
			return fmt.Sprintf("word%d", i) // more than 8 bytes from 10000
		}
		return fmt.Sprintf("w%d", i)
	}
	for i := 0; i < n; i++ {
		w := word(i)
		if _, ok := wt.get(w, fnv(w)); ok {
			t.Fatalf("%q found before it was added", w)
		}
		wt.put(w, fnv(w), uint32(i))
		*pt.at(uint64(i) << 32) += uint32(i) + 1
	}
	for i := 0; i < n; i++ {
		w := word(i)
		if got, ok := wt.get(w, fnv(w)); !ok || got != uint32(i) {
			t.Fatalf("%q: got %d, %v; want %d", w, got, ok, i)
		}
		if got, ok := pt.get(uint64(i) << 32); !ok || got != uint32(i)+1 {
			t.Fatalf("pair %d: got %d, %v", i, got, ok)
		}
	}
	if _, ok := wt.get("absent", fnv("absent")); ok {
		t.Fatal("found a word never added")
	}
	if _, ok := pt.get(1); ok {
		t.Fatal("found a pair never added")
	}
	seen := 0
	pt.each(func(k uint64, v uint32) {
		if uint32(k>>32)+1 != v {
			t.Fatalf("each: %d -> %d", k, v)
		}
		seen++
	})
	if seen != n {
		t.Fatalf("each saw %d pairs, want %d", seen, n)
	}
}

// A term's builder record is one cache line (see termPosts).
func TestTermPostsSize(t *testing.T) {
	if n := unsafe.Sizeof(termPosts{}); n != 64 {
		t.Fatalf("termPosts is %d bytes, want 64", n)
	}
}
