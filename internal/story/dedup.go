package story

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/text"
)

// Near-duplicate parameters, chosen with bench/storyeval on syndicated
// copies of the demo corpus (trimmed, re-headlined, wrapped in boilerplate)
// against other outlets' reports of the same events.
const (
	// ShingleWords is the length of the word shingles compared.
	ShingleWords = 4
	// BandRows is the number of MinHash values per LSH band: 32 bands of 4
	// rows find a pair with Jaccard 0.3 with probability 0.23, 0.5 with
	// 0.87 and 0.6 with 0.98.
	BandRows = 2
	// Bands is the number of band hashes per signature.
	Bands = 32
	// DefaultContainment is the least estimated share of the shorter text's
	// shingles found in the longer one for a copy.
	DefaultContainment = 0.5
	// signatureBytes is the encoded size: the MinHash and the shingle count.
	signatureBytes = text.MinHashSize*8 + 4
)

// Signature is what near-duplicate detection keeps of an article: its
// MinHash and its number of distinct shingles. A store keeps Bands() in an
// indexed table to find candidates and MarshalBinary() to check them.
type Signature struct {
	MinHash  text.MinHash
	Shingles int
}

// Sign computes the signature of an article body (plain text). The
// headline is left out on purpose: syndicated copies are often re-headlined.
func Sign(body string) Signature {
	toks := proseTokenHashes(body)
	sh := text.AppendHashShingles(make([]uint64, 0, len(toks)), toks, ShingleWords)
	slices.Sort(sh)
	sh = slices.Compact(sh)
	var s Signature
	text.ComputeMinHash(&s.MinHash, sh)
	s.Shingles = len(sh)
	return s
}

// Bands returns the LSH band hashes: two articles are compared only when
// they share at least one. Each value already mixes in its band number, so
// one column of all bands can be indexed.
func (s *Signature) Bands() []uint64 {
	b := text.AppendBands(make([]uint64, 0, text.MinHashSize/BandRows), &s.MinHash, BandRows)
	return b[:min(len(b), Bands)]
}

// Containment estimates the share of the smaller article's shingles that
// the larger one also has. A trimmed copy is mostly contained in its
// original even when their Jaccard similarity is low.
func (s *Signature) Containment(o *Signature) float64 {
	j := s.MinHash.Similarity(&o.MinHash)
	small := min(s.Shingles, o.Shingles)
	if j == 0 || small == 0 {
		return 0
	}
	inter := j * float64(s.Shingles+o.Shingles) / (1 + j)
	return min(1, inter/float64(small))
}

// MarshalBinary encodes the signature in 1028 bytes, little-endian.
func (s *Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, signatureBytes)
	for _, v := range s.MinHash {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	return binary.LittleEndian.AppendUint32(b, uint32(min(s.Shingles, 1<<31-1))), nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) != signatureBytes {
		return errors.New("decode near-duplicate signature: wrong length")
	}
	for i := range s.MinHash {
		s.MinHash[i] = binary.LittleEndian.Uint64(b[i*8:])
	}
	s.Shingles = int(binary.LittleEndian.Uint32(b[text.MinHashSize*8:]))
	return nil
}

// DedupOptions tunes a Deduper; zero fields take the defaults.
type DedupOptions struct {
	// Window is how many recent signatures are remembered (default 100000).
	Window int
	// Containment is the least estimated containment of a copy (default
	// DefaultContainment).
	Containment float64
	// MinShingles: articles with fewer distinct shingles are never matched,
	// because a few shared phrases prove nothing (default 8).
	MinShingles int
}

// Deduper finds syndicated copies online: each article is compared with the
// recent articles that share an LSH band, and is a copy of the first-seen
// original of the best match. Memory is bounded by the window. It is not
// safe for concurrent use.
type Deduper struct {
	opts DedupOptions
	// rows counts, for each (MinHash row, value), the originals in the
	// window that have it (hashed into a fixed table; see furnitureRows).
	rows        []uint16
	window      ring[dedupEntry]
	bands       map[uint64][]uint64 // band hash -> sequence numbers
	seq         uint64              // sequence number of window.front()
	listScratch [][]uint64
}

// maxBandScan bounds how many of the newest articles in one LSH band are
// compared. A band that many recent articles share is a common template; a
// copy of an old original is found through its recent copies, which carry
// the original's ID, so the bound costs little recall and keeps the work per
// article from growing with the window.
const maxBandScan = 48

type dedupEntry struct {
	id       string
	original string
	sig      Signature
	bands    []uint64
	// furniture marks the MinHash rows found to be page furniture when the
	// article was added (see furnitureRows).
	furniture rowMask
}

