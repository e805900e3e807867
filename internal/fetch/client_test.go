package fetch

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClient allows loopback (httptest listens there) and drops pacing unless a test sets it.
func testClient(t *testing.T, opts Options) *Client {
	t.Helper()
	opts.AllowPrivateNetworks = true
	if opts.HostGap == 0 {
		opts.HostGap = -1
	}
	c := New(opts)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGetBodies(t *testing.T) {
	const text = "<rss><channel><title>Hello</title></channel></rss>"
	var zbuf bytes.Buffer
	zw := zlib.NewWriter(&zbuf)
	zw.Write([]byte(text))
	zw.Close()
	tests := []struct {
		name     string
		encoding string
		body     []byte
		limit    int64
		want     string
		wantErr  string
	}{
		{name: "plain", body: []byte(text), want: text},
		{name: "gzip", encoding: "gzip", body: gzipped(t, []byte(text)), want: text},
		{name: "deflate zlib", encoding: "deflate", body: zbuf.Bytes(), want: text},
		{name: "gzip bomb", encoding: "gzip", body: gzipped(t, make([]byte, 3<<20)), limit: 1 << 20,
			wantErr: "response body too large: it exceeds the 1 MiB limit"},
		{name: "too large", body: bytes.Repeat([]byte("a"), 2000), limit: 1000,
			wantErr: "response body too large: it exceeds the 1000 bytes limit"},
		{name: "unasked encoding", encoding: "br", body: []byte("x"), wantErr: `content encoding "br"`},
		{name: "corrupt gzip", encoding: "gzip", body: []byte("not gzip at all"), wantErr: "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if got := r.Header.Get("Accept-Encoding"); got != "gzip, deflate" {
					t.Errorf("Accept-Encoding = %q", got)
				}
				if tt.encoding != "" {
					w.Header().Set("Content-Encoding", tt.encoding)
				}
				w.Header().Set("Content-Type", "application/rss+xml")
				w.Write(tt.body)
			}))
			defer srv.Close()
			c := testClient(t, Options{MaxBodyBytes: tt.limit})
			resp, err := c.Get(context.Background(), srv.URL+"/feed", Conditional{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), srv.URL+"/feed") {
					t.Errorf("error %q does not name the URL", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != tt.want || resp.ContentType != "application/rss+xml" || resp.StatusCode != 200 {
				t.Errorf("got %d %q %q", resp.StatusCode, resp.ContentType, resp.Body)
			}
		})
	}
}

func TestConditionalGet(t *testing.T) {
	const etag, lastMod = `"v1"`, "Mon, 02 Jan 2006 15:04:05 GMT"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != DefaultUserAgent {
			t.Errorf("User-Agent = %q", r.Header.Get("User-Agent"))
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("full body"))
	}))
	defer srv.Close()
	c := testClient(t, Options{})
	first, err := c.Get(context.Background(), srv.URL, Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || string(first.Body) != "full body" || first.ETag != etag || first.LastModified != lastMod {
		t.Fatalf("first response = %+v", first)
	}
	second, err := c.Get(context.Background(), srv.URL, Conditional{ETag: first.ETag, LastModified: first.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || second.StatusCode != http.StatusNotModified || len(second.Body) != 0 {
		t.Fatalf("second response = %+v, want 304 not modified", second)
	}
}

func TestStatusErrors(t *testing.T) {
	tests := []struct {
		name       string
		code       int
		retryAfter string
		wantWait   time.Duration
		wantMsg    string
	}{
		{name: "not found", code: 404, wantMsg: "server answered 404 Not Found"},
		{name: "429 seconds", code: 429, retryAfter: "120", wantWait: 2 * time.Minute, wantMsg: "429 Too Many Requests"},
		{name: "503 date", code: 503, retryAfter: time.Now().Add(time.Hour).UTC().Format(http.TimeFormat),
			wantWait: time.Hour, wantMsg: "503 Service Unavailable"},
		{name: "429 garbage", code: 429, retryAfter: "soon", wantMsg: "429"},
		{name: "500 ignores retry-after", code: 500, retryAfter: "60", wantMsg: "500 Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.code)
			}))
			defer srv.Close()
			_, err := testClient(t, Options{}).Get(context.Background(), srv.URL, Conditional{})
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *StatusError", err)
			}
			if se.Code != tt.code || !strings.Contains(err.Error(), tt.wantMsg) || !strings.Contains(err.Error(), srv.URL) {
				t.Errorf("err = %q (code %d)", err, se.Code)
			}
			// HTTP dates have one-second resolution.
			if d := se.RetryAfter - tt.wantWait; d < -2*time.Second || d > 0 && tt.wantWait == 0 || d > 2*time.Second {
				t.Errorf("RetryAfter = %s, want about %s", se.RetryAfter, tt.wantWait)
			}
		})
	}
}

func TestSlowBodyHitsTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		for {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	start := time.Now()
	_, err := testClient(t, Options{Timeout: 300 * time.Millisecond}).Get(context.Background(), srv.URL, Conditional{})
	if err == nil || !strings.Contains(err.Error(), "time limit") {
		t.Fatalf("err = %v, want a time limit error", err)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("took %s, the timeout did not cut the trickle", elapsed)
	}
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/old", http.StatusFound) })
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("new")) })
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := testClient(t, Options{MaxRedirects: 3})
	tests := []struct {
		path          string
		wantErr       string
		wantPermanent string
	}{
		{path: "/loop", wantErr: "stopped after 3 redirects"},
		{path: "/ftp", wantErr: `redirect to a "ftp" URL`},
		{path: "/old", wantPermanent: srv.URL + "/new"},
		{path: "/temp", wantPermanent: ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := c.Get(context.Background(), srv.URL+tt.path, Conditional{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.URL != srv.URL+"/new" || resp.PermanentRedirect != tt.wantPermanent {
				t.Errorf("URL = %q, PermanentRedirect = %q, want %q", resp.URL, resp.PermanentRedirect, tt.wantPermanent)
			}
		})
	}
}

func TestPrivateNetworkGuard(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	defer srv.Close()

	refused := New(Options{HostGap: -1})
	defer refused.CloseIdleConnections()
	_, err := refused.Get(context.Background(), srv.URL, Conditional{})
	if !errors.Is(err, ErrPrivateNetwork) {
		t.Fatalf("err = %v, want ErrPrivateNetwork", err)
	}
	for _, want := range []string{"127.0.0.1", "--allow-private-networks", "NEWSDESK_ALLOW_PRIVATE_NETWORKS=1", srv.URL} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}

	allowed := New(Options{HostGap: -1, AllowPrivateNetworks: true})
	defer allowed.CloseIdleConnections()
	if _, err := allowed.Get(context.Background(), srv.URL, Conditional{}); err != nil {
		t.Fatalf("with AllowPrivateNetworks: %v", err)
	}
}

func TestRefusedURLs(t *testing.T) {
	c := testClient(t, Options{})
	for _, raw := range []string{"file:///etc/passwd", "ftp://example.com/feed", "gopher://x", "http://", "::bad"} {
		if _, err := c.Get(context.Background(), raw, Conditional{}); err == nil {
			t.Errorf("Get(%q) succeeded, want an error", raw)
		}
	}
}

func TestHostPacing(t *testing.T) {
	const gap = 200 * time.Millisecond
	var mu sync.Mutex
	starts := map[string][]time.Time{}
	handler := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			starts[name] = append(starts[name], time.Now())
			mu.Unlock()
			w.Write([]byte("ok"))
		})
	}
	a := httptest.NewServer(handler("a"))
	defer a.Close()
	b := httptest.NewServer(handler("b"))
	defer b.Close()
	c := testClient(t, Options{HostGap: gap})

	var wg sync.WaitGroup
	for _, u := range []string{a.URL, a.URL, b.URL} {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), u, Conditional{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(starts["a"]) != 2 || len(starts["b"]) != 1 {
		t.Fatalf("starts = %v", starts)
	}
	if d := starts["a"][1].Sub(starts["a"][0]); d < gap {
		t.Errorf("two requests to one host %s apart, want at least %s", d, gap)
	}
	if d := starts["b"][0].Sub(starts["a"][0]).Abs(); d >= gap {
		t.Errorf("requests to two hosts %s apart, want them concurrent", d)
	}
}

func TestPacingRespectsCancel(t *testing.T) {
	p := newHostPacer(time.Hour)
	release, err := p.acquire(context.Background(), "h:80", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := p.acquire(ctx, "h:80", 0); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting on a busy host: err = %v", err)
	}
	release()
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := p.acquire(ctx2, "h:80", 0); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting out the gap: err = %v", err)
	}
	// The cancelled waiter must have handed the turn back.
	if len(p.hosts["h:80"].token) != 1 || p.hosts["h:80"].refs != 0 {
		t.Errorf("slot not returned after cancellation: %+v", p.hosts["h:80"])
	}
}
