package story

import (
	"fmt"
	"testing"
)

func TestStoryMerge(t *testing.T) {
	c := NewClusterer(ClusterOptions{Window: 8})
	a := c.Assign(Doc{ID: "a1", Title: "river valley floods force thousands from homes"})
	b := c.Assign(Doc{ID: "b1", Title: "central bank raises interest rates"})
	if a == b {
		t.Fatalf("unrelated articles in one story %s", a)
	}
	sa, sb := c.stories[0], c.stories[1]
	tests := []struct {
		name string
		x, y *storyState
		min  float64
		max  float64
	}{
		{"itself", sa, sa, 0.999, 1.001},
		{"unrelated", sa, sb, 0, 0},
	}
	for _, tt := range tests {
		if got := c.similarity(tt.x, tt.y); got < tt.min || got > tt.max {
			t.Errorf("%s: similarity %.3f, want [%g, %g]", tt.name, got, tt.min, tt.max)
		}
	}
	c.Assign(Doc{ID: "a2", Title: "river valley floods: thousands leave homes"})
	kept := c.merge(sa, sb)
	if kept != sa || sb.live() != sa || len(c.stories) != 1 {
		t.Fatalf("merge kept %v, %d stories", kept.id, len(c.stories))
	}
	for id, list := range c.postings {
		for _, s := range list {
			if s != sa {
				t.Errorf("word %s still lists merged story %d", c.vocab.words[id], s.idx)
			}
		}
	}
	// Later articles report the surviving ID; the merged story's articles
	// leave the window through it.
	if got := c.Assign(Doc{ID: "b2", Title: "central bank raises interest rates again"}); got != "a1" {
		t.Errorf("after merge: story %s, want a1", got)
	}
	for i := range 10 {
		c.Assign(Doc{ID: fmt.Sprint("x", i), Title: fmt.Sprintf("unrelated%d item%d", i, i)})
	}
	if _, ok := c.stories[sa.idx]; ok || sa.size != 0 {
		t.Errorf("merged story not forgotten: size %d", sa.size)
	}
}

func TestDecayClosesOldStories(t *testing.T) {
	tests := []struct {
		name     string
		decay    float64
		together bool
	}{
		{"fading", 1, false},
		{"no fading", -1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewClusterer(ClusterOptions{Decay: tt.decay})
			first := c.Assign(Doc{ID: "1", Title: "volcano erupts near island airport"})
			for i := range 20 {
				c.Assign(Doc{ID: fmt.Sprint("f", i), Title: fmt.Sprintf("filler%d words%d here%d", i, i, i)})
			}
			again := c.Assign(Doc{ID: "2", Title: "island airport closed as volcano erupts"})
			if (first == again) != tt.together {
				t.Errorf("together = %v, want %v", first == again, tt.together)
			}
		})
	}
}
