// Package feed turns feed bytes into items: RSS 2.0, RSS 1.0 (RDF), Atom and
// JSON Feed, with the repairs real feeds need (a wrong or missing charset,
// a truncated document, relative links, missing GUIDs). It also finds the
// feeds an HTML page advertises.
//
// It does no I/O: callers hand it bytes fetched elsewhere. It must never
// import store, config or web. github.com/mmcdole/gofeed is the base parser;
// it stays behind Parse so that no other package depends on its types.
package feed
