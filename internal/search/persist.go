package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unsafe"
)

// File format, version 1.
//
// A directory holds meta.json and segment files seg-NNNNNN.nds. meta.json
// is the commit point: it names the live segments (files it does not name
// are leftovers of an interrupted write and are removed at Open), each
// one's deleted documents, the section and source dictionaries that
// segments refer to by code, the settings the files depend on, and the
// caller's watermark. It is written to a temporary file and renamed.
//
// A segment file is: the magic "NDSEG1\n", a header of little-endian
// uint32 counts (documents, terms, blocks, and the byte lengths of the
// three posting streams) and float64 BM25 reference (k1, b, length), then per document its ID, publication time
// (int64 Unix ns), section code (uint16), source code and length (uint32);
// the terms' bytes (a uvarint length, then every term in order); per term
// its length and df (uvarints);
// the word pairs indexed as terms (a uvarint count, then each
// "first\x00second" as a string, sorted);
// per block its last document, largest weighted frequency, shortest
// document, impact and three stream offsets; the top lists (see
// appendTopLists); the document, frequency and position
// streams as freezing split them; and a CRC-32 (Castagnoli) of all before it.
// Writing goes to a temporary name and is renamed into place.
const (
	segMagic    = "NDSEG1\n"
	metaName    = "meta.json"
	metaVersion = 1
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

type metaFile struct {
	Version     int       `json:"version"`
	Language    string    `json:"language"`
	Content     string    `json:"content,omitempty"`
	Weights     []float32 `json:"weights"`
	Segments    []metaSeg `json:"segments"`
	Sections    []string  `json:"sections"`
	Sources     []int64   `json:"sources"`
	Watermark   int64     `json:"watermark"`
	NextSegment int       `json:"next_segment"`
}

type metaSeg struct {
	Name    string  `json:"name"`
	Deleted []int32 `json:"deleted,omitempty"`
}

func writeSegment(dir string, s *segment) error {
	// Room for all but the posting streams, roughly, so b grows seldom.
	b := make([]byte, 0, 128+26*len(s.docs)+len(s.terms.data)+6*s.terms.len()+26*len(s.blocks)+1024*len(s.tops))
	b = append(b, segMagic...)
	for _, n := range []int{len(s.docs), s.terms.len(), len(s.blocks), len(s.docData), len(s.freqData), len(s.posData)} {
		b = binary.LittleEndian.AppendUint32(b, uint32(n))
	}
	for _, f := range []float64{s.ref.k1, s.ref.b, s.ref.avgLen} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
	}
	for i, d := range s.docs {
		b = binary.LittleEndian.AppendUint64(b, uint64(d.id))
		b = binary.LittleEndian.AppendUint64(b, uint64(d.published))
		b = binary.LittleEndian.AppendUint16(b, d.section)
		b = binary.LittleEndian.AppendUint32(b, d.source)
		b = binary.LittleEndian.AppendUint32(b, s.lens[i])
	}
	b = appendUvarint(b, uint64(len(s.terms.data)))
	b = append(b, s.terms.data...)
	for i := range s.info {
		b = appendUvarint(b, uint64(s.terms.off[i+1]-s.terms.off[i]))
		b = appendUvarint(b, uint64(s.info[i].df))
	}
	b = appendUvarint(b, uint64(len(s.pairKeys)))
	for _, k := range s.pairKeys {
		b = appendUvarint(b, uint64(len(k)))
		b = append(b, k...)
	}
	for _, bm := range s.blocks {
		b = binary.LittleEndian.AppendUint16(b, bm.lastDoc)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(bm.maxTF))
		b = binary.LittleEndian.AppendUint32(b, bm.minLen)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(bm.impact))
		b = binary.LittleEndian.AppendUint32(b, bm.docOff)
		b = binary.LittleEndian.AppendUint32(b, bm.freqOff)
		b = binary.LittleEndian.AppendUint32(b, bm.posOff)
	}
	b = appendTopLists(b, s)
	// The posting streams (nearly all of the file) are written from
	// where they are, not copied after the rest.
	crc := crc32.Checksum(b, crcTable)
	for _, p := range [][]byte{s.docData, s.freqData, s.posData} {
		crc = crc32.Update(crc, crcTable, p)
	}
	tail := binary.LittleEndian.AppendUint32(nil, crc)
	return writeFileAtomic(filepath.Join(dir, s.name), b, s.docData, s.freqData, s.posData, tail)
}

