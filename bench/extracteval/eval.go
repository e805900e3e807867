package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/newsdesk/newsdesk/internal/sanitize"
)

// pageScore is one page's figures for the worst-pages list.
type pageScore struct {
	id      string
	p, r, f float64
	got     string // our text, for the loss listing
	want    string // the expected text
}

func printWorst(set string, scores []pageScore, n int) {
	if scoresFile != "" {
		writeScores(set, scores)
	}
	if n <= 0 {
		return
	}
	sort.Slice(scores, func(i, j int) bool { return scores[i].f < scores[j].f })
	fmt.Printf("\nworst %s pages (ours): id  P  R  F1\n", set)
	for _, s := range scores[:min(n, len(scores))] {
		fmt.Printf("  %s  %.3f  %.3f  %.3f\n", s.id, s.p, s.r, s.f)
		if losses {
			printLosses(s.got, s.want)
		}
	}
}

// scoresFile, when set, is where printWorst appends each page's F1 as
// "set id P R F1" lines, so that two runs can be compared page by page.
var scoresFile string

func writeScores(set string, scores []pageScore) {
	f, err := os.OpenFile(scoresFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, "scores:", err)
		return
	}
	defer f.Close()
	for _, s := range scores {
		fmt.Fprintf(f, "%s %s %.4f %.4f %.4f\n", set, s.id, s.p, s.r, s.f)
	}
}

// losses makes printWorst list, under each page, the paragraphs we gave
// that the expected text lacks (+) and those it has that we lost (-).
var losses bool

// printLosses lists the paragraphs of got mostly absent from want (+) and
// those of want mostly absent from got (-), by their 4-shingles, each cut
// to one line: the shapes of boilerplate kept and of article dropped.
func printLosses(got, want string) {
	show := func(mark, from, other string) {
		in := shingles(other)
		for _, para := range strings.Split(from, "\n") {
			sh := shingles(para)
			if len(sh) == 0 {
				continue
			}
			hit, all := 0, 0
			for k, c := range sh {
				all += c
				hit += min(c, in[k])
			}
			if float64(hit) < 0.5*float64(all) {
				line := strings.Join(strings.Fields(para), " ")
				if r := []rune(line); len(r) > 110 {
					line = string(r[:110]) + "…"
				}
				fmt.Printf("      %s %4d  %s\n", mark, all, line)
			}
		}
	}
	show("+", got, want)
	show("-", want, got)
}

func evalScrapinghub(c config, pages []page, tools []extractor) error {
	fmt.Printf("\n## scrapinghub (%d pages): 4-token shingles, P and R averaged over pages, F1 of the averages\n\n", len(pages))
	fmt.Println("| tool | F1 | precision | recall | accuracy | errors |")
	fmt.Println("|---|---|---|---|---|---|")
	for i, t := range tools {
		preds := make(map[string]string, len(pages))
		errs := 0
		for _, p := range pages {
			pr := t.run(p.html, p.url)
			if pr.err != nil {
				errs++
			}
			preds[p.id] = pr.text
		}
		scores := scoreShingles(pages, preds)
		fmt.Printf("| %s (this run) | %s | %d |\n", t.name, scores.row(), errs)
		if i == 0 {
			printWorstLater := scores.pages
			defer printWorst("scrapinghub", printWorstLater, c.worst)
			if c.dump != "" {
				if err := dumpScrapinghub(filepath.Join(c.dump, "scrapinghub.json"), preds); err != nil {
					return err
				}
			}
		}
	}
	refs, _ := filepath.Glob(filepath.Join(c.data, "scrapinghub", "output", "*.json"))
	sort.Strings(refs)
	for _, f := range refs {
		preds, err := loadReference(f)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		fmt.Printf("| %s (published output) | %s | |\n", name, scoreShingles(pages, preds).row())
	}
	return nil
}

type shingleScores struct {
	p, r, acc float64
	pages     []pageScore
}

func (s shingleScores) row() string {
	return fmt.Sprintf("%.3f | %.3f | %.3f | %.3f", f1(s.p, s.r), s.p, s.r, s.acc)
}

func scoreShingles(pages []page, preds map[string]string) shingleScores {
	var s shingleScores
	exact := 0
	for _, p := range pages {
		got := preds[p.id]
		pr, rc := shinglePR(p.body, got)
		s.p += pr
		s.r += rc
		s.pages = append(s.pages, pageScore{id: p.id, p: pr, r: rc, f: f1(pr, rc), got: got, want: p.body})
		if slices.Equal(tokens(p.body), tokens(got)) {
			exact++
		}
	}
	n := float64(len(pages))
	s.p, s.r, s.acc = s.p/n, s.r/n, float64(exact)/n
	return s
}

