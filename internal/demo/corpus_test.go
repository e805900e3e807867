package demo

import "testing"

func TestCorpusLeavesOutCopies(t *testing.T) {
	arts, err := Corpus()
	if err != nil {
		t.Fatal(err)
	}
	events := 0
	for _, a := range arts {
		if a.Headline == "" || len(a.Paragraphs) == 0 {
			t.Errorf("%s: empty headline or body", a.ID)
		}
		if a.Event != "" {
			events++
		}
	}
	pubs, err := loadContent()
	if err != nil {
		t.Fatal(err)
	}
	originals := 0
	for _, p := range pubs {
		for _, a := range p.Articles {
			if a.CopyOf == "" {
				originals++
			}
		}
	}
	if len(arts) != originals || events == 0 {
		t.Errorf("Corpus: %d articles (%d with an event), want the %d originals", len(arts), events, originals)
	}
}
