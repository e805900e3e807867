// Package search is Newsdesk's own full-text engine for articles: what
// readers' searches run on, built to answer any query in milliseconds over
// a million articles on one core, with exact totals and facet counts.
//
// It owns the index files under its directory and nothing else: the
// articles table stays the source of truth, and the index can always be
// rebuilt from it. It imports no other Newsdesk package (nor may it import
// store, web or model): a store adapts its articles to Doc and its queries
// to Query.
//
// # Analysis
//
// A word is a run of letters, digits and combining marks (as FTS5's
// unicode61 splits text); it is folded to lower case without diacritics
// ("Zürich" → "zurich", "Łódź" → "lodz") and stemmed with the snowball
// stemmer of Options.Language (English by default; fifteen languages, or
// none). Words longer than MaxWordRunes are skipped. A builder analyzes
// each spelling it meets once and remembers its term in an open-addressing
// table that holds the spelling's bytes in place, so indexing costs one
// probe per word; each term's place in the document being added and its
// latest postings share one 64-byte record, so a posting costs about one
// cache miss however large the vocabulary grows.
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
// by positions there. The first segment, whose builder has no earlier
// sample, learns its set from its own sample when frozen and takes the
// pairs' postings from their words' positions: the same postings a
// builder given that set from the start writes.
//
// # Queries
//
// Words are all required; "quoted words" are a phrase; word* is a prefix
// (its 64 most widespread expansions); -word or -"phrase" excludes; OR
// between two parts accepts either. Any text is safe: it is read, never
// rejected, and bounded (32 words, 64 runes a word).
//
// Ranking is BM25 over one weighted frequency per article (title 10, lead
// 5, body 1, the weights the FTS5 ranking used; idf and average length
// over the whole index), times an optional recency boost
// 1 + w·2^(-age/halfLife). A prefix scores its best expansion. A phrase
// scores as one term, as Lucene scores one: its frequency is its
// occurrences weighted by field the same way, its idf the sum of its
// words'; where a segment indexes a two-word phrase's pair, the pair's
// postings hold that frequency, so the phrase is ranked exactly like a
// word there (elsewhere the occurrences are counted while the positions
// are verified). Matching is exact and counted first (bitmaps per
// segment; a match set covering most of a segment counts its facets as
// the segment's totals less the documents it misses); ranking then takes
// one of three ways, all giving exactly the hits of scoring every match
// (a property test compares them with exhaustive scoring on random
// corpora):
//
//   - A segment with few matches is ranked document at a time with
//     block-max pruning: each block records its largest "impact" (BM25's
//     tf part at a reference length, rounded up), which bounds its
//     documents' scores at the real average length too (impactBound in
//     rank.go: barely above the impact for the near-saturated impacts of
//     headline matches); while the current blocks' bounds cannot beat the
//     k-th best hit, matches are skipped to the nearest block end.
//   - A segment with 4,096 matches or more is ranked term at a time into a
//     per-document array: news puts a headline match in nearly every block,
//     so block bounds skip little there, and reading each posting list once
//     in order is cheaper than a cursor step per term per document.
//   - One word, one prefix or one two-word phrase without filters: each
//     term (word pairs included) in 1,024 articles or more of a segment
//     keeps its 64 best documents by impact with their frequencies, a
//     bound on its others and its counts by section and source, so the
//     totals and facets come from those counts and the hits from the
//     lists, which settle their documents' scores without reading postings
//     (for a prefix, a document whose best known expansion score is above
//     the bound on what the lists leave out); a segment is read in full
//     only when its bound could still beat the k-th best hit. Sorted by
//     date, the newest segments are read first and older ones not at all
//     once k hits are found.
//
// Sort by date walks each segment's date order. A date filter skips the
// segments outside it (articles arrive roughly in date order). "Did you
// mean" reads the segments' own dictionaries: the closest term (edit
// distance 1–2, same first letter, most widespread) for each unknown word,
// kept only when it finds more; terms are stems, as FTS5's were.
//
// # Persistence
//
// Each segment is one file (format in persist.go) written once, with a
// CRC checked at Open, and mapped read-only: postings and terms are read
// in place, paged in as searches touch them, while the per-document and
// per-block arrays are decoded onto the heap. meta.json names the live
// segments, their deleted articles, the section and source dictionaries,
// the settings the files depend on and the caller's watermark, and is
// replaced atomically: it is the commit point. Hiding or deleting an
// article sets its bit in its segment's deleted bitmap (replaced, never
// changed in place, so a running search sees a consistent set); re-adding
// an article deletes the old copy. The tail is not written until it is
// full or Flush; after a crash the caller re-adds what came after the
// stored watermark (the articles table is the source of truth).
//
// Not done yet: segments are never merged, so each Flush of a part-full
// tail leaves a small segment behind (a writer should flush rarely: when
// full, at shutdown, after a rebuild), and deleted articles keep their
// place until the index is rebuilt.
//
// # Concurrency
//
// Many goroutines may search while one adds: Add, Delete and Flush take
// the write lock; Search takes the read lock only to copy the list of
// segments, then reads immutable data. A search after a write freezes the
// tail into a searchable segment (cost proportional to the tail) once.
package search
