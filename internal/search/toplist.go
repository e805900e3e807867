package search

import "container/heap"

// A single common word ("government") matches half the index, and ranking
// it by blocks finds little to skip: nearly every block holds a headline
// match. So each term in at least topMinDF documents of a segment keeps,
// beside its postings, its topN documents by impact (tfc at the segment's
// reference length) with their frequencies, a bound on the impact of all
// its others, and its counts by section and source. A one-word query with
// no filter then reads, per segment, the top list, the counts and the
// deleted documents only; it falls back to the postings of a segment only
// when that segment's bound could still beat the k-th best hit.
var topMinDF = 1024

const topN = 64

type topList struct {
	docs []uint16
	tfs  []float32
	rest float32 // the largest impact of the term's other documents (0 when none)
	secs []facetPair
	srcs []facetPair
}

type facetPair struct{ code, n uint32 }

type impactDoc struct {
	impact float32
	doc    uint16
	tf     float32
}

// impactHeap keeps the topN highest impacts, lowest on top.
type impactHeap []impactDoc

func (h impactHeap) Len() int { return len(h) }
func (h impactHeap) Less(i, j int) bool {
	if h[i].impact != h[j].impact {
		return h[i].impact < h[j].impact
	}
	return h[i].doc < h[j].doc
}
func (h impactHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *impactHeap) Push(x any)   { *h = append(*h, x.(impactDoc)) }
func (h *impactHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// buildTopLists computes the top lists of a frozen segment's common terms.
func (s *segment) buildTopLists(w weights) {
	s.tops = map[int]*topList{}
	secCount := make([]uint32, 0)
	srcCount := make([]uint32, 0)
	var p postings
	var h impactHeap
	for t := range s.terms {
		if int(s.info[t].df) < topMinDF || isPairText(s.terms[t]) {
			continue
		}
		tl := &topList{}
		h = h[:0]
		p.init(s, t, w)
		for ; p.block < p.end; p.block++ {
			p.decode()
			for i := 0; i < p.n; i++ {
				d := int(p.docs[i])
				if d >= len(s.docs) {
					continue
				}
				im := s.ref.impact(p.tfs[i], s.lens[d])
				sec, src := int(s.secs[d]), int(s.srcs[d])
				for sec >= len(secCount) {
					secCount = append(secCount, 0)
				}
				for src >= len(srcCount) {
					srcCount = append(srcCount, 0)
				}
				secCount[sec]++
				srcCount[src]++
				it := impactDoc{im, uint16(d), p.tfs[i]}
				if len(h) < topN {
					heap.Push(&h, it)
					continue
				}
				if h.Less(0, 0) || it.impact > h[0].impact || it.impact == h[0].impact && it.doc > h[0].doc {
					tl.rest = max(tl.rest, h[0].impact)
					h[0] = it
					heap.Fix(&h, 0)
				} else {
					tl.rest = max(tl.rest, it.impact)
				}
			}
		}
		for _, it := range h {
			tl.docs = append(tl.docs, it.doc)
			tl.tfs = append(tl.tfs, it.tf)
		}
		for c, n := range secCount {
			if n > 0 {
				tl.secs = append(tl.secs, facetPair{uint32(c), n})
				secCount[c] = 0
			}
		}
		for c, n := range srcCount {
			if n > 0 {
				tl.srcs = append(tl.srcs, facetPair{uint32(c), n})
				srcCount[c] = 0
			}
		}
		s.tops[t] = tl
	}
}

// singleWord returns the term of a query that is one plain word with no
// filter, the case top lists answer; ok is false otherwise.
func singleWord(p *plan, q Query) (string, bool) {
	if exhaustive || p.byDate || p.hasFrom || p.hasTo || q.Section != "" || q.SourceID != 0 ||
		len(p.q.clauses) != 1 || p.q.clauses[0].neg || len(p.q.clauses[0].alts) != 1 ||
		len(p.scoring) != 1 || len(p.scoring[0]) != 1 {
		return "", false
	}
	a := p.q.clauses[0].alts[0]
	if len(a.words) != 1 || a.words[0].prefix {
		return "", false
	}
	return a.words[0].term, true
}

// maxDeletedForTops bounds the deleted documents a segment's top list path
// checks one by one; past it the segment takes the general path.
const maxDeletedForTops = 256

// runSingle answers a one-word query with no filter, from the top lists
// where a segment has one and by its postings where not, and returns the
// total; hits, total and counts are exactly those of the general path.
func (x *Index) runSingle(p *plan, v view, term string, h *hitHeap, secCounts, srcCounts []int) int {
	st := p.scoring[0][0]
	type pending struct {
		i  int
		t  int
		tl *topList
	}
	var later []pending
	total := 0
	sc := &scratch{}
	h.k = p.k
	for i, s := range v.segs {
		t := s.lookup(term)
		if t < 0 {
			continue
		}
		tl := s.tops[t]
		del := v.deleted[i]
		useImpact := s.ref.k1 == p.k1 && s.ref.b == p.b && s.ref.avgLen > 0
		if tl == nil || !useImpact || del.count() > maxDeletedForTops {
			m := sc.get(s.n())
			s.fill(t, m)
			m.andNot(del)
			total += filter(p, v, s, m, secCounts, srcCounts)
			x.topByScore(p, s, m, h)
			sc.put(m)
			continue
		}
		total += int(s.info[t].df)
		for _, f := range tl.secs {
			secCounts[f.code] += int(f.n)
		}
		for _, f := range tl.srcs {
			srcCounts[f.code] += int(f.n)
		}
		var cur postings
		cur.init(s, t, x.w)
		del.forEach(func(d int) {
			if cur.tfOf(d) > 0 {
				total--
				secCounts[s.secs[d]]--
				srcCounts[s.srcs[d]]--
			}
		})
		for j, d := range tl.docs {
			if del.has(int(d)) {
				continue
			}
			score := 0.0
			score += max(0, st.idf*p.tfc(tl.tfs[j], s.lens[d]))
			doc := &s.docs[d]
			score *= p.boost(doc.published)
			h.offer(heapItem{score: score, pub: doc.published, id: doc.id})
		}
		later = append(later, pending{i, t, tl})
	}
	// A segment whose other documents could still enter is read in full,
	// less the documents its list already offered.
	for _, pd := range later {
		s := v.segs[pd.i]
		scale := max(1, p.avgLen/s.ref.avgLen) * (1 + 1e-9)
		bound := st.idf * scale * float64(pd.tl.rest) * p.boost(s.maxPub)
		if pd.tl.rest == 0 || h.full() && bound < h.items[0].score {
			continue
		}
		m := sc.get(s.n())
		s.fill(pd.t, m)
		m.andNot(v.deleted[pd.i])
		for _, d := range pd.tl.docs {
			m.clear(int(d))
		}
		x.topByScore(p, s, m, h)
		sc.put(m)
	}
	return total
}
