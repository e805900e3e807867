package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/sanitize"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Fetcher is the part of fetch.Client that ingest needs.
type Fetcher interface {
	Get(ctx context.Context, rawURL string, cond fetch.Conditional) (*fetch.Response, error)
}

// Options configures an Ingester.
type Options struct {
	Fetcher      Fetcher
	Sections     []model.Section
	PollInterval time.Duration // after a source's first success, and the base of error backoff
	PollMin      time.Duration // shortest interval after a success; default PollInterval
	PollMax      time.Duration // longest interval after a success; default max(PollInterval, PollMin)
	MaxBackoff   time.Duration // cap of the wait after errors
	PauseAfter   time.Duration // a source failing this long is paused; 0 never pauses
	Workers      int           // sources refreshed at once
	Tick         time.Duration // how often Run looks for due sources; default 5s
	Now          func() time.Time
	Logger       *slog.Logger
	// ReadPages: for new or changed items whose feed gives only a summary,
	// read the article's page (robots.txt permitting) and keep its text.
	ReadPages bool
	// Stories: place each new article in a story and recognise syndicated
	// copies (call LoadStories first so the memory survives restarts).
	Stories bool
	// StoryWindow is how many recent articles stories and duplicate
	// detection remember (default 20,000).
	StoryWindow int
	// OnFeed, when set, is called after each successful refresh that read
	// a feed (not a 304), with the parsed feed; WebSub uses it to find hubs.
	OnFeed func(ctx context.Context, src model.Source, f *feed.Feed)
}

// Ingester refreshes sources into a store.
type Ingester struct {
	store     store.Store
	fetcher   Fetcher
	sanitizer *sanitize.Sanitizer
	sections  sectionIndex
	stories   *storyDesk // nil unless Options.Stories
	opts      Options
	log       *slog.Logger
}

// New returns an Ingester; Options.Fetcher is required.
func New(st store.Store, opts Options) *Ingester {
	if opts.PollInterval <= 0 {
		opts.PollInterval = 15 * time.Minute
	}
	if opts.PollMin <= 0 {
		opts.PollMin = opts.PollInterval
	}
	if opts.PollMax < opts.PollMin {
		opts.PollMax = max(opts.PollInterval, opts.PollMin)
	}
	if opts.MaxBackoff < opts.PollInterval {
		opts.MaxBackoff = opts.PollInterval
	}
	if opts.Workers <= 0 {
		opts.Workers = 4
	}
	if opts.Tick <= 0 {
		opts.Tick = 5 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	in := &Ingester{
		store:     st,
		fetcher:   opts.Fetcher,
		sanitizer: sanitize.New(),
		sections:  newSectionIndex(opts.Sections),
		opts:      opts,
		log:       log,
	}
	if opts.Stories {
		if in.opts.StoryWindow <= 0 {
			in.opts.StoryWindow = defaultStoryWindow
		}
		in.stories = newStoryDesk(in.opts.StoryWindow)
	}
	return in
}

// Report says what one refresh of a source did.
type Report struct {
	SourceID    int64
	SourceName  string
	NotModified bool // the feed had not changed since the last check
	Items       int  // items in the feed
	Created     int
	Updated     int
	Unchanged   int
	Skipped     int   // items that could not become articles
	Err         error // why the refresh failed; nil on success
	Duration    time.Duration
}

// String is the one-line summary `newsdesk fetch` prints.
func (r Report) String() string {
	switch {
	case r.Err != nil:
		return fmt.Sprintf("%s: failed: %v", r.SourceName, r.Err)
	case r.NotModified:
		return fmt.Sprintf("%s: not modified since last check", r.SourceName)
	}
	s := fmt.Sprintf("%s: %d items, %d new, %d updated, %d unchanged", r.SourceName, r.Items, r.Created, r.Updated, r.Unchanged)
	if r.Skipped > 0 {
		s += fmt.Sprintf(", %d skipped", r.Skipped)
	}
	return s
}

// Refresh fetches one source, stores its items and records the outcome on
// the source. A failure is recorded on the source and returned in the
// report; it never affects other sources.
func (in *Ingester) Refresh(ctx context.Context, src model.Source) Report {
	start := in.opts.Now()
	log := in.log.With("source_id", src.ID, "feed_url", src.FeedURL)
	rep := Report{SourceID: src.ID, SourceName: src.Name}

	state := src.Poll
	state.LastCheckAt = start.UTC()
	resp, err := in.fetcher.Get(ctx, src.FeedURL, fetch.Conditional{ETag: src.Poll.ETag, LastModified: src.Poll.LastModified})
	var feedHint time.Duration
	var parsed *feed.Feed
	if err == nil && resp.NotModified {
		rep.NotModified = true
	} else if err == nil {
		parsed, err = in.storeFeed(ctx, src, resp.Body, resp.URL, resp.ContentType, &rep)
		if err == nil {
			state.ETag, state.LastModified = resp.ETag, resp.LastModified
			feedHint = max(parsed.TTL, parsed.UpdatePeriod)
		}
	}

	now := in.opts.Now()
	if err != nil && ctx.Err() != nil {
		// Shutting down: the check did not really happen, so leave the
		// source's state as it was.
		rep.Err = ctx.Err()
		return rep
	}
	if err != nil {
		rep.Err = err
		in.recordFailure(&state, src, now, err)
		log.Warn("refresh failed", "error", err, "errors_in_a_row", state.ErrorCount,
			"next_check", state.NextCheckAt, "paused", state.Paused)
	} else {
		out := checkOutcome{now: now, newItems: rep.Created, changed: rep.Created+rep.Updated > 0,
			hint: max(resp.FreshFor, feedHint)}
		state.ErrorCount, state.LastError, state.FailingSince = 0, "", time.Time{}
		state.NextCheckAt = afterSuccess(&state, out, bounds{first: in.opts.PollInterval, min: in.opts.PollMin, max: in.opts.PollMax})
		state.LastSuccessAt = now.UTC()
		in.followRedirect(ctx, &state, src, resp.PermanentRedirect, log)
		log.Debug("refreshed", "items", rep.Items, "created", rep.Created, "updated", rep.Updated,
			"items_per_day", state.ItemsPerDay, "next_check", state.NextCheckAt)
	}
	if err == nil && parsed != nil && in.opts.OnFeed != nil {
		in.opts.OnFeed(ctx, src, parsed)
	}
	rep.Duration = now.Sub(start)
	// The poll state is saved with a context of its own so that a refresh
	// finishing as shutdown begins still records what it did.
	saveCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if serr := in.store.SavePollState(saveCtx, src.ID, state); serr != nil {
		log.Error("save poll state", "error", serr)
		if rep.Err == nil {
			rep.Err = fmt.Errorf("save poll state: %w", serr)
		}
	}
	return rep
}

// storeFeed parses a feed body (the HTTP Content-Type, when known, takes
// part in choosing its charset) and stores each item in its own
// transaction. It returns the parsed feed.
func (in *Ingester) storeFeed(ctx context.Context, src model.Source, body []byte, feedURL, contentType string, rep *Report) (*feed.Feed, error) {
	if feedURL == "" {
		feedURL = src.FeedURL
	}
	f, err := feed.ParseWithContentType(body, feedURL, contentType)
	if err != nil {
		return nil, err
	}
	rep.Items = len(f.Items)
	norm := normalizer{sanitizer: in.sanitizer, sections: in.sections, now: in.opts.Now()}
	for _, it := range f.Items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, skip := norm.article(src, f, it)
		if skip != "" {
			rep.Skipped++
			in.log.Debug("item skipped", "source_id", src.ID, "reason", skip)
			continue
		}
		// An item the feed describes as before needs no work at all: no
		// page fetch, no write transaction.
		if old, err := in.store.ArticleFeedHash(ctx, src.ID, a.GUID); err == nil && old == a.FeedHash {
			rep.Unchanged++
			continue
		} else if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("look up item %q: %w", a.GUID, err)
		}
		if in.wantsPage(src, a) {
			in.fillFromPage(ctx, src, &a)
		}
		res, err := in.store.UpsertPlacedArticle(ctx, a, in.placer(a))
		if err != nil {
			return nil, fmt.Errorf("store item %q: %w", a.GUID, err)
		}
		switch {
		case res.Created:
			rep.Created++
		case res.Updated:
			rep.Updated++
		default:
			rep.Unchanged++
		}
	}
	return f, nil
}

