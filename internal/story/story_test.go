package story

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/text"
)

func TestDeduper(t *testing.T) {
	orig := strings.Repeat("The council voted on Tuesday to close the old bridge after engineers found cracks in two of its piers. ", 2) +
		"Traffic will be diverted through the town centre for at least six months while repairs are planned."
	other := "Engineers found cracks in the old bridge, and councillors agreed to shut it. Drivers face months of detours through the centre of town, the council said on Tuesday."
	d := NewDeduper(DedupOptions{})
	if _, ok := d.Add("1", orig); ok {
		t.Fatal("first article reported as a copy")
	}
	if o, ok := d.Add("2", other); ok {
		t.Errorf("same event in other words reported as a copy of %s", o)
	}
	copyText := "Advertisement. " + orig[:len(orig)*3/4] + " This post appeared first on the Courier."
	if o, ok := d.Add("3", copyText); !ok || o != "1" {
		t.Errorf("trimmed copy: original %q, %v; want 1", o, ok)
	}
	if o, ok := d.Add("4", copyText+" Share this."); !ok || o != "1" {
		t.Errorf("copy of a copy: original %q, %v; want the first original", o, ok)
	}
	s := Sign(orig)
	b, _ := s.MarshalBinary()
	var back Signature
	if err := back.UnmarshalBinary(b); err != nil || back != s || len(s.Bands()) != Bands {
		t.Errorf("signature round trip: %v", err)
	}
	if err := back.UnmarshalBinary(b[:10]); err == nil {
		t.Error("short signature accepted")
	}
}

func TestWindowsBounded(t *testing.T) {
	d := NewDeduper(DedupOptions{Window: 50})
	c := NewClusterer(ClusterOptions{Window: 50, MaxAge: time.Hour})
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 500 {
		body := fmt.Sprintf("article %d about topic%d with words w%d w%d w%d w%d w%d w%d w%d", i, i%7, i, i+1, i+2, i+3, i+4, i+5, i+6)
		d.Add(fmt.Sprint(i), body)
		c.Assign(Doc{ID: fmt.Sprint(i), Title: body, Published: start.Add(time.Duration(i) * time.Minute)})
	}
	if d.Len() > 50 {
		t.Errorf("deduper holds %d signatures", d.Len())
	}
	if n, s := c.Len(); n > 50 || s > n || len(c.vocab.ids) > 50*maxDocTerms {
		t.Errorf("clusterer holds %d articles, %d stories, %d words", n, s, len(c.vocab.ids))
	}
	refs, listed := 0, 0
	for id, list := range c.recent {
		if len(list) == 0 {
			continue
		}
		refs += len(list)
		listed++
		if c.vocab.df(int32(id)) < int32(len(list)) {
			t.Errorf("word %d lists %d recent articles, %d in the window", id, len(list), c.vocab.df(int32(id)))
		}
	}
	if refs > 50*maxDocTerms || listed > len(c.vocab.ids) {
		t.Errorf("clusterer lists %d recent articles under %d words", refs, listed)
	}
	if len(d.bands) > 50*Bands {
		t.Errorf("deduper holds %d band keys", len(d.bands))
	}
	if len(d.rows) > 4*50*text.MinHashSize {
		t.Errorf("deduper's row table has %d counters for a window of 50", len(d.rows))
	}
}

// Reports of two sporting events in one city share the words of any match
// report in their leads (won, beating, final, Saturday, the city, the
// outlet's dateline) but not their headlines: they stay apart, while a
// second report of the first event joins it.
func TestLeadWordsAloneDoNotJoin(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 26, h, 0, 0, 0, time.UTC) }
	c := NewClusterer(ClusterOptions{})
	// Other news of the day, for word frequencies like a real window's.
	for i, h := range []string{
		"Reserve Bank cuts main rate to 4.25% as inflation slows",
		"Kestrel Systems picks Eastfield for a new chip plant",
		"TransitPass breach exposed riders' email addresses",
		"Budget passes after late-night vote in parliament",
		"Dockworkers begin 48-hour strike at Eastquay terminal",
		"Storm cancels ferries and closes the Esplanade",
		"Lumen Labs adds six languages to its translation app",
		"Farmers drive tractors into the capital over water",
		"Council approves first homes on the old rail yards",
		"Satellite sends back its first images of the coast",
		"Orrin Foods profit falls by a fifth as cocoa costs bite",
		"Talks on river water begin between two governments",
	} {
		c.Assign(Doc{ID: fmt.Sprint("f", i), Title: h, Published: at(i / 4)})
	}
	football := c.Assign(Doc{ID: "1", Published: at(10),
		Title: "Mariners beat Riverside 2-1 to lift the Coast Cup",
		Text:  "PORT HALDEN (Northgate Wire) - Port Halden Mariners won the Coast Cup for the first time since 2007, beating Riverside Athletic 2-1 in Saturday's final at Harbour Park."})
	again := c.Assign(Doc{ID: "2", Published: at(11),
		Title: "Eriksen's late header wins the Coast Cup for the Mariners",
		Text:  "Jonas Eriksen headed in an 88th-minute winner as the Port Halden Mariners beat Riverside Athletic 2-1 in Saturday's Coast Cup final, the club's first major trophy in nineteen years."})
	if again != football {
		t.Errorf("second Coast Cup report in story %s, want %s", again, football)
	}
	tennis := c.Assign(Doc{ID: "3", Published: at(12),
		Title: "Lindqvist beats top seed Okonjo to win the Halden Open",
		Text:  "PORT HALDEN (Northgate Wire) - Ana Lindqvist won the Halden Open on Saturday, beating the top seed, Maya Okonjo, 6-4, 3-6, 7-5 in a final that lasted two hours and forty minutes."})
	if tennis == football {
		t.Errorf("tennis final joined the football story %s", football)
	}
}
