package story

import (
	"math"
	"slices"
	"time"
)

// Doc is one article as the clusterer sees it. Title is the headline; Text
// may be the whole body or empty (only its lead is read); Published may be
// zero when unknown; Source is the outlet's name or ID.
type Doc struct {
	ID        string
	Title     string
	Text      string
	Published time.Time
	Source    string
}

// StoryID names a story: the ID of the first article that started it, so it
// stays the same for as long as anyone remembers the story.
type StoryID string

// ClusterOptions tunes a Clusterer. Zero fields take the defaults, which
// were tuned on the News-T headline stream (see bench/storyeval).
type ClusterOptions struct {
	// Window is how many recent articles are remembered (default 100000).
	Window int
	// MaxAge forgets articles published this long before the newest one
	// seen, and keeps an article out of a story not updated for this long
	// (default 96h). Articles without a time are forgotten by count only.
	MaxAge time.Duration
	// Threshold is the least match score for an article to join a story
	// (default 0.18); see Clusterer.
	Threshold float64
	// Damping is the power applied to the share of a story's articles that
	// have a word (default 0.35): lower values let a word that only some of
	// a big story's articles use still count.
	Damping float64
	// LeadWords and LeadWeight say how much of the body is read and how a
	// lead word counts against a headline word (defaults 40 and 0.5).
	LeadWords  int
	LeadWeight float64
	// BigramWeight is the weight of a pair of neighbouring headline words
	// against a single word (default 0: no pairs; on the headline streams
	// pairs only lowered the scores, see bench/storyeval).
	BigramWeight float64
	// Merge is the least similarity (see Clusterer.similarity) of two
	// stories that an article matches both for them to become one from then
	// on (default 0.3; above 1: never).
	Merge float64
	// Decay fades a story for an article without a time by
	// exp(-gap/Decay), gap being the number of articles since the story's
	// last one: the count of articles stands in for the clock that MaxAge
	// needs. A story more than 10*Decay articles old is closed (default
	// 2000; negative: no fading).
	Decay float64
	// SizeBonus raises the score of a story of n articles by the factor
	// 1 + SizeBonus*ln(n): a story many outlets already tell is the likelier
	// home of one more report (default 0.1; negative: none).
	SizeBonus float64
}

func (o ClusterOptions) withDefaults() ClusterOptions {
	if o.Window <= 0 {
		o.Window = 100000
	}
	if o.MaxAge <= 0 {
		o.MaxAge = 96 * time.Hour
	}
	if o.Threshold <= 0 {
		o.Threshold = 0.18
	}
	if o.Damping <= 0 {
		o.Damping = 0.35
	}
	if o.LeadWords <= 0 {
		o.LeadWords = 40
	}
	if o.LeadWeight <= 0 {
		o.LeadWeight = 0.5
	}
	if o.Merge <= 0 {
		o.Merge = 0.3
	}
	if o.Decay == 0 {
		o.Decay = 2000
	}
	if o.SizeBonus == 0 {
		o.SizeBonus = 0.1
	}
	return o
}

// Clusterer assigns articles to stories online. An article's match with a
// story is the IDF-weighted share of its words that the story uses, each
// word counted by the (damped) share of the story's articles that have it:
//
//	score = sum_w idf(w) * weight(w) * (count(story, w) / size(story))^damping
//	        / sum_w idf(w) * weight(w)
//
// with IDF learned from the window, then multiplied by 1 + SizeBonus*ln(size)
// and, for an article without a time, by the story's fading (Decay).
// The article joins the best story if the score reaches the threshold, else
// starts a new one. When the second best story reaches the threshold too and
// the two stories are alike (Merge), they become one: the split of one event
// into two stories, which an online clusterer cannot undo for the articles
// it has answered, stops there. Scoring against the
// whole story rather than its nearest member keeps stories from chaining
// into unrelated ones, and the evidence rule (see evidence) keeps one shared
// name from joining unrelated articles. It is not safe for concurrent use.
type Clusterer struct {
	opts    ClusterOptions
	vocab   vocabulary
	stories map[int32]*storyState
	nextIdx int32
	seen    int64 // articles assigned so far, the clock of Decay
	// postings lists, per term, the stories whose centroid has it.
	postings map[int32][]int32
	window   ring[windowDoc]
	newest   time.Time

	// checked remembers, per pair of stories, their total size when they
	// were last found too unlike to merge (see mergeable).
	checked      map[[2]int32]int
	checkedLimit int

	// scratch, reused between calls
	cands map[int32]evidence
	wIDF  []float64
}

