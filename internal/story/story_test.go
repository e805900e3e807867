package story

import (
	"fmt"
	"strings"
	"testing"
	"time"
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
	if len(d.bands) > 50*Bands {
		t.Errorf("deduper holds %d band keys", len(d.bands))
	}
}
