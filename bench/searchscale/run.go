package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/bench/internal/proc"
)

// batchSize is how many articles each Add receives.
const batchSize = 1000

// runResult is what one engine measured at one corpus size; the child
// process prints it as JSON and the parent keeps it in the results file.
type runResult struct {
	Engine     string        `json:"engine"`
	N          int64         `json:"n"`
	Seed       uint64        `json:"seed"`
	Started    time.Time     `json:"started"`
	GOMAXPROCS int           `json:"gomaxprocs"`
	AddSeconds float64       `json:"add_seconds"`   // time inside Add
	Flush      float64       `json:"flush_seconds"` // time inside Flush
	WallBuild  float64       `json:"wall_build_seconds"`
	BuildRate  float64       `json:"build_rate"` // articles per second of Add+Flush
	BuildCPU   float64       `json:"build_cpu_seconds"`
	CPURate    float64       `json:"build_cpu_rate"` // articles per CPU-second of Add+Flush
	LoadAvg    string        `json:"loadavg"`        // /proc/loadavg when the searches ended
	SizeBytes  int64         `json:"size_bytes"`
	PeakRSSKB  int64         `json:"peak_rss_kb"` // VmHWM of the child process
	Rounds     int           `json:"rounds"`
	Warmup     bool          `json:"warmup"`                // false: the first timed round ran cold
	SearchOnly bool          `json:"search_only,omitempty"` // searched an index built by an earlier run
	Classes    []classResult `json:"classes"`
	Error      string        `json:"error,omitempty"`
}

type classResult struct {
	Class     string  `json:"class"`
	Samples   int     `json:"samples"`
	P50       float64 `json:"p50_ms"`
	P95       float64 `json:"p95_ms"`
	P99       float64 `json:"p99_ms"`
	CPUP50    float64 `json:"cpu_p50_ms"` // process CPU time per search
	CPUP99    float64 `json:"cpu_p99_ms"`
	Max       float64 `json:"max_ms"`
	MeanTotal float64 `json:"mean_total"`
	MinTotal  int     `json:"min_total"`
	MaxTotal  int     `json:"max_total"`
}

// runEngine builds the engine over the generated corpus and times the
// query mix, all on the calling goroutine.
func runEngine(open func(string) (Engine, error), name, dir string, g *Generator, n int64, qs []Query, rounds int, budget time.Duration, warmup, searchOnly bool) (res runResult, err error) {
	res = runResult{Engine: name, N: n, Seed: g.seed, Started: time.Now().UTC(), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	eng, err := open(dir)
	if err != nil {
		return res, fmt.Errorf("open %s: %w", name, err)
	}
	defer func() {
		if cerr := eng.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close %s: %w", name, cerr)
		}
	}()
	res.SearchOnly = searchOnly
	if searchOnly {
		if res.SizeBytes, err = eng.SizeBytes(); err != nil {
			return res, fmt.Errorf("%s: size: %w", name, err)
		}
	} else if err := build(eng, &res, g, n); err != nil {
		return res, err
	}

	// One unrecorded round warms caches and counts the matches; then whole
	// rounds, every query once per round. After the first timed round a
	// class whose samples took more than its share of the budget runs no
	// more, so a slow class cannot hold the run for hours.
	lat := map[string][]time.Duration{}
	cpuLat := map[string][]time.Duration{}
	totals := map[string][]int{}
	spent := map[string]time.Duration{}
	share := budget / time.Duration(len(classes))
	first := 0
	if !warmup {
		first = 1
	}
	res.Warmup = warmup
	for round := first; round <= rounds; round++ {
		ran := false
		for _, q := range qs {
			if round > 1 && spent[q.Class] > share {
				continue
			}
			ran = true
			t, c := time.Now(), cpuTime()
			r, err := eng.Search(q)
			d, dc := time.Since(t), cpuTime()-c
			if err != nil {
				return res, fmt.Errorf("%s: search %s %q: %w", name, q.Class, q.Text, err)
			}
			if round == first {
				totals[q.Class] = append(totals[q.Class], r.Total)
			}
			if round == 0 {
				continue
			}
			spent[q.Class] += d
			lat[q.Class] = append(lat[q.Class], d)
			cpuLat[q.Class] = append(cpuLat[q.Class], dc)
		}
		if !ran {
			break
		}
		res.Rounds = round
	}
	for _, c := range classes {
		ds := lat[c]
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		cs := cpuLat[c]
		slices.Sort(cs)
		cr := classResult{Class: c, Samples: len(ds), P50: pct(ds, .50), P95: pct(ds, .95), P99: pct(ds, .99),
			CPUP50: pct(cs, .50), CPUP99: pct(cs, .99), Max: ms(ds[len(ds)-1]), MinTotal: -1}
		sum := 0
		for _, t := range totals[c] {
			sum += t
			if cr.MinTotal < 0 || t < cr.MinTotal {
				cr.MinTotal = t
			}
			cr.MaxTotal = max(cr.MaxTotal, t)
		}
		cr.MeanTotal = float64(sum) / float64(len(totals[c]))
		res.Classes = append(res.Classes, cr)
	}
	res.PeakRSSKB = peakRSSKB()
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		res.LoadAvg = strings.TrimSpace(string(la))
	}
	return res, nil
}

