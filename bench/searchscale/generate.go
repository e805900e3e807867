package main

import (
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// The generator writes article i of an n-article corpus as a pure function
// of (seed, i): the same article whatever order or process asks, so a
// corpus is streamed and never held in memory, and every engine indexes
// exactly the same text. Only the date depends on n (every corpus spans
// the same ten years).
//
// An article takes the headline, lead and first paragraphs of one source
// article, mixes in paragraphs of others, and stops near a length drawn
// from the source's own lengths. Every proper name is replaced by one from
// a pool (people, places, organisations) that grows with the article
// number by Heaps' law, so new names keep appearing as the corpus grows;
// a few words per thousand are misspelt.

// Generator settings, documented in README.md.
const (
	numSources   = 500
	otherParaP   = 0.25 // chance a paragraph after the lead comes from another article
	typoP        = 0.04 // chance a paragraph carries one misspelt word
	perennialP   = 0.25 // chance a name is drawn from the whole pool, oldest favoured
	leadRunes    = 280  // the lead is cut like an ingested excerpt
	spanYears    = 10
	nameSpace    = 60 * 60 * 60 // distinct three-syllable names
	firstNameCap = 60 * 60
)

var (
	startDate = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	spanDur   = time.Duration(float64(spanYears) * 365.25 * 24 * float64(time.Hour))
)

// poolLaw is Heaps' law for one pool: size a·i^b after i articles.
type poolLaw struct{ a, b float64 }

var poolLaws = [numKinds]poolLaw{
	kindPerson: {4, 0.75},
	kindPlace:  {1.5, 0.65},
	kindOrg:    {2, 0.70},
}

func poolSize(k entKind, i int64) int64 {
	l := poolLaws[k]
	p := int64(l.a*math.Pow(float64(i+1), l.b)) + 20
	return min(p, nameSpace)
}

// sections with their shares of sources.
var sections = []struct {
	slug   string
	weight float64
}{
	{"world", 25}, {"politics", 18}, {"business", 14}, {"sport", 12}, {"science", 7},
	{"health", 7}, {"technology", 6}, {"culture", 5}, {"environment", 4}, {"local", 2},
}

var outletWords = strings.Fields("Times Post Herald Chronicle Observer Tribune Gazette News Journal Courier Daily Radio Wire Express Monitor Star")

var orgWords = strings.Fields("Group Institute Party Union Bank Foundation Agency Council Holdings Association Corporation Ministry University Club Alliance Network")

var placeEnds = []string{"", "ia", "burg", "ton", "ville", "abad", "grad", "stan", "port", "field"}

var syllables = strings.Fields(`ka lo mi ra te vo su ne di pa ro li za be tu ma ni go ve sa
	dor van sel mar tis ber kol fen gar hal jon lun mor nas pel quin rus tav wen yor
	ash el in or um ar en is os ul ai ei ou ia eo
	bri cha dra fla gro kre pla sho tri vla`)

type genSource struct {
	name    string
	section string
}

// Generator makes the articles of one corpus.
type Generator struct {
	src       *sourceCorpus
	seed      uint64
	n         int64
	sources   []genSource
	sourceCum []float64 // cumulative Zipf weights: a few big outlets, a long tail
	sectCum   []float64
}

func newGenerator(src *sourceCorpus, seed uint64, n int64) *Generator {
	g := &Generator{src: src, seed: seed, n: n}
	total := 0.0
	for _, s := range sections {
		total += s.weight
		g.sectCum = append(g.sectCum, total)
	}
	total = 0
	for j := range numSources {
		r := rng{mix(seed ^ 0x5ec7 ^ uint64(j)<<20)}
		name := "The " + placeName(int64(j)+nameSpace/2) + " " + outletWords[r.intn(len(outletWords))]
		g.sources = append(g.sources, genSource{name: name, section: sections[pick(g.sectCum, r.float())].slug})
		total += 1 / math.Pow(float64(j+1), 0.8)
		g.sourceCum = append(g.sourceCum, total)
	}
	return g
}

// pick returns the index of the first cumulative weight above u·total.
func pick(cum []float64, u float64) int {
	x := u * cum[len(cum)-1]
	i := sort.SearchFloat64s(cum, x)
	return min(i, len(cum)-1)
}

// genBuf is reusable scratch space for one goroutine.
type genBuf struct {
	title, body []byte
}

// Doc returns article id (1-based) of the corpus.
func (g *Generator) Doc(id int64, b *genBuf) Doc {
	i := id - 1
	r := rng{mix(g.seed ^ uint64(id)*0x9e3779b97f4a7c15)}
	arts := g.src.arts
	base := r.intn(len(arts))
	target := float64(g.src.bodyLens[r.intn(len(g.src.bodyLens))]) * (0.85 + 0.3*r.float())
	srcIdx := pick(g.sourceCum, r.float())
	section := g.sources[srcIdx].section
	if r.float() < 0.2 {
		section = sections[pick(g.sectCum, r.float())].slug
	}
	step := spanDur / time.Duration(max(g.n, 1))
	published := startDate.Add(time.Duration(i)*step + time.Duration(r.float()*float64(step)))

	e := emitter{g: g, r: &r, docKey: mix(g.seed ^ uint64(id))}
	for k := range numKinds {
		e.pool[k] = poolSize(k, i)
	}
	b.title = e.fill(b.title[:0], base, &arts[base].title, false)
	b.body = b.body[:0]
	cur, pi := base, 0
	for {
		a, p := cur, pi
		if pi > 0 && r.float() < otherParaP {
			a = r.intn(len(arts))
			p = r.intn(len(arts[a].paras))
		} else {
			pi++
			if pi >= len(arts[cur].paras) {
				cur, pi = r.intn(len(arts)), 0
			}
		}
		tp := &arts[a].paras[p]
		if len(b.body) > 0 && float64(len(b.body)+tp.size/2) > target {
			break
		}
		if len(b.body) > 0 {
			b.body = append(b.body, "\n\n"...)
		}
		b.body = e.fill(b.body, a, tp, r.float() < typoP)
	}
	body := string(b.body)
	lead := body
	if k := strings.Index(lead, "\n\n"); k >= 0 {
		lead = lead[:k]
	}
	return Doc{
		ID:        id,
		Title:     string(b.title),
		Lead:      cutRunes(lead, leadRunes),
		Body:      body,
		Section:   section,
		Source:    g.sources[srcIdx].name,
		SourceID:  int64(srcIdx + 1),
		Published: published,
	}
}

// cutRunes shortens s to at most n runes, at a word boundary when it can.
func cutRunes(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	k, count := 0, 0
	for k = range s {
		if count == n {
			break
		}
		count++
	}
	if sp := strings.LastIndexByte(s[:k], ' '); sp > k/2 {
		k = sp
	}
	return s[:k]
}

// emitter fills templates for one article.
type emitter struct {
	g      *Generator
	r      *rng
	docKey uint64
	pool   [numKinds]int64 // pool sizes at this article
}

func (e *emitter) fill(dst []byte, art int, tp *template, typo bool) []byte {
	typoAt := wordPos{piece: -1}
	if typo && len(tp.words) > 0 {
		typoAt = tp.words[e.r.intn(len(tp.words))]
	}
	kinds := e.g.src.arts[art].kinds
	for pi := range tp.pieces {
		p := &tp.pieces[pi]
		if p.ent < 0 {
			if int32(pi) != typoAt.piece {
				dst = append(dst, p.text...)
				continue
			}
			dst = append(dst, p.text[:typoAt.start]...)
			dst = misspell(dst, p.text[typoAt.start:typoAt.end], e.r)
			dst = append(dst, p.text[typoAt.end:]...)
			continue
		}
		// The same source name in the same article maps to the same
		// replacement, wherever in the article it appears.
		k := kinds[p.ent]
		h := rng{mix(e.docKey ^ uint64(art)<<32 ^ uint64(p.ent))}
		size := e.pool[k]
		v := h.float()
		var idx int64
		if h.float() < perennialP {
			idx = int64(float64(size) * v * v * v)
		} else {
			idx = size - 1 - int64(float64(size)*v*v*v)
		}
		idx = max(0, min(idx, size-1))
		switch k {
		case kindPerson:
			if p.form == formFull {
				dst = appendName(dst, (uint64(idx)*2654435761+7)%firstNameCap, 2, 11)
				dst = append(dst, ' ')
			}
			dst = appendName(dst, uint64(idx), 3, 0)
		case kindPlace:
			dst = append(dst, placeName(idx)...)
		case kindOrg:
			dst = appendName(dst, uint64(idx), 3, 29)
			dst = append(dst, ' ')
			dst = append(dst, orgWords[idx%int64(len(orgWords))]...)
		}
	}
	return dst
}

// appendName writes name number idx of nsyl syllables, capitalised. An
// affine map modulo the name space scatters neighbouring numbers (a
// bijection, so distinct numbers give distinct names); salt separates the
// pools.
func appendName(dst []byte, idx uint64, nsyl int, salt uint64) []byte {
	s := uint64(len(syllables))
	space := uint64(1)
	for range nsyl {
		space *= s
	}
	x := (idx*1000003 + salt*7919) % space
	start := len(dst)
	for range nsyl {
		dst = append(dst, syllables[x%s]...)
		x /= s
	}
	if dst[start] >= 'a' && dst[start] <= 'z' {
		dst[start] -= 'a' - 'A'
	}
	return dst
}

func placeName(idx int64) string {
	b := appendName(nil, uint64(idx), 3, 13)
	return string(append(b, placeEnds[idx%int64(len(placeEnds))]...))
}

// misspell writes w with one slip of the keyboard: two letters swapped, one
// dropped or one doubled.
func misspell(dst []byte, w string, r *rng) []byte {
	k := 1 + r.intn(len(w)-2)
	switch r.intn(3) {
	case 0:
		dst = append(dst, w[:k-1]...)
		return append(append(dst, w[k], w[k-1]), w[k+1:]...)
	case 1:
		return append(append(dst, w[:k]...), w[k+1:]...)
	default:
		return append(append(dst, w[:k+1]...), w[k:]...)
	}
}

// rng is splitmix64: tiny, fast, and good enough to draw a corpus.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix(r.s)
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) intn(n int) int { return int((r.next() >> 33) % uint64(n)) }

func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }
