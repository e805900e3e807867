// Command sitebench measures the public site. By default it times every
// kind of page view on a store of -n articles (100,000 unless told), built
// through the real store API the way ingest writes it, with the page cache
// and the article page's lookup caches off so that every request does its
// store work; it prints p50, p95 and max per page and which store calls
// took the time. See README.md.
//
//	go run ./bench/sitebench [-n 100000] [-db PATH] [-requests 40]
//
// With -load it runs the older load test instead: it fills a fresh
// database from the demo corpus, starts `newsdesk serve` on it as a
// separate process, then drives the home page and an article page with 64
// concurrent keep-alive connections from this process, and prints requests
// per second, latency percentiles and the server's peak resident memory.
//
//	go run ./bench/sitebench -load [-c 64] [-d 10s] [-items 2000] [-page-cache-ttl 2s]
//
// The load generator and the server share the machine's cores; the
// printed table says how many there were.
package main

import (
	"flag"
	"log"
	"time"
)

func main() {
	n := flag.Int("n", 100000, "articles in the store (scale mode)")
	dbPath := flag.String("db", "", "store to use: built there when missing, reused when it holds the same -n and -seed (default: a temporary file)")
	requests := flag.Int("requests", 40, "timed requests per page kind (scale mode)")
	seed := flag.Uint64("seed", 1, "seed of the generated store and of the requests")
	load := flag.Bool("load", false, "run the load test against `newsdesk serve` instead")
	conns := flag.Int("c", 64, "concurrent connections (-load)")
	duration := flag.Duration("d", 10*time.Second, "duration of each run (-load)")
	items := flag.Int("items", 2000, "articles in the database (-load)")
	pageCache := flag.Duration("page-cache-ttl", 0, "the server's --page-cache-ttl (-load; 0: off)")
	flag.Parse()
	var err error
	if *load {
		err = runLoad(*conns, *duration, *items, *pageCache)
	} else {
		err = runScale(*n, *dbPath, *requests, *seed)
	}
	if err != nil {
		log.Fatal(err)
	}
}
