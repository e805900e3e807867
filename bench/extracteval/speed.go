package main

import (
	"fmt"
	"runtime"
	"slices"
	"time"
)

// speedTable times each extractor on one core over the pages: each page is
// run once to warm up and then three times; the page's time is the median
// of the three. Allocations are counted from the runtime's malloc counter.
func speedTable(pages []page, tools []extractor) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	fmt.Printf("\n## speed, GOMAXPROCS=1, %d scrapinghub pages (per page: median of 3 runs after a warm-up)\n\n", len(pages))
	fmt.Println("| tool | median | p95 | max | allocs/page | bytes allocated/page |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, t := range tools {
		times := make([]time.Duration, 0, len(pages))
		var mallocs, bytes uint64
		var ms runtime.MemStats
		for _, p := range pages {
			t.run(p.html, p.url)
			var runs [3]time.Duration
			for i := range runs {
				runtime.ReadMemStats(&ms)
				m0, b0 := ms.Mallocs, ms.TotalAlloc
				start := time.Now()
				t.run(p.html, p.url)
				runs[i] = time.Since(start)
				runtime.ReadMemStats(&ms)
				mallocs += ms.Mallocs - m0
				bytes += ms.TotalAlloc - b0
			}
			slices.Sort(runs[:])
			times = append(times, runs[1])
		}
		slices.Sort(times)
		n := uint64(len(pages) * 3)
		fmt.Printf("| %s | %s | %s | %s | %d | %.1f MB |\n", t.name, ms2(times[len(times)/2]),
			ms2(times[(len(times)*95+99)/100-1]), ms2(times[len(times)-1]), mallocs/n, float64(bytes/n)/1e6)
	}
}

func ms2(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
