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
	"github.com/newsdesk/newsdesk/internal/ingest"
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
	in := NewIngester(cfg, st, NewFetcher(cfg), log)
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "db", cfg.DB)
	return runSiteAndIngest(ctx, ln, site, in, log)
}

// runSiteAndIngest serves site on ln and runs the ingest loop until ctx is
// done or the server fails; it returns after both have stopped.
func runSiteAndIngest(ctx context.Context, ln net.Listener, site http.Handler, in *ingest.Ingester, log *slog.Logger) error {
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
