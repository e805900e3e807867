// Package app wires Newsdesk together: it turns a validated config.Config
// into a store, a fetcher, an ingester and a web server, and runs them
// (serve, demo) or performs one operator command (sources, picks, articles,
// fetch). It is the only package besides tests that imports a concrete
// store implementation; cmd/newsdesk only parses arguments and calls it.
package app
