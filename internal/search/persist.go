package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
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
// three posting streams), then per document its ID, publication time
// (int64 Unix ns), section code (uint16), source code and length (uint32);
// per term its text and first spelling (uvarint length + bytes) and df;
// a bitmap (uint64 words) of the terms whose pairs are indexed;
// per block its last document, largest weighted frequency, shortest
// document and three stream offsets; the document, frequency and position
// streams as built in memory; and a CRC-32 (Castagnoli) of all before it.
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
	var b []byte
	b = append(b, segMagic...)
	for _, n := range []int{len(s.docs), len(s.terms), len(s.blocks), len(s.docData), len(s.freqData), len(s.posData)} {
		b = binary.LittleEndian.AppendUint32(b, uint32(n))
	}
	for i, d := range s.docs {
		b = binary.LittleEndian.AppendUint64(b, uint64(d.id))
		b = binary.LittleEndian.AppendUint64(b, uint64(d.published))
		b = binary.LittleEndian.AppendUint16(b, d.section)
		b = binary.LittleEndian.AppendUint32(b, d.source)
		b = binary.LittleEndian.AppendUint32(b, s.lens[i])
	}
	for i, t := range s.terms {
		b = appendUvarint(b, uint64(len(t)))
		b = append(b, t...)
		b = appendUvarint(b, uint64(len(s.display[i])))
		b = append(b, s.display[i]...)
		b = appendUvarint(b, uint64(s.info[i].df))
	}
	for _, w := range s.pairable {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	for _, bm := range s.blocks {
		b = binary.LittleEndian.AppendUint16(b, bm.lastDoc)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(bm.maxTF))
		b = binary.LittleEndian.AppendUint32(b, bm.minLen)
		b = binary.LittleEndian.AppendUint32(b, bm.docOff)
		b = binary.LittleEndian.AppendUint32(b, bm.freqOff)
		b = binary.LittleEndian.AppendUint32(b, bm.posOff)
	}
	b = append(b, s.docData...)
	b = append(b, s.freqData...)
	b = append(b, s.posData...)
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
	return writeFileAtomic(filepath.Join(dir, s.name), b)
}

func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write search index: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write search index %s: %w", path, err)
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

func readSegment(dir, name string, nsec, nsrc int) (*segment, error) {
	b, unmap, err := mapFile(filepath.Join(dir, name))
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
	if len(b) < len(segMagic)+4 || string(b[:len(segMagic)]) != segMagic ||
		crc32.Checksum(b[:len(b)-4], crcTable) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, fmt.Errorf("read search index %s: %w", name, errCorrupt)
	}
	r := &reader{b: b[:len(b)-4], off: len(segMagic)}
	var hdr [6]int
	for i := range hdr {
		hdr[i] = int(r.u32())
	}
	nd, nt, nb := hdr[0], hdr[1], hdr[2]
	if nd > maxSegmentDocs || nt > len(b) || nb > len(b) {
		return nil, fmt.Errorf("read search index %s: %w", name, errCorrupt)
	}
	s := &segment{name: name, docs: make([]docMeta, nd), lens: make([]uint32, nd)}
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
	s.terms, s.display, s.info = make([]string, nt), make([]string, nt), make([]termInfo, nt)
	blocks := 0
	for i := 0; i < nt && !r.err; i++ {
		s.terms[i], s.display[i] = r.str(), r.str()
		df := r.uvarint()
		if df == 0 || df > uint64(nd) || i > 0 && s.terms[i] <= s.terms[i-1] {
			r.err = true
		}
		s.info[i] = termInfo{df: uint32(df), firstBlock: uint32(blocks)}
		blocks += (int(df) + blockSize - 1) / blockSize
	}
	if blocks != nb {
		r.err = true
	}
	s.pairable = newBitmap(nt)
	for i := range s.pairable {
		s.pairable[i] = r.u64()
	}
	s.blocks = make([]blockMeta, nb)
	for i := 0; i < nb && !r.err; i++ {
		bm := &s.blocks[i]
		bm.lastDoc = r.u16()
		bm.maxTF = math.Float32frombits(r.u32())
		bm.minLen, bm.docOff, bm.freqOff, bm.posOff = r.u32(), r.u32(), r.u32(), r.u32()
		if int(bm.lastDoc) >= nd || int(bm.docOff) > hdr[3] || int(bm.freqOff) > hdr[4] || int(bm.posOff) > hdr[5] {
			r.err = true
		}
	}
	s.docData, s.freqData, s.posData = r.take(hdr[3]), r.take(hdr[4]), r.take(hdr[5])
	if r.err || r.off != len(r.b) {
		return nil, fmt.Errorf("read search index %s: %w", name, errCorrupt)
	}
	s.finish()
	return s, nil
}

// writeMeta writes meta.json; the caller holds the write lock.
func (x *Index) writeMeta() error {
	m := metaFile{
		Version:     metaVersion,
		Language:    x.opt.Language,
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
// built with another language or other weights gives ErrIncompatible; a
// damaged one an error: the caller rebuilds from its source of truth.
func Open(dir string, opt Options) (*Index, error) {
	x := New(opt)
	x.dir = dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, metaName))
	if errors.Is(err, fs.ErrNotExist) {
		return x, x.removeStray(nil)
	}
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	var m metaFile
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("open search index: %w: %v", errCorrupt, err)
	}
	if m.Version != metaVersion || m.Language != x.opt.Language || len(m.Weights) != 3 ||
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
		s, err := readSegment(dir, ms.Name, len(x.sections), len(x.sources))
		if err != nil {
			return nil, err
		}
		for _, d := range ms.Deleted {
			if d >= 0 && int(d) < s.n() {
				s.deleted.set(int(d))
			}
		}
		s.live = s.n() - s.deleted.count()
		for d := range s.docs {
			if !s.deleted.has(d) {
				if old, ok := x.loc[s.docs[d].id]; ok {
					// A later segment holds a newer version; should not happen.
					old.seg.deleted.set(int(old.d))
				}
				x.loc[s.docs[d].id] = docLoc{seg: s, d: int32(d)}
			}
		}
		x.segs = append(x.segs, s)
		keep[ms.Name] = true
	}
	if len(x.segs) > 0 {
		x.pairSet = pairSetOf(x.segs[len(x.segs)-1])
		x.tail = newBuilder(x.an, x.w, x.pairSet)
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
