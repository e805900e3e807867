package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsdesk/newsdesk/internal/sanitize"
)

// tally counts outcomes for both parsers.
type tally struct {
	files                 int
	ours, gofeed          [3]int // indexed by outcome
	oursFails, gofeedOnly []caseResult
}

func (t *tally) add(r caseResult) {
	t.files++
	t.ours[r.ours]++
	t.gofeed[r.gofeed]++
	if r.ours == fail {
		t.oursFails = append(t.oursFails, r)
	}
}

func (t *tally) merge(o *tally) {
	t.files += o.files
	for i := range t.ours {
		t.ours[i] += o.ours[i]
		t.gofeed[i] += o.gofeed[i]
	}
}

// feedparserResults runs every fixture under dir.
func feedparserResults(root, dir string) ([]caseResult, error) {
	fixtures, err := walkFixtures(dir, root)
	if err != nil {
		return nil, err
	}
	san := sanitize.New()
	out := make([]caseResult, 0, len(fixtures))
	for _, fx := range fixtures {
		out = append(out, runFixture(fx, san))
	}
	return out, nil
}

// groupOf is the folder a result is reported under: two levels deep.
func groupOf(rel string) string {
	parts := strings.Split(rel, "/")
	if len(parts) > 2 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

func reportFeedparser(w io.Writer, root, dir string, verbose bool) error {
	results, err := feedparserResults(root, dir)
	if err != nil {
		return err
	}
	groups := map[string]*tally{}
	excluded := map[exclusion]int{}
	for _, r := range results {
		g := groupOf(r.file)
		if groups[g] == nil {
			groups[g] = &tally{}
		}
		groups[g].add(r)
		if r.ours == notApplicable {
			excluded[r.excluded]++
		}
	}
	rel, _ := filepath.Rel(root, dir)
	fmt.Fprintf(w, "## feedparser suite: %s\n\n", filepath.ToSlash(filepath.Join("feedparser-tests", rel)))
	fmt.Fprintln(w, "| folder | files | ours pass | ours fail | ours n.a. | ours rate | gofeed pass | gofeed fail | gofeed n.a. | gofeed rate |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	var total, goal, goalNoSan tally
	for _, g := range names {
		t := groups[g]
		writeRow(w, g, t)
		total.merge(t)
		top := strings.SplitN(g, "/", 2)[0]
		if top == "wellformed" || top == "encoding" || top == "illformed" {
			goal.merge(t)
			if g != "wellformed/sanitize" {
				goalNoSan.merge(t)
			}
		}
	}
	writeRow(w, "**all**", &total)
	fmt.Fprintln(w)
	if goal.files > 0 {
		fmt.Fprintf(w, "Goal set (wellformed + encoding + illformed): ours %d/%d = %s, gofeed alone %d/%d = %s.\n",
			goal.ours[pass], goal.ours[pass]+goal.ours[fail], pct(goal.ours[pass], goal.ours[pass]+goal.ours[fail]),
			goal.gofeed[pass], goal.gofeed[pass]+goal.gofeed[fail], pct(goal.gofeed[pass], goal.gofeed[pass]+goal.gofeed[fail]))
		fmt.Fprintf(w, "Without sanitize/ (scored as safety, not strings): ours %s, gofeed alone %s.\n\n",
			pct(goalNoSan.ours[pass], goalNoSan.ours[pass]+goalNoSan.ours[fail]),
			pct(goalNoSan.gofeed[pass], goalNoSan.gofeed[pass]+goalNoSan.gofeed[fail]))
	}
	writeExcluded(w, excluded)
	if verbose {
		fmt.Fprintln(w, "Failing assertions (ours):")
		fmt.Fprintln(w)
		for _, g := range names {
			for _, r := range groups[g].oursFails {
				fmt.Fprintf(w, "- `%s`: `%s`\n", r.file, r.expect)
			}
		}
		fmt.Fprintln(w)
	}
	return nil
}

func writeRow(w io.Writer, name string, t *tally) {
	fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %s | %d | %d | %d | %s |\n", name, t.files,
		t.ours[pass], t.ours[fail], t.ours[notApplicable], pct(t.ours[pass], t.ours[pass]+t.ours[fail]),
		t.gofeed[pass], t.gofeed[fail], t.gofeed[notApplicable], pct(t.gofeed[pass], t.gofeed[pass]+t.gofeed[fail]))
}

func writeExcluded(w io.Writer, excluded map[exclusion]int) {
	if len(excluded) == 0 {
		return
	}
	kinds := make([]exclusion, 0, len(excluded))
	for k := range excluded {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if excluded[kinds[i]] != excluded[kinds[j]] {
			return excluded[kinds[i]] > excluded[kinds[j]]
		}
		return kinds[i].kind < kinds[j].kind
	})
	fmt.Fprintln(w, "Not applicable, by kind:")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| kind | count | reason |")
	fmt.Fprintln(w, "| --- | ---: | --- |")
	for _, k := range kinds {
		fmt.Fprintf(w, "| `%s` | %d | %s |\n", k.kind, excluded[k], k.reason)
	}
	fmt.Fprintln(w)
}
