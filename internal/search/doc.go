// Package search is Newsdesk's own full-text engine for articles: what
// readers' searches run on, built to answer any query in milliseconds over
// a million articles on one core, with exact totals and facet counts.
//
// It owns the index files under its directory and nothing else: the
// articles table stays the source of truth, and the index can always be
// rebuilt from it. It imports no storage, web or model package (only
// internal/text for its stopword list); the store adapts its articles to
// Doc and its queries to Query.
//
// # Analysis
//
// A word is a run of letters, digits and combining marks (as FTS5's
// unicode61 splits text); it is folded to lower case without diacritics
// ("Zürich" → "zurich", "Łódź" → "lodz") and stemmed with the snowball
// stemmer of Options.Language (English by default; fifteen languages, or
// none). Words longer than MaxWordRunes are skipped. A builder analyzes
// each spelling it meets once and remembers its term, behind a small
// direct-mapped cache of the most frequent words, so indexing costs a
// hash lookup per word.
//
// # Segments
//
// The index is a list of immutable segments of at most 65,536 articles
// and an in-memory tail (a builder) that becomes a segment when full or on
// Flush. Articles are numbered locally in a segment, so a segment's set of
// matches is a bitmap of 1,024 words: boolean operators, filters and
// counts run over it in microseconds, and totals and facets are exact.
// Per article the segment keeps dense arrays: ID, publication time,
// section and source codes, and length in words.
//
// Per term it keeps postings in blocks of 128 articles, each block with
// the largest weighted frequency and the shortest article in it. Three
// byte streams hold the blocks: article numbers (the first absolute, then
// deltas, as varints), frequencies (body count<<2 with flags for title and
// lead counts, which follow when present) and positions (deltas, per
// article). A phrase reads positions; ranking reads frequencies only for
// blocks it cannot skip; counting reads article numbers only.
//
// Frequent pairs of adjacent words (in 0.5% or more of a sample of the
// previous segment's articles, neither an English function word, at most
// 4,096) are also indexed as pair terms, so "prime minister" reads one
// posting list instead of verifying the positions of two long ones. The
// set is fixed per segment and stored with it, so each segment's pair
// postings are complete; a phrase whose pair a segment lacks is verified
// by positions there.
//
// # Queries
//
// Words are all required; "quoted words" are a phrase; word* is a prefix
// (its 64 most widespread expansions); -word or -"phrase" excludes; OR
// between two parts accepts either. Any text is safe: it is read, never
// rejected, and bounded (32 words, 64 runes a word).
//
// Ranking is BM25 over one weighted frequency per article (title 10, lead
// 5, body 1, the weights the FTS5 ranking used), times an optional recency
// boost 1 + w·2^(-age/halfLife). A prefix scores its best expansion.
// Top-k by score uses block-max pruning: while the sum of the current
// blocks' bounds cannot beat the k-th best hit, matches are skipped to the
// nearest block end unscored. The bounds are computed with the same float
// operations as the scores, so the hits are exactly those of scoring every
// match (a property test checks it). Sort by date walks each segment's
// date order. "Did you mean" reads the segments' own dictionaries: the
// closest word (edit distance 1–2, same first letter, most widespread)
// for each unknown word, kept only when it finds more.
//
// # Persistence
//
// Each segment is one file (format in persist.go) written once, with a
// CRC; meta.json names the live segments, their deleted articles, the
// section and source dictionaries, the settings the files depend on and
// the caller's watermark, and is replaced atomically: it is the commit
// point. Files read into memory at Open. Hiding or deleting an article
// sets its bit in its segment's deleted bitmap (replaced, never changed in
// place, so a running search sees a consistent set); re-adding an article
// deletes the old copy. The tail is not written until Flush; after a
// crash the caller re-adds what came after the stored watermark.
//
// # Concurrency
//
// Many goroutines may search while one adds: Add, Delete and Flush take
// the write lock; Search takes the read lock only to copy the list of
// segments, then reads immutable data. A search after a write freezes the
// tail into a searchable segment (cost proportional to the tail) once.
package search