// evidence counts what an article's headline shares with a candidate
// story: plain (uncapitalised) words and distinct names. One shared name is
// not enough to join: it takes a plain word or two names. Lead words count
// in the score but not as evidence (an article without a headline uses its
// lead), so two reports that share only the words of any report ("won",
// "final", "on Saturday", an outlet's dateline) stay apart.
type evidence struct {
	plain, names int
}

func (e evidence) enough() bool { return e.plain >= 1 || e.names >= 2 }

type storyState struct {
	idx     int32
	id      StoryID
	size    int
	counts  map[int32]float64
	lastPub time.Time
	lastSeq int64
	// into is the story this one was merged into, nil while it is live.
	// Window articles keep pointing at the story they joined and follow
	// into when they leave.
	into *storyState
}

// live follows merges to the story that now holds st's articles.
func (st *storyState) live() *storyState {
	for st.into != nil {
		st = st.into
	}
	return st
}

type windowDoc struct {
	story     *storyState
	terms     []weighted
	published time.Time
}

// weighted is one term of a windowed article, 12 bytes: the window holds
// up to maxDocTerms of them per article.
type weighted struct {
	id     int32
	weight float32
	name   bool
	cont   bool
	head   bool
}

// NewClusterer returns an empty clusterer.
func NewClusterer(opts ClusterOptions) *Clusterer {
	o := opts.withDefaults()
	return &Clusterer{
		opts:     o,
		vocab:    newVocabulary(),
		stories:  make(map[int32]*storyState),
		postings: make(map[int32][]int32),
		window:   newRing[windowDoc](o.Window),
		cands:    make(map[int32]evidence),
		checked:  make(map[[2]int32]int),
	}
}

// Assign places d in a story and returns the story's ID. The answer depends
// only on d and the articles assigned before it.
func (c *Clusterer) Assign(d Doc) StoryID {
	if d.Published.After(c.newest) {
		c.newest = d.Published
	}
	c.evict()
	terms := c.internTerms(docTerms(d.Title, d.Text, c.opts.LeadWords, c.opts.LeadWeight, c.opts.BigramWeight))
	best, second := c.bestStories(terms, d.Published)
	var st *storyState
	switch {
	case best.st == nil || best.score < c.opts.Threshold:
		idx := c.nextIdx
		c.nextIdx++
		st = &storyState{idx: idx, id: StoryID(d.ID), counts: make(map[int32]float64, len(terms))}
		c.stories[idx] = st
	case second.st != nil && second.score >= c.opts.Threshold && c.mergeable(best.st, second.st):
		st = c.merge(best.st, second.st)
	default:
		st = best.st
	}
	c.seen++
	c.addToStory(st, terms, d.Published)
	c.window.push(windowDoc{story: st, terms: terms, published: d.Published})
	return st.id
}

// Len returns the number of articles in the window and of live stories.
func (c *Clusterer) Len() (articles, stories int) {
	return c.window.len(), len(c.stories)
}

func (c *Clusterer) internTerms(ts []term) []weighted {
	out := make([]weighted, len(ts))
	for i, t := range ts {
		out[i] = weighted{id: c.vocab.addDoc(t.word), weight: float32(t.weight), name: t.name, cont: t.cont, head: t.head}
	}
	return out
}

func (c *Clusterer) idf(id int32) float64 {
	n := float64(c.window.len() + 1)
	return math.Log((n+1)/(float64(c.vocab.df(id))+0.5)) + 1
}

// candidate is a story and its match score with an article.
type candidate struct {
	st    *storyState
	score float64
}

// better orders candidates by score, ties to the older story so that the
// answer does not depend on map order.
func (a candidate) better(b candidate) bool {
	if b.st == nil {
		return a.st != nil
	}
	return a.score > b.score || (a.score == b.score && a.st.idx < b.st.idx)
}

