package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/bench/internal/proc"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/model"
)

// runLoad is the load test (-load): see the package comment.
func runLoad(conns int, duration time.Duration, items int, pageCache time.Duration) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "newsdesk-sitebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	dbPath := filepath.Join(dir, "bench.db")
	if err := fill(ctx, dbPath, items); err != nil {
		return fmt.Errorf("fill database: %w", err)
	}

	bin := filepath.Join(dir, "newsdesk")
	build := exec.Command("go", "build", "-o", bin, "./cmd/newsdesk")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build newsdesk: %w", err)
	}
	addr, err := proc.FreeAddr()
	if err != nil {
		return err
	}
	srv := exec.Command(bin, "serve", "--db", dbPath, "--addr", addr, "--log-level", "error", "--page-cache-ttl", pageCache.String())
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		return fmt.Errorf("start server: %w", err)
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	base := "http://" + addr
	if err := proc.WaitHealthy(base+"/healthz", 30*time.Second); err != nil {
		return err
	}

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}}
	fmt.Printf("cores: %d (load generator and server share them); connections: %d; %d s per page; %d articles; page cache %s\n\n",
		runtime.NumCPU(), conns, int(duration.Seconds()), items, pageCache)
	fmt.Println("| page | requests/s | p50 | p99 | errors |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: |")
	for _, page := range []struct{ name, path string }{{"home", "/"}, {"article", "/article/1"}} {
		warm(client, base+page.path, conns)
		r := load(client, base+page.path, conns, duration)
		fmt.Printf("| %s | %.0f | %s | %s | %d |\n", page.name, r.rps, r.p50, r.p99, r.errors)
	}
	fmt.Printf("\nserver peak resident memory (VmHWM): %s\n", proc.Status(srv.Process.Pid, "VmHWM:"))
	return nil
}

// fill ingests demo-corpus feeds into a new database through the real
// pipeline (everything after the fetch).
func fill(ctx context.Context, dbPath string, items int) error {
	cfg := config.Default()
	cfg.DB = dbPath
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	body, err := demo.BenchmarkFeed("rss", items)
	if err != nil {
		return err
	}
	src := model.Source{Name: "Bench Wire", FeedURL: "http://bench.example/feed.xml", SiteURL: "http://bench.example/",
		Section: "world", Policy: model.PolicyFull, Poll: model.PollState{NextCheckAt: time.Now().Add(24 * time.Hour)}}
	if src.ID, err = st.AddSource(ctx, src); err != nil {
		return err
	}
	in := app.NewIngester(cfg, st, nil, nil)
	_, err = in.StoreFeed(ctx, src, body)
	return err
}

func warm(client *http.Client, url string, conns int) { load(client, url, conns, time.Second) }

type result struct {
	rps      float64
	p50, p99 time.Duration
	errors   int
}

// load keeps conns requests in flight for d and records every latency.
func load(client *http.Client, url string, conns int, d time.Duration) result {
	var mu sync.Mutex
	var all []time.Duration
	errors := 0
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for range conns {
		wg.Go(func() {
			lat := make([]time.Duration, 0, 4096)
			errs := 0
			for time.Now().Before(deadline) {
				start := time.Now()
				resp, err := client.Get(url)
				if err != nil {
					errs++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs++
					continue
				}
				lat = append(lat, time.Since(start))
			}
			mu.Lock()
			all = append(all, lat...)
			errors += errs
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(all)
	r := result{rps: float64(len(all)) / d.Seconds(), errors: errors}
	if len(all) > 0 {
		r.p50 = all[len(all)*50/100].Round(10 * time.Microsecond)
		r.p99 = all[len(all)*99/100].Round(10 * time.Microsecond)
	}
	return r
}
