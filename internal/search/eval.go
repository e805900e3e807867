package search

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"strings"
	"time"
)

// Query is a search: the reader's text and the filters that narrow it.
type Query struct {
	Text       string
	Section    string    // "" for all
	SourceID   int64     // 0 for all
	From, To   time.Time // published at or after From and before To; zero for no bound
	SortByDate bool      // newest first instead of best first
	Limit      int       // hits wanted (10 when zero or less; at most MaxLimit)
	Offset     int       // hits skipped (at most MaxOffset)
	// Now is the time recency is measured from (time.Now when zero).
	Now time.Time
}

// Page bounds: deep pages cost a bigger heap, and no reader goes there.
const (
	MaxLimit  = 100
	MaxOffset = 1000
)

// Hit is one result.
type Hit struct {
	ID        int64
	Score     float64 // 0 when sorted by date
	Published time.Time
}

// FacetCount is the number of matches with one value of a facet.
type FacetCount struct {
	Section  string // for the section facet
	SourceID int64  // for the source facet
	Count    int
}

// Results is one page of hits, the exact number of matches and how they
// spread over sections and sources (each counted with every filter but
// its own, so a reader sees what choosing another would give).
type Results struct {
	Hits     []Hit
	Total    int
	Sections []FacetCount // most first
	Sources  []FacetCount // most first
	// Suggestion is a corrected query text, from the index's own words,
	// when the query found little and a correction finds more.
	Suggestion string
}

// scoreTerm is one term the ranking reads, with its weight: a word, or a
// phrase (see phrase.go), whose term is its word pair's when it has two
// words.
type scoreTerm struct {
	term   string
	idf    float64
	phrase []string // a phrase's words (terms); nil for a word
}

// scoreGroup is one word of the query: a plain word has one term, a prefix
// the terms it expands to. A document scores the best of a group's terms,
// and the sum over groups: a prefix counts once, however many of its
// expansions a document holds, and its bound is the largest of theirs.
type scoreGroup []scoreTerm

// plan is a parsed query resolved against the index's statistics.
type plan struct {
	q        parsedQuery
	expand   map[string][]string // prefix → the terms it stands for
	scoring  []scoreGroup
	avgLen   float64
	k1, b    float64
	now      int64
	recency  float64
	halfLife float64
	from, to int64
	hasFrom  bool
	hasTo    bool
	k        int
	byDate   bool
	// exhaustive turns skipping and top lists off: tests compare the two.
	exhaustive bool
	dense      denseScratch
	fused      fusedScratch
	denseMin   int
	// phrases holds the frequencies of the phrases matched by positions
	// in one segment, for ranking to read.
	phrases phraseCache
}

// Search runs a query. Any text is safe: text without words finds nothing.
func (x *Index) Search(q Query) (Results, error) {
	v, ok := x.snapshot(q.Section, q.SourceID)
	if !ok {
		return Results{}, errClosed
	}
	defer x.searches.Done()
	p := x.plan(q, v)
	ss, _ := x.scratchPool.Get().(*searchScratch)
	if ss != nil {
		p.dense, p.fused = ss.dense, ss.fused
	}
	res := x.run(p, v, q)
	x.scratchPool.Put(&searchScratch{dense: p.dense, fused: p.fused})
	if res.Total < suggestBelow && p.q.positive() {
		res.Suggestion = x.suggest(p, v, q, res.Total)
	}
	return res, nil
}