// NewDeduper returns an empty Deduper.
func NewDeduper(opts DedupOptions) *Deduper {
	if opts.Window <= 0 {
		opts.Window = 100000
	}
	if opts.Containment <= 0 {
		opts.Containment = DefaultContainment
	}
	if opts.MinShingles <= 0 {
		opts.MinShingles = 8
	}
	return &Deduper{opts: opts, window: newRing[dedupEntry](opts.Window), bands: make(map[uint64][]uint64),
		rows: make([]uint16, 1<<12)}
}

// Add signs body and adds it under id; see AddSignature.
func (d *Deduper) Add(id, body string) (original string, ok bool) {
	return d.AddSignature(id, Sign(body))
}

// AddSignature adds an article's signature (for example one loaded from the
// database at start-up) and reports the first-seen original it copies, if
// any. A copy of a copy reports the first original.
func (d *Deduper) AddSignature(id string, sig Signature) (original string, ok bool) {
	if d.window.len() >= d.opts.Window {
		d.evict()
	}
	bands := sig.Bands()
	var furn rowMask
	if sig.Shingles >= d.opts.MinShingles {
		furn = d.furnitureRows(&sig)
		original, ok = d.match(&sig, bands, furn)
	}
	root := id
	if ok {
		root = original
	} else if sig.Shingles >= d.opts.MinShingles {
		d.growRows()
		d.countRows(&sig, 1)
	}
	seq := d.seq + uint64(d.window.len())
	for _, b := range bands {
		d.bands[b] = append(d.bands[b], seq)
	}
	d.window.push(dedupEntry{id: id, original: root, sig: sig, bands: bands, furniture: furn})
	return original, ok
}

func (d *Deduper) match(sig *Signature, bands []uint64, furn rowMask) (string, bool) {
	// Collect each band's newest entries; a band made of furniture rows
	// proposes none.
	lists := d.listScratch[:0]
	for i, b := range bands {
		if furn.has(i*BandRows) && furn.has(i*BandRows+BandRows-1) {
			continue
		}
		list := d.bands[b]
		if tail := list[max(0, len(list)-maxBandScan):]; len(tail) > 0 {
			lists = append(lists, tail)
		}
	}
	defer func() {
		clear(lists[:cap(lists)]) // keep no band list alive
		d.listScratch = lists[:0]
	}()
	// Candidates are visited oldest first, each once however many bands it
	// shares: the oldest match is taken, so a copy links to the first-seen
	// original even when a later copy that missed its original (and became
	// a root itself) resembles it more. Every band list is in sequence
	// order, so the lists are merged as they are read rather than sorted
	// whole: a copy usually matches its first candidate.
	merge := bandMerge(lists)
	merge.init()
	prev, started := uint64(0), false
	for len(merge) > 0 {
		seq := merge.pop()
		if started && seq == prev {
			continue
		}
		prev, started = seq, true
		e := d.entry(int(seq - d.seq))
		if e.sig.Shingles >= d.opts.MinShingles && containment(sig, &e.sig, furn, e.furniture) >= d.opts.Containment {
			return e.original, true
		}
	}
	return "", false
}

// bandMerge is a min-heap of non-empty sorted lists of sequence numbers,
// ordered by their first element.
type bandMerge [][]uint64

func (h bandMerge) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

// pop removes and returns the least sequence number of all the lists.
func (h *bandMerge) pop() uint64 {
	l := *h
	v := l[0][0]
	if len(l[0]) > 1 {
		l[0] = l[0][1:]
	} else {
		last := len(l) - 1
		l[0], l[last] = l[last], nil
		l = l[:last]
		*h = l
	}
	l.down(0)
	return v
}

