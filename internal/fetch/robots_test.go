package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRobotsRules(t *testing.T) {
	const google = `# example
User-agent: *
Disallow: /private/
Allow: /private/public.html
Disallow: /*.pdf$
Disallow: /search?q=
Crawl-delay: 2

User-agent: otherbot
Disallow: /
`
	tests := []struct {
		name  string
		robot string
		path  string
		want  bool
	}{
		{"no rules allow", "", "/a", true},
		{"star group disallows prefix", google, "/private/x", false},
		{"longer allow wins", google, "/private/public.html", true},
		{"dollar anchors the end", google, "/docs/a.pdf", false},
		{"dollar does not match longer", google, "/docs/a.pdf?x=1", true},
		{"query is part of the path", google, "/search?q=news", false},
		{"other agent's group ignored", google, "/anything", true},
		{"own group replaces star", "User-agent: *\nDisallow: /\n\nUser-agent: Newsdesk/0.1\nDisallow: /admin\n", "/news", true},
		{"own group rules apply", "User-agent: *\nDisallow: /\n\nUser-agent: newsdesk\nDisallow: /admin\n", "/admin/x", false},
		{"agents case-insensitive and shared groups", "User-agent: a\nUSER-AGENT: NewsDesk\nDisallow: /x\n", "/x", false},
		{"same agent groups merge", "User-agent: newsdesk\nDisallow: /a\n\nUser-agent: newsdesk\nDisallow: /b\n", "/b/1", false},
		{"rule ends agent list", "User-agent: other\nDisallow: /x\nUser-agent: newsdesk\nAllow: /\n", "/x", true},
		{"empty disallow allows all", "User-agent: *\nDisallow:\n", "/x", true},
		{"tie goes to allow", "User-agent: *\nDisallow: /page\nAllow: /page\n", "/page", true},
		{"wildcard in the middle", "User-agent: *\nDisallow: /*/edit\n", "/a/b/edit/1", false},
		{"wildcard not matching", "User-agent: *\nDisallow: /*/edit\n", "/edit", true},
		{"disallow all", "User-agent: *\nDisallow: /\n", "/", false},
		{"robots.txt itself always allowed", "User-agent: *\nDisallow: /\n", "/robots.txt", true},
		{"comments and CRLF", "User-agent: * # all\r\nDisallow: /tmp # temp\r\n", "/tmp/1", false},
		{"UTF-8 pattern matches escaped path", "User-agent: *\nDisallow: /café\n", "/caf%c3%a9/menu", false},
		{"rules before any agent ignored", "Disallow: /\nUser-agent: *\nAllow: /\n", "/x", true},
		{"BOM", "\ufeffUser-agent: *\nDisallow: /x\n", "/x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRobots([]byte(tt.robot)).allowed(tt.path); got != tt.want {
				t.Errorf("allowed(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestRobotsCrawlDelay(t *testing.T) {
	tests := []struct {
		robot string
		want  time.Duration
	}{
		{"User-agent: *\nCrawl-delay: 2\n", 2 * time.Second},
		{"User-agent: *\nCrawl-delay: 0.5\n", 500 * time.Millisecond},
		{"User-agent: *\nCrawl-delay: 100000\n", maxCrawlDelay},
		{"User-agent: *\nCrawl-delay: soon\n", 0},
		{"User-agent: *\nCrawl-delay: -3\n", 0},
		{"User-agent: *\nCrawl-delay: 5\n\nUser-agent: newsdesk\nCrawl-delay: 1\n", time.Second},
		{"User-agent: other\nCrawl-delay: 9\n", 0},
	}
	for _, tt := range tests {
		if got := parseRobots([]byte(tt.robot)).crawlDelay; got != tt.want {
			t.Errorf("crawl delay of %q = %s, want %s", tt.robot, got, tt.want)
		}
	}
}

func TestRobotsMatchIsBounded(t *testing.T) {
	// A pattern built to make a naive backtracking matcher explode.
	pattern := strings.Repeat("*a", 1000) + "b"
	path := "/" + strings.Repeat("a", 4000)
	start := time.Now()
	if robotsMatch(pattern, path) {
		t.Fatal("matched a path without b")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("one match took %s", d)
	}
}

func FuzzParseRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /x\nAllow: /x/y$\nCrawl-delay: 3"), "/x/y")
	f.Add([]byte("user-agent:newsdesk\ndisallow:/*.php$"), "/a.php")
	f.Add([]byte("\xef\xbb\xbf#\n:\n\x00User-agent: *\nDisallow: %zz"), "/%zz")
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		r := parseRobots(body)
		r.allowed(path)
		if r.crawlDelay < 0 || r.crawlDelay > maxCrawlDelay {
			t.Errorf("crawl delay %s out of range", r.crawlDelay)
		}
	})
}

