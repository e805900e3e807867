package search

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Doc is one article as the index receives it.
type Doc struct {
	ID                int64
	Title, Lead, Body string
	Section           string
	SourceID          int64
	Published         time.Time
}

// Options tune an index. Language and the weights are fixed when the
// index is created (the files' score bounds depend on them); the rest may
// change at any Open.
type Options struct {
	// Language names the snowball stemmer ("english" when empty, "none"
	// for no stemming; see Languages).
	Language string
	// TitleWeight, LeadWeight and BodyWeight multiply a word's count in
	// each field (10, 5 and 1 when all are zero: the weights today's
	// FTS5 ranking used).
	TitleWeight, LeadWeight, BodyWeight float32
	// K1 and B are BM25's parameters (1.2 and 0.75 when zero).
	K1, B float64
	// RecencyWeight boosts newer articles: a score is multiplied by
	// 1 + RecencyWeight × 2^(-age/RecencyHalfLife). Zero turns it off.
	RecencyWeight   float64
	RecencyHalfLife time.Duration // 365 days when zero
	// Content says, in the caller's words, which documents the index
	// holds when the caller chooses (the store: whether syndicated copies
	// are in it). It is kept with the files, and an index built for other
	// content is ErrIncompatible, so a changed choice means a rebuild
	// rather than a mix of both.
	Content string
	// SegmentDocs is the size at which the in-memory tail becomes a
	// segment (at most and by default 65536; tests set it small).
	SegmentDocs int
}

func (o Options) withDefaults() Options {
	if o.Language == "" {
		o.Language = "english"
	}
	if o.TitleWeight == 0 && o.LeadWeight == 0 && o.BodyWeight == 0 {
		o.TitleWeight, o.LeadWeight, o.BodyWeight = 10, 5, 1
	}
	if o.K1 == 0 {
		o.K1 = 1.2
	}
	if o.B == 0 {
		o.B = 0.75
	}
	if o.RecencyHalfLife <= 0 {
		o.RecencyHalfLife = 365 * 24 * time.Hour
	}
	if o.SegmentDocs <= 0 || o.SegmentDocs > maxSegmentDocs {
		o.SegmentDocs = maxSegmentDocs
	}
	return o
}

// ErrIncompatible says an index directory was built with another language,
// other weights or other Content (or by another version); rebuild it.
var ErrIncompatible = errors.New("search index was built with other settings")

// docLoc is where a document lives: a segment (its place in segs plus
// one; 0 for the tail) and its local number there. It holds no pointer,
// so the map of a million of them costs the collector nothing to scan.
type docLoc struct {
	seg int32
	d   int32
}

// Index is a full-text index of articles: immutable segments plus an
// in-memory tail. Many goroutines may search while one adds or deletes.
type Index struct {
	opt Options
	an  *analyzer
	w   weights
	dir string // "" for an index that lives only in memory

	mu       sync.RWMutex
	segs     []*segment
	tail     *builder
	tailSeg  *segment // the tail frozen for searching; nil when stale
	loc      map[int64]docLoc
	sections []string
	secCode  map[string]uint16
	sources  []int64
	srcCode  map[int64]uint32
	mark     int64 // watermark: the caller's position in its source of truth
	nextName int
	dirty    bool // deletions or a watermark not yet written
	closed   bool
	// Test settings: exhaustive scores every match (no skipping, no top
	// lists); topMinDF, when set, replaces defaultTopMinDF.
	exhaustive bool
	topMinDF   int
	denseMin   int            // when set, replaces denseMin
	searches   sync.WaitGroup // running searches, which Close waits for
	// scratchPool keeps searchScratch values between searches, so the
	// per-document arrays of a segment (0.5 MB each) are not allocated
	// and cleared by every search.
	scratchPool sync.Pool
}

// New returns an empty index that lives only in memory.
func New(opt Options) *Index {
	opt = opt.withDefaults()
	an := newAnalyzer(opt.Language)
	x := &Index{
		opt: opt, an: an,
		w:       weights{opt.TitleWeight, opt.LeadWeight, opt.BodyWeight},
		loc:     make(map[int64]docLoc),
		secCode: make(map[string]uint16),
		srcCode: make(map[int64]uint32),
	}
	x.tail = x.newTail(bm25Ref{opt.K1, opt.B, defaultRefLen}, nil)
	x.tail.refGuessed = true
	return x
}

