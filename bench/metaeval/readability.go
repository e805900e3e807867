package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/newsdesk/newsdesk/internal/extract/meta"
)

// fakeHost is the document URL upstream's test harness uses.
const fakeHost = "http://fakehost/test/page.html"

type expectedMeta struct {
	Title *string `json:"title"`
}

func runReadability(dir, misses string, baseline bool) error {
	cases, err := filepath.Glob(filepath.Join(dir, "*", "expected-metadata.json"))
	if err != nil || len(cases) == 0 {
		return fmt.Errorf("no cases under %s (the data set is read from ../shared/data)", dir)
	}
	sort.Strings(cases)
	ours, theirs, n := 0, 0, 0
	u, _ := url.Parse(fakeHost)
	for _, c := range cases {
		name := filepath.Base(filepath.Dir(c))
		raw, err := os.ReadFile(c)
		if err != nil {
			return fmt.Errorf("read %s: %w", c, err)
		}
		var want expectedMeta
		if err := json.Unmarshal(raw, &want); err != nil {
			return fmt.Errorf("decode %s: %w", c, err)
		}
		if want.Title == nil {
			continue
		}
		page, err := os.ReadFile(filepath.Join(filepath.Dir(c), "source.html"))
		if err != nil {
			return fmt.Errorf("read %s source: %w", name, err)
		}
		n++
		got := ""
		if root, err := html.Parse(bytes.NewReader(page)); err == nil {
			got = meta.Extract(root, fakeHost).Title
		}
		// Whitespace runs compare as one space, as in bench/extracteval
		// and score_wcxb.py: a page shows them so.
		if normWS(got) == normWS(*want.Title) {
			ours++
		} else if misses == "title" {
			fmt.Printf("%s\t%q\t%q\n", name, *want.Title, got)
		}
		if baseline {
			if a, err := readability.FromReader(bytes.NewReader(page), u); err == nil && normWS(a.Title()) == normWS(*want.Title) {
				theirs++
			}
		}
	}
	fmt.Printf("readability-test-pages: %d cases with an expected title\n", n)
	fmt.Println("| extractor | title equal |")
	fmt.Println("|---|---|")
	fmt.Printf("| newsdesk meta | %d/%d = %.1f%% |\n", ours, n, pct(ours, n))
	if baseline {
		fmt.Printf("| readeck go-readability v2.1.3 | %d/%d = %.1f%% |\n", theirs, n, pct(theirs, n))
	}
	return nil
}
