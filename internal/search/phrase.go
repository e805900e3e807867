package search

import "strings"

// A phrase ranks as one term: its frequency in a document is the weighted
// count of its occurrences (title 10, lead 5, body 1, as a word's), its
// weight the sum of its words' idfs (as Lucene weighs a phrase), and its
// score idf × BM25's tfc of that frequency, like a word's. A two-word
// phrase whose pair the segment indexes (see builder.go) reads that
// frequency from the pair's postings, which record the pair's counts per
// field: it is ranked exactly as a word is, block-max bounds and top lists
// included, and its words' long posting lists are never read. Elsewhere
// (a segment without the pair, a longer phrase) the occurrences are
// counted while the positions are verified, into a per-document array.
//
// The two readings agree: the pair term gets an occurrence wherever the
// two words are adjacent in one field, exactly where the positions show
// one. (Past the per-field caps of maxTitleTF and maxBodyTF occurrences of
// a word, which no real article reaches, positions stop being recorded
// while the pair still counts its own occurrences up to the cap.)

// phraseTerm returns the scoring term of a phrase: its words' terms, its
// pair text as the term when it has two words (a key for the rest), and
// the sum of its words' idfs; ok is false when a word is in no document,
// so that the phrase matches nothing.
func phraseTerm(a alt, termOf func(string) (scoreTerm, bool)) (scoreTerm, bool) {
	st := scoreTerm{phrase: make([]string, len(a.words))}
	for i, w := range a.words {
		wt, ok := termOf(w.term)
		if !ok {
			return scoreTerm{}, false
		}
		st.phrase[i] = w.term
		st.idf += wt.idf
	}
	if len(st.phrase) == 2 {
		st.term = pairText(st.phrase[0], st.phrase[1])
	} else {
		// Starts with a byte no term holds: never found in a dictionary.
		st.term = "\x02" + strings.Join(st.phrase, "\x00")
	}
	return st, true
}

// phraseFreqs is a phrase's weighted frequency per document of a segment,
// counted from positions.
type phraseFreqs struct {
	tf     []float32 // per document; 0 where the phrase is not
	docs   bitmap    // the documents where it is
	maxTF  float32   // the largest tf
	minLen uint32    // the shortest document holding it
}

// phraseCache keeps the phraseFreqs of the phrases matched by positions in
// the segment being searched, by scoring term; the arrays are reused from
// segment to segment (cleared where written).
type phraseCache struct {
	seg   *segment
	byKey map[string]*phraseFreqs
	free  []*phraseFreqs
}

// forSegment makes the cache s's, dropping what it held for another.
func (pc *phraseCache) forSegment(s *segment) {
	if pc.seg == s {
		return
	}
	pc.seg = s
	for k, pf := range pc.byKey {
		pf.docs.forEach(func(d int) { pf.tf[d] = 0 })
		pf.docs.reset()
		pc.free = append(pc.free, pf)
		delete(pc.byKey, k)
	}
}

// start returns a cleared phraseFreqs for the phrase key in s.
func (pc *phraseCache) start(s *segment, key string) *phraseFreqs {
	pc.forSegment(s)
	if pc.byKey == nil {
		pc.byKey = map[string]*phraseFreqs{}
	}
	if pf := pc.byKey[key]; pf != nil {
		// The same phrase matched twice in the query: count it afresh.
		pf.docs.forEach(func(d int) { pf.tf[d] = 0 })
		pf.docs.reset()
		pf.maxTF, pf.minLen = 0, ^uint32(0)
		return pf
	}
	var pf *phraseFreqs
	if k := len(pc.free); k > 0 {
		pf, pc.free = pc.free[k-1], pc.free[:k-1]
	} else {
		pf = &phraseFreqs{tf: make([]float32, maxSegmentDocs), docs: newBitmap(maxSegmentDocs)}
	}
	pf.maxTF, pf.minLen = 0, ^uint32(0)
	pc.byKey[key] = pf
	return pf
}

// get returns the frequencies of the phrase key counted in s, or nil.
func (pc *phraseCache) get(s *segment, key string) *phraseFreqs {
	if pc.seg != s {
		return nil
	}
	return pc.byKey[key]
}

