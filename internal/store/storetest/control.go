package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

var controlTests = []namedTest{
	{"pause keeps state and leaves the due list", testPauseSource},
	{"resume clears errors and is due at once", testResumeSource},
	{"move feed forgets validators", testMoveSourceFeed},
	{"move feed to a taken URL conflicts", testMoveSourceFeedConflict},
	{"control of a missing source is not found", testControlNotFound},
	{"extraction rules round-trip", testSourceRules},
}

func testSourceRules(t *testing.T, s store.Store) {
	id := addSource(t, s, "rules")
	keep, drop := []string{"article .body", "div#story"}, []string{".share", "aside.related"}
	if err := s.SetSourceRules(ctx(t), id, keep, drop); err != nil {
		t.Fatal(err)
	}
	got := getSource(t, s, id)
	if !slices.Equal(got.ExtractKeep, keep) || !slices.Equal(got.ExtractDrop, drop) {
		t.Errorf("rules %q / %q, want %q / %q", got.ExtractKeep, got.ExtractDrop, keep, drop)
	}
	if err := s.SetSourceRules(ctx(t), id, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := getSource(t, s, id); len(got.ExtractKeep)+len(got.ExtractDrop) != 0 {
		t.Errorf("cleared rules read back as %q / %q", got.ExtractKeep, got.ExtractDrop)
	}
	if err := s.SetSourceRules(ctx(t), 999999, keep, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("rules of a missing source: %v", err)
	}
}

// control returns the store's SourceControl part.
func control(t *testing.T, s store.Store) store.SourceControl {
	t.Helper()
	return s
}

func getSource(t *testing.T, s store.Store, id int64) model.Source {
	t.Helper()
	src, err := s.GetSource(ctx(t), id)
	if err != nil {
		t.Fatalf("GetSource(%d): %v", id, err)
	}
	return src
}

func failingState() model.PollState {
	return model.PollState{ETag: `"e"`, NextCheckAt: base.Add(-time.Hour), LastCheckAt: base.Add(-2 * time.Hour),
		LastSuccessAt: base.Add(-96 * time.Hour), ErrorCount: 7, LastError: "server answered 500",
		FailingSince: base.Add(-95 * time.Hour), Interval: time.Hour, ItemsPerDay: 4,
		RedirectURL: "https://elsewhere.example/feed", RedirectCount: 2}
}

func testPauseSource(t *testing.T, s store.Store) {
	id := addSource(t, s, "tired")
	if err := s.SavePollState(ctx(t), id, failingState()); err != nil {
		t.Fatal(err)
	}
	if err := control(t, s).SetSourcePaused(ctx(t), id, true, "failing for 4 days"); err != nil {
		t.Fatalf("SetSourcePaused: %v", err)
	}
	got := getSource(t, s, id)
	want := failingState()
	want.Paused, want.PauseReason = true, "failing for 4 days"
	if g := got; !sameSource(g, withPoll(g, want)) {
		t.Errorf("paused state = %+v, want %+v", got.Poll, want)
	}
	due, err := s.DueSources(ctx(t), base, 10)
	if err != nil || len(due) != 0 {
		t.Errorf("DueSources with only a paused source = %v (%v), want none", sourceIDs(due), err)
	}
}

func withPoll(src model.Source, p model.PollState) model.Source {
	src.Poll = p
	return src
}

func testResumeSource(t *testing.T, s store.Store) {
	id := addSource(t, s, "back")
	st := failingState()
	st.Paused, st.PauseReason = true, "gone"
	st.NextCheckAt = base.Add(100 * time.Hour)
	if err := s.SavePollState(ctx(t), id, st); err != nil {
		t.Fatal(err)
	}
	if err := control(t, s).SetSourcePaused(ctx(t), id, false, "ignored"); err != nil {
		t.Fatalf("resume: %v", err)
	}
	got := getSource(t, s, id).Poll
	if got.Paused || got.PauseReason != "" || got.ErrorCount != 0 || got.LastError != "" ||
		!got.FailingSince.IsZero() || got.RedirectCount != 0 || got.RedirectURL != "" {
		t.Errorf("resumed state = %+v, want unpaused with no errors or redirects", got)
	}
	// What it learnt about the feed stays.
	if got.ETag != st.ETag || got.ItemsPerDay != st.ItemsPerDay || !got.LastSuccessAt.Equal(st.LastSuccessAt) {
		t.Errorf("resume lost the feed's history: %+v", got)
	}
	due, err := s.DueSources(ctx(t), base, 10)
	if err != nil || len(due) != 1 || due[0].ID != id {
		t.Errorf("DueSources after resume = %v (%v), want [%d]", sourceIDs(due), err, id)
	}
}

func testMoveSourceFeed(t *testing.T, s store.Store) {
	id := addSource(t, s, "mover")
	st := failingState()
	st.LastModified = "Sat, 01 Mar 2025 11:00:00 GMT"
	if err := s.SavePollState(ctx(t), id, st); err != nil {
		t.Fatal(err)
	}
	const newURL = "https://mover.example/new/feed.xml"
	if err := control(t, s).MoveSourceFeed(ctx(t), id, newURL); err != nil {
		t.Fatalf("MoveSourceFeed: %v", err)
	}
	got := getSource(t, s, id)
	if got.FeedURL != newURL || got.Poll.ETag != "" || got.Poll.LastModified != "" ||
		got.Poll.RedirectURL != "" || got.Poll.RedirectCount != 0 {
		t.Errorf("after move: feed %q, poll %+v; want %q with no validators or redirect", got.FeedURL, got.Poll, newURL)
	}
	if got.Poll.ErrorCount != st.ErrorCount || got.Poll.ItemsPerDay != st.ItemsPerDay {
		t.Errorf("move changed unrelated poll state: %+v", got.Poll)
	}
}

func testMoveSourceFeedConflict(t *testing.T, s store.Store) {
	id := addSource(t, s, "one")
	addSource(t, s, "two")
	err := control(t, s).MoveSourceFeed(ctx(t), id, "https://two.example/feed.xml")
	wantErr(t, "MoveSourceFeed to a taken URL", err, store.ErrConflict)
	if got := getSource(t, s, id); got.FeedURL != "https://one.example/feed.xml" {
		t.Errorf("feed URL after a refused move = %q, want it unchanged", got.FeedURL)
	}
}

func testControlNotFound(t *testing.T, s store.Store) {
	c := control(t, s)
	wantErr(t, "SetSourcePaused(999, true)", c.SetSourcePaused(ctx(t), 999, true, "x"), store.ErrNotFound)
	wantErr(t, "SetSourcePaused(999, false)", c.SetSourcePaused(ctx(t), 999, false, ""), store.ErrNotFound)
	wantErr(t, "MoveSourceFeed(999)", c.MoveSourceFeed(ctx(t), 999, "https://x.example/f"), store.ErrNotFound)
}
