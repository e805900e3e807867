// Command extracteval measures Newsdesk's article extraction on the public
// extraction sets in ../shared/data/extraction, each with its own metric,
// beside readeck go-readability run in the same program and the reference
// tools' published numbers, and times both extractors on one core.
//
//	go run ./bench/extracteval [-set scrapinghub|wcxb|readability|all] [-speed=false] [-dump DIR] [-worst N]
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/newsdesk/newsdesk/bench/internal/proc"
)

var errPanic = errors.New("extractor panicked")

type config struct {
	data     string
	set      string
	speed    bool
	baseline bool
	dump     string
	worst    int
	show     string
}

func main() {
	var c config
	flag.StringVar(&c.data, "data", "../shared/data/extraction", "folder holding the extraction sets")
	flag.StringVar(&c.set, "set", "all", "scrapinghub, wcxb, readability or all")
	flag.BoolVar(&c.speed, "speed", true, "run the one-core speed table (scrapinghub pages)")
	flag.BoolVar(&c.baseline, "baseline", true, "run readeck go-readability beside ours")
	flag.StringVar(&c.dump, "dump", "", "write our predictions as JSON for the reference scorers into this folder")
	flag.IntVar(&c.worst, "worst", 0, "list this many of our lowest-scoring pages per set")
	flag.BoolVar(&losses, "losses", false, "with -worst: list under each page the paragraphs kept that were not wanted (+) and those lost (-)")
	flag.StringVar(&scoresFile, "scores", "", "append every page's P, R and F1 to this file (compare two runs with join)")
	flag.StringVar(&c.show, "show", "", "print our text and the expected text of this page id, then stop")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the speed run to this file")
	flag.Parse()
	if *cpuprofile != "" {
		stop, err := proc.StartCPUProfile(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		defer stop()
	}
	if err := run(c); err != nil {
		log.Fatal(err)
	}
}

func run(c config) error {
	tools := []extractor{ours()}
	if c.baseline {
		tools = append(tools, readeck())
	}
	want := func(s string) bool { return c.set == "all" || c.set == s }
	if c.dump != "" {
		if err := os.MkdirAll(c.dump, 0o755); err != nil {
			return err
		}
	}
	if want("scrapinghub") {
		pages, err := loadScrapinghub(filepath.Join(c.data, "scrapinghub"))
		if err != nil {
			return fmt.Errorf("load scrapinghub: %w", err)
		}
		if c.show != "" {
			showPage(pages, c.show)
		} else if err := evalScrapinghub(c, pages, tools); err != nil {
			return err
		}
		if c.speed && c.show == "" {
			speedTable(pages, tools)
		}
	}
	if want("wcxb") {
		pages, err := loadWCXB(filepath.Join(c.data, "wcxb-dev"))
		if err != nil {
			return fmt.Errorf("load wcxb: %w", err)
		}
		if c.show != "" {
			showPage(pages, c.show)
		} else if err := evalWCXB(c, pages, tools); err != nil {
			return err
		}
	}
	if want("readability") {
		pages, err := loadReadability(filepath.Join(c.data, "readability-test-pages"))
		if err != nil {
			return fmt.Errorf("load readability: %w", err)
		}
		if c.show != "" {
			showPage(pages, c.show)
		} else {
			evalReadability(c, pages, tools)
		}
	}
	return nil
}