// source returns where a scoring term's frequencies are in segment s: its
// term number (a word, or a phrase read as its indexed pair), or the
// phrase's frequencies counted when it was matched; -1 and nil when it is
// in no document of s.
func (p *plan) source(s *segment, st scoreTerm) (int, *phraseFreqs) {
	if st.phrase == nil || len(st.phrase) == 2 && s.pairIndexed(st.phrase[0], st.phrase[1]) {
		return s.lookup(st.term), nil
	}
	return -1, p.phrases.get(s, st.term)
}

// phraseUnit is a term a phrase is checked with, at an offset from the
// phrase's first word: a word, or a pair of words indexed as one term.
type phraseUnit struct {
	t   int
	off uint32
}

// matchPhrase adds to m the documents holding the phrase's words in a row,
// and counts the phrase's weighted frequency in each into p.phrases
// (unless the phrase is one indexed pair, whose postings hold it).
// Adjacent words whose pair the segment indexes are read as that pair; a
// phrase that is one pair needs no positions at all.
func (x *Index) matchPhrase(p *plan, s *segment, a alt, m bitmap, sc *scratch) {
	ts := make([]int, len(a.words))
	for i, w := range a.words {
		if ts[i] = s.lookup(w.term); ts[i] < 0 {
			return
		}
	}
	var units []phraseUnit
	for i := 0; i < len(ts); i++ {
		if i+1 < len(ts) && s.pairIndexed(a.words[i].term, a.words[i+1].term) {
			pt := s.lookup(pairText(a.words[i].term, a.words[i+1].term))
			if pt < 0 {
				return
			}
			units = append(units, phraseUnit{pt, uint32(i)})
			i++
			continue
		}
		units = append(units, phraseUnit{ts[i], uint32(i)})
	}
	if len(units) == 1 && units[0].off == 0 && len(ts) <= 2 {
		s.fill(units[0].t, m)
		return
	}
	key := phraseKey(a)
	pf := p.phrases.start(s, key)
	cand := sc.get(s.n())
	defer sc.put(cand)
	tmp := sc.get(s.n())
	defer sc.put(tmp)
	s.fill(units[0].t, cand)
	for _, u := range units[1:] {
		tmp.reset()
		s.fill(u.t, tmp)
		cand.and(tmp)
	}
	curs := make([]posCursor, len(units))
	offs := make([]uint32, len(units))
	for i, u := range units {
		curs[i].init(s, u.t)
		offs[i] = u.off
	}
	for len(sc.pos) < 1 {
		sc.pos = append(sc.pos, nil)
	}
	cand.forEach(func(d int) {
		// The first unit's positions, kept while every other unit
		// follows at its offset.
		starts := curs[0].positions(d, sc.pos[0][:0])
		if len(starts) == 0 {
			return
		}
		// Its first title positions are in the title, the next lead in
		// the lead (fields are numbered in order, with gaps between):
		// the last of each tells which field a start is in.
		nTitle, nLead := curs[0].title, curs[0].lead
		var titleLast, leadLast uint32
		if nTitle > 0 {
			titleLast = starts[nTitle-1]
		}
		if nTitle+nLead > 0 {
			leadLast = starts[nTitle+nLead-1]
		}
		for i := 1; i < len(curs) && len(starts) > 0; i++ {
			starts = curs[i].keepFollowed(d, starts, offs[i]-offs[0])
		}
		if len(starts) > 0 {
			m.set(d)
			var title, lead, body uint32
			for _, q := range starts {
				switch {
				case nTitle > 0 && q <= titleLast:
					title++
				case nTitle+nLead > 0 && q <= leadLast:
					lead++
				default:
					body++
				}
			}
			tf := x.w.tf(title, lead, body)
			pf.tf[d] = tf
			pf.docs.set(d)
			pf.maxTF = max(pf.maxTF, tf)
			pf.minLen = min(pf.minLen, s.lens[d])
		}
		if cap(starts) > cap(sc.pos[0]) {
			sc.pos[0] = starts[:0]
		}
	})
}

// phraseKey is the scoring term of phrase a (see phraseTerm).
func phraseKey(a alt) string {
	if len(a.words) == 2 {
		return pairText(a.words[0].term, a.words[1].term)
	}
	var b strings.Builder
	b.WriteByte(2)
	for i, w := range a.words {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(w.term)
	}
	return b.String()
}
