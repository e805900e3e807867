package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The near-duplicate generator. It plays syndication sites that republish
// articles inside their own page furniture, and checks that the Deduper
// finds every copy's original without taking a distinct report of the same
// event for a copy. See README.md ("Near-duplicate set") for the recipes.

// site is a republishing site's page furniture: what its extracted text
// carries around an article.
type site struct {
	name       string
	nav        string
	share      string
	newsletter string
	related    string // heading of its related-articles list
	footer     string
	credit     string // %s: the outlet the copy came from
}

var sites = []site{
	{
		name:       "Daily Dispatch",
		nav:        "Home | News | Local | Business | Sport | Opinion | Weather | Puzzles | Subscribe | Sign in",
		share:      "Share this article: Facebook Twitter WhatsApp Email Print Copy link",
		newsletter: "Get the Daily Dispatch morning briefing in your inbox every weekday. Sign up for our free newsletter and never miss the stories that matter to you.",
		related:    "Related stories",
		footer:     "Copyright 2026 Daily Dispatch Media Group. All rights reserved. Terms of use | Privacy policy | Cookie settings | Contact us | Advertise with us | Careers",
		credit:     "This post appeared first on %s.",
	},
	{
		name:       "Metro Wire",
		nav:        "Menu Search Top stories World Politics Money Tech Science Health Entertainment Video Podcasts",
		share:      "Share on Facebook Share on Twitter Share on LinkedIn Send by email",
		newsletter: "Want more news like this? Join 250,000 readers who get the Metro Wire digest. Enter your email address below to subscribe.",
		related:    "You may also like",
		footer:     "Metro Wire is an independent news aggregator. Content is republished under licence from our partners. About us | Editorial standards | Corrections | Accessibility",
		credit:     "Originally published by %s. Republished with permission.",
	},
	{
		name:       "Coastline Today",
		nav:        "Skip to content Coastline Today Latest News Region Business Lifestyle Sports Events Classifieds",
		share:      "Tweet Share Pin Email 0 Comments",
		newsletter: "Support local journalism. Become a member today for as little as 3 dollars a month and enjoy ad-free reading.",
		related:    "More from News",
		footer:     "Coastline Today, 14 Harbour Street. Tips? Email newsroom@coastline.example. Follow us on social media. Copyright 2026.",
		credit:     "Source: %s. This story has been edited for length.",
	},
	{
		name:       "The Aggregate",
		nav:        "The Aggregate All Sections Trending Most Read Editors' Picks Newsletters Log in Register",
		share:      "Share via Facebook Twitter Reddit Flipboard",
		newsletter: "",
		related:    "Read next",
		footer:     "The views expressed are those of the original publisher. The Aggregate accepts no responsibility for third-party content. Privacy | Terms",
		credit:     "(c) %s, distributed by the Newswire Syndicate.",
	},
}

// ndDoc is one document of a near-duplicate stream.
type ndDoc struct {
	id, body string
	original string // the source ID it copies; empty for distinct articles
	kind     string // recipe of a copy, or the kind of distinct article
}

// genRound builds one stream: every published source as its outlet put
// it out, then, shuffled, copies of published sources and distinct articles
// (held-out sources) in the same furniture. A held-out source is never
// published raw, so it is a new article: the report of another outlet on
// the same event as some published ones (same names, places, numbers,
// different words), sometimes quoting the same sentence.
func genRound(published, heldOut []source, all []source, seed uint64) []ndDoc {
	rng := rand.New(rand.NewPCG(seed, 99))
	var docs []ndDoc
	for _, s := range published {
		docs = append(docs, ndDoc{id: s.id, body: s.body(), kind: "original"})
	}
	byEvent := map[string][]source{}
	for _, s := range published {
		if s.event != "" {
			byEvent[s.event] = append(byEvent[s.event], s)
		}
	}
	var later []ndDoc
	for i, s := range published {
		for j, r := range recipes {
			st := sites[(i+j)%len(sites)]
			later = append(later, ndDoc{
				id:       fmt.Sprintf("%s#copy%d", s.id, j),
				body:     r.make(rng, st, s, all),
				original: s.id, kind: r.name,
			})
		}
	}
	// Each held-out source appears once, in one of three forms: two forms
	// of one article would be copies of each other.
	for i, s := range heldOut {
		st := sites[i%len(sites)]
		sib := byEvent[s.event]
		switch {
		case i%3 == 2 && len(sib) > 0:
			// Another outlet's report that quotes the same sentence as a
			// published one, with that one's headline in its related list.
			o := sib[rng.IntN(len(sib))]
			paras := insertAt(s.paras, 1, quoteOf(o.paras))
			later = append(later, ndDoc{id: s.id + "#quoting", kind: "distinct, shares a quote",
				body: wrap(rng, st, s.outlet, paras, relatedFor(rng, o, all), true)})
		case i%3 == 1:
			later = append(later, ndDoc{id: s.id + "#short", kind: "distinct, trimmed and wrapped",
				body: wrap(rng, st, s.outlet, trimWords(s.paras, 0.4), relatedFor(rng, s, all), true)})
		default:
			later = append(later, ndDoc{id: s.id + "#wrapped", kind: "distinct, wrapped",
				body: wrap(rng, st, s.outlet, s.paras, relatedFor(rng, s, all), true)})
		}
	}
	rng.Shuffle(len(later), func(a, b int) { later[a], later[b] = later[b], later[a] })
	return append(docs, later...)
}