func (x *Index) plan(q Query, v view) *plan {
	p := &plan{
		q:          parseQuery(x.an, q.Text),
		expand:     map[string][]string{},
		k1:         x.opt.K1,
		b:          x.opt.B,
		recency:    x.opt.RecencyWeight,
		halfLife:   float64(x.opt.RecencyHalfLife),
		byDate:     q.SortByDate,
		exhaustive: x.exhaustive,
		denseMin:   denseMin,
	}
	if x.denseMin > 0 {
		p.denseMin = x.denseMin
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	p.k = min(limit, MaxLimit) + min(max(q.Offset, 0), MaxOffset)
	now := q.Now
	if now.IsZero() {
		now = time.Now()
	}
	p.now = now.UnixNano()
	if !q.From.IsZero() {
		p.from, p.hasFrom = q.From.UnixNano(), true
	}
	if !q.To.IsZero() {
		p.to, p.hasTo = q.To.UnixNano(), true
	}
	var n, sumLen int64
	for _, s := range v.segs {
		n += int64(s.n())
		sumLen += s.sumLen
	}
	p.avgLen = 1
	if n > 0 && sumLen > 0 {
		p.avgLen = float64(sumLen) / float64(n)
	}
	seen := map[string]bool{}
	termOf := func(t string) (scoreTerm, bool) {
		df := int64(0)
		for _, s := range v.segs {
			if i := s.lookup(t); i >= 0 {
				df += int64(s.info[i].df)
			}
		}
		if df == 0 {
			return scoreTerm{}, false
		}
		idf := math.Log(1 + (float64(n-df)+0.5)/(float64(df)+0.5))
		return scoreTerm{term: t, idf: idf}, true
	}
	for _, c := range p.q.clauses {
		for _, a := range c.alts {
			if len(a.words) > 1 {
				// A phrase is one group of one term: its own frequency.
				if st, ok := phraseTerm(a, termOf); ok && !c.neg && !seen[st.term] {
					seen[st.term] = true
					p.scoring = append(p.scoring, scoreGroup{st})
				}
				continue
			}
			for _, w := range a.words {
				if w.prefix {
					if _, done := p.expand[w.term]; !done {
						p.expand[w.term] = expandPrefix(v, w.term)
					}
				}
				key := w.term
				if w.prefix {
					key += "*"
				}
				if c.neg || seen[key] {
					continue
				}
				seen[key] = true
				var g scoreGroup
				if !w.prefix {
					if st, ok := termOf(w.term); ok {
						g = append(g, st)
					}
				} else {
					for _, t := range p.expand[w.term] {
						if st, ok := termOf(t); ok {
							g = append(g, st)
						}
					}
				}
				if len(g) > 0 {
					p.scoring = append(p.scoring, g)
				}
			}
		}
	}
	return p
}

// expandPrefix returns the maxPrefixExpanded terms starting with prefix
// found in the most documents.
//
// A short prefix of a big index spans hundreds of thousands of terms; then
// only each segment's own most widespread maxPrefixExpanded are candidates
// (a term widespread overall is widespread in some segment), so a hostile
// "co*" costs a scan, not a map of every term.
func expandPrefix(v view, prefix string) []string {
	df := map[string]int{}
	span := 0
	for _, s := range v.segs {
		from, to := s.prefixRange(prefix)
		span += to - from
	}
	for _, s := range v.segs {
		from, to := s.prefixRange(prefix)
		if span <= maxPrefixScan {
			for i := from; i < to; i++ {
				df[s.terms.at(i)] += int(s.info[i].df)
			}
			continue
		}
		for _, i := range topByDF(s, from, to, maxPrefixExpanded) {
			df[s.terms.at(i)] = 0
		}
	}
	if span > maxPrefixScan {
		for t := range df {
			for _, s := range v.segs {
				if i := s.lookup(t); i >= 0 {
					df[t] += int(s.info[i].df)
				}
			}
		}
	}
	terms := make([]string, 0, len(df))
	for t := range df {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b string) int {
		return cmp.Or(cmp.Compare(df[b], df[a]), strings.Compare(a, b))
	})
	return terms[:min(len(terms), maxPrefixExpanded)]
}

// maxPrefixScan is the number of dictionary entries (over all segments) a
// prefix is expanded from exactly; past it, see expandPrefix.
const maxPrefixScan = 20000

// topByDF returns the k terms of s in [from, to) in the most documents.
func topByDF(s *segment, from, to, k int) []int {
	var best []int // a small sorted slice, fewest documents first
	for i := from; i < to; i++ {
		df := s.info[i].df
		if len(best) == k && df <= s.info[best[0]].df {
			continue
		}
		j, _ := slices.BinarySearchFunc(best, df, func(a int, df uint32) int { return cmp.Compare(s.info[a].df, df) })
		best = slices.Insert(best, j, i)
		if len(best) > k {
			best = best[1:]
		}
	}
	return best
}

