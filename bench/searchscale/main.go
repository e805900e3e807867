// Command searchscale measures search at scale (issue 5): it generates a
// corpus of N news articles from the Wikinews sample, builds each engine's
// index over it, and times a fixed query mix on one core, printing build
// rate, index size, peak memory and latency p50/p95/p99 per query class.
//
//	go run ./bench/searchscale -n 10000,100000,1000000 -engines product,bleve,ours
//
// Each engine and size runs in a child process of this program with
// GOMAXPROCS=1, so its peak memory (VmHWM) is its own and its figures are
// one core's. See README.md for the generator, the query mix and how to
// read the figures. It owns nothing the product imports; the source text is
// read from ../shared/data and never committed.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

const defaultCorpus = "../shared/data/corpus/wikinews/vanatteveldt-2019-2020"

type options struct {
	sizes    []int64
	engines  []string
	corpus   string
	seed     uint64
	rounds   int
	budget   time.Duration
	results  string
	workdir  string
	keep     bool
	genOnly  bool
	warmup   bool
	index    string   // search an index an earlier run kept, without building
	classes  []string // run only these query classes
	perClass int      // run only the first perClass queries of each class
	search   bool     // child: searchOnly
	mixFile  string
	queries  string // child: the query file
	child    string // child: the engine to run
	childDir string
	// cpuProfile names a file for a CPU profile of each child's build
	// (generating the articles, Add and Flush); "-ENGINE-N" is added
	// before the extension.
	cpuProfile string
}

