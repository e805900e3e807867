package story

import (
	"math"
	"slices"
)

// mergeable reports whether stories a and b are alike enough to merge. A
// pair found unlike is not compared again until the two have grown by a
// tenth, so that two big neighbouring stories do not cost a full
// comparison on every article they share.
func (c *Clusterer) mergeable(a, b *storyState) bool {
	key := [2]int32{min(a.idx, b.idx), max(a.idx, b.idx)}
	size := a.size + b.size
	if last, ok := c.checked[key]; ok && size*10 < last*11 {
		return false
	}
	if c.similarity(a, b) >= c.opts.Merge {
		delete(c.checked, key)
		return true
	}
	if len(c.checked) >= c.checkedLimit {
		c.pruneChecked()
		c.checkedLimit = max(64, 2*len(c.checked))
	}
	c.checked[key] = size
	return false
}

// pruneChecked forgets the pairs with a story that is gone, which bounds
// the memo by the live stories.
func (c *Clusterer) pruneChecked() {
	for key := range c.checked {
		if c.stories[key[0]] == nil || c.stories[key[1]] == nil {
			delete(c.checked, key)
		}
	}
}

// similarity is the cosine of two stories' term vectors, each word weighted
// by its IDF and the share of the story's articles that use it. It is only
// computed when an article matches both stories well, so its cost (the
// smaller story's distinct words) is paid rarely.
func (c *Clusterer) similarity(a, b *storyState) float64 {
	if len(a.counts) > len(b.counts) {
		a, b = b, a
	}
	var dot float64
	for _, id := range c.sortedTerms(a) {
		if cb, ok := b.counts[id]; ok {
			w := c.idf(id)
			dot += w * w * (a.counts[id] / float64(a.size)) * (cb / float64(b.size))
		}
	}
	if dot == 0 {
		return 0
	}
	return dot / math.Sqrt(c.norm2(a)*c.norm2(b))
}

func (c *Clusterer) norm2(st *storyState) float64 {
	var n float64
	for _, id := range c.sortedTerms(st) {
		v := c.idf(id) * st.counts[id] / float64(st.size)
		n += v * v
	}
	return n
}

// sortedTerms returns st's term IDs in increasing order, in a buffer
// reused by the next call. Sums over a story's words run in this order:
// a map's order changes from one range to the next, and float addition
// depends on order, so summing in map order let a score's last bits, and
// a tie at the merge threshold, differ between runs.
func (c *Clusterer) sortedTerms(st *storyState) []int32 {
	ids := c.termOrder[:0]
	for id := range st.counts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	c.termOrder = ids
	return ids
}

// merge makes a and b one story from now on and returns it. The larger
// story survives (ties: the older), so later articles report the ID that
// most earlier articles of the story already have; answers already given
// never change.
func (c *Clusterer) merge(a, b *storyState) *storyState {
	if b.size > a.size || (b.size == a.size && b.idx < a.idx) {
		a, b = b, a
	}
	for id, cw := range b.counts {
		if _, ok := a.counts[id]; !ok {
			c.postings[id] = append(c.postings[id], a)
		}
		a.counts[id] += cw
		c.dropPosting(id, b)
	}
	a.size += b.size
	if b.lastPub.After(a.lastPub) {
		a.lastPub = b.lastPub
	}
	a.lastSeq = max(a.lastSeq, b.lastSeq)
	delete(c.stories, b.idx)
	b.counts, b.size, b.into, b.dropped = nil, 0, a, true
	return a
}
