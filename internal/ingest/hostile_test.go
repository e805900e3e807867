package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// The limits every hostile case runs under: the fetcher's own knobs set
// short, so that a case that is not refused by them shows up as a slow test.
const (
	hostileFetchTimeout = 2 * time.Second
	// hostileMaxBody is smaller than the 10 MiB default so that what a
	// refused body may cost (a few times the limit) stays far below the
	// 50 MB feed even under -race, where sync.Pool drops buffers.
	hostileMaxBody = 2 << 20
	// hostileTimeBound is how long one RefreshAll of a hostile source and a
	// healthy one may take: the fetch timeout plus slack for a loaded machine.
	hostileTimeBound = hostileFetchTimeout + 4*time.Second
	// hostileAllocBound is what a refresh may allocate in all, in this
	// process (test servers included): a few times the body limit, as
	// io.ReadAll grows by doubling, and a third of the 50 MB feed; the feed and
	// the 256 MiB gzip bomb must be refused before they are held.
	hostileAllocBound = 8 * hostileMaxBody
)

// outcome is what a hostile source must come to.
type outcome int

const (
	mustFail  outcome = iota // a one-line error is recorded, nothing stored
	mustLand                 // its items are stored despite the oddity
	mayEither                // either, as long as the other checks hold
)

type hostileCase struct {
	name    string
	tls     bool // serve over TLS with a certificate the client does not trust
	handler http.HandlerFunc
	want    outcome
	errHas  string // a word the recorded error must contain (mustFail)
	// check inspects what was stored for the hostile source, if anything.
	check func(t *testing.T, articles []model.Article)
}

