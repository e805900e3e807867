package main

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// corpusStats is what one pass over a generated corpus learns: term
// document frequencies (for choosing the query mix), how many distinct
// terms the first k articles hold (vocabulary growth), article lengths,
// and frequent word pairs from an even sample (for phrases).
type corpusStats struct {
	n        int64
	df       map[string]*termStat
	vocabAt  []vocabPoint
	bodyLens []int
	bigrams  map[string]int
	sampled  int
	elapsed  time.Duration
	bytes    int64
}

type termStat struct {
	df      int32
	lastDoc int32
}

type vocabPoint struct {
	Docs  int64 `json:"docs"`
	Terms int   `json:"terms"`
}

// bigramSample is how many evenly spaced articles the pair counts read.
const bigramSample = 20000

// collectStats generates all n articles and tokenises them. checkpoints
// are article counts at which the distinct-term count is recorded.
func collectStats(g *Generator, n int64, checkpoints []int64) *corpusStats {
	st := &corpusStats{n: n, df: make(map[string]*termStat, 1<<16), bigrams: map[string]int{}}
	every := max(n/bigramSample, 1)
	var (
		b    genBuf
		toks []string
	)
	start := time.Now()
	for id := int64(1); id <= n; id++ {
		d := g.Doc(id, &b)
		st.bodyLens = append(st.bodyLens, len(d.Body))
		st.bytes += int64(len(d.Title) + len(d.Body))
		sample := (id-1)%every == 0
		toks = toks[:0]
		for _, text := range [2]string{d.Title, d.Body} {
			tokenize(text, func(w []byte) {
				t, ok := st.df[string(w)]
				if !ok {
					t = &termStat{lastDoc: -1}
					st.df[string(w)] = t
				}
				if t.lastDoc != int32(id) {
					t.lastDoc = int32(id)
					t.df++
				}
				if sample {
					toks = append(toks, string(w))
				}
			})
			if sample {
				toks = append(toks, "") // no pair across title and body
			}
		}
		if sample {
			st.sampled++
			seen := map[string]bool{}
			for i := 1; i < len(toks); i++ {
				a, c := toks[i-1], toks[i]
				if !contentWord(a) || !contentWord(c) {
					continue
				}
				k := a + " " + c
				if !seen[k] {
					seen[k] = true
					st.bigrams[k]++
				}
			}
		}
		if slices.Contains(checkpoints, id) {
			st.vocabAt = append(st.vocabAt, vocabPoint{id, len(st.df)})
		}
	}
	st.elapsed = time.Since(start)
	return st
}

// tokenize calls fn with each lower-cased run of letters and digits; bytes
// of multi-byte characters count as letters. The slice is reused.
func tokenize(s string, fn func(w []byte)) {
	var buf [64]byte
	w := buf[:0]
	for i := 0; i <= len(s); i++ {
		var c byte = ' '
		if i < len(s) {
			c = s[i]
		}
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c >= 0x80:
			w = append(w, c)
		case c >= 'A' && c <= 'Z':
			w = append(w, c+'a'-'A')
		default:
			if len(w) > 0 {
				fn(w)
				w = w[:0]
			}
		}
	}
}

// stopwords are English function words: never a "common term" of the mix.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
		because been before being below between both but by can could did do does doing down during each
		few for from further had has have having he her here hers herself him himself his how i if in into
		is it its itself just me more most my myself no nor not now of off on once only or other our ours
		out over own same she should so some such than that the their theirs them then there these they
		this those through to too under until up very was we were what when where which while who whom
		why will with would you your yours s t said says told one two three its it's mr ms dr`) {
		stopwords[w] = true
	}
}

