// Package extract finds the main body of an article page: it parses the HTML
// once, hands the tree to package meta for the metadata, puts back sections
// a streaming renderer sent out of order, removes what is plainly not
// article (scripts, navigation, share bars, related boxes, galleries,
// captions set apart from their images, newsletter sign-ups, comments, ads,
// cookie banners, lists of story teasers), picks the container whose text
// is most article-like by text and link density (or the one the page marks
// itemprop=articleBody when the two disagree), tidies it (lazy images, the
// headline repeated, link-dense leftovers, chart labels, ad-slot labels,
// copies of the page made for other screen sizes) and returns it as
// sanitised HTML and as plain text.
//
// It is a pure stage: no I/O beyond the reader it is given, no logging, no
// package-level mutable state. It imports only the standard library,
// golang.org/x/net, and Newsdesk's sanitize, extract/meta and
// extract/selector packages; it must never import store, ingest, web or app,
// nor any other extractor (readability ports are for bench programs only).
package extract
