package story

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/text"
)

// Two different short articles republished by one site share its
// furniture (navigation, share bar, related list, footer); they are not
// copies of each other, while a copy of each in other furniture is found.
func TestDeduperIgnoresSiteFurniture(t *testing.T) {
	furniture := func(body string) string {
		return strings.Join([]string{
			"Home | News | Local | Business | Sport | Opinion | Weather | Puzzles | Subscribe | Sign in",
			"Share this article: Facebook Twitter WhatsApp Email Print Copy link",
			body,
			"Related stories",
			"Council to review bus lanes on the coast road after complaints from drivers",
			"New ferry timetable starts next month with fewer winter sailings to the islands",
			"Harbour festival returns in June with music, food stalls and a regatta",
			"Copyright 2026 Daily Dispatch Media Group. All rights reserved. Terms of use | Privacy policy | Cookie settings",
		}, "\n\n")
	}
	a := "The town council voted on Tuesday to close the old river bridge after engineers found deep cracks in two of its stone piers. " +
		"Traffic will be sent through the centre for at least six months while repairs are planned and paid for."
	b := "Grain prices eased for a second week as the harvest in the eastern provinces came in larger than traders had expected. " +
		"Millers said bread prices would not fall before spring because energy costs remain high."
	d := NewDeduper(DedupOptions{})
	d.Add("a", a)
	d.Add("b", b)
	if o, ok := d.Add("a-wrapped", furniture(a)); !ok || o != "a" {
		t.Errorf("wrapped copy of a: original %q, %v", o, ok)
	}
	if o, ok := d.Add("b-wrapped", furniture(b)); !ok || o != "b" {
		t.Errorf("wrapped copy of b: original %q, %v (the shared furniture must not make it a copy of a)", o, ok)
	}
	// Without the originals, two wrapped articles are still distinct.
	d = NewDeduper(DedupOptions{})
	d.Add("a-wrapped", furniture(a))
	if o, ok := d.Add("b-wrapped", furniture(b)); ok {
		t.Errorf("distinct articles in the same furniture reported as copies (of %s)", o)
	}
}

// A copy links to the first-seen original even when an earlier copy that
// was missed (and so became a root of its own) resembles it more.
func TestDeduperPrefersFirstSeen(t *testing.T) {
	words := strings.Fields("harbour board ferry council budget river bridge school teacher nurse " +
		"market grain steel mill strike union port crane tide storm coast island village farm " +
		"orchard apple pear plum cherry barley wheat oats rye maize bean pea lentil onion leek")
	var sents []string
	for i := range 12 {
		w := make([]string, 9)
		for j := range w {
			w[j] = words[(i*9+j*5)%len(words)]
		}
		sents = append(sents, fmt.Sprintf("%s %s %s number %d %s %s %s %s %s %s.", w[0], w[1], w[2], i, w[3], w[4], w[5], w[6], w[7], w[8]))
	}
	orig := strings.Join(sents, " ")
	d := NewDeduper(DedupOptions{})
	d.Add("orig", orig)
	// A root of its own: too little of the original to count as a copy.
	other := "An unrelated paragraph follows with many words about weather, gardens, trains and music. " +
		"It goes on about football clubs, village fetes, a choir and the price of apples in the north this spring."
	partial := sents[0] + " " + other
	if o, ok := d.Add("partial", partial); ok {
		t.Fatalf("partial reported as a copy of %s", o)
	}
	// A copy holding all of the partial and more of the original: it
	// resembles the partial most, but the first-seen original wins.
	if o, ok := d.Add("copy", partial+" "+strings.Join(sents[1:6], " ")); !ok || o != "orig" {
		t.Errorf("copy: original %q, %v; want orig", o, ok)
	}
}

func TestProseTokens(t *testing.T) {
	body := "Menu Search Top stories World Politics Money Tech\n\n" +
		strings.Repeat("This is a sentence of plain prose that ends properly. ", 6) + "\n\n" +
		"He said: \"It is over.\"\n\n" +
		"Read next\n\nA related headline without a full stop at the end"
	got := proseTokenHashes(body)
	if slices.Contains(got, text.Hash64("menu")) || slices.Contains(got, text.Hash64("related")) {
		t.Error("furniture kept")
	}
	if want := 6 * 10; len(got) != want { // the one prose line
		t.Errorf("%d prose words, want %d", len(got), want)
	}
	if short := "Just a headline without prose"; len(proseTokenHashes(short)) != 5 {
		t.Errorf("short text not taken whole: %v", proseTokenHashes(short))
	}
}

// A site's furniture written as sentences (a newsletter box, a credit
// line) survives the prose filter; once several articles with different
// originals share it, it is recognised from the stream and no longer makes
// two articles of that site look alike.
func TestDeduperLearnsFurniture(t *testing.T) {
	box := "Get the Daily Dispatch morning briefing in your inbox every weekday, with the stories that matter to you. " +
		"Sign up for our free newsletter today and never miss a thing from the coast and beyond. " +
		"This post appeared first on the Harbour Ledger and is republished with permission from its editors."
	// article k has n sentences of 14 random words: no two articles alike.
	article := func(k, n int) string {
		rng := rand.New(rand.NewPCG(uint64(k), 1))
		var sents []string
		for range n {
			w := make([]string, 14)
			for j := range w {
				w[j] = fmt.Sprintf("w%d", rng.IntN(5000))
			}
			sents = append(sents, strings.Join(w, " ")+".")
		}
		return strings.Join(sents, " ")
	}
	d := NewDeduper(DedupOptions{})
	for k := range 8 {
		if o, ok := d.Add(fmt.Sprint("site", k), article(k, 5)+"\n\n"+box); ok {
			t.Errorf("article %d in the site's furniture reported as a copy of %s", k, o)
		}
	}
	// Short articles in the same furniture: the furniture is most of them.
	if o, ok := d.Add("new", article(20, 2)+"\n\n"+box); ok {
		t.Errorf("a new short article in the learned furniture reported as a copy of %s", o)
	}
	if o, ok := d.Add("copy", article(3, 3)+"\n\n"+box); !ok || o != "site3" {
		t.Errorf("trimmed copy of site3 in the furniture: original %q, %v; want site3", o, ok)
	}
}
