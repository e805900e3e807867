package ingest

import (
	"hash/fnv"
	"strings"
	"time"
	"unicode/utf8"
)

// nextCheckAfterError backs off exponentially from the poll interval,
// capped at maxBackoff, spread by a jitter factor in [0.9, 1.1) so that
// sources failing together do not retry together, and never sooner than a
// server's Retry-After.
func nextCheckAfterError(now time.Time, errorCount int, interval, maxBackoff, retryAfter time.Duration, jitterFactor float64) time.Time {
	wait := interval
	for i := 1; i < errorCount && wait < maxBackoff; i++ {
		wait *= 2
	}
	wait = min(wait, maxBackoff)
	wait = time.Duration(float64(wait) * jitterFactor)
	if retryAfter > wait {
		wait = retryAfter
	}
	return now.Add(wait).UTC()
}

// jitter is a deterministic factor in [0.9, 1.1) per source and attempt:
// deterministic so that tests and reruns see the same schedule.
func jitter(sourceID int64, attempt int) float64 {
	h := fnv.New32a()
	var b [12]byte
	for i := range 8 {
		b[i] = byte(sourceID >> (8 * i))
	}
	for i := range 4 {
		b[8+i] = byte(attempt >> (8 * i))
	}
	h.Write(b[:])
	return 0.9 + 0.2*float64(h.Sum32()%1000)/1000
}

// plainError is the error as stored on a source: one line, bounded.
func plainError(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 500 {
		cut := 500
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
