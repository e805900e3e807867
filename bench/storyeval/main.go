// Command storyeval measures story clustering and near-duplicate detection:
// NMI and BCubed scores on labelled headline streams against two
// baselines, precision and recall of the Deduper on syndicated copies
// generated from the demo corpus, and throughput on one core.
//
//	go run ./bench/storyeval [FILE.jsonl...]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsdesk/newsdesk/bench/internal/proc"
	"github.com/newsdesk/newsdesk/internal/story"
)

func main() {
	var opts story.ClusterOptions
	flag.Float64Var(&opts.Threshold, "threshold", 0, "similarity threshold (0: default)")
	flag.Float64Var(&opts.Damping, "damping", 0, "centroid damping power (0: default)")
	flag.Float64Var(&opts.Merge, "merge", 0, "story merge similarity (0: default, above 1: never)")
	flag.Float64Var(&opts.Decay, "decay", 0, "story fading, in articles, for undated streams (0: default, negative: none)")
	flag.Float64Var(&opts.SizeBonus, "sizebonus", 0, "story size bonus")
	flag.Float64Var(&opts.BigramWeight, "bigram", 0, "headline word-pair weight (0: none)")
	flag.Float64Var(&opts.Veto, "veto", 0, "least cosine with a recent article of a story to join it (0: default, negative: no veto)")
	flag.Float64Var(&opts.Link, "link", 0, "cosine with a recent article that joins a lone article to its story (0: default, above 1: never)")
	storiesDir := flag.String("stories", "../shared/data/stories", "directory of labelled sets: every DIR/*/*.jsonl is scored when no FILE is given")
	wikiDir := flag.String("wikinews", "../shared/data/corpus/wikinews/vanatteveldt-2019-2020", "Wikinews CSV files, a second near-duplicate corpus (skipped when absent)")
	flag.BoolVar(&ndVerbose, "ndverbose", false, "print each missed copy and each false near-duplicate match")
	speedN := flag.Int("speed", 150000, "articles for the speed run (0: skip)")
	predDir := flag.String("pred", "", "write predicted {id, story} lines for each file into this directory")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the speed run to this file")
	memProfile := flag.String("memprofile", "", "write a heap profile at the end of the speed run to this file")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		var err error
		if files, err = labelledSets(*storiesDir); err != nil {
			fmt.Fprintln(os.Stderr, "storyeval:", err)
			os.Exit(1)
		}
	}
	sets := make([]labelledSet, 0, len(files)+1)
	for _, path := range files {
		docs, err := loadLabelled(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "storyeval:", err)
			os.Exit(1)
		}
		sets = append(sets, labelledSet{filepath.Base(path), docs})
	}
	if demo, err := loadDemoSources(); err == nil {
		sets = append(sets, labelledSet{"demo-events", demoEventStream(demo)})
	} else {
		fmt.Fprintln(os.Stderr, "storyeval: demo events not scored:", err)
	}
	if err := runClustering(sets, opts, *predDir); err != nil {
		fmt.Fprintln(os.Stderr, "storyeval:", err)
		os.Exit(1)
	}
	if err := runNearDup(*wikiDir); err != nil {
		fmt.Fprintln(os.Stderr, "storyeval:", err)
		os.Exit(1)
	}
	if *speedN > 0 {
		if *cpuProfile != "" {
			stop, err := proc.StartCPUProfile(*cpuProfile)
			if err != nil {
				fmt.Fprintln(os.Stderr, "storyeval:", err)
				os.Exit(1)
			}
			defer stop()
		}
		if err := runSpeed(*speedN, *memProfile); err != nil {
			fmt.Fprintln(os.Stderr, "storyeval:", err)
			os.Exit(1)
		}
	}
}

// labelledSet is one labelled stream to score, named for the table.
type labelledSet struct {
	name string
	docs []labelled
}

func runClustering(sets []labelledSet, opts story.ClusterOptions, predDir string) error {
	fmt.Printf("%-14s %-22s %6s %8s %6s %6s %6s %6s\n", "file", "method", "docs", "clusters", "NMI", "B3-P", "B3-R", "B3-F1")
	for _, set := range sets {
		docs := set.docs
		gold := make([]string, len(docs))
		for i, d := range docs {
			gold[i] = d.Gold
		}
		methods := []struct {
			name string
			run  func([]labelled) []string
		}{
			{"all-singletons", singletons},
			{"naive-tfidf-0.3", naiveTFIDF},
			{"story.Clusterer", func(ds []labelled) []string { return clusterer(ds, opts) }},
		}
		for _, m := range methods {
			pred := m.run(docs)
			s := score(gold, pred)
			fmt.Printf("%-14s %-22s %6d %8d %6.3f %6.3f %6.3f %6.3f\n", set.name, m.name,
				s.docs, s.clusters, s.nmi, s.precision, s.recall, s.f1)
			if predDir != "" && m.name == "story.Clusterer" {
				if err := writePred(filepath.Join(predDir, set.name), docs, pred); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func clusterer(docs []labelled, opts story.ClusterOptions) []string {
	c := story.NewClusterer(opts)
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = string(c.Assign(story.Doc{ID: d.ID, Title: d.Title, Text: d.Text, Published: d.Published, Source: d.Source}))
	}
	return out
}

func singletons(docs []labelled) []string {
	out := make([]string, len(docs))
	for i := range docs {
		out[i] = fmt.Sprint(i)
	}
	return out
}

// labelledSets lists every labelled stream under dir (dir/SET/*.jsonl),
// the googlenews News-T and News first, so that a labelled set added to
// the shared data is scored without changing this program.
func labelledSets(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.jsonl"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no labelled sets (%s/*/*.jsonl)", dir)
	}
	rank := func(f string) int {
		switch filepath.Base(f) {
		case "News-T.jsonl":
			return 0
		case "News.jsonl":
			return 1
		}
		return 2
	}
	slices.SortStableFunc(files, func(a, b string) int {
		if c := rank(a) - rank(b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return files, nil
}
