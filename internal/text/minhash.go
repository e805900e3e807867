package text

import "math"

// MinHashSize is the number of hash functions in a MinHash signature. The
// standard error of a Jaccard estimate is about sqrt(J(1-J)/128) <= 0.045.
const MinHashSize = 128

// MinHash is a MinHash signature of a set of shingle hashes: for each of
// MinHashSize hash functions, the smallest value over the set. Two
// signatures agree at a position with probability equal to the Jaccard
// similarity of the two sets. The hash functions are fixed (derived from
// constant seeds), so signatures computed on different machines compare.
type MinHash [MinHashSize]uint64

// minHashSeed is the first of the per-function seeds, which are successive
// values of the golden-ratio sequence; any fixed distinct odd values would do.
const minHashSeed = 0x9e3779b97f4a7c15

// ComputeMinHash fills sig with the MinHash of shingles. An empty set gives
// a signature of all ones (math.MaxUint64), which Similarity treats as
// matching nothing.
func ComputeMinHash(sig *MinHash, shingles []uint64) {
	// Four hash functions at a time over all the shingles: their least
	// values stay in registers instead of being read and written back per
	// shingle, and a minimum does not depend on the order it is taken in.
	const step = 4              // divides MinHashSize
	next := uint64(minHashSeed) // the seeds wrap around
	seed := next
	for i := 0; i < MinHashSize; i += step {
		s0, s1, s2, s3 := seed, seed+next, seed+2*next, seed+3*next
		l0, l1, l2, l3 := uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64)
		for _, s := range shingles {
			l0 = min(l0, Mix64(s^s0))
			l1 = min(l1, Mix64(s^s1))
			l2 = min(l2, Mix64(s^s2))
			l3 = min(l3, Mix64(s^s3))
		}
		sig[i], sig[i+1], sig[i+2], sig[i+3] = l0, l1, l2, l3
		seed += step * next
	}
}

// Empty reports whether the signature is of an empty set.
func (m *MinHash) Empty() bool {
	return m[0] == math.MaxUint64 && m[1] == math.MaxUint64
}

// Similarity estimates the Jaccard similarity of the two sets: the share of
// positions where the signatures agree. Empty signatures match nothing.
func (m *MinHash) Similarity(o *MinHash) float64 {
	if m.Empty() || o.Empty() {
		return 0
	}
	same := 0
	for i := range m {
		if m[i] == o[i] {
			same++
		}
	}
	return float64(same) / MinHashSize
}

// AppendBands appends the LSH band hashes of sig: the signature is cut into
// bands of rows values each, and each band is hashed together with its band
// number, so that equal values in different bands do not collide. Two sets
// with Jaccard similarity J share at least one band with probability
// 1-(1-J^rows)^bands. rows must divide MinHashSize; otherwise the last
// partial band is dropped. An empty signature has no bands.
func AppendBands(dst []uint64, sig *MinHash, rows int) []uint64 {
	if rows < 1 || sig.Empty() {
		return dst
	}
	for b := 0; (b+1)*rows <= MinHashSize; b++ {
		h := uint64(b + 1)
		for _, v := range sig[b*rows : (b+1)*rows] {
			h = combine(h, v)
		}
		dst = append(dst, h)
	}
	return dst
}
