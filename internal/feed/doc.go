// Package feed turns feed bytes into items: RSS 0.9x/1.0/2.0, Atom 0.3 and
// 1.0, CDF and JSON Feed, with the repairs real feeds need (a wrong or
// missing charset, a truncated document, relative links and xml:base,
// undeclared namespace prefixes, missing GUIDs). It also finds the feeds an
// HTML page advertises.
//
// XML feeds are read by our own reader over an encoding/xml tree
// (xmltree.go, treefeed.go); github.com/mmcdole/gofeed reads JSON Feed,
// dates our reader does not know, and documents too damaged for it. gofeed
// stays behind Parse so that no other package depends on its types.
//
// It does no I/O: callers hand it bytes fetched elsewhere. It must never
// import store, config or web.
package feed
