// Package meta owns article metadata extraction: title, authors, published
// and modified time, language, lead image, description, site name and the
// noarchive directive of one parsed HTML page.
//
// It prefers structured data (JSON-LD, OpenGraph and other meta tags,
// microdata) and falls back to what a reader sees (the headline, byline
// elements, <time> near the headline). Every rule is general: nothing here
// knows a particular site. Work is bounded on hostile pages (nodes visited,
// JSON-LD bytes, text lengths).
//
// It does no I/O and holds no package-level mutable state. It imports only
// the standard library and golang.org/x/net/html, and must never import
// store, fetch, ingest, web or any other Newsdesk package above it.
package meta
