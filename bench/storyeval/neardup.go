package main

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/sanitize"
	"github.com/newsdesk/newsdesk/internal/story"
)

type article struct{ title, body string }

// demoArticles returns each distinct article of the demo corpus once: the
// benchmark feed cycles through the corpus, so it stops at the first repeat.
func demoArticles() ([]article, error) {
	raw, err := demo.BenchmarkFeed("json", 1000)
	if err != nil {
		return nil, fmt.Errorf("build demo feed: %w", err)
	}
	var feed struct {
		Items []struct {
			Title string `json:"title"`
			HTML  string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(raw, &feed); err != nil {
		return nil, fmt.Errorf("parse demo feed: %w", err)
	}
	seen := map[string]bool{}
	var out []article
	for _, it := range feed.Items {
		if seen[it.Title] {
			break
		}
		seen[it.Title] = true
		out = append(out, article{it.Title, sanitize.Text(it.HTML)})
	}
	return out, nil
}

// ndVerbose prints every missed copy and every false match with the
// estimated containment of the pair (-ndverbose).
var ndVerbose bool

// ndCounts tallies a near-duplicate run. A copy is a true positive when
// its original is reported, a false positive when another article is, and
// a false negative when none is; any report for an original or a distinct
// article is a false positive.
type ndCounts struct {
	tp, fp, fn, copies, distinct int
	byKind                       map[string][2]int // kind -> reported right, total
}

func (c ndCounts) precision() float64 { return float64(c.tp) / float64(max(1, c.tp+c.fp)) }
func (c ndCounts) recall() float64    { return float64(c.tp) / float64(max(1, c.tp+c.fn)) }

// splitRounds returns, for two rounds, the sources published and held out.
// Reports of one event alternate between the two roles, so that each round
// has distinct reports of the events it publishes; a source without an
// event is published in both rounds.
func splitRounds(srcs []source, byEvent bool) [2][2][]source {
	var out [2][2][]source
	seen := map[string]int{}
	for i, s := range srcs {
		k := i
		if byEvent {
			if s.event == "" {
				out[0][0] = append(out[0][0], s)
				out[1][0] = append(out[1][0], s)
				continue
			}
			k = seen[s.event]
			seen[s.event]++
		}
		out[0][k%2] = append(out[0][k%2], s)
		out[1][(k+1)%2] = append(out[1][(k+1)%2], s)
	}
	return out
}

// evalNearDup runs both rounds of one set through fresh Deducers.
func evalNearDup(srcs []source, byEvent bool, opts story.DedupOptions) ndCounts {
	c := ndCounts{byKind: map[string][2]int{}}
	srcBody := map[string]string{}
	for _, s := range srcs {
		srcBody[s.id] = s.body()
	}
	for r, split := range splitRounds(srcs, byEvent) {
		d := story.NewDeduper(opts)
		for _, doc := range genRound(split[0], split[1], srcs, uint64(r+1)) {
			orig, ok := d.Add(doc.id, doc.body)
			k := c.byKind[doc.kind]
			k[1]++
			switch {
			case doc.original != "":
				c.copies++
				switch {
				case ok && orig == doc.original:
					c.tp++
					k[0]++
				case ok:
					c.fp++
					if ndVerbose {
						a, b := story.Sign(doc.body), story.Sign(srcBody[orig])
						fmt.Printf("WRONG %s (%s) -> %s shingles %d vs %d est %.2f\n", doc.id, doc.kind, orig, a.Shingles, b.Shingles, a.Containment(&b))
					}
				default:
					c.fn++
					if ndVerbose {
						a, b := story.Sign(doc.body), story.Sign(srcBody[doc.original])
						fmt.Printf("MISS %s (%s) shingles %d vs %d, est. containment %.2f jaccard %.2f\n", doc.id, doc.kind, a.Shingles, b.Shingles, a.Containment(&b), a.MinHash.Similarity(&b.MinHash))
					}
				}
			default:
				if doc.kind != "original" {
					c.distinct++
				}
				if ok {
					c.fp++
					if ndVerbose {
						a, b := story.Sign(doc.body), story.Sign(srcBody[orig])
						fmt.Printf("FALSE %s (%s) -> %s shingles %d vs %d est %.2f\n", doc.id, doc.kind, orig, a.Shingles, b.Shingles, a.Containment(&b))
					}
				} else {
					k[0]++
				}
			}
			c.byKind[doc.kind] = k
		}
	}
	return c
}

// runNearDup measures the Deduper on the generated sets: the demo corpus
// (with its event keys) and, when present, Wikinews.
func runNearDup(wikiDir string) error {
	demoSrcs, err := loadDemoSources()
	if err != nil {
		return err
	}
	sets := []struct {
		name    string
		srcs    []source
		byEvent bool
	}{{"demo corpus", demoSrcs, true}}
	if wiki, err := loadWikinews(wikiDir, 60); err == nil {
		sets = append(sets, struct {
			name    string
			srcs    []source
			byEvent bool
		}{"Wikinews", wiki, false})
	} else {
		fmt.Printf("\n(near-duplicates: Wikinews not found in %s, skipped)\n", wikiDir)
	}
	for _, s := range sets {
		c := evalNearDup(s.srcs, s.byEvent, story.DedupOptions{})
		fmt.Printf("\nnear-duplicates, %s (%d sources, two rounds): %d copies, %d distinct articles: TP %d FP %d FN %d  precision %.3f recall %.3f\n",
			s.name, len(s.srcs), c.copies, c.distinct, c.tp, c.fp, c.fn, c.precision(), c.recall())
		kinds := make([]string, 0, len(c.byKind))
		for k := range c.byKind {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		for _, k := range kinds {
			v := c.byKind[k]
			fmt.Printf("  %-55s %4d/%4d right\n", k, v[0], v[1])
		}
	}
	return nil
}
