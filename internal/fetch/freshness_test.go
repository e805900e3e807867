package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestFreshFor(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	date := now.Format(http.TimeFormat)
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"nothing", http.Header{}, 0},
		{"max-age", http.Header{"Cache-Control": {"public, max-age=600"}}, 10 * time.Minute},
		{"max-age less Age", http.Header{"Cache-Control": {"max-age=600"}, "Age": {"100"}}, 500 * time.Second},
		{"Age beyond max-age", http.Header{"Cache-Control": {"max-age=60"}, "Age": {"100"}}, 0},
		{"s-maxage without max-age", http.Header{"Cache-Control": {"s-maxage=120"}}, 2 * time.Minute},
		{"max-age wins over s-maxage", http.Header{"Cache-Control": {"s-maxage=120, max-age=30"}}, 30 * time.Second},
		{"no-cache", http.Header{"Cache-Control": {"max-age=600, no-cache"}}, 0},
		{"no-store", http.Header{"Cache-Control": {"no-store"}}, 0},
		{"quoted and spaced", http.Header{"Cache-Control": {`max-age = "90"`}}, 90 * time.Second},
		{"invalid max-age falls back to Expires", http.Header{"Cache-Control": {"max-age=soon"},
			"Date": {date}, "Expires": {now.Add(time.Hour).Format(http.TimeFormat)}}, time.Hour},
		{"Expires against Date", http.Header{"Date": {date}, "Expires": {now.Add(30 * time.Minute).Format(http.TimeFormat)}}, 30 * time.Minute},
		{"Expires in the past", http.Header{"Date": {date}, "Expires": {now.Add(-time.Hour).Format(http.TimeFormat)}}, 0},
		{"invalid Expires", http.Header{"Expires": {"0"}}, 0},
		{"huge max-age capped", http.Header{"Cache-Control": {"max-age=99999999999"}}, maxFreshFor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := freshFor(tt.header, now); got != tt.want {
				t.Errorf("freshFor = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestResponseFreshForAndGone(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/cached":
			w.Header().Set("Cache-Control", "max-age=900")
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Write([]byte("<rss/>"))
		}
	}))
	defer srv.Close()
	c := testClient(t, Options{})
	for _, cond := range []Conditional{{}, {ETag: `"v1"`}} {
		resp, err := c.Get(context.Background(), srv.URL+"/cached", cond)
		if err != nil {
			t.Fatal(err)
		}
		if resp.FreshFor != 15*time.Minute {
			t.Errorf("FreshFor with %+v = %s, want 15m", cond, resp.FreshFor)
		}
	}
	_, err := c.Get(context.Background(), srv.URL+"/gone", Conditional{})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != http.StatusGone {
		t.Errorf("410 gave %v, want a StatusError with code 410", err)
	}
}
