package websub

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
)

// memStore is a Store in a map, for tests.
type memStore struct {
	mu   sync.Mutex
	subs map[int64]Subscription
}

func newMemStore() *memStore { return &memStore{subs: map[int64]Subscription{}} }

func (m *memStore) SaveSubscription(_ context.Context, s Subscription) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.subs[s.SourceID] = s
	return nil
}

func (m *memStore) GetSubscription(_ context.Context, id int64) (Subscription, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.subs[id]
	if !ok {
		return Subscription{}, store.ErrNotFound
	}
	return s, nil
}

func (m *memStore) DeleteSubscription(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.subs, id)
	return nil
}

func (m *memStore) DueSubscriptions(_ context.Context, leaseBefore, pendingBefore time.Time, limit int) ([]Subscription, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Subscription
	for _, s := range m.subs {
		if (s.State == StateActive && !s.LeaseExpires.After(leaseBefore)) ||
			(s.State == StatePending && !s.RequestedAt.After(pendingBefore)) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Subscription) int { return int(a.SourceID - b.SourceID) })
	return out[:min(len(out), limit)], nil
}

func (m *memStore) get(t *testing.T, id int64) Subscription {
	t.Helper()
	s, err := m.GetSubscription(t.Context(), id)
	if err != nil {
		t.Fatalf("subscription %d: %v", id, err)
	}
	return s
}

type push struct {
	id          int64
	body        string
	contentType string
}

// rig is a site with the callback handler and a hub that verifies every
// request it receives by calling the callback before answering.
type rig struct {
	store  *memStore
	site   *httptest.Server
	hub    *httptest.Server
	sub    *Subscriber
	now    time.Time
	pushes []push
	mu     sync.Mutex
	// hub behaviour
	hubStatus  int
	hubForms   []url.Values
	verifyWith func(form url.Values) url.Values // the verification query; nil: no verification
	verifyResp []string                         // "status body" of each verification
}

func newRig(t *testing.T) *rig {
	t.Helper()
	rg := &rig{store: newMemStore(), now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), hubStatus: http.StatusAccepted}
	rg.verifyWith = func(form url.Values) url.Values {
		return url.Values{"hub.mode": {form.Get("hub.mode")}, "hub.topic": {form.Get("hub.topic")},
			"hub.challenge": {"chal-123"}, "hub.lease_seconds": {"3600"}}
	}
	var pushErr error
	opts := Options{Store: rg.store, Now: func() time.Time { return rg.now }}
	h, err := NewHandler(opts, func(_ context.Context, id int64, body []byte, ct string) error {
		rg.mu.Lock()
		defer rg.mu.Unlock()
		rg.pushes = append(rg.pushes, push{id, string(body), ct})
		return pushErr
	})
	if err != nil {
		t.Fatal(err)
	}
	rg.site = httptest.NewServer(h)
	t.Cleanup(rg.site.Close)
	rg.hub = httptest.NewServer(http.HandlerFunc(rg.serveHub))
	t.Cleanup(rg.hub.Close)
	opts.PublicURL = rg.site.URL + "/"
	opts.Client = rg.hub.Client()
	opts.LeaseSeconds = 7200
	rg.sub, err = NewSubscriber(opts)
	if err != nil {
		t.Fatal(err)
	}
	return rg
}

func (rg *rig) serveHub(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	rg.mu.Lock()
	rg.hubForms = append(rg.hubForms, r.PostForm)
	rg.mu.Unlock()
	if rg.hubStatus != http.StatusAccepted {
		http.Error(w, "hub says no", rg.hubStatus)
		return
	}
	if rg.verifyWith != nil {
		q := rg.verifyWith(r.PostForm)
		resp, err := http.Get(r.PostForm.Get("hub.callback") + "?" + q.Encode())
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			rg.mu.Lock()
			rg.verifyResp = append(rg.verifyResp, fmt.Sprintf("%d %s", resp.StatusCode, b))
			rg.mu.Unlock()
		}
	}
	w.WriteHeader(http.StatusAccepted)
}

