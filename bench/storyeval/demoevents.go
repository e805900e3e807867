package main

import (
	"cmp"
	"slices"
	"time"
)

// demoEventStream turns the demo corpus into a second labelled stream for
// the clustering metrics: the demo's original articles in the order they
// are published (oldest first), each labelled with its event key, or with
// its own id when it reports no shared event (a story of one). It is
// small (the demo's own fictional news, written by this project) and the
// clusterer has been looked at on it, so it is a check that the googlenews
// figures are not a one-set accident, not a second benchmark to tune on.
func demoEventStream(srcs []source) []labelled {
	ordered := slices.Clone(srcs)
	slices.SortStableFunc(ordered, func(a, b source) int { return cmp.Compare(b.hours, a.hours) })
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	out := make([]labelled, len(ordered))
	for i, s := range ordered {
		gold := s.event
		if gold == "" {
			gold = s.id
		}
		out[i] = labelled{
			ID: s.id, Gold: gold, Title: s.headline, Text: s.body(), Source: s.outlet,
			Published: start.Add(-time.Duration(s.hours * float64(time.Hour))),
		}
	}
	return out
}
