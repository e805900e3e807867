package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/websub"
)

// testHub verifies each subscription with the callback at once and keeps
// the secret it was given, so the test can push as the hub would.
type testHub struct {
	mu       sync.Mutex
	secret   string
	callback string
	verified string
}

func (h *testHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	q := url.Values{"hub.mode": {r.PostForm.Get("hub.mode")}, "hub.topic": {r.PostForm.Get("hub.topic")},
		"hub.challenge": {"xyz"}, "hub.lease_seconds": {"86400"}}
	resp, err := http.Get(r.PostForm.Get("hub.callback") + "?" + q.Encode())
	if err != nil {
		http.Error(w, err.Error(), 502)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	h.mu.Lock()
	h.secret, h.callback, h.verified = r.PostForm.Get("hub.secret"), r.PostForm.Get("hub.callback"), string(body)
	h.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

func TestWebSubSubscribeAndPush(t *testing.T) {
	hub := &testHub{}
	hubSrv := httptest.NewServer(hub)
	defer hubSrv.Close()
	feedBody := func(items int) string {
		doc := sampleRSS("Pushed", items)
		return strings.Replace(doc, "<channel>", `<channel xmlns:atom="http://www.w3.org/2005/Atom"><atom:link rel="hub" href="`+hubSrv.URL+`/"/><atom:link rel="self" href="https://pub.example/feed"/>`, 1)
	}
	pub, _ := fakeSite(t, map[string]fakeRoute{"/feed": {contentType: "application/rss+xml", body: feedBody(1)}})

	var mux http.Handler = http.NotFoundHandler()
	siteSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { mux.ServeHTTP(w, r) }))
	defer siteSrv.Close()

	st := tempSQLite(t)
	subs, ok := SubscriptionStore(st)
	if !ok {
		t.Fatal("the SQLite store keeps no subscriptions")
	}
	cfg := config.Default()
	cfg.PublicURL = siteSrv.URL
	cfg.AllowPrivateNetworks = true
	f := loopbackFetcher()
	id, err := st.AddSource(t.Context(), model.Source{Name: "Pub", FeedURL: pub.URL + "/feed", Section: "politics", Policy: model.PolicyExcerpt})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := StartWebSub(WebSubOptions{Config: cfg, Store: st, Subscriptions: subs, Fetcher: f, Ingester: NewIngester(cfg, st, f, nil)})
	if err != nil {
		t.Fatal(err)
	}
	mux = ws.Handler()

	ws.Sweep(t.Context())
	sub, err := subs.GetSubscription(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if sub.State != websub.StateActive || sub.Topic != "https://pub.example/feed" || sub.Hub != hubSrv.URL+"/" || hub.verified != "xyz" {
		t.Fatalf("subscription %+v, hub saw %q", sub, hub.verified)
	}
	if hub.callback != fmt.Sprintf("%s/websub/%d", siteSrv.URL, id) {
		t.Errorf("callback = %q", hub.callback)
	}

	pushBody := []byte(feedBody(3))
	tests := []struct {
		name      string
		signature string
		want      int // articles stored after the push
	}{
		{"unsigned push ignored", "", 0},
		{"forged push ignored", mustSign(t, "sha256", "not-the-secret", pushBody), 0},
		{"signed push stored", mustSign(t, "sha256", hub.secret, pushBody), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, hub.callback, bytes.NewReader(pushBody))
			req.Header.Set("Content-Type", "application/rss+xml")
			if tt.signature != "" {
				req.Header.Set("X-Hub-Signature", tt.signature)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusAccepted {
				t.Errorf("push answered %d", resp.StatusCode)
			}
			page, err := st.ListArticles(t.Context(), store.ArticleQuery{SourceID: id, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != tt.want {
				t.Errorf("%d articles, want %d", page.Total, tt.want)
			}
		})
	}

	// A second sweep leaves the standing subscription alone.
	before := hub.secret
	ws.Sweep(t.Context())
	if hub.secret != before {
		t.Error("sweep subscribed again")
	}
}

func mustSign(t *testing.T, method, secret string, body []byte) string {
	t.Helper()
	s, err := websub.Sign(method, secret, body)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStartWebSubOff(t *testing.T) {
	ws, err := StartWebSub(WebSubOptions{Config: config.Default()})
	if ws != nil || err != nil {
		t.Errorf("without a public URL: %v, %v; want nil, nil", ws, err)
	}
}

func TestHubClientRefusesPrivate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	client := newHubClient(config.Default())
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL, nil)
	if resp, err := client.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the hub client reached a loopback address")
	}
}

// TestServeWiresWebSub checks the wiring Serve uses: a refresh of a feed
// that names a hub subscribes through the ingest hook, the hub's
// verification reaches the callback through the combined handler, and
// every other path still reaches the site.
func TestServeWiresWebSub(t *testing.T) {
	hub := &testHub{}
	hubSrv := httptest.NewServer(hub)
	defer hubSrv.Close()
	body := strings.Replace(sampleRSS("Hubbed", 2), "<channel>", `<channel xmlns:atom="http://www.w3.org/2005/Atom"><atom:link rel="hub" href="`+hubSrv.URL+`/"/>`, 1)
	pub, _ := fakeSite(t, map[string]fakeRoute{"/feed": {contentType: "application/rss+xml", body: body}})

	var handler http.Handler = http.NotFoundHandler()
	siteSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	defer siteSrv.Close()
	cfg := config.Default()
	cfg.PublicURL = siteSrv.URL
	cfg.AllowPrivateNetworks = true
	cfg.HostGap = time.Millisecond
	st := tempSQLite(t)
	id, err := st.AddSource(t.Context(), model.Source{Name: "Hubbed", FeedURL: pub.URL + "/feed", Section: "world"})
	if err != nil {
		t.Fatal(err)
	}
	fetcher := NewFetcher(cfg)
	in := NewIngester(cfg, st, fetcher, nil)
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "the site") })
	h, loops, err := withWebSub(cfg, st, fetcher, in, site, nil)
	if err != nil || len(loops) != 1 {
		t.Fatalf("withWebSub: %v, %d loops", err, len(loops))
	}
	handler = h

	src, err := st.GetSource(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if rep := in.Refresh(t.Context(), src); rep.Err != nil || rep.Created != 2 {
		t.Fatalf("refresh: %s", rep)
	}
	subs, _ := SubscriptionStore(st)
	sub, err := subs.GetSubscription(t.Context(), id)
	if err != nil || sub.State != websub.StateActive || hub.verified != "xyz" {
		t.Fatalf("after refresh: subscription %+v (%v), hub saw %q", sub, err, hub.verified)
	}
	resp, err := http.Get(siteSrv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(got) != "the site" {
		t.Errorf("/ answered %q", got)
	}
}