func main() {
	var (
		o           options
		sizes, engs string
		report      string
		classList   string
		seed        uint64
	)
	flag.StringVar(&sizes, "n", "10000,100000", "corpus sizes, comma-separated")
	flag.StringVar(&engs, "engines", "ours,product,bleve", "engines to run, comma-separated")
	flag.StringVar(&o.corpus, "corpus", defaultCorpus, "directory holding wikinews_*.csv")
	flag.Uint64Var(&seed, "seed", 1, "generator and query-mix seed")
	flag.IntVar(&o.rounds, "rounds", 20, "timed rounds of the query mix (every query once per round)")
	flag.DurationVar(&o.budget, "budget", 3*time.Minute, "stop adding rounds (after 3) once timed searches took this long")
	flag.StringVar(&o.results, "results", "", "append each run's JSON result to this file")
	flag.StringVar(&report, "report", "", "print the tables of a results file and exit")
	flag.StringVar(&o.workdir, "workdir", "", "directory for the indexes (default: a new temporary directory)")
	flag.BoolVar(&o.keep, "keep", false, "keep the indexes")
	flag.StringVar(&o.mixFile, "querymix", "", "read each size's query mix from PREFIX-N-seedS.json when it exists (skipping the statistics pass), else write it there")
	flag.StringVar(&o.index, "index", "", "search this engine directory, left by an earlier run (-keep, or a run stopped), instead of building one; one engine and one size")
	flag.StringVar(&classList, "classes", "", "run only these query classes, comma-separated (default all)")
	flag.IntVar(&o.perClass, "perclass", perClass, "run only the first K queries of each class")
	flag.BoolVar(&o.search, "searchonly", false, "internal: -child searches -dir without building")
	flag.BoolVar(&o.warmup, "warmup", true, "run every query once untimed before the timed rounds")
	flag.BoolVar(&o.genOnly, "gen", false, "only measure the generator: rate, lengths, vocabulary growth, query mix")
	flag.StringVar(&o.child, "child", "", "internal: run one engine in this process")
	flag.StringVar(&o.queries, "queries", "", "internal: query file for -child")
	flag.StringVar(&o.childDir, "dir", "", "internal: index directory for -child")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of each build (generating the articles, Add and Flush) to this file, suffixed -ENGINE-N")
	flag.Parse()
	o.seed = seed
	o.classes = splitList(classList)
	var err error
	if report != "" {
		err = printReportFile(os.Stdout, report)
	} else if o.sizes, err = parseSizes(sizes); err == nil {
		o.engines = splitList(engs)
		if o.child != "" {
			err = runChild(o)
		} else {
			err = run(o, os.Stdout)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchscale:", err)
		os.Exit(1)
	}
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parseSizes(s string) ([]int64, error) {
	var out []int64
	for _, f := range splitList(s) {
		f = strings.NewReplacer("_", "", "k", "000", "M", "000000").Replace(f)
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n < 1000 || n > 1<<31-1 {
			return nil, fmt.Errorf("corpus size %q: want a number of articles from 1000", f)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, errors.New("no corpus size given")
	}
	return out, nil
}

// run is the parent: for each size it measures the generator, chooses the
// query mix and runs each engine in a child process.
func run(o options, w io.Writer) error {
	for _, e := range o.engines {
		if engines[e] == nil {
			return fmt.Errorf("engine %q is not built in (have %s)", e, strings.Join(engineNames(), ", "))
		}
	}
	if o.index != "" && (len(o.engines) != 1 || len(o.sizes) != 1) {
		return errors.New("-index searches one engine at one size")
	}
	for _, c := range o.classes {
		if !slices.Contains(classes, c) {
			return fmt.Errorf("no query class %q (have %s)", c, strings.Join(classes, ", "))
		}
	}
	src, err := loadSource(o.corpus)
	if err != nil {
		return err
	}
	srcLens := summarize(src.bodyLens)
	fmt.Fprintf(w, "source: %d Wikinews articles from %s\n", len(src.arts), strings.Join(src.files, ", "))
	var all []runResult
	for _, n := range o.sizes {
		g := newGenerator(src, o.seed, n)
		fmt.Fprintf(w, "\n== %d articles (seed %d)\n", n, o.seed)
		m := min(n, 100000)
		t, c := time.Now(), cpuTime()
		var (
			b     genBuf
			bytes int64
		)
		for id := int64(1); id <= m; id++ {
			d := g.Doc(id, &b)
			bytes += int64(len(d.Title) + len(d.Lead) + len(d.Body))
		}
		el, cel := time.Since(t), cpuTime()-c
		fmt.Fprintf(w, "generator: %d articles in %.2fs: %.0f articles/s, %.0f MB/s (one goroutine); %.0f articles per CPU-second\n",
			m, el.Seconds(), float64(m)/el.Seconds(), float64(bytes)/1e6/el.Seconds(), float64(m)/cel.Seconds())
		var qs []Query
		mixFile := ""
		if o.mixFile != "" {
			mixFile = fmt.Sprintf("%s-%d-seed%d.json", o.mixFile, n, o.seed)
			if data, err := os.ReadFile(mixFile); err == nil {
				if err := json.Unmarshal(data, &qs); err != nil {
					return fmt.Errorf("read query mix %s: %w", mixFile, err)
				}
				fmt.Fprintf(w, "query mix read from %s (no statistics pass)\n", mixFile)
			}
		}
		if qs == nil {
			if qs, err = statsAndMix(w, g, n, srcLens, o.seed); err != nil {
				return err
			}
			if mixFile != "" {
				data, _ := json.MarshalIndent(qs, "", "  ")
				if err := os.WriteFile(mixFile, data, 0o644); err != nil {
					return err
				}
			}
		}
		var (
			keep []Query
			seen = map[string]int{}
		)
		for _, q := range qs {
			if (len(o.classes) == 0 || slices.Contains(o.classes, q.Class)) && seen[q.Class] < o.perClass {
				seen[q.Class]++
				keep = append(keep, q)
			}
		}
		qs = keep
		fmt.Fprintf(w, "query mix:\n")
		for _, q := range qs {
			fmt.Fprintf(w, "  %-9s %s\n", q.Class, describe(q))
		}
		if o.genOnly {
			continue
		}
		rs, err := runSize(o, n, qs)
		all = append(all, rs...)
		if err != nil {
			printTables(w, all)
			return err
		}
	}
	if !o.genOnly {
		printTables(w, all)
	}
	return nil
}

// statsAndMix generates the whole corpus once to print its lengths and
// vocabulary growth and to choose the query mix from its statistics.
func statsAndMix(w io.Writer, g *Generator, n int64, srcLens lengthSummary, seed uint64) ([]Query, error) {
	st := collectStats(g, n, []int64{1000, 10000, 100000, 1000000, n})
	gen := summarize(st.bodyLens)
	fmt.Fprintf(w, "body length, source:    %s\n", srcLens)
	fmt.Fprintf(w, "body length, generated: %s\n", gen)
	fmt.Fprintf(w, "vocabulary growth (distinct terms in the first k articles):")
	for _, v := range dedupePoints(st.vocabAt) {
		fmt.Fprintf(w, " %s: %d;", short(v.Docs), v.Terms)
	}
	fmt.Fprintf(w, " (stats pass %.1fs, %.0f MB of text)\n", st.elapsed.Seconds(), float64(st.bytes)/1e6)
	return chooseQueries(st, seed)
}

func dedupePoints(ps []vocabPoint) []vocabPoint {
	var out []vocabPoint
	for _, p := range ps {
		if len(out) == 0 || out[len(out)-1].Docs != p.Docs {
			out = append(out, p)
		}
	}
	return out
}

func short(n int64) string {
	switch {
	case n >= 1000000 && n%1000000 == 0:
		return fmt.Sprintf("%dM", n/1000000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.FormatInt(n, 10)
}

func describe(q Query) string {
	s := q.Text
	if q.Section != "" {
		s += " section:" + q.Section
	}
	if !q.From.IsZero() {
		s += fmt.Sprintf(" published:[%s,%s)", q.From.Format("2006-01-02"), q.To.Format("2006-01-02"))
	}
	if q.SortByDate {
		s += " newest first"
	}
	return s
}

// runSize runs every engine at one size, each in a child process.
func runSize(o options, n int64, qs []Query) ([]runResult, error) {
	base := o.workdir
	if base == "" {
		d, err := os.MkdirTemp("", "searchscale-")
		if err != nil {
			return nil, err
		}
		base = d
		if !o.keep {
			defer os.RemoveAll(d)
		}
	}
	qfile := filepath.Join(base, fmt.Sprintf("queries-%d.json", n))
	data, err := json.MarshalIndent(qs, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(qfile, data, 0o644); err != nil {
		return nil, err
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	var out []runResult
	for _, e := range o.engines {
		dir := filepath.Join(base, fmt.Sprintf("%s-%d", e, n))
		if o.index != "" {
			dir = o.index
		} else if err := os.MkdirAll(dir, 0o755); err != nil {
			return out, err
		}
		cmd := exec.Command(exe, "-child", e, "-n", strconv.FormatInt(n, 10),
			"-seed", strconv.FormatUint(o.seed, 10), "-corpus", o.corpus, "-queries", qfile, "-dir", dir,
			"-rounds", strconv.Itoa(o.rounds), "-budget", o.budget.String(), "-warmup="+strconv.FormatBool(o.warmup),
			"-searchonly="+strconv.FormatBool(o.index != ""))
		if o.cpuProfile != "" {
			ext := filepath.Ext(o.cpuProfile)
			cmd.Args = append(cmd.Args, "-cpuprofile", fmt.Sprintf("%s-%s-%d%s", strings.TrimSuffix(o.cpuProfile, ext), e, n, ext))
		}
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		cmd.Stderr = os.Stderr
		stdout, err := cmd.Output()
		var r runResult
		if jerr := json.Unmarshal(stdout, &r); jerr != nil || err != nil {
			r = runResult{Engine: e, N: n, Seed: o.seed, Started: time.Now().UTC(), Error: fmt.Sprint(err, " ", jerr)}
		}
		out = append(out, r)
		if o.results != "" {
			if err := appendResult(o.results, r); err != nil {
				return out, err
			}
		}
		if !o.keep && o.index == "" {
			os.RemoveAll(dir)
		}
	}
	return out, nil
}

func appendResult(path string, r runResult) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	line, _ := json.Marshal(r)
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// runChild builds one engine at one size and prints its result as JSON.
func runChild(o options) error {
	open := engines[o.child]
	if open == nil {
		return fmt.Errorf("engine %q is not built in", o.child)
	}
	src, err := loadSource(o.corpus)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(o.queries)
	if err != nil {
		return err
	}
	var qs []Query
	if err := json.Unmarshal(data, &qs); err != nil {
		return fmt.Errorf("read %s: %w", o.queries, err)
	}
	n := o.sizes[0]
	buildProfile = o.cpuProfile
	res, err := runEngine(open, o.child, o.childDir, newGenerator(src, o.seed, n), n, qs, o.rounds, o.budget, o.warmup, o.search)
	if err != nil {
		res.Error = err.Error()
		fmt.Fprintln(os.Stderr, "searchscale:", err)
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

func printReportFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var rs []runResult
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r runResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		rs = append(rs, r)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	printTables(w, rs)
	return nil
}
