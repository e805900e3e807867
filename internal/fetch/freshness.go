package fetch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxFreshFor caps what a server may claim, so a year-long max-age cannot
// park a feed; the scheduler caps it again at its own maximum interval.
const maxFreshFor = 7 * 24 * time.Hour

// freshFor is how long a response stays fresh by its own headers (RFC 9111
// section 4.2.1): max-age, else s-maxage, else Expires minus Date, less the
// Age it already spent in caches. no-cache and no-store mean 0: the server
// wants us to ask every time, which the scheduler bounds by its minimum.
func freshFor(h http.Header, now time.Time) time.Duration {
	var maxAge, sMaxAge time.Duration = -1, -1
	for _, line := range h.Values("Cache-Control") {
		for _, part := range strings.Split(line, ",") {
			name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
			value = strings.Trim(strings.TrimSpace(value), `"`)
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "no-cache", "no-store":
				return 0
			case "max-age":
				maxAge = parseDeltaSeconds(value)
			case "s-maxage":
				sMaxAge = parseDeltaSeconds(value)
			}
		}
	}
	fresh := maxAge
	if fresh < 0 {
		fresh = sMaxAge
	}
	if fresh < 0 {
		fresh = expiresIn(h, now)
	}
	if fresh <= 0 {
		return 0
	}
	if age := parseDeltaSeconds(h.Get("Age")); age > 0 {
		fresh -= age
	}
	return min(max(fresh, 0), maxFreshFor)
}

// expiresIn reads Expires against the response's Date (or now without one);
// an invalid Expires means already expired, as RFC 9111 says.
func expiresIn(h http.Header, now time.Time) time.Duration {
	v := h.Get("Expires")
	if v == "" {
		return -1
	}
	exp, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	date := now
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		date = d
	}
	return exp.Sub(date)
}

// parseDeltaSeconds reads a non-negative count of seconds; -1 when invalid.
func parseDeltaSeconds(v string) time.Duration {
	secs, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || secs < 0 {
		return -1
	}
	if secs > int64(maxFreshFor/time.Second) {
		return maxFreshFor
	}
	return time.Duration(secs) * time.Second
}
