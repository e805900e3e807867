package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// ReasonGone is the pause reason of a source whose feed answered 410.
const ReasonGone = "the publisher says the feed is gone (410)"

// redirectsToMove is how many checks in a row must see the same permanent
// redirect before the source follows it: one could be a misconfiguration
// fixed the next hour.
const redirectsToMove = 3

// recordFailure records a failed check: the error in plain words, the
// backoff (never sooner than Retry-After) and, for a feed that is gone or
// has failed for longer than PauseAfter, the pause.
func (in *Ingester) recordFailure(state *model.PollState, src model.Source, now time.Time, err error) {
	var retryAfter time.Duration
	var se *fetch.StatusError
	if errors.As(err, &se) {
		retryAfter = se.RetryAfter
	}
	if state.ErrorCount == 0 || state.FailingSince.IsZero() {
		state.FailingSince = now.UTC()
	}
	state.ErrorCount++
	state.LastError = plainError(err)
	state.NextCheckAt = nextCheckAfterError(now, state.ErrorCount, in.opts.PollInterval, in.opts.MaxBackoff, retryAfter, jitter(src.ID, state.ErrorCount))
	switch {
	case se != nil && se.Code == http.StatusGone:
		state.Paused, state.PauseReason = true, ReasonGone
	case in.opts.PauseAfter > 0 && now.Sub(state.FailingSince) >= in.opts.PauseAfter:
		state.Paused = true
		state.PauseReason = fmt.Sprintf("failing since %s (%d checks in a row); last error: %s",
			state.FailingSince.Format(time.RFC3339), state.ErrorCount, state.LastError)
	}
}

// followRedirect counts checks in a row that a permanent redirect sent to
// the same URL and, at redirectsToMove, moves the source there; if another
// source already polls that URL, this one is paused instead, naming it.
func (in *Ingester) followRedirect(ctx context.Context, state *model.PollState, src model.Source, target string, log *slog.Logger) {
	switch {
	case target == "" || target == src.FeedURL:
		state.RedirectURL, state.RedirectCount = "", 0
		return
	case target == state.RedirectURL:
		state.RedirectCount++
	default:
		state.RedirectURL, state.RedirectCount = target, 1
	}
	if state.RedirectCount < redirectsToMove {
		return
	}
	err := in.store.MoveSourceFeed(ctx, src.ID, target)
	switch {
	case err == nil:
		log.Info("feed moved permanently; source follows", "new_feed_url", target)
		// The store forgot the old URL's validators; so must the state saved next.
		state.ETag, state.LastModified = "", ""
		state.RedirectURL, state.RedirectCount = "", 0
	case errors.Is(err, store.ErrConflict):
		state.Paused = true
		state.PauseReason = fmt.Sprintf("the feed moved permanently to %s, which %s already polls", target, in.ownerOf(ctx, target))
		log.Warn("feed moved to another source's URL; paused", "new_feed_url", target)
	default:
		log.Error("move source to its new feed URL", "new_feed_url", target, "error", err)
	}
}

// ownerOf names the source whose feed URL is feedURL, for a pause reason.
func (in *Ingester) ownerOf(ctx context.Context, feedURL string) string {
	srcs, err := in.store.ListSources(ctx)
	if err == nil {
		for _, s := range srcs {
			if s.FeedURL == feedURL {
				return fmt.Sprintf("source %d (%s)", s.ID, s.Name)
			}
		}
	}
	return "another source"
}
