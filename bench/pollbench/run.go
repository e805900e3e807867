package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/bench/internal/proc"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

type results struct {
	loadStart, loadEnd       string
	prefillTime              time.Duration
	prefillArticles          int
	prefillFailed            int
	measured                 time.Duration
	polls, newPolls          int64
	notModified              int64
	pollsPerSec, newShare    float64
	bytesPerSec              float64
	serverCPU, publisherCPU  float64 // cores
	serverPeak, serverRSS    string
	failingAfter             int
	sampleFeeds              int
	sampleBytes              int
	newsdeskMBps, gofeedMBps float64
}

// publisherStats mirrors the JSON of publishernet's /stats.
type publisherStats struct {
	Polls, Initial, NewItems, NotModified, Bytes, Other int64
}

func run(p params) error {
	ctx := context.Background()
	var r results
	r.loadStart = loadAverage()
	dir, err := os.MkdirTemp("", "newsdesk-pollbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, b := range []struct{ out, pkg string }{{"newsdesk", "./cmd/newsdesk"}, {"publishernet", "./bench/publishernet"}} {
		build := exec.Command("go", "build", "-o", filepath.Join(dir, b.out), b.pkg)
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build %s: %w", b.pkg, err)
		}
	}

	pub, control, err := startPublishers(dir, p)
	if err != nil {
		return err
	}
	defer stop(pub)
	var hosts []string
	if err := getJSON(control+"/hosts", &hosts); err != nil {
		return err
	}
	logf("publisher network up: %d hosts", len(hosts))

	dbPath := filepath.Join(dir, "poll.db")
	if err := prefill(ctx, dbPath, hosts, p, &r); err != nil {
		return fmt.Errorf("prefill: %w", err)
	}

	srv, err := startServer(dir, dbPath, p)
	if err != nil {
		return err
	}
	defer stop(srv)
	logf("newsdesk serve running (pid %d); warming up for %s", srv.Process.Pid, p.warmup)
	time.Sleep(p.warmup)

	before, err := snapshot(control, srv.Process.Pid, pub.Process.Pid)
	if err != nil {
		return err
	}
	logf("measuring for %s", p.measure)
	time.Sleep(p.measure)
	after, err := snapshot(control, srv.Process.Pid, pub.Process.Pid)
	if err != nil {
		return err
	}
	r.serverPeak = proc.Status(srv.Process.Pid, "VmHWM:")
	r.serverRSS = proc.Status(srv.Process.Pid, "VmRSS:")
	compare(before, after, &r)
	r.loadEnd = loadAverage()

	stop(srv)
	if r.failingAfter, err = failingSources(ctx, dbPath); err != nil {
		return err
	}
	logf("fetching %d bodies for the parsing measurement", p.sample)
	bodies, err := sampleBodies(hosts, p)
	if err != nil {
		return err
	}
	stop(pub)
	measureParsing(bodies, &r)
	printReport(p, r)
	return nil
}

func startPublishers(dir string, p params) (*exec.Cmd, string, error) {
	cmd := exec.Command(filepath.Join(dir, "publishernet"), "-hosts", strconv.Itoa(p.hosts),
		"-feeds", strconv.Itoa(p.sources), "-new", strconv.FormatFloat(p.newFrac, 'f', -1, 64), "-fixtures", p.fixtures)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("start publisher network: %w", err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		stop(cmd)
		return nil, "", fmt.Errorf("read the publisher network's control address: %w", err)
	}
	control, ok := strings.CutPrefix(strings.TrimSpace(line), "control ")
	if !ok {
		stop(cmd)
		return nil, "", fmt.Errorf("publisher network said %q, not its control address", line)
	}
	return cmd, control, nil
}

func feedURL(hosts []string, i int) string {
	return fmt.Sprintf("http://%s/f/%d.xml", hosts[i%len(hosts)], i)
}

