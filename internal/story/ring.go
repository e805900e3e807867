package story

// ring is a FIFO queue with a fixed capacity, used for the window of recent
// articles so that it never reallocates.
type ring[T any] struct {
	buf  []T
	head int
	n    int
}

func newRing[T any](capacity int) ring[T] {
	// Grow lazily up to capacity: a window of 100000 costs nothing until used.
	return ring[T]{buf: make([]T, 0, min(capacity, 1024)), n: 0}
}

func (r *ring[T]) len() int { return r.n }

func (r *ring[T]) front() T { return r.buf[r.head] }

func (r *ring[T]) push(v T) {
	if r.n < len(r.buf) {
		r.buf[(r.head+r.n)%len(r.buf)] = v
		r.n++
		return
	}
	// Full backing array: grow it, unrolling so the queue starts at 0.
	grown := make([]T, 0, max(2*len(r.buf), 16))
	for i := 0; i < r.n; i++ {
		grown = append(grown, r.buf[(r.head+i)%len(r.buf)])
	}
	grown = append(grown, v)
	r.buf, r.head, r.n = grown[:cap(grown)], 0, r.n+1
}

func (r *ring[T]) pop() T {
	v := r.buf[r.head]
	r.drop()
	return v
}

// drop removes the oldest element.
func (r *ring[T]) drop() {
	var zero T
	r.buf[r.head] = zero
	r.head = (r.head + 1) % len(r.buf)
	r.n--
}
