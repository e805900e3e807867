package search

import (
	"math/rand/v2"
	"testing"
)

// TestSkipUvarints checks the eight-bytes-at-a-time skip against reading
// the varints one by one, from every offset and for every count.
func TestSkipUvarints(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 50; round++ {
		var p []byte
		for k := rng.IntN(40); k > 0; k-- {
			p = appendUvarint(p, rng.Uint64N(1<<uint(rng.IntN(40))))
		}
		if rng.IntN(4) == 0 && len(p) > 0 {
			p = append(p, 0x80|byte(rng.IntN(128))) // a cut-off varint at the end
		}
		for i := 0; i <= len(p); i++ {
			for n := 0; n <= 45; n++ {
				naive := i
				for k := n; k > 0 && naive < len(p); naive++ {
					if p[naive] < 0x80 {
						k--
					}
				}
				if got := skipUvarints(p, i, n); got != naive {
					t.Fatalf("skipUvarints(%x, %d, %d) = %d, want %d", p, i, n, got, naive)
				}
			}
		}
	}
}