func TestHostilePublishersAreContained(t *testing.T) {
	bomb := gzipBomb(t, 256<<20)
	cases := []hostileCase{
		{name: "billion laughs", handler: serveBillionLaughs, want: mayEither, check: noEntityExpansion},
		{name: "quadratic entity blowup", handler: serveQuadraticBlowup, want: mayEither, check: storedTextBounded},
		{name: "gzip bomb", want: mustFail, errHas: "exceeds the 2 MiB limit", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
		}},
		{name: "trickle one byte a second", handler: serveTrickle, want: mustFail, errHas: "time limit"},
		{name: "redirect loop", want: mustFail, errHas: "redirect", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path+"?again="+r.URL.Query().Get("again")+"x", http.StatusFound)
		}},
		{name: "50 MB feed", handler: serveHugeFeed(50 << 20), want: mustFail, errHas: "exceeds the 2 MiB limit"},
		{name: "HTML page", want: mustFail, errHas: "HTML page", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><title>Welcome</title></head><body><h1>Our news</h1><p>Read it here.</p></body></html>`)
		}},
		{name: "empty 200", want: mustFail, errHas: "empty", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
		}},
		{name: "500", want: mustFail, errHas: "500", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "internal error\nwith a stack trace\n", http.StatusInternalServerError)
		}},
		{name: "503 with Retry-After", want: mustFail, errHas: "503", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "120")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		}},
		{name: "untrusted TLS certificate", tls: true, want: mustFail, errHas: "certificate", handler: serveFeedAs("application/rss+xml")},
		{name: "feed served as text/html", want: mustLand, handler: serveFeedAs("text/html; charset=utf-8")},
		{name: "feed served as application/octet-stream", want: mustLand, handler: serveFeedAs("application/octet-stream")},
		{name: "PNG image", want: mustFail, errHas: "not RSS", handler: servePNG},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runHostileCase(t, tc) })
	}
}

func runHostileCase(t *testing.T, tc hostileCase) {
	ctx := context.Background()
	rig := newHostileRig(t)
	healthy := httptest.NewServer(serveFeedAs("application/rss+xml"))
	t.Cleanup(healthy.Close)
	hostile := httptest.NewUnstartedServer(tc.handler)
	// The refused handshake is the point of the TLS case, not news for the log.
	hostile.Config.ErrorLog = log.New(io.Discard, "", 0)
	if tc.tls {
		hostile.StartTLS()
	} else {
		hostile.Start()
	}
	// Closing a server waits for its handlers; the trickle handler stops
	// when the client hangs up, so this cannot block.
	t.Cleanup(hostile.Close)
	good := rig.add(t, "Healthy Gazette", healthy.URL+"/feed.xml")
	bad := rig.add(t, "Hostile "+tc.name, hostile.URL+"/feed.xml")

	mem := startMemWatch()
	start := time.Now()
	reports := rig.in.RefreshAll(ctx, []model.Source{bad, good}, nil)
	elapsed := time.Since(start)
	totalAlloc, peakHeap := mem.stop()
	t.Logf("%s: %s in %s, allocated %d KiB, heap in use rose by at most %d KiB",
		tc.name, reports[0], elapsed.Round(time.Millisecond), totalAlloc>>10, peakHeap>>10)

	if elapsed > hostileTimeBound {
		t.Errorf("RefreshAll took %s, want under %s", elapsed, hostileTimeBound)
	}
	if totalAlloc > hostileAllocBound {
		t.Errorf("the refresh allocated %d MiB, want under %d MiB", totalAlloc>>20, hostileAllocBound>>20)
	}
	if peakHeap > hostileAllocBound {
		t.Errorf("heap in use rose by %d MiB, want under %d MiB", peakHeap>>20, hostileAllocBound>>20)
	}

	// The healthy source is unharmed.
	if r := reports[1]; r.Err != nil || r.Created != healthyItems {
		t.Errorf("healthy source: %s; want %d new items and no error", r, healthyItems)
	}
	goodNow := rig.source(t, good.ID)
	if goodNow.Poll.LastError != "" || goodNow.ArticleCount != healthyItems {
		t.Errorf("healthy source after the refresh: error %q, %d articles", goodNow.Poll.LastError, goodNow.ArticleCount)
	}

	badNow := rig.source(t, bad.ID)
	articles := rig.articles(t, bad.ID)
	switch tc.want {
	case mustFail:
		checkRecordedFailure(t, reports[0], badNow, tc.errHas)
		if len(articles) != 0 {
			t.Errorf("a failed source stored %d articles", len(articles))
		}
	case mustLand:
		if reports[0].Err != nil || badNow.Poll.LastError != "" || len(articles) != healthyItems {
			t.Errorf("the feed should have landed: %s; %d articles stored, error %q", reports[0], len(articles), badNow.Poll.LastError)
		}
	case mayEither:
		if reports[0].Err != nil {
			checkRecordedFailure(t, reports[0], badNow, "")
		}
	}
	if tc.check != nil {
		tc.check(t, articles)
	}
}

// checkRecordedFailure asserts that the error is in the report and recorded
// on the source in one plain line, with a later check scheduled.
func checkRecordedFailure(t *testing.T, rep ingest.Report, src model.Source, errHas string) {
	t.Helper()
	if rep.Err == nil {
		t.Errorf("the hostile source did not fail: %s", rep)
		return
	}
	e := src.Poll.LastError
	switch {
	case e == "":
		t.Errorf("no error recorded on the source (report: %v)", rep.Err)
	case strings.ContainsAny(e, "\r\n"):
		t.Errorf("recorded error is not one line: %q", e)
	case len(e) > 600:
		t.Errorf("recorded error is %d bytes long", len(e))
	case errHas != "" && !strings.Contains(e, errHas):
		t.Errorf("recorded error %q does not say %q", e, errHas)
	}
	if src.Poll.ErrorCount != 1 || !src.Poll.NextCheckAt.After(time.Now()) {
		t.Errorf("error count %d, next check %s: want 1 and a later check", src.Poll.ErrorCount, src.Poll.NextCheckAt)
	}
}

// hostileRig is the real pipeline (SQLite store, fetch client) with short
// limits. It is separate from the harness in ingest_test.go because it
// needs the body limit set.
type hostileRig struct {
	st *sqlite.Store
	in *ingest.Ingester
}

func newHostileRig(t *testing.T) hostileRig {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "hostile.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	client := fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1,
		Timeout: hostileFetchTimeout, ConnectTimeout: hostileFetchTimeout, MaxBodyBytes: hostileMaxBody})
	t.Cleanup(client.CloseIdleConnections)
	in := ingest.New(st, ingest.Options{Fetcher: client, Sections: config.DefaultSections(),
		PollInterval: time.Minute, MaxBackoff: time.Hour, Workers: 2})
	return hostileRig{st: st, in: in}
}

func (r hostileRig) add(t *testing.T, name, feedURL string) model.Source {
	t.Helper()
	src := model.Source{Name: name, FeedURL: feedURL, Section: "world", Policy: model.PolicyFull,
		Poll: model.PollState{NextCheckAt: time.Now()}}
	id, err := r.st.AddSource(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	src.ID = id
	return src
}

func (r hostileRig) source(t *testing.T, id int64) model.Source {
	t.Helper()
	all, err := r.st.ListSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("source %d not found", id)
	return model.Source{}
}

// articles returns a source's articles in full (lists hold summaries only).
func (r hostileRig) articles(t *testing.T, sourceID int64) []model.Article {
	t.Helper()
	ctx := context.Background()
	page, err := r.st.ListArticles(ctx, store.ArticleQuery{SourceID: sourceID, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]model.Article, 0, len(page.Articles))
	for _, s := range page.Articles {
		a, err := r.st.GetArticle(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// memWatch samples the heap while a refresh runs, to catch a body that is
// held in full and released before the refresh returns.
type memWatch struct {
	before runtime.MemStats
	stopCh chan struct{}
	wg     sync.WaitGroup
	mu     sync.Mutex
	peak   uint64
}

func startMemWatch() *memWatch {
	runtime.GC()
	m := &memWatch{stopCh: make(chan struct{})}
	runtime.ReadMemStats(&m.before)
	m.peak = m.before.HeapInuse
	m.wg.Go(func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-m.stopCh:
				return
			case <-tick.C:
				m.sample()
			}
		}
	})
	return m
}

func (m *memWatch) sample() {
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	m.mu.Lock()
	m.peak = max(m.peak, s.HeapInuse)
	m.mu.Unlock()
}

// stop returns the bytes allocated since the start and how far the heap in
// use rose above where it started.
func (m *memWatch) stop() (totalAlloc, peakRise uint64) {
	close(m.stopCh)
	m.wg.Wait()
	m.sample()
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	return s.TotalAlloc - m.before.TotalAlloc, m.peak - m.before.HeapInuse
}

// healthyItems is the number of items of the well-formed test feed.
const healthyItems = 3

func serveFeedAs(contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Gazette</title><link>http://gazette.example/</link>`)
		for i := range healthyItems {
			fmt.Fprintf(&b, `<item><title>Harbour story %[1]d</title><link>http://gazette.example/story-%[1]d</link>`+
				`<guid>story-%[1]d</guid><description>The harbour board met for the %[1]d time this year.</description></item>`, i+1)
		}
		b.WriteString(`</channel></rss>`)
		_, _ = io.WriteString(w, b.String())
	}
}