// prefill adds the sources, ingests every feed once in this process (the
// state of a network that has been running), then spreads the next checks
// evenly over one interval in a random order.
func prefill(ctx context.Context, dbPath string, hosts []string, p params, r *results) error {
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	sections := []string{"politics", "business", "world", "technology", "sports"}
	for i := range p.sources {
		src := model.Source{Name: fmt.Sprintf("Publisher %d Daily", i), FeedURL: feedURL(hosts, i),
			SiteURL: fmt.Sprintf("http://publisher-%d.example/", i), Section: sections[i%len(sections)],
			Policy: model.PolicyExcerpt, Poll: model.PollState{NextCheckAt: time.Now()}}
		if _, err := st.AddSource(ctx, src); err != nil {
			return err
		}
	}
	sources, err := st.ListSources(ctx)
	if err != nil {
		return err
	}
	logf("added %d sources; first ingest pass in this process", len(sources))
	client := fetch.New(fetch.Options{AllowPrivateNetworks: true, HostGap: -1, MaxConcurrent: 16})
	defer client.CloseIdleConnections()
	in := ingest.New(st, ingest.Options{Fetcher: client, Sections: config.DefaultSections(),
		PollInterval: p.interval, MaxBackoff: p.interval, Workers: 16})
	start := time.Now()
	done := 0
	in.RefreshAll(ctx, sources, func(rep ingest.Report) {
		done++
		r.prefillArticles += rep.Created
		if rep.Err != nil {
			if r.prefillFailed < 3 {
				logf("  prefill: %s", rep)
			}
			r.prefillFailed++
		}
		if done%1000 == 0 {
			logf("  %d sources ingested, %d articles", done, r.prefillArticles)
		}
	})
	r.prefillTime = time.Since(start)
	logf("prefill done in %s: %d articles, %d failed", r.prefillTime.Round(time.Second), r.prefillArticles, r.prefillFailed)

	if sources, err = st.ListSources(ctx); err != nil {
		return err
	}
	now := time.Now()
	order := rand.New(rand.NewPCG(2, 3)).Perm(len(sources))
	for i, src := range sources {
		state := src.Poll
		offset := time.Duration((float64(order[i]) + 0.5) / float64(len(sources)) * float64(p.interval))
		state.NextCheckAt = now.Add(offset).UTC()
		if err := st.SavePollState(ctx, src.ID, state); err != nil {
			return err
		}
	}
	return nil
}

func startServer(dir, dbPath string, p params) (*exec.Cmd, error) {
	addr, err := proc.FreeAddr()
	if err != nil {
		return nil, err
	}
	iv := p.interval.String()
	cmd := exec.Command(filepath.Join(dir, "newsdesk"), "serve", "--db", dbPath, "--addr", addr,
		"--poll-interval", iv, "--poll-min", iv, "--poll-max", iv, "--workers", strconv.Itoa(p.workers),
		"--allow-private-networks", "--host-gap", "1s", "--log-level", "error")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start newsdesk serve: %w", err)
	}
	if err := proc.WaitHealthy("http://"+addr+"/healthz", 60*time.Second); err != nil {
		stop(cmd)
		return nil, err
	}
	return cmd, nil
}

// stop ends a child process gracefully, then for certain; calling it twice is harmless.
func stop(cmd *exec.Cmd) {
	if cmd.ProcessState != nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

type snap struct {
	at                    time.Time
	serverTicks, pubTicks int64
	stats                 publisherStats
}

func snapshot(control string, serverPID, pubPID int) (snap, error) {
	s := snap{at: time.Now()}
	var err error
	if s.serverTicks, err = cpuTicks(serverPID); err != nil {
		return s, err
	}
	if s.pubTicks, err = cpuTicks(pubPID); err != nil {
		return s, err
	}
	return s, getJSON(control+"/stats", &s.stats)
}

func compare(a, b snap, r *results) {
	r.measured = b.at.Sub(a.at)
	secs := r.measured.Seconds()
	r.polls = b.stats.Polls - a.stats.Polls
	r.newPolls = b.stats.NewItems - a.stats.NewItems
	r.notModified = b.stats.NotModified - a.stats.NotModified
	r.pollsPerSec = float64(r.polls) / secs
	if r.polls > 0 {
		r.newShare = float64(r.newPolls) / float64(r.polls)
	}
	r.bytesPerSec = float64(b.stats.Bytes-a.stats.Bytes) / secs
	r.serverCPU = float64(b.serverTicks-a.serverTicks) / clockTicks / secs
	r.publisherCPU = float64(b.pubTicks-a.pubTicks) / clockTicks / secs
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat times: 100 on every
// Linux architecture Go supports.
const clockTicks = 100

// cpuTicks is utime+stime of a process from /proc/PID/stat.
func cpuTicks(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("read CPU time of process %d: %w", pid, err)
	}
	// The command name may hold spaces; the fields after it do not.
	rest := string(data[strings.LastIndexByte(string(data), ')')+2:])
	f := strings.Fields(rest)
	// After the name: state(3) ... utime is field 14, stime 15, so 11 and 12 here.
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("parse /proc/%d/stat: %q", pid, data)
	}
	return utime + stime, nil
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

func failingSources(ctx context.Context, dbPath string) (int, error) {
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	sources, err := st.ListSources(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range sources {
		if s.Poll.LastError != "" {
			if n < 3 {
				logf("source %d: %s", s.ID, s.Poll.LastError)
			}
			n++
		}
	}
	return n, nil
}

func getJSON(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return fmt.Errorf("get %s: %w", url, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("read %s: %w", url, err)
	}
	return nil
}

type body struct {
	data       []byte
	url, ctype string
}

// sampleBodies fetches every (sources/sample)th feed unconditionally.
func sampleBodies(hosts []string, p params) ([]body, error) {
	step := max(p.sources/max(p.sample, 1), 1)
	var out []body
	for i := 0; i < p.sources; i += step {
		u := feedURL(hosts, i)
		resp, err := http.Get(u)
		if err != nil {
			return nil, fmt.Errorf("get %s: %w", u, err)
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", u, err)
		}
		out = append(out, body{data: data, url: u, ctype: resp.Header.Get("Content-Type")})
	}
	return out, nil
}
