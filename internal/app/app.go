package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"syscall"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// NewLogger returns a text logger at the configured level.
func NewLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// OpenStore opens the configured database, creating and migrating it.
func OpenStore(ctx context.Context, cfg config.Config) (store.Store, error) {
	if !slices.Contains(search.Languages(), cfg.SearchLanguage) {
		langs := search.Languages()
		slices.Sort(langs)
		return nil, fmt.Errorf("search-language %q: use one of %s", cfg.SearchLanguage, strings.Join(langs, ", "))
	}
	st, err := sqlite.OpenWith(ctx, cfg.DB, sqlite.Options{Search: search.Options{
		Language:        cfg.SearchLanguage,
		RecencyWeight:   cfg.SearchRecency,
		RecencyHalfLife: cfg.SearchRecencyHalfLife,
	}, SearchCopies: cfg.Copies == "list"})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// NewFetcher builds the HTTP client every outside request goes through.
func NewFetcher(cfg config.Config) *fetch.Client {
	return fetch.New(fetch.Options{
		UserAgent:            cfg.UserAgent,
		Timeout:              cfg.FetchTimeout,
		MaxBodyBytes:         cfg.MaxBodyBytes,
		HostGap:              cfg.HostGap,
		MaxConcurrent:        max(cfg.Workers, 2),
		AllowPrivateNetworks: cfg.AllowPrivateNetworks,
	})
}

// NewIngester builds the ingester for a store and fetcher.
func NewIngester(cfg config.Config, st store.Store, f ingest.Fetcher, log *slog.Logger) *ingest.Ingester {
	return ingest.New(st, ingest.Options{
		Fetcher:      f,
		Sections:     cfg.Sections,
		PollInterval: cfg.PollInterval,
		PollMin:      cfg.PollMin,
		PollMax:      cfg.PollMax,
		PauseAfter:   cfg.PauseAfter,
		ReadPages:    cfg.ReadPages,
		Stories:      cfg.Stories,
		MaxBackoff:   cfg.MaxBackoff,
		Workers:      cfg.Workers,
		Logger:       log,
	})
}

// listen opens the site's address, explaining the usual failure.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use") {
			return nil, fmt.Errorf("address %s is already in use: stop the program using it or choose another with --addr", addr)
		}
		return nil, fmt.Errorf("listen on %s: %w (choose another address with --addr)", addr, err)
	}
	return ln, nil
}
