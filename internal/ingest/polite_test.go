package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// clock is a fake time the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// publisher is a feed whose items, headers and status a test changes
// between checks. It answers If-None-Match with 304.
type publisher struct {
	mu       sync.Mutex
	items    int         // items published so far, numbered from 1
	status   int         // non-zero: answer this status instead of the feed
	header   http.Header // extra headers on the feed
	channel  string      // extra channel elements (<ttl>, sy:updatePeriod)
	redirect bool        // /old.xml answers 301 to /feed.xml
}

func (p *publisher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r.URL.Path == "/old.xml" && p.redirect {
		http.Redirect(w, r, "/feed.xml", http.StatusMovedPermanently)
		return
	}
	if p.status != 0 {
		w.WriteHeader(p.status)
		return
	}
	for k, v := range p.header {
		w.Header()[k] = v
	}
	etag := fmt.Sprintf(`"v%d"`, p.items)
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>Pub</title><link>https://pub.example/</link>`)
	b.WriteString(p.channel)
	for n := p.items; n > max(p.items-30, 0); n-- {
		fmt.Fprintf(&b, `<item><title>Story %d</title><link>https://pub.example/s/%d</link><guid>s-%d</guid><description>Text of story %d.</description></item>`, n, n, n, n)
	}
	b.WriteString(`</channel></rss>`)
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write([]byte(b.String()))
}

func (p *publisher) change(f func(p *publisher)) {
	p.mu.Lock()
	f(p)
	p.mu.Unlock()
}

// polite is an ingester on a fake clock with the production limits.
type polite struct {
	st    *sqlite.Store
	in    *ingest.Ingester
	clock *clock
	pub   *publisher
	url   string
}

const (
	pollFirst  = 15 * time.Minute
	pollMin    = 5 * time.Minute
	pollMax    = 2 * time.Hour
	maxBackoff = 6 * time.Hour
	pauseAfter = 72 * time.Hour
)

var start = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func newPolite(t *testing.T) *polite {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "polite.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pub := &publisher{items: 5}
	srv := httptest.NewServer(pub)
	t.Cleanup(srv.Close)
	client := fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1})
	t.Cleanup(client.CloseIdleConnections)
	c := &clock{now: start}
	in := ingest.New(st, ingest.Options{
		Fetcher: client, Sections: config.DefaultSections(), Now: c.Now,
		PollInterval: pollFirst, PollMin: pollMin, PollMax: pollMax,
		MaxBackoff: maxBackoff, PauseAfter: pauseAfter,
	})
	return &polite{st: st, in: in, clock: c, pub: pub, url: srv.URL}
}

