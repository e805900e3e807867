package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

var pickTests = []namedTest{
	{"order, expiry, re-pin and removal", testPicks},
	{"pinning a missing article is not found", testPickMissing},
}

func testPicks(t *testing.T, s store.Store) {
	src := addSource(t, s, "picks")
	a := upsert(t, s, article(src, 1, "world", "A", "x"))
	b := upsert(t, s, article(src, 2, "world", "B", "x"))
	c := upsert(t, s, article(src, 3, "world", "C", "x"))
	d := upsert(t, s, article(src, 4, "world", "D", "x"))
	pin := func(id int64, pos int, created time.Time, until time.Time) {
		t.Helper()
		if err := s.AddPick(ctx(t), model.Pick{ArticleID: id, Position: pos, CreatedAt: created, Until: until}); err != nil {
			t.Fatalf("AddPick(%d): %v", id, err)
		}
	}
	list := func(now time.Time, limit int) []int64 {
		t.Helper()
		as, err := s.ListPicks(ctx(t), now, limit)
		if err != nil {
			t.Fatalf("ListPicks: %v", err)
		}
		return ids(as)
	}
	pin(a, 2, base, time.Time{})
	pin(b, 1, base, time.Time{})
	pin(c, 2, base.Add(time.Minute), time.Time{}) // same position as a, newer pin first
	pin(d, 0, base, base.Add(time.Hour))          // expires

	steps := []struct {
		name  string
		do    func()
		now   time.Time
		limit int
		want  []int64
	}{
		{"by position then newest pin", func() {}, base, 10, []int64{d, b, c, a}},
		{"limit", func() {}, base, 2, []int64{d, b}},
		{"expired at until", func() {}, base.Add(time.Hour), 10, []int64{b, c, a}},
		{"re-pin moves", func() { pin(a, 0, base.Add(2*time.Minute), time.Time{}) }, base.Add(time.Hour), 10, []int64{a, b, c}},
		{"remove", func() {
			if err := s.RemovePick(ctx(t), b); err != nil {
				t.Fatalf("RemovePick: %v", err)
			}
		}, base.Add(time.Hour), 10, []int64{a, c}},
		{"remove again is harmless", func() {
			if err := s.RemovePick(ctx(t), b); err != nil {
				t.Fatalf("RemovePick twice: %v", err)
			}
		}, base.Add(time.Hour), 10, []int64{a, c}},
	}
	for _, st := range steps {
		st.do()
		if got := list(st.now, st.limit); !slices.Equal(got, st.want) {
			t.Errorf("%s: ListPicks = %v, want %v", st.name, got, st.want)
		}
	}
}

func testPickMissing(t *testing.T, s store.Store) {
	err := s.AddPick(ctx(t), model.Pick{ArticleID: 4242, Position: 1})
	wantErr(t, "AddPick(4242)", err, store.ErrNotFound)
}