// recipe is one way a site republishes an article.
type recipe struct {
	name string
	make func(rng *rand.Rand, st site, s source, all []source) string
}

var recipes = []recipe{
	{"whole, wrapped", func(rng *rand.Rand, st site, s source, all []source) string {
		return wrap(rng, st, s.outlet, s.paras, relatedFor(rng, s, all), true)
	}},
	{"trimmed to 40-70%, wrapped", func(rng *rand.Rand, st site, s source, all []source) string {
		paras := trimWords(s.paras, 0.4+0.3*rng.Float64())
		paras = append(paras, "Read the full story at "+s.outlet+".")
		return wrap(rng, st, s.outlet, paras, relatedFor(rng, s, all), true)
	}},
	{"re-headlined, lead rewritten", func(rng *rand.Rand, st site, s source, all []source) string {
		paras := append([]string{reheadline(rng, s.headline)}, rewriteLead(rng, s.paras)...)
		return wrap(rng, st, s.outlet, paras, relatedFor(rng, s, all), false)
	}},
	{"asides inserted between paragraphs", func(rng *rand.Rand, st site, s source, all []source) string {
		return wrap(rng, st, s.outlet, withAsides(rng, s.paras, all), relatedFor(rng, s, all), true)
	}},
	{"paragraph cut, retyped", func(rng *rand.Rand, st site, s source, all []source) string {
		paras := s.paras
		if len(paras) >= 3 {
			k := 1 + rng.IntN(len(paras)-2)
			paras = append(append([]string{}, paras[:k]...), paras[k+1:]...)
		}
		return wrap(rng, st, s.outlet, retype(paras), nil, false)
	}},
	{"all at once: half, new lead, asides, heavy furniture", func(rng *rand.Rand, st site, s source, all []source) string {
		paras := rewriteLead(rng, trimWords(s.paras, 0.5))
		paras = withAsides(rng, retype(paras), all)
		paras = append([]string{reheadline(rng, s.headline)}, paras...)
		return wrap(rng, st, s.outlet, paras, relatedFor(rng, s, all), true)
	}},
}

// wrap puts paragraphs in a site's furniture: navigation, share bar, the
// credit line, a related list and the footer; heavy adds the newsletter box
// and a comment prompt.
func wrap(rng *rand.Rand, st site, origin string, paras, related []string, heavy bool) string {
	var b []string
	b = append(b, st.nav)
	if heavy {
		b = append(b, st.share)
	}
	b = append(b, paras...)
	b = append(b, fmt.Sprintf(st.credit, origin), st.share)
	if heavy && st.newsletter != "" {
		b = append(b, st.newsletter)
	}
	if len(related) > 0 {
		b = append(b, st.related)
		b = append(b, related...)
	}
	if heavy {
		b = append(b, fmt.Sprintf("%d comments. Join the conversation.", rng.IntN(200)))
	}
	b = append(b, st.footer)
	return strings.Join(b, "\n\n")
}

// relatedFor lists four headlines of other articles, reports of the same
// event first: a related list is where a copy's furniture most resembles
// the other outlets' coverage.
func relatedFor(rng *rand.Rand, s source, all []source) []string {
	var out []string
	for _, o := range all {
		if o.event != "" && o.event == s.event && o.id != s.id && len(out) < 2 {
			out = append(out, o.headline)
		}
	}
	for len(out) < 4 && len(all) > 1 {
		if o := all[rng.IntN(len(all))]; o.id != s.id {
			out = append(out, o.headline)
		}
	}
	return out
}

// trimWords keeps the first share of the words, to the end of a sentence.
func trimWords(paras []string, share float64) []string {
	total := 0
	for _, p := range paras {
		total += len(strings.Fields(p))
	}
	keep := int(float64(total) * share)
	var out []string
	for _, p := range paras {
		w := strings.Fields(p)
		if keep <= 0 {
			break
		}
		if len(w) <= keep {
			out = append(out, p)
			keep -= len(w)
			continue
		}
		cut := keep
		for cut < len(w) && !strings.HasSuffix(w[cut-1], ".") {
			cut++
		}
		out = append(out, strings.Join(w[:cut], " "))
		break
	}
	return out
}