// bestStories finds the two best-matching live stories with enough evidence.
func (c *Clusterer) bestStories(terms []weighted, published time.Time) (best, second candidate) {
	clear(c.cands)
	var total float64
	c.wIDF = c.wIDF[:0]
	// Evidence comes from the headline's words when it has any: words of
	// the lead count in the score, but a story that only shares lead words
	// ("won", "final", "on Saturday", an outlet's dateline) is not joined.
	headed := slices.ContainsFunc(terms, func(t weighted) bool { return t.head })
	for _, t := range terms {
		w := float64(t.weight) * c.idf(t.id)
		c.wIDF = append(c.wIDF, w)
		total += w
		for _, s := range c.postings[t.id] {
			e := c.cands[s]
			switch {
			case headed && !t.head:
			case !t.name:
				e.plain++
			case !t.cont:
				e.names++
			}
			c.cands[s] = e
		}
	}
	if total == 0 {
		return best, second
	}
	for s, e := range c.cands {
		st := c.stories[s]
		if !e.enough() || c.stale(st, published) {
			continue
		}
		var sc float64
		for i, t := range terms {
			if cw, ok := st.counts[t.id]; ok {
				share := min(1, cw/float64(st.size))
				sc += c.wIDF[i] * math.Pow(share, c.opts.Damping)
			}
		}
		sc /= total
		if c.opts.SizeBonus > 0 {
			sc *= 1 + c.opts.SizeBonus*math.Log(float64(st.size))
		}
		if c.opts.Decay > 0 && published.IsZero() {
			sc *= math.Exp(-float64(c.gap(st)) / c.opts.Decay)
		}
		cand := candidate{st: st, score: sc}
		switch {
		case cand.better(best):
			best, second = cand, best
		case cand.better(second):
			second = cand
		}
	}
	return best, second
}

// stale reports whether a story has had no article for MaxAge before an
// article published at t, or, for an article without a time, none among the
// last 10*Decay articles.
func (c *Clusterer) stale(st *storyState, t time.Time) bool {
	if t.IsZero() && c.opts.Decay > 0 && float64(c.gap(st)) > 10*c.opts.Decay {
		return true
	}
	return !t.IsZero() && !st.lastPub.IsZero() && t.Sub(st.lastPub) > c.opts.MaxAge
}

// gap is the number of articles assigned since st's last one.
func (c *Clusterer) gap(st *storyState) int64 { return c.seen - st.lastSeq }

func (c *Clusterer) addToStory(st *storyState, terms []weighted, published time.Time) {
	st.size++
	st.lastSeq = c.seen
	if published.After(st.lastPub) {
		st.lastPub = published
	}
	for _, t := range terms {
		if _, ok := st.counts[t.id]; !ok {
			c.postings[t.id] = append(c.postings[t.id], st.idx)
		}
		st.counts[t.id] += float64(t.weight)
	}
}

// evict forgets the oldest articles beyond the window's count or age, and
// their contribution to stories and document frequencies.
func (c *Clusterer) evict() {
	for c.window.len() > 0 {
		old := c.window.front()
		tooMany := c.window.len() >= c.opts.Window
		tooOld := !old.published.IsZero() && !c.newest.IsZero() && c.newest.Sub(old.published) > c.opts.MaxAge
		if !tooMany && !tooOld {
			return
		}
		c.window.pop()
		c.removeDoc(old)
	}
}

func (c *Clusterer) removeDoc(d windowDoc) {
	st := d.story.live()
	st.size--
	for _, t := range d.terms {
		st.counts[t.id] -= float64(t.weight)
		if st.counts[t.id] <= 1e-9 {
			delete(st.counts, t.id)
			c.dropPosting(t.id, st.idx)
		}
		if c.vocab.removeDoc(t.id) {
			delete(c.postings, t.id)
		}
	}
	if st.size <= 0 {
		delete(c.stories, st.idx)
	}
}

func (c *Clusterer) dropPosting(id, story int32) {
	list := c.postings[id]
	for i, s := range list {
		if s == story {
			list[i] = list[len(list)-1]
			c.postings[id] = list[:len(list)-1]
			return
		}
	}
}
