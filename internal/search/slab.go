package search

import "encoding/binary"

// slab holds many growing byte streams (a builder's postings, one per
// term) in 64 KB pages, so that appending never copies what is already
// written: a stream is a chain of chunks of growing size, each but the
// last ending in the 4-byte address of the next. (The same idea as
// Lucene's byte block pool.)
type slab struct {
	pages [][]byte
	used  int      // bytes used in the last page
	spare [][]byte // pages of an earlier slab, reused before new ones are allocated
}

const (
	slabPageBits = 16
	slabPage     = 1 << slabPageBits
	slabLink     = 4
	// slabReserved bytes at the start of the first page are never a
	// chunk, so that address 0 means "no chunk yet".
	slabReserved = 16
)

// chunkSizes are the sizes of a stream's successive chunks, links included.
var chunkSizes = [...]int{16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192}

// stream is one growing byte stream in a slab. It is kept small (16
// bytes): a builder holds one per term and touches one per posting.
type stream struct {
	head  uint32 // address of the first chunk; 0 before the first write
	pos   uint32 // next write address
	end   uint32 // where the current chunk's link begins
	level uint8  // the current chunk's index in chunkSizes
}

func (s *slab) alloc(n int) uint32 {
	if len(s.pages) == 0 || s.used+n > slabPage {
		if k := len(s.spare); k > 0 {
			// A reused page holds old bytes: every byte of a chunk is
			// written before it is read, so it needs no clearing.
			s.pages = append(s.pages, s.spare[k-1])
			s.spare = s.spare[:k-1]
		} else {
			s.pages = append(s.pages, make([]byte, slabPage))
		}
		s.used = 0
		if len(s.pages) == 1 {
			s.used = slabReserved
		}
	}
	a := uint32(len(s.pages)-1)<<slabPageBits | uint32(s.used)
	s.used += n
	return a
}

// recycle returns the slab's pages for reuse by a new slab (see reuse);
// the slab must not be read afterwards.
func (s *slab) recycle() [][]byte {
	p := append(s.spare, s.pages...)
	s.pages, s.spare = nil, nil
	return p
}

// reuse gives the slab pages to fill before allocating new ones.
func (s *slab) reuse(pages [][]byte) { s.spare = pages }

func (s *slab) at(a uint32) []byte { return s.pages[a>>slabPageBits][a&(slabPage-1):] }

// nextChunk starts the stream's next chunk (its first when it has none).
func (s *slab) nextChunk(st *stream) {
	level := uint8(0)
	if st.head != 0 {
		level = min(st.level+1, uint8(len(chunkSizes)-1))
	}
	n := chunkSizes[level]
	a := s.alloc(n)
	if st.head != 0 {
		binary.LittleEndian.PutUint32(s.at(st.end), a)
	} else {
		st.head = a
	}
	st.pos, st.end, st.level = a, a+uint32(n-slabLink), level
}

// write appends p to the stream.
func (s *slab) write(st *stream, p []byte) {
	for len(p) > 0 {
		if st.pos == st.end {
			s.nextChunk(st)
		}
		off := st.pos & (slabPage - 1)
		n := copy(s.pages[st.pos>>slabPageBits][off:off+(st.end-st.pos)], p)
		st.pos += uint32(n)
		p = p[n:]
	}
}

// appendTo appends the stream's bytes to dst.
func (s *slab) appendTo(dst []byte, st *stream) []byte {
	if st.head == 0 {
		return dst
	}
	// The current chunk is the one whose link begins at st.end.
	last := st.end - uint32(chunkSizes[st.level]-slabLink)
	a, level := st.head, 0
	for {
		if a == last {
			return append(dst, s.at(a)[:st.pos-a]...)
		}
		n := chunkSizes[level] - slabLink
		c := s.at(a)
		dst = append(dst, c[:n]...)
		a = binary.LittleEndian.Uint32(c[n:])
		level = min(level+1, len(chunkSizes)-1)
	}
}
