package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/internal/story"
)

// runSpeed streams n articles built from the demo corpus (every seventh
// word replaced by a random one, fixed seed, so that they are not all
// copies) through Deduper and Clusterer with a 100,000-article window on
// one core, and reports throughput and the peak heap.
func runSpeed(n int, memProfile string) error {
	arts, err := demoArticles()
	if err != nil {
		return err
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([]story.Doc, n)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range docs {
		a := arts[i%len(arts)]
		docs[i] = story.Doc{ID: fmt.Sprint(i), Title: perturb(rng, a.title), Text: perturb(rng, a.body),
			Published: start.Add(time.Duration(i) * time.Second)}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	inputHeap := ms.HeapAlloc
	const window = 100000
	d := story.NewDeduper(story.DedupOptions{Window: window})
	c := story.NewClusterer(story.ClusterOptions{Window: window})
	var peak uint64
	t0, c0 := time.Now(), cpuTime()
	for i, doc := range docs {
		d.Add(doc.ID, doc.Text)
		c.Assign(doc)
		if i%5000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	el, cpu := time.Since(t0), cpuTime()-c0
	if memProfile != "" {
		if err := writeHeapProfile(memProfile); err != nil {
			return err
		}
	}
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapAlloc)
	runtime.GC()
	runtime.ReadMemStats(&ms)
	live := ms.HeapAlloc
	runtime.KeepAlive(d)
	runtime.KeepAlive(c)
	arts2, stories := c.Len()
	fmt.Printf("\nspeed: %d articles (window %d) through Deduper+Clusterer, GOMAXPROCS=1: %.0f articles/s (%.0f per CPU second), peak heap %.0f MiB (input included, garbage too; the input alone %.0f MiB, live at the end %.0f MiB), window %d articles / %d stories\n",
		n, window, float64(n)/el.Seconds(), float64(n)/cpu.Seconds(), float64(peak)/(1<<20), float64(inputHeap)/(1<<20), float64(live)/(1<<20), arts2, stories)
	return nil
}

func perturb(rng *rand.Rand, s string) string {
	w := strings.Fields(s)
	for i := range w {
		if i%7 == 3 {
			w[i] = fmt.Sprintf("w%d", rng.IntN(1000000))
		}
	}
	return strings.Join(w, " ")
}

// writeHeapProfile writes what is live now, while the Deduper and the
// Clusterer still hold their windows.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create heap profile: %w", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		return fmt.Errorf("write heap profile: %w", err)
	}
	return nil
}

// cpuTime is the CPU time the process has used, user and system: on a
// shared machine it measures the work better than the wall clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
