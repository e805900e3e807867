package demo

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Publisher describes one sample publisher as the product should register it.
type Publisher struct {
	Name, Slug              string // "The Harbor Ledger", "harbor-ledger"
	SiteURL                 string // http://127.0.0.1:PORT/
	FeedURL                 string
	Format                  string // "rss", "atom" or "json"
	Section                 string // default section slug: politics|business|world|technology|sports
	Policy                  string // "full", "excerpt" or "link"
	LicenseName, LicenseURL string
}

// Options tunes Start. The zero value is ready to use.
type Options struct {
	Now          func() time.Time // default time.Now
	ReleaseEvery time.Duration    // default 1 minute; 0 means default, negative disables the ticker
	ReleaseCount int              // articles per release, default 3
	Logger       *slog.Logger     // default discards
	// BasePort, when not zero, puts publisher i on 127.0.0.1:BasePort+i so
	// that links and GUIDs stay the same across runs; zero picks free ports.
	BasePort int
}

// feedLimit is how many of the newest items a feed lists.
const feedLimit = 60

// Network is a running set of sample publishers.
type Network struct {
	now    func() time.Time
	log    *slog.Logger
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex // guards everything below and every site's items
	sites   []*site
	reserve []*articleSpec
	briefs  int // briefs generated so far; makes each one unique
	seq     int // release order, breaks ties between equal times
}

// Start parses the sample content, opens one listener per publisher and
// starts the release ticker. The servers are accepting when it returns;
// they stop when ctx ends or Close is called.
func Start(ctx context.Context, opts Options) (*Network, error) {
	opts = opts.withDefaults()
	pubs, err := loadContent()
	if err != nil {
		return nil, fmt.Errorf("start demo network: %w", err)
	}
	n := &Network{now: opts.Now, log: opts.Logger}
	var lc net.ListenConfig
	for i, p := range pubs {
		addr := "127.0.0.1:0"
		if opts.BasePort != 0 {
			addr = "127.0.0.1:" + strconv.Itoa(opts.BasePort+i)
		}
		ln, err := lc.Listen(ctx, "tcp", addr)
		if err != nil {
			n.closeListeners()
			return nil, fmt.Errorf("start demo publisher %s: listen on %s: %w", p.Slug, addr, err)
		}
		n.sites = append(n.sites, newSite(n, p, ln))
	}
	n.seed(pubs)
	ctx, n.cancel = context.WithCancel(ctx)
	for _, s := range n.sites {
		n.wg.Go(func() { n.serve(s) })
	}
	n.wg.Go(func() { n.shutdownOnDone(ctx) })
	if opts.ReleaseEvery > 0 {
		n.wg.Go(func() { n.tick(ctx, opts.ReleaseEvery, opts.ReleaseCount) })
	}
	n.log.Info("demo network started", "publishers", len(n.sites))
	return n, nil
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ReleaseEvery == 0 {
		o.ReleaseEvery = time.Minute
	}
	if o.ReleaseCount <= 0 {
		o.ReleaseCount = 3
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// seed publishes the initial articles, spread over the days before now,
// and queues the reserve so that releases rotate between publishers.
func (n *Network) seed(pubs []*publisherSpec) {
	now := n.now()
	var queues [][]*articleSpec
	for i, p := range pubs {
		var held []*articleSpec
		for _, a := range p.Articles {
			if a.Reserve {
				held = append(held, a)
				continue
			}
			n.sites[i].add(a, now.Add(-ageOf(a)), n.nextSeq())
		}
		queues = append(queues, held)
	}
	for more := true; more; {
		more = false
		for i, q := range queues {
			if len(q) > 0 {
				n.reserve = append(n.reserve, q[0])
				queues[i], more = q[1:], true
			}
		}
	}
	for _, s := range n.sites {
		s.sortItems()
	}
}

// ageOf is the article's age at Start, nudged by a few minutes derived from
// its slug so that times do not all fall on the hour.
func ageOf(a *articleSpec) time.Duration {
	h := fnv.New32a()
	h.Write([]byte(a.Publisher.Slug + "/" + a.Slug))
	jitter := time.Duration(h.Sum32()%47) * time.Minute
	return time.Duration(a.Hours*float64(time.Hour)) + jitter
}

func (n *Network) nextSeq() int {
	n.seq++
	return n.seq
}

// Publishers lists the sample publishers in a stable order.
func (n *Network) Publishers() []Publisher {
	out := make([]Publisher, len(n.sites))
	for i, s := range n.sites {
		out[i] = s.pub
	}
	return out
}

// Release publishes k articles now: reserved ones first, then generated
// briefs, so it always releases k (or none when k <= 0).
func (n *Network) Release(k int) int {
	if k <= 0 {
		return 0
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	now := n.now()
	for range k {
		var a *articleSpec
		if len(n.reserve) > 0 {
			a, n.reserve = n.reserve[0], n.reserve[1:]
		} else {
			n.briefs++
			a = n.brief(n.briefs, now)
		}
		s := n.siteOf(a.Publisher)
		s.add(a, now, n.nextSeq())
		s.sortItems()
		n.log.Debug("demo article released", "publisher", s.pub.Slug, "slug", a.Slug)
	}
	return k
}

func (n *Network) siteOf(p *publisherSpec) *site {
	for _, s := range n.sites {
		if s.spec == p {
			return s
		}
	}
	panic("demo: article of unknown publisher " + p.Slug) // a bug in this package
}

func (n *Network) tick(ctx context.Context, every time.Duration, count int) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n.Release(count)
		}
	}
}

func (n *Network) serve(s *site) {
	if err := s.srv.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		n.log.Error("demo publisher stopped serving", "publisher", s.pub.Slug, "err", err)
	}
}

// shutdownOnDone stops every server once ctx ends, giving open requests a
// moment to finish.
func (n *Network) shutdownOnDone(ctx context.Context) {
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	for _, s := range n.sites {
		if err := s.srv.Shutdown(sctx); err != nil {
			s.srv.Close()
		}
	}
}

func (n *Network) closeListeners() {
	for _, s := range n.sites {
		s.ln.Close()
	}
}

// Close stops the ticker and the servers and waits for them.
func (n *Network) Close() error {
	n.cancel()
	n.wg.Wait()
	return nil
}
