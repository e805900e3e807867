//go:build race

package search

// raceEnabled scales the property tests down under the race detector.
const raceEnabled = true
