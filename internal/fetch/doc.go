// Package fetch is Newsdesk's only door to the outside web. It owns the HTTP
// client every stage uses: a polite user agent, one request at a time per host
// with a gap between requests, a global concurrency bound, connect, TLS and
// total timeouts, redirect and body-size limits applied after decompression,
// conditional GET, the freshness a response declares (Cache-Control,
// Expires), robots.txt answers per host (cached, Crawl-delay honoured in the
// host's gap), and a guard that refuses private network addresses after
// DNS resolution so that a public name cannot rebind to an internal service.
//
// It is a pure stage: it takes an Options struct and must never import store,
// config or web.
package fetch
