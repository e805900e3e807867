// Package demo runs a sample publisher network on loopback so that
// `newsdesk demo` shows a working news site on a fresh machine with no
// outside network.
//
// It owns the fictional sample content under content/ (embedded, one text
// file per publisher, parsed at start), one HTTP listener per publisher on
// 127.0.0.1 serving a home page, a feed (RSS 2.0, Atom 1.0 or JSON Feed 1.1),
// article pages with realistic boilerplate and generated SVG images, and a
// release ticker that keeps adding articles: first from a held-back reserve,
// then from templates that never run out.
//
// Everything it serves is fictional and marked as sample content. It must
// never import other Newsdesk packages (store, ingest, web, app...): it plays
// the outside world, and the product must reach it only over HTTP.
package demo
