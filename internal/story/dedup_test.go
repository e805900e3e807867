package story

import (
	"fmt"
	"strings"
	"testing"
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
	got := strings.Join(proseTokens(body), " ")
	if strings.Contains(got, "menu") || strings.Contains(got, "related") {
		t.Errorf("furniture kept: %q", got)
	}
	if short := "Just a headline without prose"; len(proseTokens(short)) != 5 {
		t.Errorf("short text not taken whole: %v", proseTokens(short))
	}
}
