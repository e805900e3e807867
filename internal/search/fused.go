package search

// A query of several words and prefixes only (each required, any
// excluded), the common shape, is matched and ranked in one pass over each term's
// postings: every posting read sets its document's bit and keeps the
// best score of its group in a per-document array (a group of one word
// keeps the frequency, scored only for the documents that match the whole
// query), so no posting list is read twice (once to match, once to rank).
// Scores are exactly those of topByScore.

// fusable reports whether every positive clause of the query is one word
// or one prefix with a scoring group of its own, in order.
func fusable(p *plan) bool {
	if p.exhaustive || p.byDate {
		return false
	}
	pos := 0
	for _, c := range p.q.clauses {
		if c.neg {
			continue
		}
		if len(c.alts) != 1 || len(c.alts[0].words) != 1 {
			return false
		}
		pos++
	}
	// Groups are made in clause order, one per distinct word with
	// documents; as many groups as clauses means one each, in order.
	return pos > 0 && pos == len(p.scoring)
}

// fusedScratch holds per-document arrays, reused from segment to segment
// and search to search without clearing: an entry is read only for a
// document whose bit the same pass set in its group's marks, and written
// before that (a prefix's best term score is kept from the first of its
// terms to reach the document).
type fusedScratch struct {
	best [][]float64 // per prefix group: its best term score
	tfs  [][]float32 // per one-word group: the word's frequency
}

func (fs *fusedScratch) get(k int) ([][]float64, [][]float32) {
	for len(fs.best) < k {
		fs.best = append(fs.best, nil)
		fs.tfs = append(fs.tfs, nil)
	}
	return fs.best[:k], fs.tfs[:k]
}

// runFused matches and ranks a fusable query in segment i of the view,
// and returns the number of matches.
func (x *Index) runFused(p *plan, v view, i int, h *hitHeap, sc *scratch, secCounts, srcCounts []int) int {
	s := v.segs[i]
	h.k = p.k
	n := s.n()
	best, tfs := p.fused.get(len(p.scoring))
	marks := make([]bitmap, len(p.scoring))
	var post postings
	for gi, g := range p.scoring {
		mg := sc.get(n)
		marks[gi] = mg
		if len(g) == 1 {
			// One term: keep its frequency, scored below only for the
			// documents that match the whole query.
			if tfs[gi] == nil {
				tfs[gi] = make([]float32, maxSegmentDocs)
			}
			acc := tfs[gi][:n]
			if t := s.lookup(g[0].term); t >= 0 {
				for post.init(s, t, x.w); post.block < post.end; post.block++ {
					post.decode()
					for j := 0; j < post.n; j++ {
						if d := int(post.docs[j]); d < n {
							mg.set(d)
							acc[d] = post.tfs[j]
						}
					}
				}
			}
			continue
		}
		if best[gi] == nil {
			best[gi] = make([]float64, maxSegmentDocs)
		}
		acc := best[gi][:n]
		for _, st := range g {
			t := s.lookup(st.term)
			if t < 0 {
				continue
			}
			for post.init(s, t, x.w); post.block < post.end; post.block++ {
				post.decode()
				for j := 0; j < post.n; j++ {
					d := int(post.docs[j])
					if d >= n {
						continue
					}
					v := st.idf * p.tfc(post.tfs[j], s.lens[d])
					if !mg.has(d) {
						mg.set(d)
						acc[d] = v
					} else if v > acc[d] {
						acc[d] = v
					}
				}
			}
		}
	}
	m := sc.get(n)
	copy(m, marks[0])
	for _, mg := range marks[1:] {
		m.and(mg)
	}
	for _, c := range p.q.clauses {
		if c.neg {
			b := x.matchClause(p, s, c, sc)
			m.andNot(b)
			sc.put(b)
		}
	}
	m.andNot(v.deleted[i])
	total := filter(p, v, s, m, secCounts, srcCounts)
	if len(p.scoring) == 2 && len(p.scoring[0]) == 1 && len(p.scoring[1]) == 1 {
		x.offerTwoWords(p, s, m, tfs[0][:n], tfs[1][:n], h)
		for _, mg := range marks {
			sc.put(mg)
		}
		sc.put(m)
		return total
	}
	m.forEach(func(d int) {
		score := 0.0
		for gi, g := range p.scoring {
			if len(g) == 1 {
				score += g[0].idf * p.tfc(tfs[gi][d], s.lens[d])
			} else {
				score += best[gi][d]
			}
		}
		score *= p.boost(s.pubs[d])
		if h.full() && score < h.items[0].score {
			return
		}
		h.offer(heapItem{score: score, pub: s.pubs[d], id: s.docs[d].id})
	})
	for _, mg := range marks {
		sc.put(mg)
	}
	sc.put(m)
	return total
}

// offerTwoWords is runFused's scoring of a two-word query (the common
// shape), the general loop with its lookups hoisted: the same scores,
// summed in the same order.
func (x *Index) offerTwoWords(p *plan, s *segment, m bitmap, tf0, tf1 []float32, h *hitHeap) {
	idf0, idf1 := p.scoring[0][0].idf, p.scoring[1][0].idf
	n := len(tf0)
	lens, pubs := s.lens[:n], s.pubs[:n]
	tf1 = tf1[:n]
	boosted := p.recency != 0
	for wi, w := range m {
		for w != 0 {
			d := wi<<6 | bitsTrailing(w)
			w &= w - 1
			if d >= n {
				break
			}
			score := 0.0
			score += idf0 * p.tfc(tf0[d], lens[d])
			score += idf1 * p.tfc(tf1[d], lens[d])
			if boosted {
				score *= p.boost(pubs[d])
			}
			if h.full() && score < h.items[0].score {
				continue
			}
			h.offer(heapItem{score: score, pub: pubs[d], id: s.docs[d].id})
		}
	}
}
