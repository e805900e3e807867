package story

import (
	"math"
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

// nearCand is a story an article shares words with, seen before Assign.
type nearCand struct {
	st *storyState
	ev evidence
}

// AssignNear is Assign that also reports the article's near misses and the
// stories its assignment merged. The candidates and their scores come from
// the same term index and score as Assign's, taken just before the article
// joins, so the near misses cost one more pass over the candidate stories
// and no index of their own.
func (c *Clusterer) AssignNear(d Doc, n int, minScore float64) Placed {
	terms := docTerms(d.Title, d.Text, c.opts.LeadWords, c.opts.LeadWeight, c.opts.BigramWeight)
	type known struct {
		id int32
		w  float64
	}
	kept := make([]known, 0, len(terms))
	cands := make(map[int32]nearCand)
	var total float64
	for _, t := range terms {
		id, ok := c.vocab.ids[t.word]
		if !ok {
			// A word no windowed article has: its IDF is the highest.
			total += t.weight * (math.Log(float64(c.window.len()+2)/0.5) + 1)
			continue
		}
		w := t.weight * c.idf(id)
		total += w
		kept = append(kept, known{id, w})
		for _, s := range c.postings[id] {
			nc, seen := cands[s]
			if !seen {
				nc.st = c.stories[s]
			}
			switch {
			case !t.name:
				nc.ev.plain++
			case !t.cont:
				nc.ev.names++
			}
			cands[s] = nc
		}
	}
	var scored []Near
	var states []*storyState
	if total > 0 && n > 0 {
		for _, nc := range cands {
			st := nc.st
			if st == nil || !nc.ev.enough() || c.stale(st, d.Published) {
				continue
			}
			var sc float64
			for _, k := range kept {
				if cw, ok := st.counts[k.id]; ok {
					sc += k.w * math.Pow(min(1, cw/float64(st.size)), c.opts.Damping)
				}
			}
			sc /= total
			if c.opts.SizeBonus > 0 {
				sc *= 1 + c.opts.SizeBonus*math.Log(float64(st.size))
			}
			if sc >= minScore {
				scored = append(scored, Near{Story: st.id, Score: sc})
				states = append(states, st)
			}
		}
	}

	p := Placed{Story: c.Assign(d)}
	// Every story a merge can absorb shares a word with the article, so it
	// is among cands; merged stories point into the survivor.
	for _, nc := range cands {
		if nc.st != nil && nc.st.into != nil {
			p.Merged = append(p.Merged, nc.st.id)
		}
	}
	slices.Sort(p.Merged) // map order must not show
	for i, near := range scored {
		live := states[i].live()
		if live.id == p.Story || c.stories[live.idx] != live {
			continue // the article's own story, or one the window forgot
		}
		p.Near = append(p.Near, near)
	}
	slices.SortFunc(p.Near, func(a, b Near) int {
		switch {
		case a.Score != b.Score:
			if a.Score > b.Score {
				return -1
			}
			return 1
		case a.Story < b.Story:
			return -1
		case a.Story > b.Story:
			return 1
		}
		return 0
	})
	if len(p.Near) > n {
		p.Near = p.Near[:n]
	}
	return p
}
