package search

import (
	"strings"
	"unsafe"
)

// termTable is a segment's sorted dictionary as one block of bytes and
// offsets: two allocations and no pointer per term, where a []string of a
// few hundred thousand terms per segment is as many pointers for the
// garbage collector to scan, over and over, while the index grows.
type termTable struct {
	data []byte
	off  []uint32 // term i is data[off[i]:off[i+1]]
}

func (tt *termTable) len() int { return max(len(tt.off)-1, 0) }

// at returns term i; the string shares the table's bytes.
func (tt *termTable) at(i int) string {
	from, to := tt.off[i], tt.off[i+1]
	if from == to {
		return ""
	}
	return unsafe.String(&tt.data[from], int(to-from))
}

func (tt *termTable) add(t string) {
	if len(tt.off) == 0 {
		tt.off = append(tt.off, 0)
	}
	tt.data = append(tt.data, t...)
	tt.off = append(tt.off, uint32(len(tt.data)))
}

// search returns the first term at or after key.
func (tt *termTable) search(key string) int {
	lo, hi := 0, tt.len()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tt.at(m) < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// prefixEnd returns the end of the run of terms from i starting with p.
func (tt *termTable) prefixEnd(i int, p string) int {
	lo, hi := i, tt.len()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if strings.HasPrefix(tt.at(m), p) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
