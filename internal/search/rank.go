package search

import "math/bits"

func bitsTrailing(w uint64) int { return bits.TrailingZeros64(w) }

// topByScore offers the best-scoring matches of s to h.
//
// A score is boost(d) × Σ_groups max_{t in group} idf(t) × tfc(tf(t,d),
// len(d)), a term being a word or a phrase (phrase.go). Each block of a
// term's postings records its impact, the largest tfc of its documents at
// the segment's reference length, rounded up; through impactBound it
// bounds the term's part at the real average length for every document
// up to the block's last one (with the largest
// frequency and shortest document as a looser bound when the BM25
// parameters differ from the ones the impacts were computed with); the
// segment's newest date bounds the boost. While the sum of the current
// blocks' bounds cannot beat the k-th best hit so far, the matches up to
// the nearest block end are skipped unscored (block-max pruning, in the
// spirit of block-max WAND). The bounds hold in exact arithmetic and carry
// a relative margin of 1e-9 against rounding, so a skipped document could
// never have entered: the hits are exactly those of scoring every match.
func (x *Index) topByScore(p *plan, s *segment, m bitmap, h *hitHeap) {
	h.k = p.k
	if !p.exhaustive && m.count() >= p.denseMin {
		x.topByScoreDense(p, s, m, h, &p.dense)
		return
	}
	type cursor struct {
		post postings
		idf  float64
		pf   *phraseFreqs // a phrase counted from positions; post unused
		// The bound of block boundOf (-1: none yet), kept while the
		// cursor stays in it.
		boundOf int
		bound   float64
	}
	var curs []cursor
	var groups [][]cursor // curs cut by scoring group
	for _, g := range p.scoring {
		from := len(curs)
		for _, st := range g {
			if i, pf := p.source(s, st); i >= 0 {
				curs = append(curs, cursor{idf: st.idf, boundOf: -1})
				curs[len(curs)-1].post.init(s, i, x.w)
			} else if pf != nil {
				curs = append(curs, cursor{idf: st.idf, pf: pf})
			}
		}
		if len(curs) > from {
			groups = append(groups, curs[from:len(curs):len(curs)])
		}
	}
	boostBound := p.boost(s.maxPub)
	// With the BM25 parameters the impacts were computed with, a block's
	// impact bounds tfc at the real average length too (impactBound).
	useImpact := s.ref.k1 == p.k1 && s.ref.b == p.b && s.ref.avgLen > 0
	n := s.n()
	d := m.next(0)
	for d >= 0 {
		bound := n
		if !p.exhaustive && h.full() {
			ub := 0.0
			for _, g := range groups {
				gub := 0.0
				for i := range g {
					c := &g[i]
					if c.pf != nil {
						// No blocks: the largest frequency in the
						// shortest document bounds every document.
						gub = max(gub, c.idf*p.tfc(c.pf.maxTF, c.pf.minLen)*(1+1e-9))
						continue
					}
					if !c.post.seekBlock(d) {
						continue
					}
					bm := &s.blocks[c.post.block]
					if c.boundOf != c.post.block {
						c.boundOf = c.post.block
						if useImpact {
							c.bound = c.idf * p.impactBound(s, bm.impact)
						} else {
							c.bound = c.idf * p.tfc(bm.maxTF, bm.minLen)
						}
					}
					gub = max(gub, c.bound)
					bound = min(bound, int(bm.lastDoc)+1)
				}
				ub += gub
			}
			ub *= boostBound
			if ub < h.items[0].score {
				if bound >= n {
					return
				}
				d = m.next(bound)
				continue
			}
		}
		for d >= 0 && d < bound {
			sc := 0.0
			for _, g := range groups {
				gs := 0.0
				for i := range g {
					c := &g[i]
					tf := float32(0)
					if c.pf != nil {
						tf = c.pf.tf[d]
					} else {
						tf = c.post.tfOf(d)
					}
					gs = max(gs, c.idf*p.tfc(tf, s.lens[d]))
				}
				sc += gs
			}
			doc := &s.docs[d]
			sc *= p.boost(doc.published)
			h.offer(heapItem{score: sc, pub: doc.published, id: doc.id})
			d = m.next(d + 1)
			if !p.exhaustive && bound == n && h.full() {
				break // the heap just filled: bound from here on
			}
		}
	}
}

// impactBound bounds tfc at the real average length A, for every document
// of s whose tfc at the segment's reference length R is at most impact I
// (the BM25 parameters being the same), with a relative margin of 1e-9
// against rounding.
//
// When A ≤ R a document's length weighs more at A: tfc at A ≤ I. When A >
// R, write r = R/A < 1 and K = k1(1-b+b·len/R), so I = tf(k1+1)/(tf+K);
// at A the length part of K shrinks by r: K_A = k1(1-b)(1-r) + r·K, and
// tfc_A = (k1+1)/(1 + K_A/tf) with K_A/tf = k1(1-b)(1-r)/tf +
// r·((k1+1)/I - 1) ≥ r·((k1+1)/I - 1) for 0 ≤ b ≤ 1. So tfc_A ≤ (k1+1) /
// (1 + r·((k1+1)/I - 1)), which for the near-saturated impacts of
// headline matches is barely above I, where the plain scaling I·A/R
// (valid for any b) is A/R above it. Outside 0 ≤ b ≤ 1 the scaling is
// used.
func (p *plan) impactBound(s *segment, impact float32) float64 {
	const margin = 1 + 1e-9
	i := float64(impact)
	if p.avgLen <= s.ref.avgLen {
		return i * margin
	}
	if p.b < 0 || p.b > 1 || p.k1 < 0 || i <= 0 {
		return i * (p.avgLen / s.ref.avgLen) * margin
	}
	r := s.ref.avgLen / p.avgLen
	return (p.k1 + 1) / (1 + r*((p.k1+1)/i-1)) * margin
}
