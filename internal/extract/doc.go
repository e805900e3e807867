// Package extract finds the main body of an article page: it parses the HTML
// once, hands the tree to package meta for the metadata, removes what is
// plainly not article (scripts, navigation, share bars, related boxes,
// newsletter sign-ups, comments, ads, cookie banners), picks the container
// whose text is most article-like by text and link density, tidies it
// (lazy images, the headline repeated, link-dense leftovers) and returns it
// as sanitised HTML and as plain text.
//
// It is a pure stage: no I/O beyond the reader it is given, no logging, no
// package-level mutable state. It imports only the standard library,
// golang.org/x/net, and Newsdesk's sanitize, extract/meta and
// extract/selector packages; it must never import store, ingest, web or app,
// nor any other extractor (readability ports are for bench programs only).
package extract