// StoreFeed runs everything after the fetch (parse, normalise, sanitise,
// dedupe, store) on a feed body. Benchmarks and imports use it.
func (in *Ingester) StoreFeed(ctx context.Context, src model.Source, body []byte) (Report, error) {
	return in.StoreFeedAs(ctx, src, body, "")
}

// StoreFeedAs is StoreFeed for a body that came with an HTTP Content-Type,
// such as a WebSub push.
func (in *Ingester) StoreFeedAs(ctx context.Context, src model.Source, body []byte, contentType string) (Report, error) {
	rep := Report{SourceID: src.ID, SourceName: src.Name}
	_, err := in.storeFeed(ctx, src, body, src.FeedURL, contentType, &rep)
	rep.Err = err
	return rep, err
}

// RefreshAll refreshes the given sources with at most Options.Workers at
// once, calls progress (serialised) after each, and returns the reports in
// the order of sources.
func (in *Ingester) RefreshAll(ctx context.Context, sources []model.Source, progress func(Report)) []Report {
	reports := make([]Report, len(sources))
	jobs := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range min(in.opts.Workers, len(sources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rep := in.Refresh(ctx, sources[i])
				mu.Lock()
				reports[i] = rep
				if progress != nil {
					progress(rep)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range sources {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return reports
}

// RefreshDue refreshes every source whose next check is due now.
func (in *Ingester) RefreshDue(ctx context.Context, progress func(Report)) ([]Report, error) {
	due, err := in.store.DueSources(ctx, in.opts.Now(), 1000)
	if err != nil {
		return nil, fmt.Errorf("list due sources: %w", err)
	}
	return in.RefreshAll(ctx, due, progress), nil
}

// SetOnFeed sets Options.OnFeed; call it before Run.
func (in *Ingester) SetOnFeed(fn func(ctx context.Context, src model.Source, f *feed.Feed)) {
	in.opts.OnFeed = fn
}

// SetTick changes how often Run looks for due sources; call it before Run.
func (in *Ingester) SetTick(d time.Duration) {
	if d > 0 {
		in.opts.Tick = d
	}
}

// Run refreshes due sources every Tick until ctx is done, and returns once
// the refreshes in flight have finished.
func (in *Ingester) Run(ctx context.Context) error {
	t := time.NewTicker(in.opts.Tick)
	defer t.Stop()
	for {
		if _, err := in.RefreshDue(ctx, nil); err != nil && ctx.Err() == nil {
			in.log.Error("scheduler pass failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