func dumpScrapinghub(path string, preds map[string]string) error {
	out := make(map[string]map[string]string, len(preds))
	for id, text := range preds {
		out[id] = map[string]string{"articleBody": text}
	}
	return writeJSON(path, out)
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write predictions: %w", err)
	}
	fmt.Printf("(predictions written to %s)\n", path)
	return nil
}

func evalWCXB(c config, pages []page, tools []extractor) error {
	fmt.Printf("\n## wcxb-dev (%d article pages): bag-of-words F1 per page, averaged; metadata exact (title, author) or same day (date)\n\n", len(pages))
	fmt.Println("| tool | F1 | precision | recall | title | author | date | errors |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for i, t := range tools {
		var sp, sr, sf float64
		var hit, tot [3]int
		var scores []pageScore
		dump := map[string]map[string]string{}
		errs := 0
		for _, p := range pages {
			pr := t.run(p.html, p.url)
			if pr.err != nil {
				errs++
			}
			a, b, f := wordPRF(pr.text, p.body)
			sp, sr, sf = sp+a, sr+b, sf+f
			scores = append(scores, pageScore{id: p.id, p: a, r: b, f: f, got: pr.text, want: p.body})
			for k, pair := range [3][2]string{{pr.title, p.title}, {pr.author, p.author}, {pr.date, p.date}} {
				gt := normWS(pair[1])
				if gt == "" {
					continue
				}
				tot[k]++
				if k == 2 && dateMatch(normWS(pair[0]), gt) || k < 2 && normWS(pair[0]) == gt {
					hit[k]++
				}
			}
			dump[p.id] = map[string]string{"text": pr.text, "title": pr.title, "author": pr.author, "publish_date": pr.date}
		}
		n := float64(len(pages))
		rate := func(k int) string {
			return fmt.Sprintf("%.0f%% (%d/%d)", 100*float64(hit[k])/float64(max(tot[k], 1)), hit[k], tot[k])
		}
		fmt.Printf("| %s (this run) | %.3f | %.3f | %.3f | %s | %s | %s | %d |\n", t.name, sf/n, sp/n, sr/n, rate(0), rate(1), rate(2), errs)
		if i == 0 {
			defer printWorst("wcxb", scores, c.worst)
			if c.dump != "" {
				if err := writeJSON(filepath.Join(c.dump, "wcxb.json"), dump); err != nil {
					return err
				}
			}
		}
	}
	for _, r := range [...]struct{ name, f1 string }{
		{"rs-trafilatura (published)", "0.932"}, {"trafilatura (published)", "0.926"},
		{"dom-smoothie (published)", "0.908"}, {"Readability (published)", "0.825"},
	} {
		fmt.Printf("| %s | %s | | | | | | |\n", r.name, r.f1)
	}
	return nil
}

func evalReadability(c config, pages []page, tools []extractor) {
	fmt.Printf("\n## readability-test-pages (%d cases): pass = 4-shingle F1 >= 0.9 against the text of expected.html; title exact\n\n", len(pages))
	fmt.Println("| tool | text pass | mean F1 | title equal |")
	fmt.Println("|---|---|---|---|")
	for i, t := range tools {
		pass, titles := 0, 0
		var sum float64
		var scores []pageScore
		for _, p := range pages {
			pr := t.run(p.html, p.url)
			want := sanitize.Text(p.body)
			a, b := shinglePR(want, pr.text)
			f := f1(a, b)
			sum += f
			scores = append(scores, pageScore{id: p.id, p: a, r: b, f: f, got: pr.text, want: want})
			if f >= 0.9 {
				pass++
			}
			if normWS(pr.title) == normWS(p.title) {
				titles++
			}
		}
		n := len(pages)
		fmt.Printf("| %s | %d/%d = %.1f%% | %.3f | %d/%d = %.1f%% |\n", t.name, pass, n, 100*float64(pass)/float64(n),
			sum/float64(n), titles, n, 100*float64(titles)/float64(n))
		if i == 0 {
			defer printWorst("readability", scores, c.worst)
		}
	}
}

// showPage prints our result and the expected text of one page, for study.
func showPage(pages []page, id string) {
	for _, p := range pages {
		if p.id != id {
			continue
		}
		pr := ours().run(p.html, p.url)
		fmt.Printf("URL %s\nTITLE %q AUTHOR %q DATE %q ERR %v\n--- ours\n%s\n--- expected (title %q author %q date %q)\n%s\n",
			p.url, pr.title, pr.author, pr.date, pr.err, pr.text, p.title, p.author, p.date, p.body)
	}
}
