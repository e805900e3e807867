package text

// AppendShingles appends to dst the hashes of every run of k consecutive
// tokens (word k-shingles) and returns the extended slice. Fewer than k
// tokens give one shingle of all of them, so that a short text still has a
// signature. Duplicates are kept: MinHash ignores them and removing them
// would cost a map. k below 1 is treated as 1.
func AppendShingles(dst []uint64, tokens []string, k int) []uint64 {
	// Hash each token once; a shingle combines k token hashes.
	var stack [64]uint64
	th := stack[:0]
	if len(tokens) > len(stack) {
		th = make([]uint64, 0, len(tokens))
	}
	for _, t := range tokens {
		th = append(th, Hash64(t))
	}
	return AppendHashShingles(dst, th, k)
}

// AppendHashShingles is AppendShingles of the tokens whose Hash64 values
// are tokenHashes (see AppendTokenHashes): the same shingles, for a caller
// that never built the tokens' strings.
func AppendHashShingles(dst []uint64, tokenHashes []uint64, k int) []uint64 {
	if k < 1 {
		k = 1
	}
	if len(tokenHashes) == 0 {
		return dst
	}
	if len(tokenHashes) < k {
		k = len(tokenHashes)
	}
	for i := 0; i+k <= len(tokenHashes); i++ {
		h := uint64(k)
		for _, x := range tokenHashes[i : i+k] {
			h = combine(h, x)
		}
		dst = append(dst, h)
	}
	return dst
}
