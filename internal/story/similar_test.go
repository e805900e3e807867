package story

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestAssignNearNearMisses(t *testing.T) {
	c := NewClusterer(ClusterOptions{})
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := []Doc{
		{ID: "1", Title: "ferry workers strike over pay at the harbour"},
		{ID: "2", Title: "harbour ferry strike over pay enters second day"},
		{ID: "3", Title: "council approves budget for new school buildings"},
		{ID: "4", Title: "ferry operator reports record annual profits and expands routes"},
	}
	var got []Placed
	for i, d := range docs {
		d.Published = start.Add(time.Duration(i) * time.Minute)
		got = append(got, c.AssignNear(d, 5, 0.01))
	}
	if got[1].Story != "1" || got[2].Story != "3" {
		t.Fatalf("stories %+v", got)
	}
	last := got[3]
	if last.Story == "1" {
		t.Fatalf("the profits report joined the strike story; the test needs it apart")
	}
	if len(last.Near) == 0 || last.Near[0].Story != "1" || last.Near[0].Score <= 0 {
		t.Errorf("near misses of the profits report = %+v, want the strike story first", last.Near)
	}
	for _, n := range last.Near {
		if n.Story == last.Story || n.Story == "3" {
			t.Errorf("near misses list %s: %+v", n.Story, last.Near)
		}
	}
	if len(got[0].Near) != 0 || len(got[1].Near) != 0 {
		t.Errorf("first report has near misses %+v; the second, of its own story, %+v", got[0].Near, got[1].Near)
	}
	if p := c.AssignNear(Doc{ID: "5", Title: "ferry strike", Published: start.Add(time.Hour)}, 0, 0); len(p.Near) != 0 {
		t.Errorf("n = 0 gave %+v", p.Near)
	}
}

func TestAssignNearReportsMerges(t *testing.T) {
	// A low Merge makes the third article, which matches both stories,
	// merge them.
	c := NewClusterer(ClusterOptions{Merge: 0.05})
	a := c.AssignNear(Doc{ID: "a", Title: "alpha bravo charlie delta"}, 5, 0)
	b := c.AssignNear(Doc{ID: "b", Title: "alpha echo foxtrot golf hotel india juliet kilo"}, 5, 0)
	if a.Story != "a" || b.Story != "b" {
		t.Fatalf("setup: %+v %+v", a, b)
	}
	if len(b.Near) != 1 || b.Near[0].Story != "a" {
		t.Errorf("near misses of b: %+v", b.Near)
	}
	m := c.AssignNear(Doc{ID: "m", Title: "alpha bravo charlie delta echo foxtrot golf hotel"}, 5, 0)
	if m.Story != "a" && m.Story != "b" {
		t.Fatalf("the bridging article started story %s", m.Story)
	}
	absorbed := StoryID("a")
	if m.Story == "a" {
		absorbed = "b"
	}
	if !slices.Equal(m.Merged, []StoryID{absorbed}) || len(m.Near) != 0 {
		t.Fatalf("bridging article: %+v, want %s merged and no near misses", m, absorbed)
	}
	if next := c.AssignNear(Doc{ID: "n", Title: "alpha echo foxtrot golf hotel india"}, 5, 0); next.Story != m.Story || len(next.Merged) != 0 {
		t.Errorf("after the merge: %+v, want story %s and no new merge", next, m.Story)
	}
}

// TestAssignNearAssignsAsAssign checks that asking for near misses never
// changes where an article goes.
func TestAssignNearAssignsAsAssign(t *testing.T) {
	plain, near := NewClusterer(ClusterOptions{Window: 200}), NewClusterer(ClusterOptions{Window: 200})
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	topics := []string{"ferry strike harbour", "budget school council", "storm flood river", "election vote mayor", "Merkel Berlin visit"}
	for i := range 600 {
		d := Doc{
			ID:        fmt.Sprint(i),
			Title:     fmt.Sprintf("%s %s w%d w%d", topics[i%len(topics)], topics[(i/7)%len(topics)], i%13, i%17),
			Published: start.Add(time.Duration(i) * time.Minute),
		}
		want := plain.Assign(d)
		if got := near.AssignNear(d, 4, 0.05); got.Story != want {
			t.Fatalf("article %d: AssignNear put it in %s, Assign in %s", i, got.Story, want)
		}
	}
}
