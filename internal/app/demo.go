package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// DemoOptions tunes `newsdesk demo`.
type DemoOptions struct {
	// Dir keeps the database between runs; empty uses a temporary
	// directory removed at exit.
	Dir string
	// PublisherPort puts the sample publishers on fixed ports from this
	// one up, so that a kept database finds them again; 0 picks free
	// ports, or 18101 when Dir is set; negative always picks free ports.
	PublisherPort int
	Out           io.Writer
	// ReleaseEvery is how often the sample network publishes new articles.
	ReleaseEvery time.Duration
	// Ready, when set, is called with the site's URL once the first
	// ingest pass is in (tests use it instead of parsing Out).
	Ready func(siteURL string)
}

// demoPollInterval is short so that articles the sample network releases
// every minute reach the site within a minute.
const demoPollInterval = 20 * time.Second

// demoTick is how often the demo looks for due sources.
const demoTick = time.Second

// Demo starts the sample publisher network on loopback, registers its
// publishers as sources, runs a first ingest pass through the real
// pipeline and serves the site until ctx is done, polling for new articles.
func Demo(ctx context.Context, cfg config.Config, log *slog.Logger, opts DemoOptions) error {
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	dir := opts.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "newsdesk-demo-")
		if err != nil {
			return fmt.Errorf("create a temporary directory for the demo database: %w (set --dir)", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create demo directory: %w", err)
		}
		if opts.PublisherPort == 0 {
			opts.PublisherPort = 18101
		}
	}
	cfg.DB = filepath.Join(dir, "newsdesk.db")
	// The sample publishers live on loopback, which the fetcher refuses
	// unless told otherwise; the demo says so explicitly.
	cfg.AllowPrivateNetworks = true
	cfg.PollInterval = min(cfg.PollInterval, demoPollInterval)
	cfg.PollMin = min(cfg.PollMin, cfg.PollInterval)
	cfg.PollMax = min(cfg.PollMax, demoPollInterval)
	cfg.MaxBackoff = max(cfg.MaxBackoff, cfg.PollInterval)
	cfg.HostGap = min(cfg.HostGap, 50*time.Millisecond)

	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	network, err := demo.Start(ctx, demo.Options{ReleaseEvery: opts.ReleaseEvery, Logger: log, BasePort: max(opts.PublisherPort, 0)})
	if err != nil {
		ln.Close()
		return err
	}
	defer network.Close()

	st, err := OpenStore(ctx, cfg)
	if err != nil {
		ln.Close()
		return err
	}
	defer st.Close()
	if err := registerDemoSources(ctx, st, network.Publishers()); err != nil {
		ln.Close()
		return err
	}
	site, err := NewSite(cfg, st, log)
	if err != nil {
		ln.Close()
		return err
	}
	in := NewIngester(cfg, st, NewFetcher(cfg), log)
	in.SetTick(demoTick)
	if err := in.LoadStories(ctx); err != nil {
		ln.Close()
		return err
	}

	fmt.Fprintf(opts.Out, "Newsdesk demo: %d sample publishers (fictional content) on loopback; database %s\n", len(network.Publishers()), cfg.DB)
	sources, err := st.ListSources(ctx)
	if err != nil {
		ln.Close()
		return fmt.Errorf("list sources: %w", err)
	}
	for _, r := range in.RefreshAll(ctx, sources, nil) {
		fmt.Fprintf(opts.Out, "  %s\n", r)
	}
	siteURL := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(opts.Out, "The site is ready at %s (new sample articles arrive every minute; Ctrl+C stops)\n", siteURL)
	if opts.Ready != nil {
		opts.Ready(siteURL)
	}
	return runSiteAndIngest(ctx, ln, site, in, log, warmSearch(st))
}

// registerDemoSources adds each sample publisher as a source, leaving
// alone those a kept database already has.
func registerDemoSources(ctx context.Context, st store.Store, pubs []demo.Publisher) error {
	now := time.Now().UTC()
	for _, p := range pubs {
		policy, err := model.ParsePolicy(p.Policy)
		if err != nil {
			return fmt.Errorf("demo publisher %s: %w", p.Name, err)
		}
		_, err = st.AddSource(ctx, model.Source{
			Name: p.Name, SiteURL: p.SiteURL, FeedURL: p.FeedURL, Section: p.Section, Policy: policy,
			LicenseName: p.LicenseName, LicenseURL: p.LicenseURL, CreatedAt: now,
			Poll: model.PollState{NextCheckAt: now},
		})
		if err != nil && !errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("register demo publisher %s: %w", p.Name, err)
		}
	}
	return nil
}
