package websub

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
)

// State is where a subscription stands with its hub.
type State string

const (
	// StatePending: requested, the hub has not verified it yet.
	StatePending State = "pending"
	// StateActive: verified; pushes are accepted until LeaseExpires.
	StateActive State = "active"
	// StateDenied: the hub refused it (Reason says why, when it said).
	StateDenied State = "denied"
	// StateUnsubscribing: we asked the hub to stop; its verification of
	// the unsubscribe deletes the subscription.
	StateUnsubscribing State = "unsubscribing"
)

// Subscription is one source's subscription at its hub. There is at most
// one per source.
type Subscription struct {
	SourceID     int64
	Hub          string // the hub's URL
	Topic        string // the feed URL the hub knows (the feed's rel=self)
	Secret       string // HMAC key for pushes; never shown
	State        State
	LeaseSeconds int       // granted by the hub at verification
	LeaseExpires time.Time // zero until verified
	RequestedAt  time.Time // when we last sent a (re)subscription request
	Reason       string    // the hub's or our last error, in plain words
}

// Store keeps subscriptions. GetSubscription returns store.ErrNotFound
// when the source has none.
type Store interface {
	// SaveSubscription inserts or replaces the subscription of s.SourceID.
	SaveSubscription(ctx context.Context, s Subscription) error
	GetSubscription(ctx context.Context, sourceID int64) (Subscription, error)
	// DeleteSubscription removes it; removing a missing one is not an error.
	DeleteSubscription(ctx context.Context, sourceID int64) error
	// DueSubscriptions returns active subscriptions whose lease expires
	// at or before leaseBefore, and pending ones requested at or before
	// pendingBefore, soonest first.
	DueSubscriptions(ctx context.Context, leaseBefore, pendingBefore time.Time, limit int) ([]Subscription, error)
}

// HTTPDoer sends requests to hubs; *http.Client is one. The caller builds
// it with the same private-address guard as the feed fetcher.
type HTTPDoer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Defaults of Options.
const (
	DefaultLeaseSeconds = 10 * 24 * 60 * 60 // ten days, what most hubs grant
	DefaultRenewMargin  = 24 * time.Hour
	DefaultPendingRetry = 6 * time.Hour
	// maxLease caps what a hub grants, so that a subscription is still
	// renewed (and its hub still checked) at least once a year.
	maxLease = 366 * 24 * time.Hour
	// maxHubResponse bounds how much of a hub's answer we read for an error message.
	maxHubResponse = 4 << 10
)

// Options configures a Subscriber and a Handler.
type Options struct {
	PublicURL    string // the site as the hub reaches it; callbacks are PublicURL/websub/{sourceID}
	Store        Store
	Client       HTTPDoer // required by Subscriber only
	UserAgent    string
	LeaseSeconds int           // asked for; default DefaultLeaseSeconds
	RenewMargin  time.Duration // renew this long before expiry; default DefaultRenewMargin
	PendingRetry time.Duration // ask again when a hub has not verified in this long; default DefaultPendingRetry
	Now          func() time.Time
	Logger       *slog.Logger
}