// contentWord is a word a reader might search: letters only, three or
// more, not a stopword.
func contentWord(w string) bool {
	if len(w) < 3 || stopwords[w] {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// Query mix sizes.
const (
	perClass    = 5  // distinct queries per class
	commonRanks = 20 // "common" = among the 20 most widespread content words
	resultLimit = 20 // one results page
)

// Query classes, in report order.
var classes = []string{"rare", "common", "two-terms", "phrase", "filtered", "prefix", "date-sort"}

type ranked struct {
	term string
	df   int
}

// chooseQueries picks the mix from the corpus's own statistics with a
// fixed seed; see README.md for the rules.
func chooseQueries(st *corpusStats, seed uint64) ([]Query, error) {
	r := rng{mix(seed ^ 0x9e7)}
	var content []ranked
	var rare []string
	for t, s := range st.df {
		if !contentWord(t) {
			continue
		}
		content = append(content, ranked{t, int(s.df)})
		if len(t) >= 5 && s.df >= 10 && s.df <= 100 {
			rare = append(rare, t)
		}
	}
	sort.Slice(content, func(i, j int) bool {
		if content[i].df != content[j].df {
			return content[i].df > content[j].df
		}
		return content[i].term < content[j].term
	})
	sort.Strings(rare)
	var pairs []ranked
	for k, n := range st.bigrams {
		pairs = append(pairs, ranked{k, n})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].df != pairs[j].df {
			return pairs[i].df > pairs[j].df
		}
		return pairs[i].term < pairs[j].term
	})
	if len(content) < 200 || len(rare) < perClass || len(pairs) < 25 {
		return nil, fmt.Errorf("corpus of %d articles too small to choose queries (%d content words, %d rare, %d pairs)",
			st.n, len(content), len(rare), len(pairs))
	}
	// pickN draws k distinct items of list[lo:hi].
	pickN := func(lo, hi, k int) []int {
		idx := r.perm(hi - lo)[:k]
		for i := range idx {
			idx[i] += lo
		}
		return idx
	}
	var qs []Query
	add := func(q Query) {
		q.Limit = resultLimit
		qs = append(qs, q)
	}
	for _, i := range pickN(0, len(rare), perClass) {
		add(Query{Class: "rare", Text: rare[i]})
	}
	for _, i := range pickN(0, commonRanks, perClass) {
		add(Query{Class: "common", Text: content[i].term})
	}
	for range perClass {
		ij := pickN(commonRanks, 200, 2)
		add(Query{Class: "two-terms", Text: content[ij[0]].term + " " + content[ij[1]].term})
	}
	for _, i := range pickN(0, 25, perClass) {
		add(Query{Class: "phrase", Text: `"` + pairs[i].term + `"`})
	}
	for _, i := range pickN(0, commonRanks, perClass) {
		year := startDate.Year() + r.intn(spanYears)
		from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		add(Query{Class: "filtered", Text: content[i].term, Section: sections[r.intn(6)].slug,
			From: from, To: from.AddDate(1, 0, 0)})
	}
	var long []int
	for i := 0; i < 100; i++ {
		if len(content[i].term) >= 6 {
			long = append(long, i)
		}
	}
	for _, j := range pickN(0, len(long), perClass) {
		t := content[long[j]].term
		k := 5
		if len(t) < 7 {
			k = 4
		}
		add(Query{Class: "prefix", Text: t[:k] + "*"})
	}
	for _, i := range pickN(0, commonRanks, perClass) {
		add(Query{Class: "date-sort", Text: content[i].term, SortByDate: true})
	}
	return qs, nil
}

// perm is a seeded Fisher-Yates permutation of [0, n).
func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// lengthSummary is a distribution in a few quantiles.
type lengthSummary struct {
	N                            int
	Mean                         float64
	P10, P25, P50, P75, P90, P99 int
}

func summarize(lens []int) lengthSummary {
	s := slices.Clone(lens)
	slices.Sort(s)
	q := func(p float64) int { return s[min(len(s)-1, int(math.Ceil(p*float64(len(s))))-1)] }
	sum := 0
	for _, v := range s {
		sum += v
	}
	return lengthSummary{N: len(s), Mean: float64(sum) / float64(len(s)),
		P10: q(.10), P25: q(.25), P50: q(.50), P75: q(.75), P90: q(.90), P99: q(.99)}
}

func (l lengthSummary) String() string {
	return fmt.Sprintf("n=%d mean=%.0f p10=%d p25=%d p50=%d p75=%d p90=%d p99=%d",
		l.N, l.Mean, l.P10, l.P25, l.P50, l.P75, l.P90, l.P99)
}