// buildProfile, when set, names the file for a CPU profile of build.
var buildProfile string

// build adds the n articles in batches, flushes, and records the build
// figures in res.
func build(eng Engine, res *runResult, g *Generator, n int64) error {
	if buildProfile != "" {
		stop, err := proc.StartCPUProfile(buildProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	name := res.Engine
	var (
		b       genBuf
		batch   = make([]Doc, 0, batchSize)
		inAdd   time.Duration
		cpu     time.Duration
		wall    = time.Now()
		lastLog = time.Now()
	)
	for id := int64(1); id <= n; id++ {
		batch = append(batch, g.Doc(id, &b))
		if len(batch) == batchSize || id == n {
			t, c := time.Now(), cpuTime()
			if err := eng.Add(batch); err != nil {
				return fmt.Errorf("%s: add up to article %d: %w", name, id, err)
			}
			inAdd += time.Since(t)
			cpu += cpuTime() - c
			batch = batch[:0]
		}
		if time.Since(lastLog) > 30*time.Second {
			lastLog = time.Now()
			size, _ := eng.SizeBytes()
			fmt.Fprintf(os.Stderr, "searchscale: %s n=%d: %d added, %.0f articles/s in Add, %.0f per CPU-second, %.0f MB on disk, peak RSS %d MB, %s elapsed\n",
				name, n, id, float64(id)/inAdd.Seconds(), float64(id)/cpu.Seconds(), float64(size)/1e6, peakRSSKB()/1024,
				time.Since(wall).Round(time.Second))
		}
	}
	t, c := time.Now(), cpuTime()
	if err := eng.Flush(); err != nil {
		return fmt.Errorf("%s: flush: %w", name, err)
	}
	flush := time.Since(t)
	cpu += cpuTime() - c
	res.BuildCPU = cpu.Seconds()
	res.CPURate = float64(n) / cpu.Seconds()
	res.AddSeconds, res.Flush = inAdd.Seconds(), flush.Seconds()
	res.WallBuild = time.Since(wall).Seconds()
	res.BuildRate = float64(n) / (inAdd + flush).Seconds()
	var err error
	if res.SizeBytes, err = eng.SizeBytes(); err != nil {
		return fmt.Errorf("%s: size: %w", name, err)
	}
	fmt.Fprintf(os.Stderr, "searchscale: %s n=%d built: %.0f articles/s, %.0f per CPU-second (Add %.1fs, Flush %.1fs), %.1f MB\n",
		name, n, res.BuildRate, res.CPURate, res.AddSeconds, res.Flush, float64(res.SizeBytes)/1e6)

	return nil
}

// pct is the nearest-rank percentile of sorted durations, in milliseconds.
func pct(ds []time.Duration, p float64) float64 {
	k := int(float64(len(ds))*p+0.999999) - 1
	return ms(ds[max(0, min(k, len(ds)-1))])
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpuTime is the CPU time this process has used, user and system. With
// GOMAXPROCS=1 it is one core's work, whatever else the machine runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSSKB reads this process's resident-set high-water mark.
func peakRSSKB() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return -1
}

// dirSize sums the sizes of the files under dir.
func dirSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			total += info.Size()
		}
		return nil
	})
	return total, err
}
