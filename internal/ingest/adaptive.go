package ingest

import (
	"math"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
)

// Adaptive polling. The interval after a success aims at the expected
// time to one new item, from an estimate of the source's publishing rate,
// and stays within [PollMin, PollMax]. What the publisher says about its
// own freshness (Cache-Control, Expires, RSS <ttl>, sy:updatePeriod) is a
// floor: checking sooner would only fetch what a cache may still serve.
const (
	// rateTimeConstant is how quickly old observations of the publishing
	// rate fade: an observation a day old weighs 1/e of a new one.
	rateTimeConstant = 24 * time.Hour
	// minRateWeight keeps observations from frequent polls from being
	// drowned out, so that a busy feed is noticed within a few checks.
	minRateWeight = 0.3
	// quietGrowth lengthens the interval after a 304 or an unchanged
	// feed: gradually, so one quiet check does not park a busy source.
	quietGrowth = 1.5
)

// checkOutcome is what a successful check observed.
type checkOutcome struct {
	now      time.Time
	newItems int           // articles created by this check
	changed  bool          // anything created or updated
	hint     time.Duration // the publisher's own freshness: max of FreshFor, TTL, update period
}

// bounds are the configured limits of the interval after a success.
type bounds struct {
	first, min, max time.Duration
}

// afterSuccess updates the rate estimate and the interval of a state whose
// previous success (if any) is still in it, and returns the next check.
func afterSuccess(state *model.PollState, out checkOutcome, b bounds) time.Time {
	prevSuccess := state.LastSuccessAt
	prevInterval := state.Interval
	if prevInterval <= 0 {
		prevInterval = b.first
	}
	var next time.Duration
	if prevSuccess.IsZero() {
		// The first import says nothing about the rate: the feed's whole
		// backlog arrives at once.
		next = b.first
	} else {
		state.ItemsPerDay = updatedRate(state.ItemsPerDay, out.newItems, out.now.Sub(prevSuccess))
		next = rateInterval(state.ItemsPerDay, b.max)
		if !out.changed {
			// Gradually, whatever the estimate says: a busy feed with one
			// quiet hour, or a new source not yet seen to publish, should
			// not jump to the longest interval.
			next = time.Duration(float64(prevInterval) * quietGrowth)
		}
	}
	next = max(next, out.hint)
	next = min(max(next, b.min), b.max)
	state.Interval = next
	return out.now.Add(next).UTC()
}

// updatedRate folds newItems seen over elapsed into an exponentially
// weighted rate in items per day, weighting by the time observed.
func updatedRate(rate float64, newItems int, elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return rate
	}
	days := elapsed.Hours() / 24
	sample := float64(newItems) / days
	w := max(1-math.Exp(-float64(elapsed)/float64(rateTimeConstant)), minRateWeight)
	rate = (1-w)*rate + w*sample
	if rate < 1e-3 || math.IsNaN(rate) || math.IsInf(rate, 0) {
		return 0 // below one item in three years: call it silent
	}
	return rate
}

// rateInterval is the expected time to one new item; a silent source
// gets the longest interval.
func rateInterval(itemsPerDay float64, longest time.Duration) time.Duration {
	if itemsPerDay <= 0 {
		return longest
	}
	hours := 24 / itemsPerDay
	if hours >= longest.Hours() {
		return longest
	}
	return time.Duration(hours * float64(time.Hour))
}
