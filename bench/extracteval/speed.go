package main

import (
	"fmt"
	"runtime"
	"slices"
	"time"
)

// speedTable times each extractor on one core over the pages: each page is
// run once to warm up and then three times; the page's time is the median
// of the three. The tools take turns page by page, so that a machine shared
// with other work slows them alike rather than whichever ran during a busy
// spell. Allocations are counted from the runtime's malloc counter.
func speedTable(pages []page, tools []extractor) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	fmt.Printf("\n## speed, GOMAXPROCS=1, %d scrapinghub pages (per page: median of 3 runs after a warm-up; tools take turns page by page)\n\n", len(pages))
	fmt.Println("| tool | median | p95 | max | allocs/page | bytes allocated/page |")
	fmt.Println("|---|---|---|---|---|---|")
	times := make([][]time.Duration, len(tools))
	mallocs := make([]uint64, len(tools))
	bytes := make([]uint64, len(tools))
	var ms runtime.MemStats
	for _, p := range pages {
		for ti, t := range tools {
			t.run(p.html, p.url)
			var runs [3]time.Duration
			for i := range runs {
				runtime.ReadMemStats(&ms)
				m0, b0 := ms.Mallocs, ms.TotalAlloc
				start := time.Now()
				t.run(p.html, p.url)
				runs[i] = time.Since(start)
				runtime.ReadMemStats(&ms)
				mallocs[ti] += ms.Mallocs - m0
				bytes[ti] += ms.TotalAlloc - b0
			}
			slices.Sort(runs[:])
			times[ti] = append(times[ti], runs[1])
		}
	}
	n := uint64(len(pages) * 3)
	for ti, t := range tools {
		ts := times[ti]
		slices.Sort(ts)
		fmt.Printf("| %s | %s | %s | %s | %d | %.1f MB |\n", t.name, ms2(ts[len(ts)/2]),
			ms2(ts[(len(ts)*95+99)/100-1]), ms2(ts[len(ts)-1]), mallocs[ti]/n, float64(bytes[ti]/n)/1e6)
	}
}

func ms2(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
