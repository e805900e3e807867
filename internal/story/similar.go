package story

import (
	"cmp"
	"slices"
)

// Near is a story like an article but not the article's own, and its match
// score with the article (see Clusterer).
type Near struct {
	Story StoryID
	Score float64
}

// Placed is what AssignNear decided about an article.
type Placed struct {
	// Story is the article's story, as Assign returns it.
	Story StoryID
	// Near are up to n other live stories that the article matched with at
	// least the least score asked for, best first: its near misses.
	Near []Near
	// Merged are the stories this assignment merged into Story; they will
	// not be named again.
	Merged []StoryID
}

// AssignNear is Assign that also reports the article's near misses and the
// stories its assignment merged. It reads what Assign left in the
// clusterer's scratch: the candidate stories the article shares words with
// (cands) and its words' weights (wIDF, in the order of its window terms),
// so a near miss costs one more scoring pass over the candidates and no
// index of its own.
func (c *Clusterer) AssignNear(d Doc, n int, minScore float64) Placed {
	p := Placed{Story: c.Assign(d)}
	last := c.window.back()
	own := last.story.live()
	for _, e := range c.cands {
		if e.st.dropped {
			// Only a merge removes a candidate story during Assign.
			if st := c.windowStory(e.st.idx); st != nil {
				p.Merged = append(p.Merged, st.id)
			}
		}
	}
	slices.Sort(p.Merged) // candidate order must not show
	if n <= 0 || len(c.wIDF) != len(last.terms) {
		return p
	}
	var total float64
	for _, w := range c.wIDF {
		total += w
	}
	if total <= 0 {
		return p
	}
	for _, e := range c.cands {
		st := e.st
		if st.dropped || st == own || !e.enough() || c.stale(st, d.Published) {
			continue
		}
		// Assign changed no story but the article's own and those it
		// absorbed, so the score it found for st stands.
		sc := e.match
		if !e.scored {
			sc = c.match(last.terms, st, total)
		}
		if sc >= minScore {
			p.Near = append(p.Near, Near{Story: st.id, Score: sc})
		}
	}
	slices.SortFunc(p.Near, func(a, b Near) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Story, b.Story))
	})
	if len(p.Near) > n {
		p.Near = p.Near[:n]
	}
	return p
}

// windowStory finds the story with index idx through the window's articles
// (each points at the story it joined, which points on to any story that
// absorbed it). A full scan of the window, paid only when a merge happened.
func (c *Clusterer) windowStory(idx int32) *storyState {
	for i := range c.window.n {
		for st := c.window.buf[(c.window.head+i)%len(c.window.buf)].story; st != nil; st = st.into {
			if st.idx == idx {
				return st
			}
		}
	}
	return nil
}

// back returns the newest element.
func (r *ring[T]) back() T { return r.buf[(r.head+r.n-1)%len(r.buf)] }