// run evaluates the plan over every segment.
func (x *Index) run(p *plan, v view, q Query) Results {
	var res Results
	if !p.q.positive() {
		return res
	}
	secCounts := make([]int, len(v.secs))
	srcCounts := make([]int, len(v.sources))
	h := &hitHeap{byDate: p.byDate}
	sc := &scratch{}
	g, single := singleGroup(p, q)
	if single {
		res.Total = x.runGroup(p, v, g, h, secCounts, srcCounts)
	}
	fused := !single && fusable(p)
	for i, s := range v.segs {
		if single {
			break
		}
		if s.n() == 0 || p.hasFrom && s.maxPub < p.from || p.hasTo && s.minPub >= p.to {
			continue // the date filter rules out every document
		}
		if fused {
			res.Total += x.runFused(p, v, i, h, sc, secCounts, srcCounts)
			continue
		}
		m := x.match(p, s, sc)
		m.andNot(v.deleted[i])
		res.Total += filter(p, v, s, m, secCounts, srcCounts)
		if p.byDate {
			topByDate(p, s, m, h)
		} else {
			x.topByScore(p, s, m, h)
		}
	}
	hits := h.sorted()
	off := min(max(q.Offset, 0), MaxOffset)
	if off < len(hits) {
		res.Hits = hits[off:]
	}
	for c, n := range secCounts {
		if n > 0 {
			res.Sections = append(res.Sections, FacetCount{Section: v.secs[c], Count: n})
		}
	}
	slices.SortFunc(res.Sections, func(a, b FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Section, b.Section))
	})
	for c, n := range srcCounts {
		if n > 0 {
			res.Sources = append(res.Sources, FacetCount{SourceID: v.sources[c], Count: n})
		}
	}
	slices.SortFunc(res.Sources, func(a, b FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.SourceID, b.SourceID))
	})
	return res
}

// filter applies the date, section and source filters to m and counts the
// facets: sections over the matches passing every filter but the section,
// sources likewise. It returns the number of matches left.
func filter(p *plan, v view, s *segment, m bitmap, secCounts, srcCounts []int) int {
	total := 0
	dates := p.hasFrom && s.minPub < p.from || p.hasTo && s.maxPub >= p.to
	if !dates && v.section == -1 && v.source == -1 {
		// No filter applies: every match counts, in both facets.
		return countFacets(s, m, secCounts, srcCounts)
	}
	for wi, w := range m {
		for w != 0 {
			d := wi<<6 | bitsTrailing(w)
			w &= w - 1
			if dates && (p.hasFrom && s.pubs[d] < p.from || p.hasTo && s.pubs[d] >= p.to) {
				m.clear(d)
				continue
			}
			sec, src := s.secs[d], s.srcs[d]
			secOK := v.section == -1 || int(sec) == v.section
			srcOK := v.source == -1 || int(src) == v.source
			if srcOK {
				secCounts[sec]++
			}
			if secOK {
				srcCounts[src]++
			}
			if secOK && srcOK {
				total++
			} else {
				m.clear(d)
			}
		}
	}
	return total
}

// searchScratch is what a search leaves for the next one: the dense and
// fused per-document arrays (neither needs clearing: see their types).
type searchScratch struct {
	dense denseScratch
	fused fusedScratch
}

// scratch holds bitmaps a search reuses from segment to segment.
type scratch struct {
	free []bitmap
	pos  [][]uint32
}

func (sc *scratch) get(n int) bitmap {
	words := (n + 63) / 64
	if k := len(sc.free); k > 0 {
		b := sc.free[k-1]
		sc.free = sc.free[:k-1]
		if cap(b) >= words {
			b = b[:words]
			b.reset()
			return b
		}
	}
	return newBitmap(n)
}

func (sc *scratch) put(b bitmap) { sc.free = append(sc.free, b) }