// robotsServer serves robots.txt with the given status and body and counts requests.
func robotsServer(t *testing.T, status *atomic.Int32, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		if code := int(status.Load()); code != 200 {
			w.WriteHeader(code)
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestRobotsAllowedByStatus(t *testing.T) {
	tests := []struct {
		status int
		want   bool
	}{
		{200, false}, // the body disallows /private
		{404, true},
		{403, true},
		{429, false},
		{500, false},
		{503, false},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			var status atomic.Int32
			status.Store(int32(tt.status))
			srv, _ := robotsServer(t, &status, "User-agent: *\nDisallow: /private\n")
			c := testClient(t, Options{})
			got, err := c.RobotsAllowed(context.Background(), srv.URL+"/private/page")
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("robots.txt answering %d: allowed = %v, want %v", tt.status, got, tt.want)
			}
		})
	}
}

func TestRobotsCacheExpiry(t *testing.T) {
	var status atomic.Int32
	status.Store(200)
	srv, hits := robotsServer(t, &status, "User-agent: *\nDisallow: /no\n")
	c := testClient(t, Options{})
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	check := func(path string, want bool, wantHits int32) {
		t.Helper()
		got, err := c.RobotsAllowed(context.Background(), srv.URL+path)
		if err != nil {
			t.Fatal(err)
		}
		if got != want || hits.Load() != wantHits {
			t.Errorf("%s at %s: allowed %v after %d fetches, want %v after %d", path, now, got, hits.Load(), want, wantHits)
		}
	}
	check("/no", false, 1)
	check("/yes", true, 1) // cached
	now = now.Add(23 * time.Hour)
	check("/no", false, 1)
	now = now.Add(2 * time.Hour) // expired: refetched; the server now fails,
	status.Store(500)            // so the old file keeps applying for an hour
	check("/yes", true, 2)
	check("/no", false, 2)
	now = now.Add(2 * time.Hour) // still failing, refetched, old rules kept
	check("/yes", true, 3)
}

func TestRobotsUnreachableDisallows(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens there any more
	c := testClient(t, Options{Timeout: time.Second})
	got, err := c.RobotsAllowed(context.Background(), addr+"/page")
	if err != nil {
		t.Fatal(err)
	}
	if got {
		t.Error("an unreachable host's pages are allowed, want disallowed")
	}
	if _, err := c.RobotsAllowed(context.Background(), "ftp://example.com/x"); err == nil {
		t.Error("an ftp URL gave no error")
	}
}

func TestCrawlDelayPacesTheHost(t *testing.T) {
	var status atomic.Int32
	status.Store(200)
	srv, _ := robotsServer(t, &status, "User-agent: *\nCrawl-delay: 0.3\n")
	c := testClient(t, Options{})
	if _, err := c.RobotsAllowed(context.Background(), srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for range 2 {
		c.Get(context.Background(), srv.URL+"/feed", Conditional{})
	}
	// robots.txt, then two feed requests each 0.3s after the one before.
	if d := time.Since(start); d < 550*time.Millisecond {
		t.Errorf("two requests after a 0.3s crawl delay took %s, want at least 0.6s", d)
	}
}

func TestRobotsBodyIsCutNotRefused(t *testing.T) {
	big := "User-agent: *\nDisallow: /x\n" + strings.Repeat("# padding\n", robotsMaxBytes/10+10)
	var status atomic.Int32
	status.Store(200)
	srv, _ := robotsServer(t, &status, big)
	c := testClient(t, Options{MaxBodyBytes: 1024})
	got, err := c.RobotsAllowed(context.Background(), srv.URL+"/x")
	if err != nil || got {
		t.Errorf("oversized robots.txt: allowed %v, %v; want its rules applied", got, err)
	}
}
