// Command ingestbench measures ingest throughput on one core: feeds built
// from the demo corpus (RSS, Atom and JSON Feed, repeated to the requested
// size with unique GUIDs) go through parse, normalise, sanitise, dedupe and
// store into a fresh SQLite database. The network and page extraction are
// left out. A second pass over the same feeds measures the "nothing
// changed" path that every poll of an unchanged feed takes.
//
//	go run ./bench/ingestbench [-items 20000] [-cores 1] [-stories=false] [-cpuprofile FILE]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/bench/internal/proc"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

func main() {
	items := flag.Int("items", 20000, "feed items in all, split over RSS, Atom and JSON Feed")
	cores := flag.Int("cores", 1, "GOMAXPROCS")
	stories := flag.Bool("stories", true, "place new articles in stories and detect syndicated copies, as the product does")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the first pass (all new items) to this file")
	flag.Parse()
	runtime.GOMAXPROCS(*cores)
	if err := run(*items, *stories, *cpuProfile); err != nil {
		log.Fatal(err)
	}
}

func run(items int, stories bool, cpuProfile string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "newsdesk-ingestbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg := config.Default()
	cfg.DB = filepath.Join(dir, "bench.db")
	cfg.Stories = stories
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()

	formats := []string{"rss", "atom", "json"}
	type job struct {
		src  model.Source
		body []byte
	}
	var jobs []job
	var feedBytes int
	for i, format := range formats {
		n := items / len(formats)
		if i == 0 {
			n += items % len(formats)
		}
		body, err := demo.BenchmarkFeed(format, n)
		if err != nil {
			return err
		}
		src := model.Source{Name: "Bench " + format, FeedURL: "http://bench.example/" + format,
			SiteURL: "http://bench.example/", Section: "world", Policy: model.PolicyFull,
			Poll: model.PollState{NextCheckAt: time.Now().Add(24 * time.Hour)}}
		if src.ID, err = st.AddSource(ctx, src); err != nil {
			return err
		}
		jobs = append(jobs, job{src, body})
		feedBytes += len(body)
	}
	in := app.NewIngester(cfg, st, nil, nil)

	fmt.Printf("GOMAXPROCS %d, %d items in %d feeds (%.1f MB), story placement %v\n\n", runtime.GOMAXPROCS(0), items, len(jobs), float64(feedBytes)/1e6, stories)
	// CPU time beside wall clock: on a shared machine the wall clock
	// measures the other processes too.
	fmt.Println("| pass | items | created | unchanged | seconds | items/s | CPU s | items per CPU-s | MB allocated |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, pass := range []string{"first (all new)", "second (unchanged)"} {
		// Only the first pass is profiled: it is where new items cost.
		stopProfile := func() {}
		if cpuProfile != "" && pass == "first (all new)" {
			stop, err := proc.StartCPUProfile(cpuProfile)
			if err != nil {
				return err
			}
			stopProfile = stop
		}
		var total ingest.Report
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		cpu0 := cpuTime()
		start := time.Now()
		for _, j := range jobs {
			rep, err := in.StoreFeed(ctx, j.src, j.body)
			if err != nil {
				return fmt.Errorf("%s: %w", j.src.Name, err)
			}
			total.Items += rep.Items
			total.Created += rep.Created
			total.Unchanged += rep.Unchanged
		}
		elapsed := time.Since(start)
		cpu := cpuTime() - cpu0
		stopProfile()
		runtime.ReadMemStats(&after)
		fmt.Printf("| %s | %d | %d | %d | %.2f | %.0f | %.2f | %.0f | %.0f |\n", pass, total.Items, total.Created, total.Unchanged,
			elapsed.Seconds(), float64(total.Items)/elapsed.Seconds(), cpu.Seconds(), float64(total.Items)/cpu.Seconds(),
			float64(after.TotalAlloc-before.TotalAlloc)/1e6)
		if pass == "first (all new)" {
			// Ingest leaves the search index to whoever searches next (the
			// server's watcher, within seconds); its cost is part of
			// taking an article in, so it is timed here on its own row
			// and added to the first pass on the next.
			if err := timeSearchIndexing(ctx, st, total, elapsed, cpu); err != nil {
				return err
			}
		}
	}
	return nil
}

// timeSearchIndexing brings the store's search index up to date with the
// articles just ingested and prints its cost, then the first pass's and
// its together.
func timeSearchIndexing(ctx context.Context, st store.Store, first ingest.Report, firstWall, firstCPU time.Duration) error {
	w, ok := st.(interface{ WarmSearch(context.Context) error })
	if !ok {
		return nil
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuTime()
	start := time.Now()
	if err := w.WarmSearch(ctx); err != nil {
		return err
	}
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&after)
	fmt.Printf("| search index of the new articles | %d | | | %.2f | %.0f | %.2f | %.0f | %.0f |\n", first.Created,
		elapsed.Seconds(), float64(first.Created)/elapsed.Seconds(), cpu.Seconds(), float64(first.Created)/cpu.Seconds(),
		float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	wall, cpuAll := firstWall+elapsed, firstCPU+cpu
	fmt.Printf("| first pass with its search index | %d | %d | %d | %.2f | %.0f | %.2f | %.0f | |\n", first.Items, first.Created, first.Unchanged,
		wall.Seconds(), float64(first.Items)/wall.Seconds(), cpuAll.Seconds(), float64(first.Items)/cpuAll.Seconds())
	return nil
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
