package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/websub"
)

// FeedStorer stores a feed body as a source's articles; *ingest.Ingester is one.
type FeedStorer interface {
	StoreFeedAs(ctx context.Context, src model.Source, body []byte, contentType string) (ingest.Report, error)
}

// WebSubOptions is what StartWebSub wires together.
type WebSubOptions struct {
	Config        config.Config // PublicURL empty: WebSub is off
	Store         store.Store
	Subscriptions websub.Store   // the same database; see SubscriptionStore
	Fetcher       ingest.Fetcher // reads feeds to find the hubs they name
	Ingester      FeedStorer     // stores pushed feeds
	HubClient     websub.HTTPDoer
	Logger        *slog.Logger
	RenewEvery    time.Duration // how often leases are checked; default 30m
	SweepEvery    time.Duration // how often unsubscribed sources are checked for a hub; default 24h
}

// WebSub is WebSub wired into a running site: the callback handler and the
// background loop that subscribes and renews.
type WebSub struct {
	opts       WebSubOptions
	subscriber *websub.Subscriber
	handler    http.Handler
	log        *slog.Logger
}

// SubscriptionStore returns st's WebSub subscriptions when its
// implementation keeps them (store/sqlite does).
func SubscriptionStore(st store.Store) (websub.Store, bool) {
	subs, ok := st.(websub.Store)
	return subs, ok
}

// StartWebSub builds the WebSub wiring; it returns nil, nil when
// cfg.PublicURL is empty, because hubs could not reach a callback.
func StartWebSub(opts WebSubOptions) (*WebSub, error) {
	if opts.Config.PublicURL == "" {
		return nil, nil
	}
	if opts.Store == nil || opts.Subscriptions == nil || opts.Fetcher == nil || opts.Ingester == nil {
		return nil, errors.New("websub: Store, Subscriptions, Fetcher and Ingester are required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.HubClient == nil {
		opts.HubClient = newHubClient(opts.Config)
	}
	if opts.RenewEvery <= 0 {
		opts.RenewEvery = 30 * time.Minute
	}
	if opts.SweepEvery <= 0 {
		opts.SweepEvery = 24 * time.Hour
	}
	wopts := websub.Options{
		PublicURL: opts.Config.PublicURL,
		Store:     opts.Subscriptions,
		Client:    opts.HubClient,
		UserAgent: opts.Config.UserAgent,
		Logger:    opts.Logger,
	}
	sub, err := websub.NewSubscriber(wopts)
	if err != nil {
		return nil, err
	}
	ws := &WebSub{opts: opts, subscriber: sub, log: opts.Logger}
	h, err := websub.NewHandler(wopts, ws.receive)
	if err != nil {
		return nil, err
	}
	ws.handler = h
	return ws, nil
}

// Handler answers hubs at /websub/{id}; mount it at "/websub/".
func (ws *WebSub) Handler() http.Handler { return ws.handler }

// receive stores a verified push as the source's feed.
func (ws *WebSub) receive(ctx context.Context, sourceID int64, body []byte, contentType string) error {
	src, err := ws.opts.Store.GetSource(ctx, sourceID)
	if err != nil {
		return fmt.Errorf("push for source %d: %w", sourceID, err)
	}
	rep, err := ws.opts.Ingester.StoreFeedAs(ctx, src, body, contentType)
	if err != nil {
		return fmt.Errorf("push for source %d: %w", sourceID, err)
	}
	ws.log.Info("websub push stored", "source_id", sourceID, "created", rep.Created, "updated", rep.Updated)
	return nil
}

// Ensure subscribes sourceID to hub for topic (the feed's rel=self, else
// its URL) unless a subscription for the same hub and topic already stands:
// active and pending ones renew themselves, denied ones wait for an operator.
// The ingest path calls it after a successful refresh of a feed naming a hub.
func (ws *WebSub) Ensure(ctx context.Context, sourceID int64, hub, topic string) error {
	if hub == "" || topic == "" {
		return nil
	}
	cur, err := ws.opts.Subscriptions.GetSubscription(ctx, sourceID)
	if err == nil && cur.Hub == hub && cur.Topic == topic {
		return nil
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("websub for source %d: %w", sourceID, err)
	}
	return ws.subscriber.Subscribe(ctx, sourceID, hub, topic)
}

// Unsubscribe tells the source's hub to stop; call it before removing a source.
func (ws *WebSub) Unsubscribe(ctx context.Context, sourceID int64) error {
	return ws.subscriber.Unsubscribe(ctx, sourceID)
}

// Run sweeps sources for hubs at once and then every SweepEvery, and
// renews due leases every RenewEvery, until ctx is done.
func (ws *WebSub) Run(ctx context.Context) error {
	renew := time.NewTicker(ws.opts.RenewEvery)
	defer renew.Stop()
	sweep := time.NewTicker(ws.opts.SweepEvery)
	defer sweep.Stop()
	ws.Sweep(ctx)
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-sweep.C:
			ws.Sweep(ctx)
		case <-renew.C:
		}
		if n, err := ws.subscriber.RenewDue(ctx, time.Now()); err != nil && ctx.Err() == nil {
			ws.log.Warn("websub renewal", "renewed", n, "error", err)
		}
	}
}

// Sweep reads the feed of every source without a subscription and
// subscribes to the hub it names. Failures are logged: the next sweep or
// refresh tries again.
func (ws *WebSub) Sweep(ctx context.Context) {
	sources, err := ws.opts.Store.ListSources(ctx)
	if err != nil {
		ws.log.Error("websub sweep: list sources", "error", err)
		return
	}
	for _, src := range sources {
		if ctx.Err() != nil {
			return
		}
		if _, err := ws.opts.Subscriptions.GetSubscription(ctx, src.ID); !errors.Is(err, store.ErrNotFound) {
			continue
		}
		hub, topic, err := ws.hubOf(ctx, src)
		if err != nil {
			ws.log.Debug("websub sweep: read feed", "source_id", src.ID, "error", err)
			continue
		}
		if err := ws.Ensure(ctx, src.ID, hub, topic); err != nil {
			ws.log.Warn("websub subscribe", "source_id", src.ID, "hub", hub, "error", err)
		}
	}
}

// hubOf fetches a source's feed and returns the hub and topic it names.
func (ws *WebSub) hubOf(ctx context.Context, src model.Source) (string, string, error) {
	resp, err := ws.opts.Fetcher.Get(ctx, src.FeedURL, fetch.Conditional{})
	if err != nil {
		return "", "", err
	}
	parsed, err := feed.ParseWithContentType(resp.Body, resp.URL, resp.ContentType)
	if err != nil {
		return "", "", err
	}
	return parsed.HubURL, WebSubTopic(parsed, src.FeedURL), nil
}

// WebSubTopic is the topic to subscribe to for a parsed feed: its rel=self
// (the URL the hub knows it by), else the URL it was fetched from.
func WebSubTopic(f *feed.Feed, feedURL string) string {
	if f.SelfURL != "" {
		return f.SelfURL
	}
	return feedURL
}

// newHubClient posts to hubs with the fetcher's rules: no proxy, timeouts,
// no redirects (a subscription request is not re-sent elsewhere), and
// non-public addresses refused at dial time by fetch's own guard unless
// allowed.
func newHubClient(cfg config.Config) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	if !cfg.AllowPrivateNetworks {
		dialer.Control = fetch.GuardDial
	}
	return &http.Client{
		Timeout: cfg.FetchTimeout,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         dialer.DialContext,
			TLSHandshakeTimeout: 5 * time.Second,
			MaxIdleConnsPerHost: 1,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