// serveBillionLaughs sends nine levels of entities, each ten of the one
// below: expanded, &lol9; would be three gigabytes.
func serveBillionLaughs(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE rss [` + "\n" + `<!ENTITY lol "lol">` + "\n")
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := fmt.Sprintf("lol%d", i)
		fmt.Fprintf(&b, `<!ENTITY %s "%s">`+"\n", name, strings.Repeat("&"+prev+";", 10))
		prev = name
	}
	b.WriteString(`]>` + "\n" + `<rss version="2.0"><channel><title>Laughs &lol9;</title><link>http://laughs.example/</link>` +
		`<item><title>Laugh &lol9;</title><link>http://laughs.example/1</link><guid>laugh-1</guid>` +
		`<description>Expanded: &lol9;</description></item></channel></rss>`)
	_, _ = io.WriteString(w, b.String())
}

// serveQuadraticBlowup declares one flat entity of 10 KB, which holds no
// markup and so needs no recursion, and refers to it 10,000 times: a 60 KB
// document that would expand to 100 MB.
func serveQuadraticBlowup(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	_, _ = io.WriteString(w, `<?xml version="1.0"?>`+"\n"+`<!DOCTYPE rss [<!ENTITY lol "`+strings.Repeat("lol", 10_000/3)+`">]>`+"\n"+
		`<rss version="2.0"><channel><title>Laughs</title><link>http://laughs.example/</link>`+
		`<item><title>Laugh</title><link>http://laughs.example/1</link><guid>laugh-1</guid>`+
		`<description>`+strings.Repeat("&lol;", 10_000)+`</description></item></channel></rss>`)
}

// storedTextBounded fails if any stored text is larger than the 60 KB
// document it came from could hold without expanding entities.
func storedTextBounded(t *testing.T, articles []model.Article) {
	t.Helper()
	for _, a := range articles {
		for _, s := range []string{a.Title, a.Excerpt, a.ContentHTML, a.ContentText} {
			if len(s) > 128<<10 {
				t.Errorf("article %q holds %d bytes from a 60 KB document: entities were expanded", a.GUID, len(s))
			}
		}
	}
}

// noEntityExpansion fails if any stored text holds more than a trace of "lol".
func noEntityExpansion(t *testing.T, articles []model.Article) {
	t.Helper()
	for _, a := range articles {
		for _, s := range []string{a.Title, a.Excerpt, a.ContentHTML, a.ContentText} {
			if len(s) > 10_000 || strings.Count(s, "lol") > 10 {
				t.Errorf("article %q holds an expanded entity (%d bytes, %d laughs)", a.GUID, len(s), strings.Count(s, "lol"))
			}
		}
	}
}

// serveTrickle sends a valid beginning and then one byte a second until the
// client hangs up.
func serveTrickle(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	rc := http.NewResponseController(w)
	_, _ = io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>`)
	_ = rc.Flush()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			if _, err := io.WriteString(w, " "); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
		}
	}
}

// serveHugeFeed streams a well-formed feed of about size bytes from one
// reused item, so the server itself holds almost nothing.
func serveHugeFeed(size int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Length", fmt.Sprint(size))
		head := `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><link>http://huge.example/</link>`
		tail := `</channel></rss>`
		item := []byte(`<item><title>Same again</title><link>http://huge.example/a</link><description>` +
			strings.Repeat("Filler words for a very large feed. ", 100) + `</description></item>`)
		if _, err := io.WriteString(w, head); err != nil {
			return
		}
		written := len(head)
		for written+len(item)+len(tail) <= size {
			if _, err := w.Write(item); err != nil {
				return
			}
			written += len(item)
		}
		_, _ = io.WriteString(w, strings.Repeat(" ", size-written-len(tail))+tail)
	}
}

// gzipBomb compresses decoded bytes of a feed that never ends into a small body.
func gzipBomb(t *testing.T, decoded int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(zw, `<?xml version="1.0"?><rss version="2.0"><channel><title>`)
	zeros := make([]byte, 1<<20)
	for range decoded >> 20 {
		if _, err := zw.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// servePNG sends the start of a real PNG file with an image type.
func servePNG(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "image/png")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"),
		bytes.Repeat([]byte{0x1f, 0xf3, 0xff, 0x61, 0x00, 0x80}, 500)...)
	_, _ = w.Write(png)
}
