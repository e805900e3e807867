package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// The goals.
const (
	goalP50       = 5.0  // ms
	goalP99       = 50.0 // ms
	goalBuildRate = 5000 // articles per second
)

// printTables writes the results as Markdown tables: build figures, then
// latency per size, then the growth with size of each engine.
func printTables(w io.Writer, rs []runResult) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n### Build (one core)\n\n")
	fmt.Fprintln(w, "| engine | articles | articles/s | per CPU-s | Add s | Flush s | index MB | bytes/article | peak RSS MB | load avg | goal ≥ 5,000/s (wall / CPU) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
	for _, r := range rs {
		if r.Error != "" {
			fmt.Fprintf(w, "| %s | %d | failed: %s | | | | | | | | |\n", r.Engine, r.N, oneLine(r.Error))
			continue
		}
		if r.SearchOnly {
			fmt.Fprintf(w, "| %s | %s | searched an index built earlier | | | | %s | | %s | %s | |\n", r.Engine, thousands(r.N),
				thousands(r.SizeBytes/1e6), thousands(r.PeakRSSKB/1024), strings.Join(strings.Fields(r.LoadAvg + " - -")[:1], ""))
			continue
		}
		la := strings.Join(strings.Fields(r.LoadAvg + " - -")[:1], "")
		fmt.Fprintf(w, "| %s | %s | %s | %s | %.1f | %.1f | %s | %s | %s | %s | %s |\n", r.Engine, thousands(r.N),
			thousands(int64(r.BuildRate)), thousands(int64(r.CPURate)), r.AddSeconds, r.Flush, thousands(r.SizeBytes/1e6),
			thousands(r.SizeBytes/r.N), thousands(r.PeakRSSKB/1024), la, verdict(r.BuildRate >= goalBuildRate)+" / "+verdict(r.CPURate >= goalBuildRate))
	}
	var sizes []int64
	for _, r := range rs {
		if !slices.Contains(sizes, r.N) {
			sizes = append(sizes, r.N)
		}
	}
	slices.Sort(sizes)
	for _, n := range sizes {
		fmt.Fprintf(w, "\n### Latency at %s articles (ms, one core)\n\n", thousands(n))
		fmt.Fprintln(w, "| engine | class | p50 | p95 | p99 | max | CPU p50 | CPU p99 | matches (mean) | samples | goal p50 ≤ 5, p99 ≤ 50 (wall / CPU) |")
		fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
		for _, r := range rs {
			if r.N != n || r.Error != "" {
				continue
			}
			for _, c := range r.Classes {
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %s |\n", r.Engine, c.Class,
					msf(c.P50), msf(c.P95), msf(c.P99), msf(c.Max), msf(c.CPUP50), msf(c.CPUP99), thousands(int64(c.MeanTotal+0.5)), c.Samples,
					verdict(c.P50 <= goalP50 && c.P99 <= goalP99)+" / "+verdict(c.CPUP50 <= goalP50 && c.CPUP99 <= goalP99))
			}
		}
	}
	// Growth: the last result of each engine at each size.
	fmt.Fprintf(w, "\n### Growth with corpus size (worst class p50 / p99 ms, wall; CPU in brackets; build articles per CPU-s)\n\n")
	var names []string
	for _, r := range rs {
		if !slices.Contains(names, r.Engine) {
			names = append(names, r.Engine)
		}
	}
	for _, e := range names {
		var parts []string
		for _, n := range sizes {
			// The last figures of each class, and of the build.
			var (
				last  *runResult
				byCls = map[string]classResult{}
			)
			for i := range rs {
				if rs[i].Engine != e || rs[i].N != n || rs[i].Error != "" {
					continue
				}
				if !rs[i].SearchOnly {
					last = &rs[i]
				}
				for _, c := range rs[i].Classes {
					byCls[c.Class] = c
				}
			}
			if len(byCls) == 0 && last == nil {
				continue
			}
			rate := "build not run"
			if last != nil {
				rate = thousands(int64(last.CPURate)) + "/CPU-s"
			}
			var p50, p99, cp50, cp99 float64
			var c50, c99 string
			for _, c := range byCls {
				if c.P50 > p50 {
					p50, c50 = c.P50, c.Class
				}
				if c.P99 > p99 {
					p99, c99 = c.P99, c.Class
				}
				cp50, cp99 = max(cp50, c.CPUP50), max(cp99, c.CPUP99)
			}
			parts = append(parts, fmt.Sprintf("%s: %s (%s) / %s (%s) [CPU %s / %s], %s", short(n), msf(p50), c50, msf(p99), c99,
				msf(cp50), msf(cp99), rate))
		}
		fmt.Fprintf(w, "- %s: %s\n", e, strings.Join(parts, " → "))
	}
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

func msf(v float64) string {
	switch {
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return thousands(int64(v + 0.5))
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "|", "/")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