// writeFileAtomic writes the parts, one after the other, to path.
func writeFileAtomic(path string, parts ...[]byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write search index: %w", err)
	}
	for _, data := range parts {
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("write search index %s: %w", path, err)
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write search index %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write search index %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write search index: %w", err)
	}
	return nil
}

var errCorrupt = errors.New("search index file is corrupt")

// checkCRC compares a file's CRC with the one it ends with.
func checkCRC(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() < 4 {
		return errCorrupt
	}
	h := crc32.New(crcTable)
	if _, err := io.Copy(h, io.LimitReader(f, fi.Size()-4)); err != nil {
		return err
	}
	var tail [4]byte
	if _, err := io.ReadFull(f, tail[:]); err != nil {
		return err
	}
	if h.Sum32() != binary.LittleEndian.Uint32(tail[:]) {
		return errCorrupt
	}
	return nil
}

// reader reads a segment file, failing once on running short.
type reader struct {
	b   []byte
	off int
	err bool
}

func (r *reader) take(n int) []byte {
	if r.err || n < 0 || len(r.b)-r.off < n {
		r.err = true
		return make([]byte, max(n, 0))
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p
}

func (r *reader) u16() uint16 { return binary.LittleEndian.Uint16(r.take(2)) }
func (r *reader) u32() uint32 { return binary.LittleEndian.Uint32(r.take(4)) }
func (r *reader) u64() uint64 { return binary.LittleEndian.Uint64(r.take(8)) }
func (r *reader) uvarint() uint64 {
	x, off := uvarint(r.b, r.off)
	if off == r.off {
		r.err = true
	}
	r.off = off
	return x
}

// str returns a string sharing the file's bytes.
func (r *reader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err = true
		return ""
	}
	p := r.take(int(n))
	if len(p) == 0 {
		return ""
	}
	return unsafe.String(&p[0], len(p))
}

func readSegment(dir, name string, nsec, nsrc int, verify bool) (*segment, error) {
	path := filepath.Join(dir, name)
	if verify {
		// Checked through reads, not the mapping, so that the check does
		// not leave the whole file resident in the process.
		if err := checkCRC(path); err != nil {
			return nil, fmt.Errorf("read search index %s: %w", name, err)
		}
	}
	b, unmap, err := mapFile(path)
	if err != nil {
		return nil, fmt.Errorf("read search index: %w", err)
	}
	s, err := decodeSegment(b, name, nsec, nsrc)
	if err != nil {
		unmap()
		return nil, err
	}
	s.unmap = unmap
	return s, nil
}

// decodeSegment reads a segment from its file's bytes: the per-document
// and per-block arrays are decoded onto the heap, while the terms and the
// posting streams stay slices of b.
func decodeSegment(b []byte, name string, nsec, nsrc int) (*segment, error) {
	if len(b) < len(segMagic)+4 || string(b[:len(segMagic)]) != segMagic {
		return nil, fmt.Errorf("read search index %s: %w", name, errCorrupt)
	}
	r := &reader{b: b[:len(b)-4], off: len(segMagic)}
	var hdr [6]int
	for i := range hdr {
		hdr[i] = int(r.u32())
	}
	nd, nt, nb := hdr[0], hdr[1], hdr[2]
	ref := bm25Ref{math.Float64frombits(r.u64()), math.Float64frombits(r.u64()), math.Float64frombits(r.u64())}
	if nd > maxSegmentDocs || nt > len(b) || nb > len(b) {
		return nil, fmt.Errorf("read search index %s: %w", name, errCorrupt)
	}
	s := &segment{name: name, ref: ref, docs: make([]docMeta, nd), lens: make([]uint32, nd)}
	for i := range s.docs {
		d := &s.docs[i]
		d.id, d.published = int64(r.u64()), int64(r.u64())
		d.section, d.source = r.u16(), r.u32()
		s.lens[i] = r.u32()
		s.sumLen += int64(s.lens[i])
		if int(d.section) >= nsec || int(d.source) >= nsrc {
			r.err = true
		}
	}
	s.info = make([]termInfo, nt)
	tlen := r.uvarint()
	if tlen > uint64(len(b)) {
		r.err = true
		tlen = 0
	}
	s.terms.data = r.take(int(tlen))
	s.terms.off = make([]uint32, nt+1)
	blocks := 0
	for i := 0; i < nt && !r.err; i++ {
		n := r.uvarint()
		s.terms.off[i+1] = s.terms.off[i] + uint32(n)
		if uint64(s.terms.off[i+1]) > tlen || n > tlen {
			r.err = true
			break
		}
		df := r.uvarint()
		if df == 0 || df > uint64(nd) || i > 0 && s.terms.at(i) <= s.terms.at(i-1) {
			r.err = true
		}
		s.info[i] = termInfo{df: uint32(df), firstBlock: uint32(blocks)}
		blocks += (int(df) + blockSize - 1) / blockSize
	}
	if !r.err && s.terms.off[nt] != uint32(tlen) {
		r.err = true
	}
	if blocks != nb {
		r.err = true
	}
	np := r.uvarint()
	if np > uint64(len(b)) {
		r.err = true
	}
	for i := 0; i < int(np) && !r.err; i++ {
		s.pairKeys = append(s.pairKeys, r.str())
		if i > 0 && s.pairKeys[i] <= s.pairKeys[i-1] {
			r.err = true
		}
	}
	s.blocks = make([]blockMeta, nb)
	for i := 0; i < nb && !r.err; i++ {
		bm := &s.blocks[i]
		bm.lastDoc = r.u16()
		bm.maxTF = math.Float32frombits(r.u32())
		bm.minLen = r.u32()
		bm.impact = math.Float32frombits(r.u32())
		bm.docOff, bm.freqOff, bm.posOff = r.u32(), r.u32(), r.u32()
		if int(bm.lastDoc) >= nd || int(bm.docOff) > hdr[3] || int(bm.freqOff) > hdr[4] || int(bm.posOff) > hdr[5] {
			r.err = true
		}
	}
	readTopLists(r, s, nsec, nsrc)
	s.docData, s.freqData, s.posData = r.take(hdr[3]), r.take(hdr[4]), r.take(hdr[5])
	if r.err || r.off != len(r.b) {
		return nil, fmt.Errorf("read search index %s: %w", name, errCorrupt)
	}
	s.finish()
	return s, nil
}

