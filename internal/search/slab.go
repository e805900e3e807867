package search

import "encoding/binary"

// slab holds many growing byte streams (a builder's postings, three per
// term) in 64 KB pages, so that appending never copies what is already
// written: a stream is a chain of chunks of growing size, each but the
// last ending in the 4-byte address of the next. (The same idea as
// Lucene's byte block pool.)
type slab struct {
	pages [][]byte
	used  int // bytes used in the last page
}

const (
	slabPageBits = 16
	slabPage     = 1 << slabPageBits
	slabLink     = 4
)

// chunkSizes are the sizes of a stream's successive chunks, links included.
var chunkSizes = [...]int{16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192}

// stream is one growing byte stream in a slab.
type stream struct {
	head  uint32 // address of the first chunk
	chunk uint32 // address of the current chunk
	pos   uint32 // next write address
	end   uint32 // where the current chunk's link begins
	level uint8
	size  uint32 // bytes written
	init  bool
}

func (s *slab) alloc(n int) uint32 {
	if len(s.pages) == 0 || s.used+n > slabPage {
		s.pages = append(s.pages, make([]byte, slabPage))
		s.used = 0
	}
	a := uint32(len(s.pages)-1)<<slabPageBits | uint32(s.used)
	s.used += n
	return a
}

func (s *slab) at(a uint32) []byte { return s.pages[a>>slabPageBits][a&(slabPage-1):] }

func (s *slab) newChunk(st *stream, level uint8) {
	n := chunkSizes[level]
	a := s.alloc(n)
	if st.init {
		binary.LittleEndian.PutUint32(s.at(st.end), a)
	} else {
		st.head, st.init = a, true
	}
	st.chunk, st.pos, st.end, st.level = a, a, a+uint32(n-slabLink), level
}

func (s *slab) writeByte(st *stream, c byte) {
	if !st.init || st.pos == st.end {
		level := uint8(0)
		if st.init {
			level = min(st.level+1, uint8(len(chunkSizes)-1))
		}
		s.newChunk(st, level)
	}
	s.pages[st.pos>>slabPageBits][st.pos&(slabPage-1)] = c
	st.pos++
	st.size++
}

func (s *slab) writeUvarint(st *stream, x uint64) {
	if st.init && st.end-st.pos >= 10 {
		// Fast path: the whole varint fits the current chunk.
		page := s.pages[st.pos>>slabPageBits]
		off := st.pos & (slabPage - 1)
		n := uint32(0)
		for x >= 0x80 {
			page[off+n] = byte(x) | 0x80
			x >>= 7
			n++
		}
		page[off+n] = byte(x)
		n++
		st.pos += n
		st.size += n
		return
	}
	for x >= 0x80 {
		s.writeByte(st, byte(x)|0x80)
		x >>= 7
	}
	s.writeByte(st, byte(x))
}

// appendTo appends the stream's bytes to dst.
func (s *slab) appendTo(dst []byte, st *stream) []byte {
	if !st.init {
		return dst
	}
	a, level := st.head, 0
	for {
		if a == st.chunk {
			return append(dst, s.at(a)[:st.pos-a]...)
		}
		n := chunkSizes[level] - slabLink
		c := s.at(a)
		dst = append(dst, c[:n]...)
		a = binary.LittleEndian.Uint32(c[n:])
		level = min(level+1, len(chunkSizes)-1)
	}
}