func (p *polite) add(t *testing.T, name, path string) int64 {
	t.Helper()
	id, err := p.st.AddSource(context.Background(), model.Source{Name: name, FeedURL: p.url + path,
		Section: "world", CreatedAt: start, Poll: model.PollState{NextCheckAt: start}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (p *polite) source(t *testing.T, id int64) model.Source {
	t.Helper()
	src, err := p.st.GetSource(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// check moves the clock to the source's next check, refreshes it and
// returns the source afterwards with the interval it was given.
func (p *polite) check(t *testing.T, id int64) (model.Source, time.Duration) {
	t.Helper()
	src := p.source(t, id)
	if next := src.Poll.NextCheckAt; next.After(p.clock.Now()) {
		p.clock.set(next)
	}
	p.in.Refresh(context.Background(), src)
	after := p.source(t, id)
	return after, after.Poll.NextCheckAt.Sub(p.clock.Now())
}

func TestPublisherFreshnessIsAFloor(t *testing.T) {
	tests := []struct {
		name    string
		header  http.Header
		channel string
		want    time.Duration
	}{
		{"no hints: the first interval", nil, "", pollFirst},
		{"max-age stretches the next check", http.Header{"Cache-Control": {"max-age=3600"}}, "", time.Hour},
		{"short max-age changes nothing", http.Header{"Cache-Control": {"max-age=60"}}, "", pollFirst},
		{"max-age past the maximum is capped", http.Header{"Cache-Control": {"max-age=86400"}}, "", pollMax},
		{"Expires", http.Header{"Date": {time.Now().UTC().Format(http.TimeFormat)},
			"Expires": {time.Now().UTC().Add(50 * time.Minute).Format(http.TimeFormat)}}, "", 50 * time.Minute},
		{"RSS ttl", nil, "<ttl>45</ttl>", 45 * time.Minute},
		{"sy:updatePeriod", nil, "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>1</sy:updateFrequency>", time.Hour},
		{"largest hint wins", http.Header{"Cache-Control": {"max-age=1800"}}, "<ttl>40</ttl>", 40 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPolite(t)
			p.pub.change(func(p *publisher) { p.header, p.channel = tt.header, tt.channel })
			id := p.add(t, "pub", "/feed.xml")
			src, got := p.check(t, id)
			if src.Poll.LastError != "" {
				t.Fatalf("check failed: %s", src.Poll.LastError)
			}
			// Expires is read against the server's Date, to the second.
			if d := got - tt.want; d < -2*time.Second || d > 2*time.Second {
				t.Errorf("next check in %s, want %s", got, tt.want)
			}
			// A later busy check still may not come sooner than the hint.
			p.pub.change(func(p *publisher) { p.items += 20 })
			_, got = p.check(t, id)
			floor := tt.want - 2*time.Second
			if tt.want == pollFirst { // no hint beyond the minimum
				floor = pollMin
			}
			if got < floor {
				t.Errorf("busy check: next check in %s, want at least %s", got, floor)
			}
		})
	}
}

func TestAdaptiveInterval(t *testing.T) {
	tests := []struct {
		name     string
		perCheck int // new items before each check
		want     time.Duration
		shorter  bool // each interval at most the one before, else at least
	}{
		{"busy feed shortens to the minimum", 4, pollMin, true},
		{"quiet feed lengthens to the maximum", 0, pollMax, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPolite(t)
			id := p.add(t, "pub", "/feed.xml")
			_, prev := p.check(t, id)
			var intervals []time.Duration
			for range 12 {
				p.pub.change(func(p *publisher) { p.items += tt.perCheck })
				src, got := p.check(t, id)
				if got < pollMin || got > pollMax {
					t.Fatalf("interval %s outside [%s, %s]", got, pollMin, pollMax)
				}
				if (tt.shorter && got > prev) || (!tt.shorter && got < prev) {
					t.Errorf("interval went from %s to %s", prev, got)
				}
				if tt.perCheck > 0 && src.Poll.ItemsPerDay <= 0 {
					t.Errorf("items per day %v after new items", src.Poll.ItemsPerDay)
				}
				intervals = append(intervals, got)
				prev = got
			}
			if prev != tt.want {
				t.Errorf("intervals %v end at %s, want %s", intervals, prev, tt.want)
			}
			if !tt.shorter && intervals[0] >= pollMax {
				t.Errorf("quiet feed jumped straight to %s, want a gradual lengthening", intervals[0])
			}
		})
	}
}

func TestModerateFeedIntervalFollowsItsRate(t *testing.T) {
	p := newPolite(t)
	id := p.add(t, "pub", "/feed.xml")
	p.check(t, id)
	// One new item every 30 minutes of fake time, checked when due.
	var got time.Duration
	var src model.Source
	published := start
	for range 40 {
		src = p.source(t, id)
		for published.Add(30 * time.Minute).Before(src.Poll.NextCheckAt) {
			published = published.Add(30 * time.Minute)
			p.pub.change(func(p *publisher) { p.items++ })
		}
		src, got = p.check(t, id)
	}
	if got < 15*time.Minute || got > time.Hour {
		t.Errorf("a feed publishing every 30m is checked every %s (%.1f items/day), want 15m..1h", got, src.Poll.ItemsPerDay)
	}
}

func TestErrorBackoff(t *testing.T) {
	p := newPolite(t)
	id := p.add(t, "pub", "/feed.xml")
	p.pub.change(func(p *publisher) { p.status = http.StatusInternalServerError })
	base := pollFirst
	for n := 1; n <= 8; n++ {
		src, got := p.check(t, id)
		want := min(base, maxBackoff)
		if src.Poll.ErrorCount != n || !strings.Contains(src.Poll.LastError, "500") {
			t.Fatalf("after failure %d: %d errors, last %q", n, src.Poll.ErrorCount, src.Poll.LastError)
		}
		if lo, hi := time.Duration(float64(want)*0.9), time.Duration(float64(want)*1.1); got < lo || got > hi {
			t.Errorf("failure %d: next check in %s, want %s ±10%%", n, got, want)
		}
		base *= 2
	}
	// Retry-After on 503 wins over a shorter backoff.
	p.pub.change(func(p *publisher) {
		p.status = http.StatusServiceUnavailable
		p.header = nil
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "36000")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	id2, err := p.st.AddSource(context.Background(), model.Source{Name: "busy", FeedURL: srv.URL + "/feed",
		CreatedAt: start, Poll: model.PollState{NextCheckAt: p.clock.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	if _, got := p.check(t, id2); got != 10*time.Hour {
		t.Errorf("after Retry-After: 36000, next check in %s, want 10h", got)
	}
	// A success clears the errors.
	p.pub.change(func(p *publisher) { p.status = 0 })
	src, _ := p.check(t, id)
	if src.Poll.ErrorCount != 0 || src.Poll.LastError != "" || !src.Poll.FailingSince.IsZero() {
		t.Errorf("after a success: %+v, want no errors", src.Poll)
	}
}

func TestPauseAfterFailingTooLong(t *testing.T) {
	p := newPolite(t)
	id := p.add(t, "pub", "/feed.xml")
	p.check(t, id)
	p.pub.change(func(p *publisher) { p.status = http.StatusBadGateway })
	var src model.Source
	for range 40 {
		src, _ = p.check(t, id)
		failing := p.clock.Now().Sub(src.Poll.FailingSince)
		if src.Poll.Paused != (failing >= pauseAfter) {
			t.Fatalf("failing for %s: paused = %v", failing, src.Poll.Paused)
		}
		if src.Poll.Paused {
			break
		}
	}
	if !src.Poll.Paused || !strings.Contains(src.Poll.PauseReason, "502") || !strings.Contains(src.Poll.PauseReason, "failing since") {
		t.Fatalf("after days of failures: paused %v, reason %q", src.Poll.Paused, src.Poll.PauseReason)
	}
	due, err := p.st.DueSources(context.Background(), p.clock.Now().Add(30*24*time.Hour), 10)
	if err != nil || len(due) != 0 {
		t.Errorf("a paused source is due: %v %v", due, err)
	}
	// Resumed, it gets a fresh 72 hours.
	if err := p.st.SetSourcePaused(context.Background(), id, false, ""); err != nil {
		t.Fatal(err)
	}
	src, _ = p.check(t, id)
	if src.Poll.Paused || src.Poll.ErrorCount != 1 {
		t.Errorf("first failure after resume: paused %v with %d errors, want running with 1", src.Poll.Paused, src.Poll.ErrorCount)
	}
}

func TestGonePausesAtOnce(t *testing.T) {
	p := newPolite(t)
	id := p.add(t, "pub", "/feed.xml")
	p.pub.change(func(p *publisher) { p.status = http.StatusGone })
	src, _ := p.check(t, id)
	if !src.Poll.Paused || src.Poll.PauseReason != ingest.ReasonGone {
		t.Errorf("after 410: paused %v, reason %q; want paused, %q", src.Poll.Paused, src.Poll.PauseReason, ingest.ReasonGone)
	}
	if !strings.Contains(src.Poll.LastError, "410") {
		t.Errorf("last error %q does not name 410", src.Poll.LastError)
	}
}

func TestPermanentRedirectMovesTheSource(t *testing.T) {
	p := newPolite(t)
	p.pub.change(func(p *publisher) { p.redirect = true })
	id := p.add(t, "pub", "/old.xml")
	old, moved := p.url+"/old.xml", p.url+"/feed.xml"
	steps := []struct {
		redirect  bool
		wantURL   string
		wantCount int
	}{
		{true, old, 1},
		{false, old, 0}, // an interruption starts the count again
		{true, old, 1},
		{true, old, 2},
		{true, moved, 0},
	}
	for i, s := range steps {
		p.pub.change(func(p *publisher) { p.redirect = s.redirect })
		if !s.redirect {
			// The old URL serves the feed itself again.
			p.pub.change(func(p *publisher) { p.items++ })
		}
		src, _ := p.check(t, id)
		if src.FeedURL != s.wantURL || src.Poll.RedirectCount != s.wantCount || src.Poll.LastError != "" {
			t.Errorf("check %d: feed %s, %d redirects in a row, error %q; want %s, %d",
				i+1, src.FeedURL, src.Poll.RedirectCount, src.Poll.LastError, s.wantURL, s.wantCount)
		}
	}
}

func TestPermanentRedirectToATakenURLPauses(t *testing.T) {
	p := newPolite(t)
	p.pub.change(func(p *publisher) { p.redirect = true })
	other := p.add(t, "Other", "/feed.xml")
	id := p.add(t, "pub", "/old.xml")
	var src model.Source
	for range 3 {
		src, _ = p.check(t, id)
	}
	want := fmt.Sprintf("source %d (Other)", other)
	if !src.Poll.Paused || !strings.Contains(src.Poll.PauseReason, want) || src.FeedURL != p.url+"/old.xml" {
		t.Errorf("redirect to a taken URL: paused %v, reason %q, feed %s; want paused naming %s",
			src.Poll.Paused, src.Poll.PauseReason, src.FeedURL, want)
	}
}
