package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults applied by New to zero Options fields.
const (
	DefaultUserAgent      = "Newsdesk/0.1 (+https://github.com/newsdesk/newsdesk)"
	DefaultTimeout        = 20 * time.Second
	DefaultConnectTimeout = 5 * time.Second
	DefaultMaxBodyBytes   = 10 << 20
	DefaultMaxRedirects   = 10
	DefaultHostGap        = time.Second
	DefaultMaxConcurrent  = 8
)

// Options configures a Client. Zero fields take the defaults above.
type Options struct {
	UserAgent            string
	Timeout              time.Duration // total per request, body included
	ConnectTimeout       time.Duration // TCP connect, and separately the TLS handshake
	MaxBodyBytes         int64         // after decompression
	MaxRedirects         int
	HostGap              time.Duration // between requests to one host:port; negative means none
	MaxConcurrent        int           // requests in flight across all hosts
	AllowPrivateNetworks bool          // false refuses non-public addresses at dial time
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.HostGap == 0 {
		o.HostGap = DefaultHostGap
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = DefaultMaxConcurrent
	}
	return o
}

// Conditional carries the validators of a previous response for a conditional GET.
type Conditional struct{ ETag, LastModified string }

// Response is a fully read response.
type Response struct {
	URL               string // final URL after redirects
	StatusCode        int
	NotModified       bool // 304: Body is empty, keep what you had
	Body              []byte
	ContentType       string
	ETag              string
	LastModified      string
	PermanentRedirect string        // the new URL when 301/308 redirects moved the request
	RetryAfter        time.Duration // from Retry-After on 429/503, 0 if none
	// FreshFor is how long the server says the response stays fresh
	// (Cache-Control max-age or s-maxage, else Expires, less Age); 0 when
	// it says nothing or forbids caching.
	FreshFor time.Duration
	// RobotsTag is the X-Robots-Tag header (e.g. "noarchive"), joined when
	// it appears more than once.
	RobotsTag string
}

// Client is safe for concurrent use. Build it once and share it: the pacing
// and the concurrency bound only hold across requests made through one Client.
type Client struct {
	opts   Options
	http   *http.Client
	hosts  *hostPacer
	slots  chan struct{}
	robots *robotsCache
	now    func() time.Time // the clock of robots.txt expiry; tests replace it
}

// readOptions says how a response body is read: feeds fail past the body
// limit, robots.txt is cut at it, as RFC 9309 allows.
type readOptions struct {
	limit    int64 // 0: Options.MaxBodyBytes
	truncate bool
	accept   string // "" : feed types
}

var robotsRead = readOptions{limit: robotsMaxBytes, truncate: true, accept: "text/plain, */*;q=0.5"}

// New builds a Client from opts, filling zero fields with defaults.
func New(opts Options) *Client {
	opts = opts.withDefaults()
	dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivateNetworks {
		dialer.Control = GuardDial
	}
	transport := &http.Transport{
		// No proxy: a proxy would dial on our behalf and bypass the address guard.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
		// We ask for gzip and deflate ourselves and decode them ourselves, so
		// that the size limit applies to the decoded bytes.
		DisableCompression: true,
	}
	c := &Client{
		opts:   opts,
		hosts:  newHostPacer(opts.HostGap),
		slots:  make(chan struct{}, opts.MaxConcurrent),
		robots: newRobotsCache(),
		now:    time.Now,
	}
	c.http = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

// CloseIdleConnections closes kept-alive connections; call it when done with the Client.
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

// Get fetches rawURL, waiting its turn for the host and for a global slot.
// Statuses other than 2xx and 304 return a *StatusError. Every error names the URL.
func (c *Client) Get(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	resp, err := c.get(ctx, rawURL, cond, readOptions{})
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	return resp, nil
}

func (c *Client) get(ctx context.Context, rawURL string, cond Conditional, ro readOptions) (*Response, error) {
	u, err := parseWebURL(rawURL)
	if err != nil {
		return nil, err
	}
	if ro.limit <= 0 {
		ro.limit = c.opts.MaxBodyBytes
	}
	host := hostKey(u)
	// A Crawl-delay the host asked for in robots.txt lengthens its gap.
	release, err := c.hosts.acquire(ctx, host, c.robots.crawlDelay(host))
	if err != nil {
		return nil, fmt.Errorf("wait for the host's turn: %w", err)
	}
	defer release()
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for a free fetch slot: %w", ctx.Err())
	}

	// The total timeout starts once it is our turn: waiting politely for a
	// host is not the server's slowness.
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	trace := &redirectTrace{}
	ctx = context.WithValue(ctx, redirectTraceKey{}, trace)

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	c.setHeaders(req, cond, ro.accept)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.explain(ctx, err)
	}
	defer resp.Body.Close()
	return c.read(ctx, resp, trace, ro)
}

func (c *Client) setHeaders(req *http.Request, cond Conditional, accept string) {
	if accept == "" {
		accept = "application/rss+xml, application/atom+xml, application/feed+json, " +
			"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5"
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
}

// read turns an answered request into a Response or a StatusError.
func (c *Client) read(ctx context.Context, resp *http.Response, trace *redirectTrace, ro readOptions) (*Response, error) {
	out := &Response{
		URL:               resp.Request.URL.String(),
		StatusCode:        resp.StatusCode,
		ContentType:       resp.Header.Get("Content-Type"),
		ETag:              resp.Header.Get("ETag"),
		LastModified:      resp.Header.Get("Last-Modified"),
		PermanentRedirect: trace.permanent,
		FreshFor:          freshFor(resp.Header, time.Now()),
		RobotsTag:         strings.Join(resp.Header.Values("X-Robots-Tag"), ", "),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		var wait time.Duration
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			wait = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		}
		return nil, &StatusError{Code: resp.StatusCode, RetryAfter: wait}
	}
	body, err := readBody(resp, ro.limit)
	if ro.truncate && errors.Is(err, ErrBodyTooLarge) {
		body, err = body[:ro.limit], nil
	}
	if err != nil {
		return nil, c.explain(ctx, err)
	}
	out.Body = body
	return out, nil
}

// explain replaces the transport's wording of a timeout with plain words.
func (c *Client) explain(ctx context.Context, err error) error {
	// url.Error repeats the method and URL, which Get already names.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && !errors.Is(err, ErrBodyTooLarge) {
		return fmt.Errorf("gave up after the %s time limit: %w", c.opts.Timeout, err)
	}
	return err
}

func parseWebURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parse URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("only http and https URLs can be fetched, not %q", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("the URL has no host")
	}
	return u, nil
}

// hostKey is host:port with the scheme's default port filled in, so that
// http://a and http://a:80 share one turn.
func hostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}
