// Command feedconformance scores internal/feed against public feed test
// suites, beside gofeed used alone on the same files:
//
//	go run ./bench/feedconformance [-v] [DIR...]
//	go run ./bench/feedconformance -dump FIXTURE
//
// DIR defaults to ../shared/data/feeds (from the repository root). A
// directory inside feedparser-tests is scored on the suite's Expect
// assertions; one inside gofeed-testdata on gofeed's expected translator
// output; anything else as real-world feeds (every file parses or fails
// cleanly, rss-parser's expected outputs where present, and throughput).
// It prints Markdown. It reads the data where it lies and copies none.
//
// It may import anything in the module; nothing may import it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	verbose := flag.Bool("v", false, "list every failing assertion of ours")
	dump := flag.String("dump", "", "print what our parser makes of one feedparser fixture, as the assertions see it, and exit")
	flag.Parse()
	if *dump != "" {
		if err := dumpFixture(os.Stdout, *dump); err != nil {
			fmt.Fprintln(os.Stderr, "feedconformance:", err)
			os.Exit(1)
		}
		return
	}
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{defaultDataDir()}
	}
	for _, dir := range dirs {
		if err := report(os.Stdout, dir, *verbose); err != nil {
			fmt.Fprintln(os.Stderr, "feedconformance:", err)
			os.Exit(1)
		}
	}
}

// defaultDataDir is ../shared/data/feeds beside the repository root.
func defaultDataDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return "../shared/data/feeds"
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(d), "shared", "data", "feeds")
		}
		if filepath.Dir(d) == d {
			return "../shared/data/feeds"
		}
	}
}

// report scores one directory, choosing the suite by where it lies.
func report(w io.Writer, dir string, verbose bool) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", dir, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("read data directory: %w", err)
	}
	if root, ok := suiteRoot(abs, "feedparser-tests"); ok {
		return reportFeedparser(w, root, abs, verbose)
	}
	if root, ok := suiteRoot(abs, "gofeed-testdata"); ok {
		return reportGofeed(w, root, abs, verbose)
	}
	// The feeds root itself: every suite in turn.
	subs := []string{"feedparser-tests", "gofeed-testdata", "real-world"}
	found := false
	for _, s := range subs {
		if _, err := os.Stat(filepath.Join(abs, s)); err == nil {
			found = true
			if err := report(w, filepath.Join(abs, s), verbose); err != nil {
				return err
			}
		}
	}
	if found {
		return nil
	}
	return reportRealWorld(w, abs, verbose)
}

// suiteRoot finds the named suite directory in abs or its parents.
func suiteRoot(abs, name string) (string, bool) {
	parts := strings.Split(filepath.ToSlash(abs), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == name {
			return filepath.FromSlash(strings.Join(parts[:i+1], "/")), true
		}
	}
	return "", false
}

func pct(n, d int) string {
	if d == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}
