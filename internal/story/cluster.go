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
	// (default 0.17); see Clusterer.
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
	// Veto is the least cosine similarity that an article must have with
	// one of a story's recent articles to join it, however well it matches
	// the story as a whole (default 0.2; negative: no veto).
	Veto float64
	// Link is the cosine similarity with a recent article from which an
	// article that matches no story as a whole joins that article's story
	// (default 0.4; above 1: never).
	Link float64
}

func (o ClusterOptions) withDefaults() ClusterOptions {
	if o.Window <= 0 {
		o.Window = 100000
	}
	if o.MaxAge <= 0 {
		o.MaxAge = 96 * time.Hour
	}
	if o.Threshold <= 0 {
		o.Threshold = 0.17
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
	if o.Veto == 0 {
		o.Veto = 0.2
	}
	if o.Link <= 0 {
		o.Link = 0.4
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
// with IDF counted in stories, not articles (see storyIDF), then multiplied
// by 1 + SizeBonus*ln(size) and, for an article without a time, by the
// story's fading (Decay). The article joins the best story if the score
// reaches the threshold and one of the story's recent articles is like it
// (Veto; else the second best story if that one passes both), else the
// story of the recent article most like it (Link), else it starts a new
// one. When the second best story reaches the threshold too and
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
	// postings lists, per term ID, the stories whose centroid has it.
	postings [][]*storyState
	window   ring[windowDoc]
	newest   time.Time

	// checked remembers, per pair of stories, their total size when they
	// were last found too unlike to merge (see mergeable).
	checked      map[[2]int32]int
	checkedLimit int

	// recent lists, per term ID, the newest window articles that have it
	// (at most recentPerTerm, oldest first): the articles that Veto and
	// Link compare an article with.
	recent [][]recentRef
	pushed int64 // articles pushed to the window so far

	// cands are the stories the article being assigned shares a word
	// with, and what it shares with them; a story's candRound says whether
	// it is one of them (round is the article's), its candPos where.
	cands []storyEvidence
	round int64

	// scratch, reused between calls
	terms     termBuilder
	termOrder []int32 // sortedTerms
	wIDF      []float64
	// dots holds, per slot of the window's ring, the article's dot product
	// with the article there; touched lists the slots set (see cosines).
	dots    []float64
	touched []int
}

// recentPerTerm bounds the articles listed per term: an article is compared
// with at most this many recent articles per word it has. A word so common
// that its list overflows adds little to a cosine.
const recentPerTerm = 64

// recentRef is a window article (by its push number) that has a term, with
// the term's weight in it.
type recentRef struct {
	seq    int64
	weight float32
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

// storyEvidence is a candidate story and the evidence the article has for
// it; match is its match score before any fading, set when scored.
type storyEvidence struct {
	st *storyState
	evidence
	scored bool
	match  float64
}

// evidenceFor is what the article being assigned shares with st.
func (c *Clusterer) evidenceFor(st *storyState) evidence {
	if st.candRound != c.round {
		return evidence{}
	}
	return c.cands[st.candPos].evidence
}

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
	// dropped is set when the story leaves Clusterer.stories (merged or
	// emptied).
	dropped bool
	// candRound and candPos place the story in Clusterer.cands.
	candRound int64
	candPos   int32
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
	seq       int64
	// norm is the length of the article's IDF-weighted term vector when it
	// was assigned.
	norm float32
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
		opts:    o,
		vocab:   newVocabulary(),
		stories: make(map[int32]*storyState),
		window:  newRing[windowDoc](o.Window),
		checked: make(map[[2]int32]int),
	}
}

// Assign places d in a story and returns the story's ID. The answer depends
// only on d and the articles assigned before it.
func (c *Clusterer) Assign(d Doc) StoryID {
	if d.Published.After(c.newest) {
		c.newest = d.Published
	}
	c.evict()
	terms := c.internTerms(docTerms(&c.terms, d.Title, d.Text, c.opts.LeadWords, c.opts.LeadWeight, c.opts.BigramWeight))
	best, second := c.bestStories(terms, d.Published)
	if best.st != nil && best.score >= c.opts.Threshold && c.opts.Veto > 0 &&
		!c.memberAlike(terms, best.st) {
		if second.st != nil && second.score >= c.opts.Threshold && c.memberAlike(terms, second.st) {
			best, second = second, candidate{}
		} else {
			best = candidate{}
		}
	}
	if (best.st == nil || best.score < c.opts.Threshold) && c.opts.Link <= 1 {
		if st := c.linked(terms, d.Published); st != nil {
			best, second = candidate{st: st, score: c.opts.Threshold}, candidate{}
		}
	}
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
	c.pushRecent(st, terms, d.Published)
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
	// The lists per term grow with the vocabulary, whose IDs are dense.
	for len(c.postings) < len(c.vocab.words) {
		c.postings = append(c.postings, nil)
		c.recent = append(c.recent, nil)
	}
	return out
}

func (c *Clusterer) idf(id int32) float64 {
	n := float64(c.window.len() + 1)
	return math.Log((n+1)/(float64(c.vocab.df(id))+0.5)) + 1
}

// storyIDF is a word's inverse story frequency: how few of the live
// stories use it. Counting stories rather than articles keeps the weight of
// the word a big story is about ("thanksgivukkah" in 170 headlines of one
// story) and lowers that of a word many stories use ("black", "deal"),
// which is what tells stories apart (bench/storyeval: News 0.779 to 0.785
// BCubed F1, News-T 0.816 to 0.820).
func (c *Clusterer) storyIDF(id int32) float64 {
	s := float64(len(c.stories) + 1)
	return math.Log((s+1)/(float64(len(c.postings[id]))+0.5)) + 1
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
	c.cands = c.cands[:0]
	c.round++
	var total float64
	c.wIDF = c.wIDF[:0]
	// Evidence comes from the headline's words when it has any: words of
	// the lead count in the score, but a story that only shares lead words
	// ("won", "final", "on Saturday", an outlet's dateline) is not joined.
	headed := slices.ContainsFunc(terms, func(t weighted) bool { return t.head })
	for _, t := range terms {
		w := float64(t.weight) * c.storyIDF(t.id)
		c.wIDF = append(c.wIDF, w)
		total += w
		for _, st := range c.postings[t.id] {
			if st.candRound != c.round {
				st.candRound, st.candPos = c.round, int32(len(c.cands))
				c.cands = append(c.cands, storyEvidence{st: st})
			}
			e := &c.cands[st.candPos].evidence
			switch {
			case headed && !t.head:
			case !t.name:
				e.plain++
			case !t.cont:
				e.names++
			}
		}
	}
	if total == 0 {
		return best, second
	}
	for i := range c.cands {
		e := &c.cands[i]
		st := e.st
		if !e.enough() || st.dropped || c.stale(st, published) {
			continue
		}
		sc := c.match(terms, st, total)
		e.scored, e.match = true, sc
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

// match is the match score of an article's terms with st, before any
// fading; c.wIDF holds the terms' weights and total their sum.
func (c *Clusterer) match(terms []weighted, st *storyState, total float64) float64 {
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
	return sc
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
			c.postings[t.id] = append(c.postings[t.id], st)
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
			c.dropPosting(t.id, st)
		}
		if list := c.recent[t.id]; len(list) > 0 && list[0].seq == d.seq {
			if len(list) == 1 {
				c.recent[t.id] = nil
			} else {
				c.recent[t.id] = list[1:]
			}
		}
		if c.vocab.removeDoc(t.id) {
			c.postings[t.id] = nil
			c.recent[t.id] = nil
		}
	}
	if st.size <= 0 {
		delete(c.stories, st.idx)
		st.dropped = true
	}
}

func (c *Clusterer) dropPosting(id int32, story *storyState) {
	list := c.postings[id]
	for i, s := range list {
		if s == story {
			list[i] = list[len(list)-1]
			list[len(list)-1] = nil
			c.postings[id] = list[:len(list)-1]
			return
		}
	}
}

// pushRecent adds the article just assigned to the window and to the
// recent lists of its terms.
func (c *Clusterer) pushRecent(st *storyState, terms []weighted, published time.Time) {
	var n2 float64
	if len(c.wIDF) == len(terms) {
		for _, w := range c.wIDF {
			n2 += w * w
		}
	}
	seq := c.pushed
	c.pushed++
	c.window.push(windowDoc{story: st, terms: terms, published: published, seq: seq, norm: float32(math.Sqrt(n2))})
	for _, t := range terms {
		list := c.recent[t.id]
		if len(list) >= recentPerTerm {
			list = list[1:]
		}
		c.recent[t.id] = append(list, recentRef{seq: seq, weight: t.weight})
	}
}

// cosines sets c.dots to the dot product of the article's weighted terms
// (c.wIDF) and each recent article sharing a term with it, at the slot of
// that article in the window's ring, and lists the slots in c.touched. Only
// articles of story only (when not nil) are counted. With stopAt > 0 it
// stops, and reports true, as soon as one article's cosine similarity with
// the article (of length na) reaches stopAt: the weights are positive, so
// a dot product only grows as terms are added and that article's final
// similarity would reach stopAt too; each article is checked after each
// addition, so one that reaches it at the end is found.
func (c *Clusterer) cosines(terms []weighted, only *storyState, na, stopAt float64) bool {
	for _, slot := range c.touched {
		c.dots[slot] = 0
	}
	c.touched = c.touched[:0]
	if len(c.wIDF) != len(terms) {
		return false
	}
	if len(c.dots) < len(c.window.buf) {
		c.dots = make([]float64, len(c.window.buf))
	}
	first := c.pushed - int64(c.window.len())
	for i, t := range terms {
		if t.weight <= 0 {
			continue
		}
		idf := c.wIDF[i] / float64(t.weight)
		for _, r := range c.recent[t.id] {
			slot := c.slot(r.seq - first)
			d := &c.window.buf[slot]
			if only != nil && d.story.live() != only {
				continue
			}
			if c.dots[slot] == 0 {
				c.touched = append(c.touched, slot)
			}
			c.dots[slot] += c.wIDF[i] * idf * float64(r.weight)
			if stopAt > 0 {
				if nb := float64(d.norm); nb > 0 && na > 0 && c.dots[slot]/(na*nb) >= stopAt {
					return true
				}
			}
		}
	}
	return false
}

// slot is where the i-th oldest article of the window is in its ring.
func (c *Clusterer) slot(i int64) int {
	// head and i are both below the ring's length: no division needed.
	s := c.window.head + int(i)
	if s >= len(c.window.buf) {
		s -= len(c.window.buf)
	}
	return s
}

// articleNorm is the length of the article's weighted term vector.
func (c *Clusterer) articleNorm() float64 {
	var n2 float64
	for _, w := range c.wIDF {
		n2 += w * w
	}
	return math.Sqrt(n2)
}

// memberAlike reports whether one of the recent articles of st that share
// a word with the article has a cosine similarity of at least Veto with it.
func (c *Clusterer) memberAlike(terms []weighted, st *storyState) bool {
	return c.cosines(terms, st, c.articleNorm(), c.opts.Veto)
}

// linked returns the story of the recent article most like the article if
// their cosine similarity reaches Link, the story is live and the article
// shares enough with it (see evidence), or nil.
func (c *Clusterer) linked(terms []weighted, published time.Time) *storyState {
	c.cosines(terms, nil, 0, 0)
	na := c.articleNorm()
	if na == 0 {
		return nil
	}
	var (
		best    *windowDoc
		bestCos float64
	)
	for _, slot := range c.touched {
		d := &c.window.buf[slot]
		if d.norm == 0 {
			continue
		}
		// Ties go to the older article, so the order of slots does not show.
		if cos := c.dots[slot] / (na * float64(d.norm)); cos > bestCos || (cos == bestCos && best != nil && d.seq < best.seq) {
			best, bestCos = d, cos
		}
	}
	if best == nil || bestCos < c.opts.Link {
		return nil
	}
	st := best.story.live()
	if c.stories[st.idx] != st || c.stale(st, published) || !c.evidenceFor(st).enough() {
		return nil
	}
	return st
}