// appendTopLists writes the count of top lists, then each: its term
// number, its documents (count, then uint16s), their frequencies and the
// rest bound (float32s), and its section and source counts (count, then
// code and count uvarints).
func appendTopLists(b []byte, s *segment) []byte {
	terms := make([]int, 0, len(s.tops))
	for t := range s.tops {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	b = appendUvarint(b, uint64(len(terms)))
	for _, t := range terms {
		tl := s.tops[t]
		b = appendUvarint(b, uint64(t))
		b = appendUvarint(b, uint64(len(tl.docs)))
		for i, d := range tl.docs {
			b = binary.LittleEndian.AppendUint16(b, d)
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(tl.tfs[i]))
		}
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(tl.rest))
		for _, fs := range [][]facetPair{tl.secs, tl.srcs} {
			b = appendUvarint(b, uint64(len(fs)))
			for _, f := range fs {
				b = appendUvarint(b, uint64(f.code))
				b = appendUvarint(b, uint64(f.n))
			}
		}
	}
	return b
}

func readTopLists(r *reader, s *segment, nsec, nsrc int) {
	n := r.uvarint()
	if n > uint64(s.terms.len()) {
		r.err = true
		return
	}
	s.tops = make(map[int]*topList, n)
	for i := 0; i < int(n) && !r.err; i++ {
		t := r.uvarint()
		k := r.uvarint()
		if t >= uint64(s.terms.len()) || k > topN {
			r.err = true
			return
		}
		tl := &topList{docs: make([]uint16, k), tfs: make([]float32, k)}
		for j := range tl.docs {
			tl.docs[j] = r.u16()
			tl.tfs[j] = math.Float32frombits(r.u32())
			if int(tl.docs[j]) >= len(s.docs) {
				r.err = true
			}
		}
		tl.rest = math.Float32frombits(r.u32())
		for f, limit := range []int{nsec, nsrc} {
			c := r.uvarint()
			if c > uint64(limit) {
				r.err = true
				return
			}
			fs := make([]facetPair, c)
			for j := range fs {
				fs[j] = facetPair{uint32(r.uvarint()), uint32(r.uvarint())}
				if int(fs[j].code) >= limit {
					r.err = true
				}
			}
			if f == 0 {
				tl.secs = fs
			} else {
				tl.srcs = fs
			}
		}
		s.tops[int(t)] = tl
	}
}

// writeMeta writes meta.json; the caller holds the write lock.
func (x *Index) writeMeta() error {
	m := metaFile{
		Version:     metaVersion,
		Language:    x.opt.Language,
		Content:     x.opt.Content,
		Weights:     []float32{x.w.title, x.w.lead, x.w.body},
		Sections:    x.sections,
		Sources:     x.sources,
		Watermark:   x.mark,
		NextSegment: x.nextName,
	}
	for _, s := range x.segs {
		ms := metaSeg{Name: s.name}
		s.deleted.forEach(func(d int) { ms.Deleted = append(ms.Deleted, int32(d)) })
		m.Segments = append(m.Segments, ms)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("write search index: %w", err)
	}
	return writeFileAtomic(filepath.Join(x.dir, metaName), b)
}

