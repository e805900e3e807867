// Package ingest refreshes sources end to end: it asks the fetcher for a
// source's feed, parses it, turns each item into a normalised, sanitised
// article, files it into a section and stores it, then records the outcome
// on the source and schedules its next check. It is the only package that
// knows the whole order of the pipeline.
//
// It depends on the store interfaces, never on a concrete database, and
// never imports config or web: the caller passes Options.
package ingest
