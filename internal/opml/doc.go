// Package opml reads and writes OPML subscription lists: the format feed
// readers use to move their feeds from one program to another. It owns the
// mapping between OPML's nested outlines and a flat list of feeds, each with
// one category (a folder, or the first element of the category attribute).
//
// It is a pure stage on bytes: it must never import store, fetch, config or
// any other Newsdesk package.
package opml
