package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// ErrPrivateNetwork is wrapped by the error returned when the guard refuses to
// connect to a loopback, private, link-local, multicast or unspecified address.
var ErrPrivateNetwork = errors.New("address is on a private network")

// ErrBodyTooLarge is wrapped by the error returned when a response body,
// after decompression, exceeds Options.MaxBodyBytes.
var ErrBodyTooLarge = errors.New("response body too large")

// StatusError reports a response whose status is neither 2xx nor 304.
type StatusError struct {
	Code int
	// RetryAfter is the wait the server asked for on 429 or 503, 0 if none.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("server answered %d %s", e.Code, http.StatusText(e.Code))
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return msg
}

// privateNetworkError names the refused address and says how to allow it.
type privateNetworkError struct {
	addr string
}

func (e *privateNetworkError) Error() string {
	return fmt.Sprintf("refusing to connect to %s: it is a loopback, private or otherwise non-public address "+
		"(set --allow-private-networks or NEWSDESK_ALLOW_PRIVATE_NETWORKS=1 to allow it)", e.addr)
}

func (e *privateNetworkError) Unwrap() error { return ErrPrivateNetwork }

// sizeText writes a byte count the way a reader says it: "10 MiB", "512 KiB", "300 bytes".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
