package text

// EditDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours, in runes),
// or limit+1 once it must exceed limit: a "did you mean" suggestion is only
// ever a word or two away, and most candidates are ruled out on the first
// rows.
func EditDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if bagDistanceOver(a, b, limit) {
		return limit + 1
	}
	// Three rows; on the stack for words of up to 64 runes (the longest a
	// search index keeps), so a scan of a dictionary allocates nothing.
	var rows [3 * 65]int
	var prev2, prev, cur []int
	if n := len(b) + 1; n <= 65 {
		prev2, prev, cur = rows[:n], rows[65:65+n], rows[130:130+n]
	} else {
		prev2, prev, cur = make([]int, n), make([]int, n), make([]int, n)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}

// bagDistanceOver reports whether the letters of a and b, counted without
// their order, differ by more than limit: a lower bound on the edit
// distance (a substitution changes one letter each way, an insertion or
// deletion one, a transposition none), so such pairs need no table. A
// scan of a dictionary for close words rejects most words here. Words
// with a rune beyond ASCII are left to the table.
func bagDistanceOver(a, b []rune, limit int) bool {
	var count [128]int32
	for _, r := range a {
		if r >= 128 {
			return false
		}
		count[r]++
	}
	for _, r := range b {
		if r >= 128 {
			return false
		}
		count[r]--
	}
	// The letters a has more of than b; those b has more of follow, as the
	// counts sum to len(a) - len(b).
	extra := 0
	for _, r := range a {
		if c := count[r]; c > 0 {
			extra += int(c)
			count[r] = 0
		}
	}
	missing := extra - (len(a) - len(b))
	return max(extra, missing) > limit
}
