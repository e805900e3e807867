package search

import (
	"runtime"
	"sync"
	"weak"
)

// facetTotals counts a segment's documents, deleted ones included, by
// section and source code: the facets of a query matching most of a
// segment are these totals less the counts of the documents it does not
// match, which are the fewer to read.
type facetTotals struct {
	secs, srcs []facetPair
}

// facetTotalsCache holds each segment's totals, computed at its first
// search that needs them (a pass over its documents, ~0.1 ms), by weak
// pointer: an entry goes when its segment does.
var facetTotalsCache sync.Map // weak.Pointer[segment] → *facetTotals

func facetTotalsOf(s *segment) *facetTotals {
	key := weak.Make(s)
	if ft, ok := facetTotalsCache.Load(key); ok {
		return ft.(*facetTotals)
	}
	var secs, srcs []uint32
	for d := range s.docs {
		sec, src := int(s.secs[d]), int(s.srcs[d])
		for sec >= len(secs) {
			secs = append(secs, 0)
		}
		for src >= len(srcs) {
			srcs = append(srcs, 0)
		}
		secs[sec]++
		srcs[src]++
	}
	ft := &facetTotals{}
	for c, n := range secs {
		if n > 0 {
			ft.secs = append(ft.secs, facetPair{uint32(c), n})
		}
	}
	for c, n := range srcs {
		if n > 0 {
			ft.srcs = append(ft.srcs, facetPair{uint32(c), n})
		}
	}
	if old, loaded := facetTotalsCache.LoadOrStore(key, ft); loaded {
		return old.(*facetTotals)
	}
	runtime.AddCleanup(s, func(k weak.Pointer[segment]) { facetTotalsCache.Delete(k) }, key)
	return ft
}

// countFacets adds the section and source of every document of m (a
// segment's matches, deleted documents excluded) to the counts and
// returns their number.
func countFacets(s *segment, m bitmap, secCounts, srcCounts []int) int {
	secs, srcs := s.secs, s.srcs
	total := m.count()
	n := s.n()
	if 2*total <= n {
		for wi, w := range m {
			for w != 0 {
				d := wi<<6 | bitsTrailing(w)
				w &= w - 1
				secCounts[secs[d]]++
				srcCounts[srcs[d]]++
			}
		}
		return total
	}
	ft := facetTotalsOf(s)
	for _, f := range ft.secs {
		secCounts[f.code] += int(f.n)
	}
	for _, f := range ft.srcs {
		srcCounts[f.code] += int(f.n)
	}
	for wi, w := range m {
		w = ^w
		if end := n - wi<<6; end < 64 {
			w &= 1<<uint(end) - 1
		}
		for w != 0 {
			d := wi<<6 | bitsTrailing(w)
			w &= w - 1
			secCounts[secs[d]]--
			srcCounts[srcs[d]]--
		}
	}
	return total
}