func (h bandMerge) down(i int) {
	for {
		least := i
		if l := 2*i + 1; l < len(h) && h[l][0] < h[least][0] {
			least = l
		}
		if r := 2*i + 2; r < len(h) && h[r][0] < h[least][0] {
			least = r
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}

// furnitureRoots is how many originals in the window must have the same
// value in a MinHash row for the row to count as page furniture.
const furnitureRoots = 4

// rowMask has a bit per MinHash row.
type rowMask [text.MinHashSize / 64]uint64

func (m *rowMask) set(i int)     { m[i/64] |= 1 << (i % 64) }
func (m rowMask) has(i int) bool { return m[i/64]&(1<<(i%64)) != 0 }
func (m rowMask) zero() bool     { return m == rowMask{} }

func (d *Deduper) rowSlot(i int, v uint64) int {
	return int(text.Mix64(v^uint64(i)*0x9e3779b97f4a7c15) & uint64(len(d.rows)-1))
}

// maxRowCounters bounds the row table at 32 MiB.
const maxRowCounters = 1 << 24

// growRows keeps about 1.3 counters per row value the window holds, so
// that a value shares its counter with an unrelated one rarely enough that
// few rows are taken for furniture by mistake; the table doubles as the
// window fills, counting the window's originals again.
func (d *Deduper) growRows() {
	need := (d.window.len() + 1) * text.MinHashSize * 13 / 10
	if len(d.rows) >= need || len(d.rows) >= maxRowCounters {
		return
	}
	size := len(d.rows)
	for size < need && size < maxRowCounters {
		size <<= 1
	}
	d.rows = make([]uint16, size)
	for i := range d.window.len() {
		if e := d.entry(i); e.original == e.id && e.sig.Shingles >= d.opts.MinShingles {
			d.countRows(&e.sig, 1)
		}
	}
}

// countRows adds (delta 1) or removes (-1) an original's row values.
func (d *Deduper) countRows(sig *Signature, delta int) {
	for i, v := range sig.MinHash {
		c := &d.rows[d.rowSlot(i, v)]
		switch {
		case delta > 0 && *c < 1<<16-1:
			*c++
		case delta < 0 && *c > 0:
			*c--
		}
	}
}

// furnitureRows marks the rows whose value furnitureRoots or more
// originals in the window share. A row's value is the least hash of one of
// the article's shingles; when unrelated originals agree on it, that
// shingle is text they all carry (a site's newsletter box, credit line or
// footer written as sentences), not the article's. Copies are not counted,
// so an article syndicated many times does not turn into furniture.
func (d *Deduper) furnitureRows(sig *Signature) rowMask {
	var m rowMask
	for i, v := range sig.MinHash {
		if d.rows[d.rowSlot(i, v)] >= furnitureRoots {
			m.set(i)
		}
	}
	return m
}

// containment is Signature.Containment without the furniture rows of
// either article: the Jaccard similarity is estimated on the other rows,
// and each article's size is scaled by the share of its own rows that are
// not furniture.
func containment(a, b *Signature, fa, fb rowMask) float64 {
	if fa.zero() && fb.zero() {
		return a.Containment(b)
	}
	same, valid, na, nb := 0, 0, 0, 0
	for i := range a.MinHash {
		ia, ib := fa.has(i), fb.has(i)
		if !ia {
			na++
		}
		if !ib {
			nb++
		}
		if ia || ib {
			continue
		}
		valid++
		if a.MinHash[i] == b.MinHash[i] {
			same++
		}
	}
	if valid < 16 || same == 0 {
		return 0
	}
	j := float64(same) / float64(valid)
	sa := float64(a.Shingles) * float64(na) / text.MinHashSize
	sb := float64(b.Shingles) * float64(nb) / text.MinHashSize
	inter := j * (sa + sb) / (1 + j)
	return min(1, inter/min(sa, sb))
}

func (d *Deduper) entry(i int) *dedupEntry {
	return &d.window.buf[(d.window.head+i)%len(d.window.buf)]
}

func (d *Deduper) evict() {
	// The oldest entry is read in place and then cleared: an entry carries
	// its whole signature, too big to copy out for nothing.
	old := &d.window.buf[d.window.head]
	if old.original == old.id && old.sig.Shingles >= d.opts.MinShingles {
		d.countRows(&old.sig, -1)
	}
	for _, b := range old.bands {
		list := d.bands[b]
		// The oldest sequence numbers are at the front of every list.
		for len(list) > 0 && list[0] == d.seq {
			list = list[1:]
		}
		if len(list) == 0 {
			delete(d.bands, b)
		} else {
			d.bands[b] = list
		}
	}
	d.window.drop()
	d.seq++
}

// Len returns the number of signatures in the window.
func (d *Deduper) Len() int { return d.window.len() }

// minProseWords is the least number of words of a line that counts as
// prose, and minProseTokens the least prose an article needs for the
// furniture filter to apply at all.
const (
	minProseWords  = 8
	minProseTokens = 40
)

// proseTokenHashes returns the hashes (text.Hash64) of the words of the
// lines of body that read as prose: at least minProseWords words, ending
// like a sentence. Navigation, share bars, related-article lists,
// "Advertisement" and most footers are lines of another kind, and they are
// what a republishing site adds around a copy (and what two different
// articles on one site share), so they are left out of the signature. A
// body with too little prose, such as one long line cut short, is taken
// whole. Each line is tokenised once: no word runs across a line break, so
// the words of all the lines are the words of the body.
func proseTokenHashes(body string) []uint64 {
	all := make([]uint64, 0, len(body)/6+1)
	var prose []uint64
	for line := range strings.SplitSeq(body, "\n") {
		start := len(all)
		all = text.AppendTokenHashes(all, line)
		if len(all)-start >= minProseWords && endsSentence(line) {
			prose = append(prose, all[start:]...)
		}
	}
	if len(prose) < minProseTokens {
		return all
	}
	return prose
}

// endsSentence reports whether s ends with a full stop, question or
// exclamation mark, possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'”’)]»", r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}
