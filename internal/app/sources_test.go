package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

func TestSourceHealthListAndPause(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "health.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	id, err := st.AddSource(ctx, model.Source{Name: "Harbour Daily", FeedURL: "https://harbour.example/feed.xml",
		Section: "world", Poll: model.PollState{LastCheckAt: when, LastSuccessAt: when.Add(-time.Hour),
			NextCheckAt: when.Add(time.Hour), ItemsPerDay: 12.34, ErrorCount: 2, LastError: "server answered 500"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := PauseSource(ctx, st, id, "  moving house "); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := ListSources(ctx, st, &out, true); err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(out.Bytes(), &list); err != nil || len(list) != 1 {
		t.Fatalf("JSON %s: %v", out.String(), err)
	}
	want := map[string]any{
		"id": float64(id), "name": "Harbour Daily", "feed_url": "https://harbour.example/feed.xml",
		"site_url": "", "section": "world", "policy": "excerpt", "articles": float64(0),
		"last_error": "server answered 500", "error_count": float64(2),
		"last_check": "2026-03-01T12:00:00Z", "last_success": "2026-03-01T11:00:00Z",
		"next_check": "2026-03-01T13:00:00Z", "items_per_day": 12.3, "paused": true, "pause_reason": "moving house",
	}
	for k, v := range want {
		if list[0][k] != v {
			t.Errorf("JSON %q = %#v, want %#v", k, list[0][k], v)
		}
	}

	out.Reset()
	if err := ListSources(ctx, st, &out, false); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"ITEMS/DAY", "12.3", "PAUSED: moving house", "(2 times in a row)", "2026-03-01T12:00:00Z"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("table lacks %q:\n%s", s, out.String())
		}
	}

	if err := ResumeSource(ctx, st, id); err != nil {
		t.Fatal(err)
	}
	src, err := st.GetSource(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if src.Poll.Paused || src.Poll.ErrorCount != 0 || src.Poll.LastError != "" || !src.Poll.NextCheckAt.IsZero() {
		t.Errorf("after resume: %+v, want running, no errors, due now", src.Poll)
	}
	if err := PauseSource(ctx, st, 999, "x"); !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "sources list") {
		t.Errorf("pausing a missing source: %v, want not found with a hint", err)
	}
}
