package search

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
)

// A single common word ("government") matches half the index, and ranking
// it by blocks finds little to skip: nearly every block holds a headline
// match. So each term in at least topMinDF documents of a segment keeps,
// beside its postings, its topN documents by impact (tfc at the segment's
// reference length) with their frequencies, a bound on the impact of all
// its others, and its counts by section and source. A one-word query with
// no filter then reads, per segment, the top list, the counts and the
// deleted documents only; it falls back to the postings of a segment only
// when that segment's bound could still beat the k-th best hit.
const defaultTopMinDF = 1024

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
func (s *segment) buildTopLists(w weights, topMinDF int) {
	s.tops = map[int]*topList{}
	secCount := make([]uint32, 0)
	srcCount := make([]uint32, 0)
	var p postings
	var h impactHeap
	for t := range s.info {
		// Pair terms get lists too: a two-word phrase whose pair is
		// indexed is ranked as that one term (see phrase.go).
		if int(s.info[t].df) < topMinDF {
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

// singleGroup returns the scoring group of a query that is one word, one
// prefix or one two-word phrase with no filter, the case top lists answer
// (a phrase's through its indexed pair); ok is false otherwise.
func singleGroup(p *plan, q Query) (scoreGroup, bool) {
	if p.exhaustive || p.hasFrom || p.hasTo || q.Section != "" || q.SourceID != 0 ||
		len(p.q.clauses) != 1 || p.q.clauses[0].neg || len(p.q.clauses[0].alts) != 1 ||
		len(p.q.clauses[0].alts[0].words) > 2 || len(p.scoring) != 1 {
		return nil, false
	}
	return p.scoring[0], true
}

// maxDeletedForTops bounds the deleted documents a segment's top list path
// checks one by one; past it the segment takes the general path.
const maxDeletedForTops = 256

// runGroup answers a one-word, one-prefix or one-pair-phrase query with
// no filter, and returns the total; hits, total and counts are exactly those of the
// general path. A segment's matches are counted from its top list's
// counts when the group is one word with a list, else from its postings.
// Candidates for the hits are the lists' documents and every document of
// the group's terms too rare to have a list; the rest of a segment is
// read only when its bound could still beat the k-th best hit.
func (x *Index) runGroup(p *plan, v view, g scoreGroup, h *hitHeap, secCounts, srcCounts []int) int {
	type pending struct {
		i     int
		ts    []groupTerm
		m     bitmap // matches; nil when counted from the list
		cand  bitmap // documents already offered
		bound float64
	}
	var later []pending
	total := 0
	sc := &scratch{}
	h.k = p.k
	for i, s := range v.segs {
		if st := g[0]; st.phrase != nil && !s.pairIndexed(st.phrase[0], st.phrase[1]) {
			// A phrase this segment does not index as a pair: matched
			// and counted by positions, then ranked, here and now.
			m := x.match(p, s, sc)
			m.andNot(v.deleted[i])
			total += filter(p, v, s, m, secCounts, srcCounts)
			if p.byDate {
				topByDate(p, s, m, h)
			} else {
				x.topByScore(p, s, m, h)
			}
			sc.put(m)
			continue
		}
		var ts []groupTerm
		for _, st := range g {
			if t := s.lookup(st.term); t >= 0 {
				ts = append(ts, groupTerm{t, st.idf, s.tops[t]})
			}
		}
		if len(ts) == 0 {
			continue
		}
		del := v.deleted[i]
		useImpact := s.ref.k1 == p.k1 && s.ref.b == p.b && s.ref.avgLen > 0
		pd := pending{i: i, ts: ts}
		if len(ts) == 1 && ts[0].tl != nil && useImpact && del.count() <= maxDeletedForTops {
			t, tl := ts[0].t, ts[0].tl
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
		} else {
			pd.m = sc.get(s.n())
			for _, st := range ts {
				s.fill(st.t, pd.m)
			}
			pd.m.andNot(del)
			total += filter(p, v, s, pd.m, secCounts, srcCounts)
		}
		if !p.byDate && useImpact {
			// Offer the candidates whose scores the lists settle now; the
			// bound on the rest is checked once every segment has offered
			// its own.
			for _, st := range ts {
				if st.tl != nil {
					pd.bound = max(pd.bound, st.idf*p.impactBound(s, st.tl.rest))
				}
			}
			pd.cand = sc.get(s.n())
			x.offerListed(p, s, ts, del, pd.bound, pd.cand, h)
			pd.bound *= p.boost(s.maxPub)
		}
		if p.byDate || !useImpact {
			pd.bound = math.Inf(1)
		}
		later = append(later, pd)
	}
	if p.byDate {
		// Newest segments first: once k hits are found, an older segment
		// can add nothing, and its postings are never read.
		slices.SortFunc(later, func(a, b pending) int { return cmp.Compare(v.segs[b.i].maxPub, v.segs[a.i].maxPub) })
	}
	for _, pd := range later {
		s := v.segs[pd.i]
		if p.byDate && h.full() && s.maxPub < h.items[0].pub || !p.byDate && h.full() && pd.bound < h.items[0].score {
			continue
		}
		if !p.byDate && len(pd.ts) == 1 && pd.cand != nil {
			// One term: score its postings as they are read, no bitmap.
			x.offerPostings(p, s, pd.ts[0], v.deleted[pd.i], pd.cand, h)
			continue
		}
		m := pd.m
		if m == nil {
			m = sc.get(s.n())
			for _, st := range pd.ts {
				s.fill(st.t, m)
			}
			m.andNot(v.deleted[pd.i])
		}
		if pd.cand != nil {
			m.andNot(pd.cand)
		}
		if p.byDate {
			topByDate(p, s, m, h)
		} else {
			x.topByScore(p, s, m, h)
		}
	}
	return total
}

// groupTerm is one term of a scoring group in a segment.
type groupTerm struct {
	t   int
	idf float64
	tl  *topList
}

// offerListed offers the documents of a segment whose scores for one
// scoring group the group's top lists settle, and sets them in offered.
//
// A document's score is the best over the group's terms of idf ×
// tfc(tf). A top list gives a term's frequency in its listed documents,
// and a term too rare for a list has all its postings read (they are
// few); every other (term, document) pair scores at most bound, the
// lists' bound on the documents they leave out. So a document whose best
// known term score is above bound has that score; one at or below it
// (and any document no list names) has a score of at most bound, and is
// left for the caller, which reads the segment in full only when bound
// could still beat the k-th best hit. A one-word group (a word, a phrase
// read as its pair) knows every listed document's score: no posting list
// is read at all.
func (x *Index) offerListed(p *plan, s *segment, ts []groupTerm, del bitmap, bound float64, offered bitmap, h *hitHeap) {
	best, _ := p.dense.arrays(s.n())
	seen := offered // documents with a known term score, then those offered
	note := func(d int, v float64) {
		if !seen.has(d) {
			seen.set(d)
			best[d] = v
		} else if v > best[d] {
			best[d] = v
		}
	}
	var post postings
	for _, gt := range ts {
		if gt.tl != nil {
			for i, d := range gt.tl.docs {
				note(int(d), gt.idf*p.tfc(gt.tl.tfs[i], s.lens[d]))
			}
			continue
		}
		for post.init(s, gt.t, x.w); post.block < post.end; post.block++ {
			post.decode()
			for j := 0; j < post.n; j++ {
				if d := int(post.docs[j]); d < len(s.docs) {
					note(d, gt.idf*p.tfc(post.tfs[j], s.lens[d]))
				}
			}
		}
	}
	seen.andNot(del)
	exact := len(ts) == 1
	seen.forEach(func(d int) {
		if !exact && best[d] <= bound {
			seen.clear(d) // unsettled: scored with the rest if need be
			return
		}
		score := 0.0
		score += best[d]
		score *= p.boost(s.pubs[d])
		h.offer(heapItem{score: score, pub: s.pubs[d], id: s.docs[d].id})
	})
}

// offerPostings scores every document of one term in s that is neither
// deleted nor in skip, exactly as topByScore does, and offers it.
func (x *Index) offerPostings(p *plan, s *segment, gt groupTerm, del, skip bitmap, h *hitHeap) {
	var post postings
	for post.init(s, gt.t, x.w); post.block < post.end; post.block++ {
		post.decode()
		for j := 0; j < post.n; j++ {
			d := int(post.docs[j])
			if d >= len(s.docs) || del.has(d) || skip.has(d) {
				continue
			}
			score := 0.0
			score += max(0, gt.idf*p.tfc(post.tfs[j], s.lens[d]))
			score *= p.boost(s.pubs[d])
			if h.full() && score < h.items[0].score {
				continue
			}
			h.offer(heapItem{score: score, pub: s.pubs[d], id: s.docs[d].id})
		}
	}
}
