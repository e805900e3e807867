package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
)

// benchSource is one generated publisher. Weights make some busier than
// others, as real feeds are; one is link-only.
type benchSource struct {
	name    string
	section string // "" for a general outlet
	policy  model.Policy
	weight  int
}

var benchSources = []benchSource{
	{"Harbour Wire", "world", model.PolicyFull, 20},
	{"Capital Gazette", "politics", model.PolicyFull, 15},
	{"Market Ledger", "business", model.PolicyExcerpt, 12},
	{"Circuit Daily", "technology", model.PolicyExcerpt, 10},
	{"Touchline", "sports", model.PolicyFull, 10},
	{"Evening Courier", "", model.PolicyExcerpt, 15},
	{"Link Roundup", "", model.PolicyLink, 8},
	{"Northern Herald", "world", model.PolicyFull, 10},
}

var benchSections = []string{"politics", "business", "world", "technology", "sports"}

// Shares of the generated articles. A story is joined rather than started
// by joinShare of articles; a joining article from another outlet is a
// syndicated copy of the story's first article copyShare of the time.
const (
	joinShare   = 0.55
	copyShare   = 0.10
	hiddenShare = 0.01
	imageShare  = 0.7
	openStories = 300                  // stories a new article may join: the newest ones
	span        = 180 * 24 * time.Hour // published times run over six months
	relatedSpan = 2000                 // related lists pick from this many earlier articles
)

// planned is one article's place in the store; its text is made from its
// seed when it is written.
type planned struct {
	source   int
	section  int
	story    int64 // the ID of the story's first article
	original int64 // the article it copies; 0 for none
	hidden   bool
	offset   time.Duration // published this long after the span's start
}

// plan is the whole store's shape, drawn from the seed alone: a store
// built with the same n and seed has the same shape, so a reused one
// needs no reading to choose the pages to request. Article i has ID i+1.
type plan struct {
	seed uint64
	arts []planned
}

func newPlan(n int, seed uint64) *plan {
	rng := rand.New(rand.NewPCG(seed, 0x5173))
	p := &plan{seed: seed, arts: make([]planned, n)}
	total := 0
	for _, s := range benchSources {
		total += s.weight
	}
	var recent []int64 // story IDs, newest last
	for i := range p.arts {
		id := int64(i + 1)
		a := planned{offset: time.Duration(float64(span) * float64(i) / float64(n))}
		w := rng.IntN(total)
		for a.source = 0; w >= benchSources[a.source].weight; a.source++ {
			w -= benchSources[a.source].weight
		}
		a.section = rng.IntN(len(benchSections))
		if sec := benchSources[a.source].section; sec != "" && rng.Float64() < 0.7 {
			a.section = sectionIndex(sec)
		}
		a.story = id
		if len(recent) > 0 && rng.Float64() < joinShare {
			// Mostly the newest stories: news is told while it is news.
			back := min(len(recent)-1, int(rng.ExpFloat64()*30))
			a.story = recent[len(recent)-1-back]
			first := p.arts[a.story-1]
			if first.source != a.source && benchSources[a.source].policy != model.PolicyLink && rng.Float64() < copyShare {
				a.original = a.story
				a.section = first.section
			}
		} else {
			recent = append(recent, id)
			if len(recent) > 2*openStories {
				recent = append(recent[:0], recent[openStories:]...)
			}
		}
		a.hidden = a.story != id && rng.Float64() < hiddenShare
		p.arts[i] = a
	}
	return p
}

func sectionIndex(slug string) int {
	for i, s := range benchSections {
		if s == slug {
			return i
		}
	}
	return 0
}