func (o Options) withDefaults() Options {
	o.PublicURL = strings.TrimRight(o.PublicURL, "/")
	if o.LeaseSeconds <= 0 {
		o.LeaseSeconds = DefaultLeaseSeconds
	}
	if o.RenewMargin <= 0 {
		o.RenewMargin = DefaultRenewMargin
	}
	if o.PendingRetry <= 0 {
		o.PendingRetry = DefaultPendingRetry
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Subscriber sends subscription requests to hubs.
type Subscriber struct {
	opts Options
}

// NewSubscriber returns a Subscriber; PublicURL, Store and Client are required.
func NewSubscriber(opts Options) (*Subscriber, error) {
	opts = opts.withDefaults()
	if opts.Store == nil || opts.Client == nil {
		return nil, errors.New("websub: Store and Client are required")
	}
	if err := checkHTTPURL(opts.PublicURL); err != nil {
		return nil, fmt.Errorf("websub: public URL: %w", err)
	}
	return &Subscriber{opts: opts}, nil
}

// CallbackURL is where the hub reaches the subscription of sourceID.
func (s *Subscriber) CallbackURL(sourceID int64) string {
	return s.opts.PublicURL + "/websub/" + strconv.FormatInt(sourceID, 10)
}

// Subscribe asks hub to push topic to this site for sourceID. A renewal
// of the same hub and topic keeps the secret and the active state, so
// pushes signed with it stay valid while the hub verifies; anything else
// starts a new pending subscription with a fresh secret. The subscription
// is saved before the request because hubs may verify before they answer.
func (s *Subscriber) Subscribe(ctx context.Context, sourceID int64, hub, topic string) error {
	if err := checkHTTPURL(hub); err != nil {
		return fmt.Errorf("subscribe source %d at hub %q: %w", sourceID, hub, err)
	}
	if strings.TrimSpace(topic) == "" {
		return fmt.Errorf("subscribe source %d: empty topic", sourceID)
	}
	sub, err := s.opts.Store.GetSubscription(ctx, sourceID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("subscribe source %d: %w", sourceID, err)
	}
	renewal := err == nil && sub.Hub == hub && sub.Topic == topic && sub.Secret != "" &&
		(sub.State == StateActive || sub.State == StatePending)
	if !renewal {
		secret, err := newSecret()
		if err != nil {
			return fmt.Errorf("subscribe source %d: %w", sourceID, err)
		}
		sub = Subscription{SourceID: sourceID, Hub: hub, Topic: topic, Secret: secret, State: StatePending}
	}
	sub.RequestedAt = s.opts.Now().UTC()
	sub.Reason = ""
	if err := s.opts.Store.SaveSubscription(ctx, sub); err != nil {
		return fmt.Errorf("subscribe source %d: save: %w", sourceID, err)
	}
	form := url.Values{
		"hub.mode":          {"subscribe"},
		"hub.topic":         {topic},
		"hub.callback":      {s.CallbackURL(sourceID)},
		"hub.secret":        {sub.Secret},
		"hub.lease_seconds": {strconv.Itoa(s.opts.LeaseSeconds)},
	}
	if err := s.post(ctx, hub, form); err != nil {
		s.recordFailure(ctx, sourceID, err)
		return fmt.Errorf("subscribe source %d at hub %s: %w", sourceID, hub, err)
	}
	s.opts.Logger.Info("websub subscription requested", "source_id", sourceID, "hub", hub, "topic", topic, "renewal", renewal)
	return nil
}

// Unsubscribe asks the hub to stop pushing for sourceID. The subscription
// is deleted when the hub verifies the request. Without a subscription it
// does nothing.
func (s *Subscriber) Unsubscribe(ctx context.Context, sourceID int64) error {
	sub, err := s.opts.Store.GetSubscription(ctx, sourceID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("unsubscribe source %d: %w", sourceID, err)
	}
	sub.State = StateUnsubscribing
	sub.RequestedAt = s.opts.Now().UTC()
	if err := s.opts.Store.SaveSubscription(ctx, sub); err != nil {
		return fmt.Errorf("unsubscribe source %d: save: %w", sourceID, err)
	}
	form := url.Values{
		"hub.mode":     {"unsubscribe"},
		"hub.topic":    {sub.Topic},
		"hub.callback": {s.CallbackURL(sourceID)},
	}
	if err := s.post(ctx, sub.Hub, form); err != nil {
		return fmt.Errorf("unsubscribe source %d at hub %s: %w", sourceID, sub.Hub, err)
	}
	return nil
}

// RenewDue re-subscribes active subscriptions whose lease ends within the
// renew margin and pending ones the hub never verified. It returns how
// many requests were sent and the failures, joined; one hub failing does
// not stop the others.
func (s *Subscriber) RenewDue(ctx context.Context, now time.Time) (int, error) {
	due, err := s.opts.Store.DueSubscriptions(ctx, now.Add(s.opts.RenewMargin), now.Add(-s.opts.PendingRetry), 500)
	if err != nil {
		return 0, fmt.Errorf("list subscriptions due for renewal: %w", err)
	}
	var errs []error
	sent := 0
	for _, sub := range due {
		if ctx.Err() != nil {
			return sent, ctx.Err()
		}
		if err := s.Subscribe(ctx, sub.SourceID, sub.Hub, sub.Topic); err != nil {
			errs = append(errs, err)
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

// post sends form to hub and expects 2xx (WebSub says 202 Accepted; some
// hubs verify synchronously and answer 204).
func (s *Subscriber) post(ctx context.Context, hub string, form url.Values) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hub, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if s.opts.UserAgent != "" {
		req.Header.Set("User-Agent", s.opts.UserAgent)
	}
	resp, err := s.opts.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, maxHubResponse))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		text := strings.Join(strings.Fields(string(msg)), " ")
		if len(text) > 200 {
			text = text[:200]
		}
		return fmt.Errorf("hub answered %s: %s", resp.Status, text)
	}
	return nil
}

// recordFailure notes why a request failed, best effort: the error is
// returned to the caller anyway.
func (s *Subscriber) recordFailure(ctx context.Context, sourceID int64, cause error) {
	sub, err := s.opts.Store.GetSubscription(ctx, sourceID)
	if err != nil {
		return
	}
	sub.Reason = cause.Error()
	if err := s.opts.Store.SaveSubscription(ctx, sub); err != nil {
		s.opts.Logger.Warn("websub: record failure", "source_id", sourceID, "error", err)
	}
}

func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make secret: %w", err)
	}
	return hex.EncodeToString(b), nil
}

func checkHTTPURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http or https URL", raw)
	}
	return nil
}

// leaseExpiry turns granted seconds into an expiry; a missing or
// nonsensical grant counts as what we asked for, and a huge one is capped
// so that the lease is still renewed now and then.
func leaseExpiry(now time.Time, granted, asked int) time.Time {
	if granted <= 0 {
		granted = asked
	}
	d := min(time.Duration(granted)*time.Second, maxLease)
	return now.Add(d).UTC()
}
