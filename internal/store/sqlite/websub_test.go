package sqlite

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/websub"
)

func addTestSource(t *testing.T, s *Store, n int) int64 {
	t.Helper()
	id, err := s.AddSource(t.Context(), model.Source{Name: "S", FeedURL: fmt.Sprintf("https://s.example/%d", n), Policy: model.PolicyExcerpt})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSubscriptions(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	id := addTestSource(t, s, 1)

	if _, err := s.GetSubscription(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("before saving: %v, want ErrNotFound", err)
	}
	want := websub.Subscription{SourceID: id, Hub: "https://hub.example/", Topic: "https://s.example/1",
		Secret: "k", State: websub.StatePending, RequestedAt: base}
	if err := s.SaveSubscription(ctx, want); err != nil {
		t.Fatal(err)
	}
	want.State, want.LeaseSeconds, want.LeaseExpires, want.Reason = websub.StateActive, 3600, base.Add(time.Hour), "r"
	if err := s.SaveSubscription(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetSubscription(ctx, id)
	if err != nil || got != want {
		t.Fatalf("got %+v, %v\nwant %+v", got, err, want)
	}
	if err := s.SaveSubscription(ctx, websub.Subscription{SourceID: 999, Hub: "h", Topic: "t", Secret: "k"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("subscription of a missing source: %v, want ErrNotFound", err)
	}
	if err := s.DeleteSubscription(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetSubscription(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	if err := s.DeleteSubscription(ctx, id); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
}

func TestSubscriptionRemovedWithSource(t *testing.T) {
	s := openTemp(t)
	id := addTestSource(t, s, 1)
	if err := s.SaveSubscription(t.Context(), websub.Subscription{SourceID: id, Hub: "h", Topic: "t", Secret: "k", State: websub.StateActive}); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveSource(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetSubscription(t.Context(), id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("subscription outlived its source: %v", err)
	}
}

func TestDueSubscriptions(t *testing.T) {
	s := openTemp(t)
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	subs := []websub.Subscription{
		{State: websub.StateActive, LeaseExpires: base.Add(2 * time.Hour)},   // due, second
		{State: websub.StateActive, LeaseExpires: base.Add(48 * time.Hour)},  // not due
		{State: websub.StatePending, RequestedAt: base.Add(-10 * time.Hour)}, // due, first
		{State: websub.StatePending, RequestedAt: base},                      // just asked
		{State: websub.StateDenied, LeaseExpires: base.Add(-time.Hour)},      // never
		{State: websub.StateUnsubscribing, LeaseExpires: base},               // never
	}
	var ids []int64
	for i, sub := range subs {
		sub.SourceID = addTestSource(t, s, i)
		sub.Hub, sub.Topic, sub.Secret = "h", "t", "k"
		ids = append(ids, sub.SourceID)
		if err := s.SaveSubscription(t.Context(), sub); err != nil {
			t.Fatal(err)
		}
	}
	due, err := s.DueSubscriptions(t.Context(), base.Add(24*time.Hour), base.Add(-6*time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].SourceID != ids[2] || due[1].SourceID != ids[0] {
		t.Errorf("due = %+v, want sources %d then %d", due, ids[2], ids[0])
	}
	if due, _ := s.DueSubscriptions(t.Context(), base.Add(24*time.Hour), base.Add(-6*time.Hour), 1); len(due) != 1 {
		t.Errorf("limit 1 gave %d", len(due))
	}
}