// vocabulary is the words of the generated text, most frequent first:
// real news words, then made-up ones for the long tail a real index
// holds. Words are drawn with a Zipf law, so "government" is in nearly
// every article and most words are rare.
var vocabulary = func() []string {
	words := strings.Fields(`government minister said year people police council market
		city report public election health company court president water school energy
		union bank state country party budget workers plan week support prices hospital
		local climate officials national security trade family children housing rates
		business industry director change service north south river bridge harbour storm
		weather farmers football league season players coach museum festival theatre
		science research university data technology software phone network airport railway
		transport fuel oil gas power record crowd village region border army peace talks
		vote law judge trial prison investigation victims fire flood rescue doctors
		patients vaccine study students teachers funding tax growth jobs inflation
		exports imports shares investors profit losses factory workers strike protest`)
	syllables := strings.Fields("ka lo mir den sa tor vel an pe ri gu bo zen tal mo ne ra shi fu dor")
	for i := 0; len(words) < 30000; i++ {
		var b strings.Builder
		for j, k := 0, i; j < 2+i%3; j, k = j+1, k/len(syllables) {
			b.WriteString(syllables[(k+j*7)%len(syllables)])
		}
		words = append(words, b.String()+fmt.Sprint(i%97))
	}
	return words
}()

// phrases are set into the text now and then, so a phrase search has
// real matches to find.
var phrases = []string{"interest rates", "prime minister", "climate change", "central bank",
	"world cup", "health service", "supreme court", "peace talks", "energy prices", "housing market"}

// articleText writes an article of 2-4 KB of text and its HTML, from its
// own seed: a copy is written from its original's seed and so carries the
// same text.
func articleText(seed uint64, id int64) (title, excerpt, text, html string) {
	rng := rand.New(rand.NewPCG(seed, uint64(id)))
	zipf := rand.NewZipf(rng, 1.07, 2, uint64(len(vocabulary)-1))
	word := func() string { return vocabulary[zipf.Uint64()] }
	var t strings.Builder
	for i := range 6 + rng.IntN(5) {
		if i > 0 {
			t.WriteByte(' ')
		}
		t.WriteString(word())
	}
	title = strings.ToUpper(t.String()[:1]) + t.String()[1:]
	target := 2048 + rng.IntN(2048)
	var body, h strings.Builder
	for body.Len() < target {
		var para strings.Builder
		for range 3 + rng.IntN(4) {
			var s strings.Builder
			for j := range 8 + rng.IntN(16) {
				if j > 0 {
					s.WriteByte(' ')
				}
				if rng.IntN(40) == 0 {
					s.WriteString(phrases[rng.IntN(len(phrases))])
				} else {
					s.WriteString(word())
				}
			}
			sentence := s.String()
			if para.Len() > 0 {
				para.WriteByte(' ')
			}
			para.WriteString(strings.ToUpper(sentence[:1]) + sentence[1:] + ".")
		}
		if body.Len() > 0 {
			body.WriteString("\n\n")
		}
		body.WriteString(para.String())
		h.WriteString("<p>" + para.String() + "</p>\n")
	}
	text, html = body.String(), h.String()
	excerpt = text
	if len(excerpt) > 200 {
		cut := strings.LastIndexByte(excerpt[:200], ' ')
		excerpt = excerpt[:cut] + "…"
	}
	return title, excerpt, text, html
}

// article is planned article i as a feed would give it.
func (p *plan) article(i int, sourceIDs []int64, start time.Time) model.Article {
	a := p.arts[i]
	id := int64(i + 1)
	textID := id
	if a.original != 0 {
		textID = a.original
	}
	title, excerpt, text, html := articleText(p.seed, textID)
	rng := rand.New(rand.NewPCG(p.seed^0xa17, uint64(id)))
	art := model.Article{
		SourceID:    sourceIDs[a.source],
		GUID:        fmt.Sprintf("sitebench-%d", id),
		URL:         fmt.Sprintf("https://%s.example/news/%d", slug(benchSources[a.source].name), id),
		Title:       title,
		Author:      vocabulary[rng.IntN(200)] + " " + vocabulary[200+rng.IntN(2000)],
		PublishedAt: start.Add(a.offset),
		FetchedAt:   start.Add(a.offset + time.Duration(rng.IntN(600))*time.Second),
		Excerpt:     excerpt,
		ContentText: text,
		ContentHTML: html,
		Language:    "en",
		Section:     benchSections[a.section],
		Tags:        []string{benchSections[a.section]},
	}
	art.CanonicalURL = art.URL
	if rng.Float64() < imageShare {
		art.ImageURL = fmt.Sprintf("https://img.example/%d.jpg", textID)
	}
	return art
}

func slug(name string) string { return strings.ToLower(strings.ReplaceAll(name, " ", "-")) }
