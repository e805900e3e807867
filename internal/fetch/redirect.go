package fetch

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// redirectTrace rides in the request context so checkRedirect, which the
// http.Client shares across requests, can report back to one Get.
type redirectTrace struct {
	permanent string // where an unbroken chain of 301/308 from the start led
	broken    bool   // a temporary redirect came first: later hops say nothing about the original URL
}

type redirectTraceKey struct{}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("stopped after %d redirects (a redirect loop?)", c.opts.MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("refusing a redirect to a %q URL", req.URL.Scheme)
	}
	trace, _ := req.Context().Value(redirectTraceKey{}).(*redirectTrace)
	if trace == nil || trace.broken || req.Response == nil {
		return nil
	}
	switch req.Response.StatusCode {
	case http.StatusMovedPermanently, http.StatusPermanentRedirect:
		trace.permanent = req.URL.String()
	default:
		trace.broken = true
	}
	return nil
}

// maxRetryAfter caps what a server may ask for, so a typo cannot park a source for years.
const maxRetryAfter = 7 * 24 * time.Hour

// parseRetryAfter reads delay-seconds or an HTTP date; anything else is 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}