func TestSubscribeVerified(t *testing.T) {
	rg := newRig(t)
	if err := rg.sub.Subscribe(t.Context(), 7, rg.hub.URL, "https://pub.example/feed"); err != nil {
		t.Fatal(err)
	}
	form := rg.hubForms[0]
	for k, want := range map[string]string{
		"hub.mode": "subscribe", "hub.topic": "https://pub.example/feed",
		"hub.callback": rg.site.URL + "/websub/7", "hub.lease_seconds": "7200",
	} {
		if form.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, form.Get(k), want)
		}
	}
	s := rg.store.get(t, 7)
	if len(form.Get("hub.secret")) != 64 || form.Get("hub.secret") != s.Secret {
		t.Errorf("secret sent %q, stored %q", form.Get("hub.secret"), s.Secret)
	}
	if rg.verifyResp[0] != "200 chal-123" {
		t.Errorf("verification answered %q", rg.verifyResp[0])
	}
	if s.State != StateActive || s.LeaseSeconds != 3600 || !s.LeaseExpires.Equal(rg.now.Add(time.Hour)) {
		t.Errorf("after verification: %+v", s)
	}
	// A second subscription to the same hub and topic is a renewal: same secret.
	if err := rg.sub.Subscribe(t.Context(), 7, rg.hub.URL, "https://pub.example/feed"); err != nil {
		t.Fatal(err)
	}
	if rg.hubForms[1].Get("hub.secret") != s.Secret {
		t.Error("renewal changed the secret")
	}
	// Another topic is a new subscription with a new secret.
	if err := rg.sub.Subscribe(t.Context(), 7, rg.hub.URL, "https://pub.example/other"); err != nil {
		t.Fatal(err)
	}
	if rg.hubForms[2].Get("hub.secret") == s.Secret {
		t.Error("a new topic kept the old secret")
	}
}

func TestVerificationRefused(t *testing.T) {
	tests := []struct {
		name   string
		verify func(url.Values) url.Values
		want   string
	}{
		{"wrong topic", func(f url.Values) url.Values {
			return url.Values{"hub.mode": {"subscribe"}, "hub.topic": {"https://evil.example/"}, "hub.challenge": {"c"}}
		}, "404"},
		{"no challenge", func(f url.Values) url.Values {
			return url.Values{"hub.mode": {"subscribe"}, "hub.topic": {f.Get("hub.topic")}}
		}, "404"},
		{"huge challenge", func(f url.Values) url.Values {
			return url.Values{"hub.mode": {"subscribe"}, "hub.topic": {f.Get("hub.topic")}, "hub.challenge": {strings.Repeat("c", maxChallenge+1)}}
		}, "404"},
		{"unsubscribe we did not ask for", func(f url.Values) url.Values {
			return url.Values{"hub.mode": {"unsubscribe"}, "hub.topic": {f.Get("hub.topic")}, "hub.challenge": {"c"}}
		}, "404"},
		{"unknown mode", func(f url.Values) url.Values {
			return url.Values{"hub.mode": {"publish"}, "hub.topic": {f.Get("hub.topic")}, "hub.challenge": {"c"}}
		}, "404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rg := newRig(t)
			rg.verifyWith = tt.verify
			if err := rg.sub.Subscribe(t.Context(), 3, rg.hub.URL, "https://pub.example/feed"); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(rg.verifyResp[0], tt.want) {
				t.Errorf("verification answered %q, want %s", rg.verifyResp[0], tt.want)
			}
			if s := rg.store.get(t, 3); s.State != StatePending {
				t.Errorf("state = %s, want pending", s.State)
			}
		})
	}
}

