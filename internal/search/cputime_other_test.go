//go:build !unix

package search

import "time"

// cpuTime is not measured here: the docs/CPU-s metric is left out.
func cpuTime() time.Duration { return 0 }
