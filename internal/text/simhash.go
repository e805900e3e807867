package text

import "math/bits"

// SimHash returns the 64-bit SimHash of a set of feature hashes (for
// example shingles from AppendShingles): bit i is set when most features
// have bit i set. Similar texts give hashes a small Hamming distance apart.
// It needs 8 bytes where a MinHash needs 1 KiB, at the cost of a coarser
// similarity.
func SimHash(features []uint64) uint64 {
	var votes [64]int32
	for _, f := range features {
		for i := range votes {
			// Branch-free: +1 when the bit is set, -1 when not.
			votes[i] += int32(f>>uint(i)&1)*2 - 1
		}
	}
	var h uint64
	for i, v := range votes {
		if v > 0 {
			h |= 1 << uint(i)
		}
	}
	return h
}

// HammingDistance is the number of bits in which a and b differ.
func HammingDistance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