// reheadline writes a site's own headline line.
func reheadline(rng *rand.Rand, h string) string {
	prefixes := []string{"WATCH: ", "Breaking: ", "Update: ", "Explained: ", ""}
	w := strings.Fields(h)
	if len(w) > 4 {
		w = w[:len(w)-1-rng.IntN(2)] // drop the last word or two
	}
	return prefixes[rng.IntN(len(prefixes))] + strings.Join(w, " ") + ", reports say"
}

// leadSwaps are the edits of a rewritten lead.
var leadSwaps = []struct{ from, to string }{
	{" said ", " told reporters "}, {" says ", " told "}, {" announced ", " unveiled "},
	{" more than ", " over "}, {" after ", " following "}, {" people ", " residents "},
	{" officials ", " authorities "}, {" began ", " started "}, {" will ", " is set to "},
	{" because ", " as "}, {" about ", " roughly "}, {" also ", " additionally "},
	{" on Monday", ""}, {" on Tuesday", ""}, {" on Wednesday", ""}, {" on Thursday", ""},
	{" on Friday", ""}, {" on Saturday", ""}, {" on Sunday", ""}, {" the ", " a "},
	{" has ", " had "}, {" was ", " had been "}, {" in ", " inside "},
}

// rewriteLead rewrites the first paragraph as an editor would: words
// swapped, the first sentence turned around at its first comma, an
// attribution added in front.
func rewriteLead(rng *rand.Rand, paras []string) []string {
	if len(paras) == 0 {
		return paras
	}
	lead := " " + paras[0] + " "
	for _, sw := range leadSwaps {
		lead = strings.ReplaceAll(lead, sw.from, sw.to)
	}
	lead = strings.TrimSpace(lead)
	if first, rest, ok := strings.Cut(lead, ". "); ok || strings.HasSuffix(lead, ".") {
		if !ok {
			first, rest = strings.TrimSuffix(lead, "."), ""
		}
		if a, b, ok := strings.Cut(first, ", "); ok && len(strings.Fields(a)) >= 3 && len(strings.Fields(b)) >= 3 {
			first = strings.TrimSuffix(b, ".") + ", " + strings.ToLower(a[:1]) + a[1:]
		}
		lead = first + ". " + rest
	}
	intros := []string{"According to early reports, ", "In a story still developing, ", "Here is what we know: ", ""}
	out := append([]string{}, paras...)
	out[0] = strings.TrimSpace(intros[rng.IntN(len(intros))] + lead)
	return out
}

// withAsides puts advertising and reading prompts between paragraphs.
func withAsides(rng *rand.Rand, paras []string, all []source) []string {
	var out []string
	for i, p := range paras {
		out = append(out, p)
		if i < len(paras)-1 && rng.IntN(2) == 0 {
			switch rng.IntN(3) {
			case 0:
				out = append(out, "Advertisement")
			case 1:
				out = append(out, "Story continues below advertisement")
			default:
				out = append(out, "READ MORE: "+all[rng.IntN(len(all))].headline)
			}
		}
	}
	return out
}

// retype changes typography the way another CMS does: curly quotes, long
// dashes, "per cent".
func retype(paras []string) []string {
	out := make([]string, len(paras))
	for i, p := range paras {
		open := true
		var b strings.Builder
		for _, r := range p {
			switch r {
			case '"':
				if open {
					b.WriteRune('“')
				} else {
					b.WriteRune('”')
				}
				open = !open
			case '\'':
				b.WriteRune('’')
			default:
				b.WriteRune(r)
			}
		}
		s := strings.ReplaceAll(b.String(), " - ", " — ")
		out[i] = strings.ReplaceAll(s, "%", " per cent")
	}
	return out
}

// quoteOf returns the first sentence of paras holding a quotation, or the
// first sentence.
func quoteOf(paras []string) string {
	for _, p := range paras {
		for s := range strings.SplitSeq(p, ". ") {
			if strings.Contains(s, "\"") {
				return strings.TrimSuffix(s, ".") + "."
			}
		}
	}
	if len(paras) == 0 {
		return ""
	}
	s, _, _ := strings.Cut(paras[0], ". ")
	return s + "."
}

func insertAt(paras []string, i int, p string) []string {
	i = min(i, len(paras))
	out := append([]string{}, paras[:i]...)
	out = append(out, p)
	return append(out, paras[i:]...)
}
