// Package sanitize owns everything that makes publisher content safe and
// comparable before it is stored or shown: the HTML allowlist (built on
// bluemonday's UGC policy), plain text and excerpts of HTML, the first image
// of an article, and canonical URLs used as article identity.
//
// It is a pure stage: no I/O, no logging, no package-level mutable state.
// It imports only the standard library, bluemonday and golang.org/x/net/html,
// and must never import a Newsdesk package (store, config, web, ...): callers
// pass plain strings in and get plain strings out.
package sanitize
