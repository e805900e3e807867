package main

import (
	"bytes"
	"runtime"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsdesk/newsdesk/internal/feed"
)

// measureParsing parses every sampled body with Newsdesk's parser and with
// gofeed alone, on one core, each over at least two seconds. three times in
// turn, and keeps each parser's best run: on a shared machine the best is
// the one least disturbed.
func measureParsing(bodies []body, r *results) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	r.sampleFeeds = len(bodies)
	for _, b := range bodies {
		r.sampleBytes += len(b.data)
	}
	newsdesk := func(b body) {
		if _, err := feed.ParseWithContentType(b.data, b.url, b.ctype); err != nil {
			logf("newsdesk parser failed on %s: %v", b.url, err)
		}
	}
	alone := func(b body) {
		if _, err := gofeed.NewParser().Parse(bytes.NewReader(b.data)); err != nil {
			logf("gofeed failed on %s: %v", b.url, err)
		}
	}
	for range 3 {
		r.newsdeskMBps = max(r.newsdeskMBps, throughput(bodies, newsdesk))
		r.gofeedMBps = max(r.gofeedMBps, throughput(bodies, alone))
	}
}

func throughput(bodies []body, parse func(body)) float64 {
	runtime.GC()
	start := time.Now()
	total := 0
	for time.Since(start) < 2*time.Second {
		for _, b := range bodies {
			parse(b)
			total += len(b.data)
		}
	}
	return float64(total) / 1e6 / time.Since(start).Seconds()
}
