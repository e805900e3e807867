// Command publishernet is the loopback publisher network of pollbench: it
// listens on many host:port pairs and serves thousands of generated feeds
// whose sizes follow the real-world fixture files, with ETags and a seeded
// rate of new items per conditional poll. It runs in its own process so
// that its CPU is measured apart from the poller's.
//
//	go run ./bench/publishernet [-hosts 500] [-feeds 10000] [-new 0.4] [-fixtures DIR]
//
// Once listening it prints one line, "control http://ADDR", and serves on
// that address GET /hosts (a JSON list of host:port; feed i is at
// http://HOSTS[i % len(HOSTS)]/f/i.xml) and GET /stats (JSON counters).
// Every text it serves is generated; no fixture byte is served or copied,
// only the fixtures' sizes are read.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	hosts := flag.Int("hosts", 500, "listening host:port pairs")
	feeds := flag.Int("feeds", 10000, "feeds served")
	newFrac := flag.Float64("new", 0.4, "fraction of conditional polls that find new items")
	seed := flag.Uint64("seed", 1, "seed of sizes, texts and publication decisions")
	fixtures := flag.String("fixtures", "../shared/data/feeds/real-world", "directory whose feed files' sizes are the size distribution")
	flag.Parse()
	if err := run(*hosts, *feeds, *newFrac, *seed, *fixtures); err != nil {
		log.Fatal(err)
	}
}

func run(hosts, feeds int, newFrac float64, seed uint64, fixtures string) error {
	sizes, err := fixtureSizes(fixtures)
	if err != nil {
		return err
	}
	nw := newNetwork(feeds, sizes, newFrac, seed)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var servers []*http.Server
	var addrs []string
	for range hosts {
		srv, addr, err := serve(nw)
		if err != nil {
			return fmt.Errorf("listen for host %d: %w", len(addrs), err)
		}
		servers = append(servers, srv)
		addrs = append(addrs, addr)
	}
	control := http.NewServeMux()
	control.HandleFunc("GET /hosts", func(w http.ResponseWriter, r *http.Request) { _ = json.NewEncoder(w).Encode(addrs) })
	control.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) { _ = json.NewEncoder(w).Encode(nw.stats.snapshot()) })
	csrv, caddr, err := serveHandler(control)
	if err != nil {
		return fmt.Errorf("listen for control: %w", err)
	}
	servers = append(servers, csrv)
	fmt.Printf("control http://%s\n", caddr)

	<-ctx.Done()
	for _, s := range servers {
		_ = s.Close()
	}
	return nil
}

func serve(n *network) (*http.Server, string, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /f/{file}", n.serveFeed)
	return serveHandler(mux)
}

// serveHandler listens on a fresh loopback port. The server goroutine ends
// when the server is closed.
func serveHandler(h http.Handler) (*http.Server, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 5 * time.Minute}
	go func() { _ = srv.Serve(ln) }()
	return srv, ln.Addr().String(), nil
}

// fixtureSizes reads the sizes of the feed files under dir.
func fixtureSizes(dir string) ([]int, error) {
	var sizes []int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".xml", ".rss", ".atom", ".json":
			info, err := d.Info()
			if err != nil {
				return err
			}
			sizes = append(sizes, int(info.Size()))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read fixture sizes: %w", err)
	}
	if len(sizes) == 0 {
		return nil, fmt.Errorf("no feed files under %s", dir)
	}
	slices.Sort(sizes)
	return sizes, nil
}

// stats counts what the network answered.
type stats struct {
	Polls       atomic.Int64 // feed requests
	Initial     atomic.Int64 // 200 to a request without our ETag
	NewItems    atomic.Int64 // 200 bringing items the poller had not seen
	NotModified atomic.Int64 // 304
	Bytes       atomic.Int64 // body bytes sent
	Other       atomic.Int64 // 404 and the like
}

// Stats is the JSON form of the counters.
type Stats struct {
	Polls, Initial, NewItems, NotModified, Bytes, Other int64
}

func (s *stats) snapshot() Stats {
	return Stats{Polls: s.Polls.Load(), Initial: s.Initial.Load(), NewItems: s.NewItems.Load(),
		NotModified: s.NotModified.Load(), Bytes: s.Bytes.Load(), Other: s.Other.Load()}
}

// network holds every feed's state.
type network struct {
	feeds   []*feedState
	newFrac float64
	seed    uint64
	start   time.Time
	stats   stats
	mu      sync.Mutex // guards rng
	rng     *rand.Rand
}

type feedState struct {
	mu      sync.Mutex
	version int // the number of the newest item
	shown   int // items in the document
	itemLen int // bytes of text per item
	format  string
}

func newNetwork(n int, sizes []int, newFrac float64, seed uint64) *network {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	nw := &network{newFrac: newFrac, seed: seed, start: time.Now().UTC().Truncate(time.Second), rng: rng}
	for i := range n {
		size := sizes[rng.IntN(len(sizes))]
		// About 3 KB a story, as a feed with excerpts and some full text
		// has; at least one story, and a feed keeps at most 40.
		shown := min(max(size/3000, 1), 40)
		itemLen := max((size-600)/shown-300, 120)
		format := "rss"
		switch i % 10 {
		case 6, 7, 8:
			format = "atom"
		case 9:
			format = "json"
		}
		nw.feeds = append(nw.feeds, &feedState{version: shown, shown: shown, itemLen: itemLen, format: format})
	}
	return nw
}

func (n *network) chance(p float64) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.rng.Float64() < p
}

func (n *network) serveFeed(w http.ResponseWriter, r *http.Request) {
	n.stats.Polls.Add(1)
	id, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("file"), ".xml"))
	if err != nil || id < 0 || id >= len(n.feeds) {
		n.stats.Other.Add(1)
		http.NotFound(w, r)
		return
	}
	f := n.feeds[id]
	f.mu.Lock()
	seen, conditional := parseETag(r.Header.Get("If-None-Match"), id)
	switch {
	case !conditional:
		n.stats.Initial.Add(1)
	case seen == f.version && !n.chance(n.newFrac):
		f.mu.Unlock()
		n.stats.NotModified.Add(1)
		w.Header().Set("ETag", etag(id, seen))
		w.WriteHeader(http.StatusNotModified)
		return
	case seen == f.version:
		f.version += 1 + id%2 // one or two new stories
		n.stats.NewItems.Add(1)
	default:
		n.stats.NewItems.Add(1) // the poller's copy is older than ours
	}
	version, shown, itemLen, format := f.version, f.shown, f.itemLen, f.format
	f.mu.Unlock()

	body := n.render(id, version, shown, itemLen, format)
	w.Header().Set("ETag", etag(id, version))
	w.Header().Set("Content-Type", contentTypes[format])
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	written, _ := w.Write(body)
	n.stats.Bytes.Add(int64(written))
}

var contentTypes = map[string]string{
	"rss": "application/rss+xml; charset=utf-8", "atom": "application/atom+xml; charset=utf-8", "json": "application/feed+json",
}

func etag(id, version int) string { return fmt.Sprintf(`"f%d-v%d"`, id, version) }

// parseETag returns the version in our ETag for feed id.
func parseETag(v string, id int) (version int, ok bool) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "W/")
	prefix := fmt.Sprintf(`"f%d-v`, id)
	if !strings.HasPrefix(v, prefix) || !strings.HasSuffix(v, `"`) {
		return 0, false
	}
	version, err := strconv.Atoi(v[len(prefix) : len(v)-1])
	return version, err == nil
}
