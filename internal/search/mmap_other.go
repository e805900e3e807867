//go:build !unix

package search

import "os"

// mapFile reads a segment file onto the heap where mmap is not at hand.
func mapFile(path string) ([]byte, func() error, error) {
	b, err := os.ReadFile(path)
	return b, func() error { return nil }, err
}
