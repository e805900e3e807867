package search

// denseMin is the number of matches in a segment from which ranking goes
// term at a time: with tens of thousands of matches, skipping by blocks
// saves little (news has a headline match in nearly every block), while
// reading each term's postings once, in order, into a per-document array
// costs a few nanoseconds a posting instead of a cursor step per term per
// document.
const denseMin = 4096

// denseScratch holds the per-document arrays of topByScoreDense, reused
// from segment to segment.
type denseScratch struct {
	acc, gacc []float64
}

func (ds *denseScratch) arrays(n int) ([]float64, []float64) {
	if cap(ds.acc) < n {
		ds.acc = make([]float64, n)
		ds.gacc = make([]float64, n)
	}
	return ds.acc[:n], ds.gacc[:n]
}

// topByScoreDense offers the best matches of s to h, with exactly the
// scores topByScore computes: per group the largest term score, summed
// over the groups in order, times the boost.
func (x *Index) topByScoreDense(p *plan, s *segment, m bitmap, h *hitHeap, ds *denseScratch) {
	h.k = p.k
	acc, gacc := ds.arrays(s.n())
	m.forEach(func(d int) { acc[d] = 0 })
	var post postings
	for _, g := range p.scoring {
		// A group of one term adds its score straight to acc (acc+v is
		// what acc+max(0, v) gives), saving two passes over m.
		one := len(g) == 1
		if !one {
			m.forEach(func(d int) { gacc[d] = 0 })
		}
		for _, st := range g {
			t, pf := p.source(s, st)
			if pf != nil {
				// A phrase counted from positions: its array.
				m.forEach(func(d int) {
					v := st.idf * p.tfc(pf.tf[d], s.lens[d])
					if one {
						acc[d] += v
					} else if v > gacc[d] {
						gacc[d] = v
					}
				})
				continue
			}
			if t < 0 {
				continue
			}
			post.init(s, t, x.w)
			prevLast := -1
			for ; post.block < post.end; post.block++ {
				last := int(s.blocks[post.block].lastDoc)
				if !m.anyIn(prevLast+1, last) {
					prevLast = last
					continue
				}
				prevLast = last
				post.decode()
				for i := 0; i < post.n; i++ {
					d := int(post.docs[i])
					if d >= len(acc) || !m.has(d) {
						continue
					}
					v := st.idf * p.tfc(post.tfs[i], s.lens[d])
					if one {
						acc[d] += v
					} else if v > gacc[d] {
						gacc[d] = v
					}
				}
			}
		}
		if !one {
			m.forEach(func(d int) { acc[d] += gacc[d] })
		}
	}
	m.forEach(func(d int) {
		sc := acc[d] * p.boost(s.pubs[d])
		if h.full() && sc < h.items[0].score {
			return
		}
		h.offer(heapItem{score: sc, pub: s.pubs[d], id: s.docs[d].id})
	})
}

// anyIn reports whether m has a member in [from, to].
func (b bitmap) anyIn(from, to int) bool {
	if from > to {
		return false
	}
	fw, tw := from>>6, to>>6
	if tw >= len(b) {
		tw = len(b) - 1
		to = tw<<6 | 63
	}
	if fw > tw {
		return false
	}
	if fw == tw {
		mask := (^uint64(0) << (uint(from) & 63)) & (^uint64(0) >> (63 - uint(to)&63))
		return b[fw]&mask != 0
	}
	if b[fw]&(^uint64(0)<<(uint(from)&63)) != 0 {
		return true
	}
	for w := fw + 1; w < tw; w++ {
		if b[w] != 0 {
			return true
		}
	}
	return b[tw]&(^uint64(0)>>(63-uint(to)&63)) != 0
}