// Open opens the index in dir, creating it when dir holds none. An index
// built with another language, other weights or other Content gives
// ErrIncompatible; a
// damaged one an error: the caller rebuilds from its source of truth.
func Open(dir string, opt Options) (*Index, error) {
	return open(dir, opt, false)
}

// OpenReadOnly opens the index another process writes: its segments as
// the last Flush left them, searchable, with the watermark they cover.
// What the caller adds afterwards stays in this process's memory, and
// nothing in dir is ever written or removed (a segment the writer has
// sealed but not yet named in meta.json is not this reader's to clean).
// A dir holding no index gives an empty one.
func OpenReadOnly(dir string, opt Options) (*Index, error) {
	x, err := open(dir, opt, true)
	if err != nil {
		return nil, err
	}
	x.dir = "" // from now on it lives only in memory
	return x, nil
}

func open(dir string, opt Options, readOnly bool) (*Index, error) {
	x := New(opt)
	x.dir = dir
	if !readOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open search index: %w", err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, metaName))
	if errors.Is(err, fs.ErrNotExist) {
		if readOnly {
			return x, nil
		}
		return x, x.removeStray(nil)
	}
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	var m metaFile
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("open search index: %w: %v", errCorrupt, err)
	}
	if m.Version != metaVersion || m.Language != x.opt.Language || m.Content != x.opt.Content || len(m.Weights) != 3 ||
		m.Weights[0] != x.w.title || m.Weights[1] != x.w.lead || m.Weights[2] != x.w.body {
		return nil, ErrIncompatible
	}
	x.sections, x.sources, x.mark, x.nextName = m.Sections, m.Sources, m.Watermark, m.NextSegment
	for i, s := range x.sections {
		x.secCode[s] = uint16(i)
	}
	for i, s := range x.sources {
		x.srcCode[s] = uint32(i)
	}
	keep := map[string]bool{}
	for _, ms := range m.Segments {
		if strings.ContainsAny(ms.Name, `/\`) {
			return nil, fmt.Errorf("open search index: %w", errCorrupt)
		}
		s, err := readSegment(dir, ms.Name, len(x.sections), len(x.sources), true)
		if err != nil {
			return nil, err
		}
		for _, d := range ms.Deleted {
			if d >= 0 && int(d) < s.n() {
				s.deleted.set(int(d))
			}
		}
		s.live = s.n() - s.deleted.count()
		x.segs = append(x.segs, s)
		for d := range s.docs {
			if !s.deleted.has(d) {
				if old, ok := x.loc[s.docs[d].id]; ok {
					// A later segment holds a newer version; should not happen.
					x.segs[old.seg-1].deleted.set(int(old.d))
				}
				x.loc[s.docs[d].id] = docLoc{seg: int32(len(x.segs)), d: int32(d)}
			}
		}
		keep[ms.Name] = true
	}
	if len(x.segs) > 0 {
		// The last segment's pairs serve the tail until it learns its own.
		last := x.segs[len(x.segs)-1]
		x.tail = x.newTail(x.nextRef(last), pairSetOfKeys(last.pairKeys))
	}
	if readOnly {
		return x, nil
	}
	return x, x.removeStray(keep)
}

// removeStray deletes segment files meta.json does not name.
func (x *Index) removeStray(keep map[string]bool) error {
	ents, err := os.ReadDir(x.dir)
	if err != nil {
		return fmt.Errorf("open search index: %w", err)
	}
	for _, e := range ents {
		n := e.Name()
		if (strings.HasPrefix(n, "seg-") || strings.HasSuffix(n, ".tmp")) && !keep[n] {
			if err := os.Remove(filepath.Join(x.dir, n)); err != nil {
				return fmt.Errorf("open search index: %w", err)
			}
		}
	}
	return nil
}

// SizeBytes returns the bytes the index's files take on disk.
func (x *Index) SizeBytes() (int64, error) {
	if x.dir == "" {
		return 0, nil
	}
	var n int64
	ents, err := os.ReadDir(x.dir)
	if err != nil {
		return 0, fmt.Errorf("size of search index: %w", err)
	}
	for _, e := range ents {
		if info, err := e.Info(); err == nil {
			n += info.Size()
		}
	}
	return n, nil
}
