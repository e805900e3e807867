// Command pollbench measures polling at scale: it starts the loopback
// publisher network (bench/publishernet) and `newsdesk serve` as two
// separate processes, with a fresh database of -sources sources on -hosts
// host:port pairs, each polled every -interval. The database is first
// filled by one in-process ingest pass (so the articles and ETags exist, as
// in a network that has been running), and the sources' next checks are
// spread evenly over one interval, so what is measured is steady state,
// not a thundering herd. After -warmup it measures for -measure: the
// newsdesk process's CPU and peak memory, polls per second and the share
// of polls that brought new items (from the publisher network's counters),
// and the publisher network's CPU apart. Last, it measures parsing
// throughput of feed.ParseWithContentType beside gofeed alone over a sample
// of the served feed bodies, on one core.
//
//	go run ./bench/pollbench [-sources 10000] [-hosts 500] [-interval 15m] [-measure 5m]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"time"
)

type params struct {
	sources, hosts, workers int
	interval, warmup        time.Duration
	measure                 time.Duration
	newFrac                 float64
	fixtures                string
	sample                  int // feeds of the parse-throughput sample
}

func main() {
	var p params
	flag.IntVar(&p.sources, "sources", 10000, "sources (feeds)")
	flag.IntVar(&p.hosts, "hosts", 500, "publisher host:port pairs")
	flag.IntVar(&p.workers, "workers", 4, "the server's --workers")
	flag.DurationVar(&p.interval, "interval", 15*time.Minute, "poll interval of every source")
	flag.DurationVar(&p.warmup, "warmup", time.Minute, "time after the server starts before measuring")
	flag.DurationVar(&p.measure, "measure", 5*time.Minute, "measured steady state")
	flag.Float64Var(&p.newFrac, "new", 0.4, "fraction of conditional polls for which a publisher has new items")
	flag.StringVar(&p.fixtures, "fixtures", "../shared/data/feeds/real-world", "real-world feed files whose sizes the feeds follow")
	flag.IntVar(&p.sample, "sample", 500, "feeds in the parsing-throughput sample")
	flag.Parse()
	if _, err := os.Stat(p.fixtures); err != nil {
		log.Fatalf("the real-world fixtures are needed for the size distribution: %v", err)
	}
	if err := run(p); err != nil {
		log.Fatal(err)
	}
}

// commandLine names every setting, given or defaulted, so a row can be rerun.
func commandLine(p params) string {
	return fmt.Sprintf("go run ./bench/pollbench -sources %d -hosts %d -interval %s -warmup %s -measure %s -new %g -workers %d",
		p.sources, p.hosts, p.interval, p.warmup, p.measure, p.newFrac, p.workers)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05")+" "+format+"\n", args...)
}

func printReport(p params, r results) {
	fmt.Printf("`%s` — %d cores shared by both processes and other work (load average at start %s, at end %s)\n\n",
		commandLine(p), runtime.NumCPU(), r.loadStart, r.loadEnd)
	fmt.Printf("prefill: %d sources on %d hosts, %d articles, %s (%d sources failed)\n\n",
		p.sources, p.hosts, r.prefillArticles, r.prefillTime.Round(time.Second), r.prefillFailed)
	fmt.Println("| measure | value |")
	fmt.Println("| --- | ---: |")
	fmt.Printf("| measured steady state | %s after %s warm-up |\n", r.measured.Round(time.Second), p.warmup)
	fmt.Printf("| polls per second (expected %d / %s = %.2f) | %.2f |\n", p.sources, p.interval, float64(p.sources)/p.interval.Seconds(), r.pollsPerSec)
	fmt.Printf("| polls that brought new items | %.1f%% (%d of %d; %d answered 304) |\n", r.newShare*100, r.newPolls, r.polls, r.notModified)
	fmt.Printf("| feed bytes served per second | %.1f KB/s |\n", r.bytesPerSec/1000)
	fmt.Printf("| newsdesk CPU, mean over the window | %.2f%% of one core |\n", r.serverCPU*100)
	fmt.Printf("| newsdesk peak RSS (VmHWM) | %s (%s at the end) |\n", r.serverPeak, r.serverRSS)
	fmt.Printf("| publisher network CPU (apart) | %.2f%% of one core |\n", r.publisherCPU*100)
	fmt.Printf("| sources with an error after the run | %d |\n", r.failingAfter)
	fmt.Println()
	fmt.Printf("Parsing throughput, one core (GOMAXPROCS=1), %d served feed bodies, %.1f MB:\n\n", r.sampleFeeds, float64(r.sampleBytes)/1e6)
	fmt.Println("| parser | MB/s |")
	fmt.Println("| --- | ---: |")
	fmt.Printf("| feed.ParseWithContentType (Newsdesk) | %.1f |\n", r.newsdeskMBps)
	fmt.Printf("| gofeed alone | %.1f |\n", r.gofeedMBps)
}
