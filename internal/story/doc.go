// Package story owns finding the same story across outlets: an online
// near-duplicate index for syndicated copies (Deduper) and an online
// clusterer that joins reports of one event written in different words
// (Clusterer). Both see articles one at a time in arrival order, decide at
// once from what they have seen so far, and keep only a bounded window of
// recent articles, so memory does not grow with the stream.
//
// It is pure computation: no I/O, no clock (times come with the articles),
// no package-level mutable state, no randomness. It imports only the
// standard library and internal/text, and must never import store, ingest,
// web or app: the callers persist what it returns.
package story
