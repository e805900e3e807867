package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/web"
)

// NewSite builds the public site's handler.
func NewSite(cfg config.Config, st store.Store, log *slog.Logger) (http.Handler, error) {
	loc, err := cfg.Location()
	if err != nil {
		return nil, err
	}
	social := make([]web.Link, 0, len(cfg.Social))
	for _, l := range cfg.Social {
		social = append(social, web.Link{Name: l.Name, URL: l.URL})
	}
	return web.New(web.Options{
		Store:    st,
		SiteName: cfg.SiteName,
		Tagline:  cfg.Tagline,
		Location: loc,
		Sections: cfg.Sections,
		Social:   social,
		Logger:   log,
		PageSize: cfg.PageSize,

		ListCopies:   cfg.Copies == "list",
		PageCacheTTL: cfg.PageCacheTTL,
	})
}

// Serve runs the site and the ingest scheduler on one database until ctx
// is done, then shuts both down gracefully.
func Serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		ln.Close()
		return err
	}
	defer st.Close()
	site, err := NewSite(cfg, st, log)
	if err != nil {
		ln.Close()
		return err
	}
	fetcher := NewFetcher(cfg)
	in := NewIngester(cfg, st, fetcher, log)
	if err := in.LoadStories(ctx); err != nil {
		ln.Close()
		return err
	}
	handler, loops, err := withWebSub(cfg, st, fetcher, in, site, log)
	if err != nil {
		ln.Close()
		return err
	}
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "db", cfg.DB, "websub", cfg.PublicURL != "")
	return runSiteAndIngest(ctx, ln, handler, in, log, append(loops, warmSearch(st))...)
}

// warmSearch opens the store's search index and brings it up to date at
// start, so the first reader's search does not wait for it (a database
// from before the index, or one whose index was lost, is indexed now).
// Searches made meanwhile are answered "not ready" rather than kept
// waiting while a large index is filled.
func warmSearch(st store.Store) func(context.Context) error {
	return func(ctx context.Context) error {
		if err := waitForSearch(ctx, st); err != nil && ctx.Err() == nil {
			return fmt.Errorf("open the search index: %w", err)
		}
		return nil
	}
}

// waitForSearch opens the store's search index and waits until it is up
// to date, a fill from the articles included, for a store that has one.
func waitForSearch(ctx context.Context, st store.Store) error {
	w, ok := st.(interface{ WarmSearch(context.Context) error })
	if !ok {
		return nil
	}
	return w.WarmSearch(ctx)
}

// withWebSub mounts the WebSub callback beside the site and hooks hub
// discovery into ingest when a public URL is configured; otherwise it
// returns the site unchanged. The callback stays outside the site's
// handler so that no page cache ever sees it.
func withWebSub(cfg config.Config, st store.Store, fetcher *fetch.Client, in *ingest.Ingester, site http.Handler, log *slog.Logger) (http.Handler, []func(context.Context) error, error) {
	subs, ok := SubscriptionStore(st)
	if cfg.PublicURL == "" || !ok {
		return site, nil, nil
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ws, err := StartWebSub(WebSubOptions{Config: cfg, Store: st, Subscriptions: subs, Fetcher: fetcher, Ingester: in, Logger: log})
	if err != nil {
		return nil, nil, fmt.Errorf("websub: %w", err)
	}
	in.SetOnFeed(func(ctx context.Context, src model.Source, f *feed.Feed) {
		if f.HubURL == "" {
			return
		}
		if err := ws.Ensure(ctx, src.ID, f.HubURL, WebSubTopic(f, src.FeedURL)); err != nil {
			log.Warn("websub subscribe", "source_id", src.ID, "hub", f.HubURL, "error", err)
		}
	})
	mux := http.NewServeMux()
	mux.Handle("/websub/", ws.Handler())
	mux.Handle("/", site)
	return mux, []func(context.Context) error{ws.Run}, nil
}

// runSiteAndIngest serves site on ln and runs the ingest loop until ctx is
// done or the server fails; it returns after both have stopped.
func runSiteAndIngest(ctx context.Context, ln net.Listener, site http.Handler, in *ingest.Ingester, log *slog.Logger, loops ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{
		Handler:           site,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := in.Run(ctx); err != nil {
			log.Error("ingest loop stopped", "error", err)
		}
	}()
	for _, loop := range loops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := loop(ctx); err != nil && ctx.Err() == nil {
				log.Error("background loop stopped", "error", err)
			}
		}()
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-serveErr:
		err = fmt.Errorf("site server: %w", err)
	}
	cancel()
	shutdownCtx, stop := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer stop()
	if serr := srv.Shutdown(shutdownCtx); serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		log.Warn("site shutdown", "error", serr)
	}
	if err == nil {
		if serr := <-serveErr; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
			err = serr
		}
	}
	wg.Wait()
	return err
}