// match returns the documents of s matching the query's clauses.
func (x *Index) match(p *plan, s *segment, sc *scratch) bitmap {
	var m bitmap
	for _, c := range p.q.clauses {
		if c.neg {
			continue
		}
		b := x.matchClause(p, s, c, sc)
		if m == nil {
			m = b
			continue
		}
		m.and(b)
		sc.put(b)
	}
	for _, c := range p.q.clauses {
		if c.neg {
			b := x.matchClause(p, s, c, sc)
			m.andNot(b)
			sc.put(b)
		}
	}
	return m
}

func (x *Index) matchClause(p *plan, s *segment, c clause, sc *scratch) bitmap {
	m := sc.get(s.n())
	for _, a := range c.alts {
		if len(a.words) == 1 {
			w := a.words[0]
			if w.prefix {
				for _, t := range p.expand[w.term] {
					if i := s.lookup(t); i >= 0 {
						s.fill(i, m)
					}
				}
			} else if i := s.lookup(w.term); i >= 0 {
				s.fill(i, m)
			}
			continue
		}
		x.matchPhrase(p, s, a, m, sc)
	}
	return m
}

// boost is the recency factor of a document published at pub.
func (p *plan) boost(pub int64) float64 {
	if p.recency == 0 {
		return 1
	}
	age := max(float64(p.now-pub), 0)
	return 1 + p.recency*math.Exp2(-age/p.halfLife)
}

// tfc is BM25's saturated, length-normalised term frequency.
func (p *plan) tfc(tf float32, length uint32) float64 {
	if tf == 0 {
		return 0
	}
	f := float64(tf)
	return f * (p.k1 + 1) / (f + p.k1*(1-p.b+p.b*float64(length)/p.avgLen))
}

// hitHeap keeps the best k hits seen, worst on top.
type hitHeap struct {
	byDate bool
	k      int
	items  []heapItem
}

type heapItem struct {
	score float64
	pub   int64
	id    int64
}

// better orders hits: higher score (or newer when sorting by date), then
// newer, then higher ID; a total order, so pruning gives exactly the hits
// scoring everything would.
func (h *hitHeap) better(a, b heapItem) bool {
	if !h.byDate && a.score != b.score {
		return a.score > b.score
	}
	if a.pub != b.pub {
		return a.pub > b.pub
	}
	return a.id > b.id
}

func (h *hitHeap) Len() int           { return len(h.items) }
func (h *hitHeap) Less(i, j int) bool { return h.better(h.items[j], h.items[i]) }
func (h *hitHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *hitHeap) Push(x any)         { h.items = append(h.items, x.(heapItem)) }
func (h *hitHeap) Pop() any {
	it := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return it
}

func (h *hitHeap) full() bool { return len(h.items) >= h.k }

// offer adds a hit if it is among the best k.
func (h *hitHeap) offer(it heapItem) {
	if len(h.items) < h.k {
		heap.Push(h, it)
		return
	}
	if h.better(it, h.items[0]) {
		h.items[0] = it
		heap.Fix(h, 0)
	}
}

func (h *hitHeap) sorted() []Hit {
	items := slices.Clone(h.items)
	slices.SortFunc(items, func(a, b heapItem) int {
		if h.better(a, b) {
			return -1
		}
		if h.better(b, a) {
			return 1
		}
		return 0
	})
	hits := make([]Hit, len(items))
	for i, it := range items {
		hits[i] = Hit{ID: it.id, Score: it.score}
		if it.pub != 0 {
			hits[i].Published = time.Unix(0, it.pub)
		}
	}
	return hits
}

// topByDate offers the newest matches of s. Few matches are offered all;
// many are found walking the segment's date order, which stops once k are
// found or the rest cannot enter.
func topByDate(p *plan, s *segment, m bitmap, h *hitHeap) {
	h.k = p.k
	if m.count() <= 4*p.k+64 {
		m.forEach(func(d int) {
			doc := &s.docs[d]
			h.offer(heapItem{pub: doc.published, id: doc.id})
		})
		return
	}
	found := 0
	for _, d := range s.byDate {
		if !m.has(int(d)) {
			continue
		}
		doc := &s.docs[d]
		it := heapItem{pub: doc.published, id: doc.id}
		if h.full() && !h.better(it, h.items[0]) {
			return
		}
		h.offer(it)
		if found++; found >= p.k {
			return
		}
	}
}