// maxSections bounds the section dictionary (codes are uint16).
const maxSections = 1<<16 - 1

// Add indexes documents, replacing any already indexed with the same ID.
func (x *Index) Add(docs ...Doc) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return errClosed
	}
	for i := range docs {
		if err := x.add(&docs[i]); err != nil {
			return err
		}
	}
	return nil
}

var errClosed = errors.New("search index is closed")

func (x *Index) add(doc *Doc) error {
	x.remove(doc.ID)
	if len(x.tail.docs) >= x.opt.SegmentDocs {
		if err := x.seal(); err != nil {
			return err
		}
	}
	sec, ok := x.secCode[doc.Section]
	if !ok {
		if len(x.sections) >= maxSections {
			return fmt.Errorf("index article %d: more than %d sections", doc.ID, maxSections)
		}
		sec = uint16(len(x.sections))
		x.sections = append(x.sections, doc.Section)
		x.secCode[doc.Section] = sec
	}
	src, ok := x.srcCode[doc.SourceID]
	if !ok {
		src = uint32(len(x.sources))
		x.sources = append(x.sources, doc.SourceID)
		x.srcCode[doc.SourceID] = src
	}
	var pub int64
	if !doc.Published.IsZero() {
		pub = doc.Published.UnixNano()
	}
	d := len(x.tail.docs)
	x.tail.add(docMeta{id: doc.ID, published: pub, section: sec, source: src}, doc.Title, doc.Lead, doc.Body)
	x.loc[doc.ID] = docLoc{d: int32(d)}
	x.tailSeg = nil
	return nil
}

// Delete removes a document (hidden, removed or about to be replaced);
// deleting an unknown ID does nothing.
func (x *Index) Delete(ids ...int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, id := range ids {
		x.remove(id)
	}
}

func (x *Index) remove(id int64) {
	l, ok := x.loc[id]
	if !ok {
		return
	}
	delete(x.loc, id)
	if l.seg == 0 {
		x.tail.deleted.set(int(l.d))
		x.tailSeg = nil
		return
	}
	seg := x.segs[l.seg-1]
	del := seg.deleted.clone()
	del.set(int(l.d))
	seg.deleted = del
	seg.live--
	x.dirty = true
}

// seal turns the tail into a segment, written to disk when the index has
// a directory.
func (x *Index) seal() error {
	if len(x.tail.docs) == 0 {
		return nil
	}
	// The tail frozen for searching serves, unless it is a first segment
	// that has yet to learn its pairs.
	s := x.tailSeg
	if s == nil || len(x.tail.pairs) == 0 {
		s = freeze(x.tail, true)
	}
	if x.dir != "" {
		s.name = fmt.Sprintf("seg-%06d.nds", x.nextName)
		x.nextName++
		if err := writeSegment(x.dir, s); err != nil {
			return err
		}
		// Read it back mapped, so the postings leave the heap.
		m, err := readSegment(x.dir, s.name, len(x.sections), len(x.sources), false)
		if err != nil {
			return err
		}
		copy(m.deleted, s.deleted)
		m.live = s.live
		s = m
	}
	x.segs = append(x.segs, s)
	for d := range s.docs {
		if !s.deleted.has(d) {
			x.loc[s.docs[d].id] = docLoc{seg: int32(len(x.segs)), d: int32(d)}
		}
	}
	old := x.tail
	x.tail, x.tailSeg = x.newTail(x.nextRef(s), old.learntPairs()), nil
	x.tail.reuse(old)
	x.dirty = true
	return nil
}

// newTail returns an empty builder for the tail.
func (x *Index) newTail(ref bm25Ref, pairs pairSet) *builder {
	b := newBuilder(x.an, x.w, ref, pairs)
	b.topMinDF = defaultTopMinDF
	if x.topMinDF > 0 {
		b.topMinDF = x.topMinDF
	}
	return b
}

// defaultRefLen is the reference length of the first segment's impacts,
// before any average is known: a news article's length in words.
const defaultRefLen = 400

// nextRef is the BM25 reference for the builder after segment s.
func (x *Index) nextRef(s *segment) bm25Ref {
	r := bm25Ref{x.opt.K1, x.opt.B, defaultRefLen}
	if s != nil && s.n() > 0 && s.sumLen > 0 {
		r.avgLen = float64(s.sumLen) / float64(s.n())
	}
	return r
}

// SetWatermark records how far into its source of truth the caller has
// indexed; Flush persists it and Watermark returns it after Open.
func (x *Index) SetWatermark(w int64) {
	x.mu.Lock()
	x.mark, x.dirty = w, true
	x.mu.Unlock()
}

// Watermark returns the last watermark set (or read from disk).
func (x *Index) Watermark() int64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.mark
}

// Flush makes everything added durable: the tail becomes a segment and
// the index's list of segments, deletions and watermark are written.
func (x *Index) Flush() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return errClosed
	}
	if err := x.seal(); err != nil {
		return err
	}
	if x.dir == "" || !x.dirty {
		return nil
	}
	if err := x.writeMeta(); err != nil {
		return err
	}
	x.dirty = false
	return nil
}

// Close flushes the index and, once running searches end, releases its
// files; it may not be used afterwards (a search then finds nothing).
func (x *Index) Close() error {
	return x.close(x.Flush())
}

// Release closes the index without writing anything: what was added or
// deleted since the last Flush is not saved (the caller replays it from
// its source of truth after the next Open, from the saved watermark).
func (x *Index) Release() error {
	return x.close(nil)
}

func (x *Index) close(err error) error {
	x.mu.Lock()
	x.closed = true
	segs := x.segs
	x.mu.Unlock()
	x.searches.Wait()
	for _, s := range segs {
		if s.unmap != nil {
			if uerr := s.unmap(); uerr != nil && err == nil {
				err = fmt.Errorf("close search index: %w", uerr)
			}
			s.unmap = nil
		}
	}
	return err
}

// Stats is an index's shape: what its owner needs to judge whether a
// rebuild would pay (segments beyond what its documents need, after many
// small flushes; documents deleted but still held by segments).
type Stats struct {
	Docs        int // documents searchable
	Deleted     int // documents deleted but still held by a segment
	Segments    int // segments, the unsealed tail not counted
	SegmentDocs int // the most documents one segment holds
}

// Stats returns the index's shape now.
func (x *Index) Stats() Stats {
	x.mu.RLock()
	defer x.mu.RUnlock()
	held := len(x.tail.docs)
	for _, s := range x.segs {
		held += len(s.docs)
	}
	return Stats{Docs: len(x.loc), Deleted: held - len(x.loc), Segments: len(x.segs), SegmentDocs: x.opt.SegmentDocs}
}

// Len returns the number of documents indexed (and not deleted).
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.loc)
}

// view is what one search reads: the segments with the deletions as they
// were when it started, and the query's filters as codes.
type view struct {
	segs    []*segment
	deleted []bitmap
	sources []int64
	secs    []string
	section int // code of the section filter; -1 for none, -2 for a section never seen
	source  int // likewise for the source filter
}

// snapshot returns the current view for a query filtering on section and
// source, freezing the tail first if it has changed since it was last
// frozen; false when the index is closed. The caller calls
// x.searches.Done when it has finished reading the view.
func (x *Index) snapshot(section string, source int64) (view, bool) {
	x.mu.RLock()
	if x.tailSeg == nil && len(x.tail.docs) > 0 {
		x.mu.RUnlock()
		x.mu.Lock()
		if x.tailSeg == nil && len(x.tail.docs) > 0 {
			x.tailSeg = freeze(x.tail, false)
		}
		x.mu.Unlock()
		x.mu.RLock()
	}
	defer x.mu.RUnlock()
	if x.closed {
		return view{}, false
	}
	x.searches.Add(1)
	v := view{sources: x.sources, secs: x.sections, section: -1, source: -1}
	if section != "" {
		v.section = -2
		if c, ok := x.secCode[section]; ok {
			v.section = int(c)
		}
	}
	if source != 0 {
		v.source = -2
		if c, ok := x.srcCode[source]; ok {
			v.source = int(c)
		}
	}
	for _, s := range x.segs {
		v.segs = append(v.segs, s)
		v.deleted = append(v.deleted, s.deleted)
	}
	if x.tailSeg != nil {
		v.segs = append(v.segs, x.tailSeg)
		v.deleted = append(v.deleted, x.tailSeg.deleted)
	}
	return v, true
}
