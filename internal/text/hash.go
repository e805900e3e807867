package text

// FNV-1a 64-bit constants: a fixed, documented hash, so that values stored in
// a database stay meaningful across restarts, machines and Go versions
// (hash/maphash is seeded per process and would not).
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

// Hash64 returns a stable 64-bit hash of s: FNV-1a followed by Mix64, whose
// avalanche makes every output bit depend on every input byte (plain FNV-1a
// leaves the high bits weak for short strings).
func Hash64(s string) uint64 { return hash64(s) }

// hash64 is Hash64 of a string or of the bytes that spell it.
func hash64[T string | []byte](s T) uint64 {
	h := uint64(fnvOffset64)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime64
	}
	return Mix64(h)
}

// Mix64 is the splitmix64 finaliser: a bijection on uint64 with full
// avalanche. MinHash uses it to derive many independent hash functions from
// one.
func Mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// combine folds b into hash a in an order-dependent way, so that the
// shingle "a b c" and "c b a" hash differently.
func combine(a, b uint64) uint64 {
	return Mix64(a*fnvPrime64 ^ b)
}