func TestVerifyUnknownPaths(t *testing.T) {
	rg := newRig(t)
	for _, path := range []string{"/websub/99?hub.mode=subscribe&hub.topic=x&hub.challenge=c", "/websub/abc?hub.mode=subscribe", "/websub/-1", "/websub/"} {
		resp, err := http.Get(rg.site.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestDenied(t *testing.T) {
	rg := newRig(t)
	rg.verifyWith = func(f url.Values) url.Values {
		return url.Values{"hub.mode": {"denied"}, "hub.topic": {f.Get("hub.topic")}, "hub.reason": {"not allowed"}}
	}
	if err := rg.sub.Subscribe(t.Context(), 4, rg.hub.URL, "https://pub.example/feed"); err != nil {
		t.Fatal(err)
	}
	s := rg.store.get(t, 4)
	if s.State != StateDenied || !strings.Contains(s.Reason, "not allowed") {
		t.Errorf("after denial: %+v", s)
	}
}

func TestHubRefuses(t *testing.T) {
	rg := newRig(t)
	rg.hubStatus = http.StatusBadRequest
	err := rg.sub.Subscribe(t.Context(), 5, rg.hub.URL, "https://pub.example/feed")
	if err == nil || !strings.Contains(err.Error(), "hub says no") {
		t.Fatalf("error = %v", err)
	}
	if s := rg.store.get(t, 5); s.State != StatePending || !strings.Contains(s.Reason, "400") {
		t.Errorf("after refusal: %+v", s)
	}
	for _, bad := range []string{"ftp://hub.example/", "not a url", ""} {
		if err := rg.sub.Subscribe(t.Context(), 5, bad, "https://pub.example/feed"); err == nil {
			t.Errorf("hub %q accepted", bad)
		}
	}
}

func TestUnsubscribe(t *testing.T) {
	rg := newRig(t)
	if err := rg.sub.Subscribe(t.Context(), 6, rg.hub.URL, "https://pub.example/feed"); err != nil {
		t.Fatal(err)
	}
	if err := rg.sub.Unsubscribe(t.Context(), 6); err != nil {
		t.Fatal(err)
	}
	if f := rg.hubForms[1]; f.Get("hub.mode") != "unsubscribe" || f.Get("hub.callback") != rg.site.URL+"/websub/6" {
		t.Errorf("unsubscribe form: %v", f)
	}
	if rg.verifyResp[1] != "200 chal-123" {
		t.Errorf("unsubscribe verification answered %q", rg.verifyResp[1])
	}
	if _, err := rg.store.GetSubscription(t.Context(), 6); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("subscription still there: %v", err)
	}
	if err := rg.sub.Unsubscribe(t.Context(), 6); err != nil {
		t.Errorf("unsubscribing twice: %v", err)
	}
}

func TestRenewDue(t *testing.T) {
	rg := newRig(t)
	rg.verifyWith = nil
	base := rg.now
	subs := []Subscription{
		{SourceID: 1, State: StateActive, LeaseExpires: base.Add(time.Hour)},         // inside the margin
		{SourceID: 2, State: StateActive, LeaseExpires: base.Add(72 * time.Hour)},    // not yet
		{SourceID: 3, State: StatePending, RequestedAt: base.Add(-7 * time.Hour)},    // hub never verified
		{SourceID: 4, State: StatePending, RequestedAt: base.Add(-time.Minute)},      // just asked
		{SourceID: 5, State: StateDenied, LeaseExpires: base.Add(-time.Hour)},        // denied stays denied
		{SourceID: 6, State: StateUnsubscribing, LeaseExpires: base.Add(-time.Hour)}, // leaving
	}
	for _, s := range subs {
		s.Hub, s.Topic, s.Secret = rg.hub.URL, fmt.Sprintf("https://pub.example/%d", s.SourceID), "s"
		rg.store.SaveSubscription(t.Context(), s)
	}
	n, err := rg.sub.RenewDue(t.Context(), base)
	if err != nil || n != 2 {
		t.Fatalf("RenewDue = %d, %v; want 2", n, err)
	}
	var got []string
	for _, f := range rg.hubForms {
		got = append(got, f.Get("hub.callback"))
	}
	want := []string{rg.site.URL + "/websub/1", rg.site.URL + "/websub/3"}
	if !slices.Equal(got, want) {
		t.Errorf("renewed %v, want %v", got, want)
	}
	if s := rg.store.get(t, 1); s.State != StateActive || s.Secret != "s" {
		t.Errorf("renewal changed state or secret: %+v", s)
	}
}

func TestPush(t *testing.T) {
	const secret = "topsecret"
	body := `<rss version="2.0"><channel><title>x</title></channel></rss>`
	sign := func(method, key, b string) string {
		s, err := Sign(method, key, []byte(b))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name       string
		id         string
		state      State
		signature  string
		body       string
		wantStatus int
		wantPush   bool
	}{
		{"sha1", "1", StateActive, sign("sha1", secret, body), body, 202, true},
		{"sha256", "1", StateActive, sign("sha256", secret, body), body, 202, true},
		{"sha384", "1", StateActive, sign("sha384", secret, body), body, 202, true},
		{"sha512 upper-case method", "1", StateActive, "SHA512" + strings.TrimPrefix(sign("sha512", secret, body), "sha512"), body, 202, true},
		{"missing signature", "1", StateActive, "", body, 202, false},
		{"wrong secret", "1", StateActive, sign("sha256", "guess", body), body, 202, false},
		{"signature of another body", "1", StateActive, sign("sha256", secret, "other"), body, 202, false},
		{"unknown method", "1", StateActive, "md5=" + strings.Repeat("0", 32), body, 202, false},
		{"not hex", "1", StateActive, "sha1=zz", body, 202, false},
		{"unknown subscription", "2", StateActive, sign("sha1", secret, body), body, 410, false},
		{"denied subscription", "1", StateDenied, sign("sha1", secret, body), body, 410, false},
		{"too large", "1", StateActive, "sha1=00", strings.Repeat("x", MaxPushBytes+1), 413, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rg := newRig(t)
			rg.store.SaveSubscription(t.Context(), Subscription{SourceID: 1, Hub: rg.hub.URL, Topic: "t", Secret: secret, State: tt.state})
			req, _ := http.NewRequest(http.MethodPost, rg.site.URL+"/websub/"+tt.id, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/rss+xml")
			if tt.signature != "" {
				req.Header.Set("X-Hub-Signature", tt.signature)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got := len(rg.pushes) == 1; got != tt.wantPush {
				t.Fatalf("pushed = %v, want %v", got, tt.wantPush)
			}
			if tt.wantPush && (rg.pushes[0] != push{1, body, "application/rss+xml"}) {
				t.Errorf("push = %+v", rg.pushes[0])
			}
		})
	}
}

func TestPushIngestFailure(t *testing.T) {
	st := newMemStore()
	st.SaveSubscription(t.Context(), Subscription{SourceID: 1, Topic: "t", Secret: "k", State: StateActive})
	h, err := NewHandler(Options{Store: st}, func(context.Context, int64, []byte, string) error { return errors.New("broken feed") })
	if err != nil {
		t.Fatal(err)
	}
	sig, _ := Sign("sha256", "k", []byte("b"))
	req := httptest.NewRequest(http.MethodPost, "/websub/1", strings.NewReader("b"))
	req.Header.Set("X-Hub-Signature", sig)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500 so the hub retries", rec.Code)
	}
}

func TestParseSignature(t *testing.T) {
	tests := []struct {
		header string
		ok     bool
	}{
		{"sha1=" + strings.Repeat("ab", 20), true},
		{" sha256 = " + strings.Repeat("AB", 32) + " ", true},
		{"sha1=" + strings.Repeat("ab", 19), false},
		{"sha1", false},
		{"=abc", false},
		{"", false},
		{"sha512=" + strings.Repeat("a", 300), false},
	}
	for _, tt := range tests {
		_, _, err := parseSignature(tt.header)
		if (err == nil) != tt.ok {
			t.Errorf("parseSignature(%q) error = %v, want ok %v", tt.header, err, tt.ok)
		}
	}
}

func FuzzParseSignature(f *testing.F) {
	f.Add("sha1=" + strings.Repeat("ab", 20))
	f.Add("sha256=")
	f.Add("SHA384=zz")
	f.Add("sha512==" + strings.Repeat("0", 128))
	f.Fuzz(func(t *testing.T, header string) {
		newHash, sum, err := parseSignature(header)
		if err != nil {
			return
		}
		if len(sum) != newHash().Size() {
			t.Fatalf("%q: digest of %d bytes accepted", header, len(sum))
		}
		// A parsed signature verifies only with the right key and body.
		if verifySignature(header, "", nil) == nil {
			t.Fatal("an empty secret verified")
		}
	})
}
