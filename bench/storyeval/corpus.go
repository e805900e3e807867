package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// source is one original article for the near-duplicate sets: its outlet,
// headline, paragraphs and, when known, the key of the real-world event it
// reports (articles sharing an event are distinct reports of one event).
type source struct {
	id, outlet, headline, event string
	paras                       []string
	// hours is how long before the demo network starts the article was
	// published (demo only), which gives the demo's stream order.
	hours float64
}

func (s source) body() string { return strings.Join(s.paras, "\n\n") }

// loadDemoSources reads the demo corpus from its content files (see
// internal/demo/content/README.txt): every original article with its
// event key. The demo's own verbatim copies (copy-of) are left out; the
// generator makes harder ones.
func loadDemoSources(dir string) ([]source, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no demo content files in %s (run from the repository root or pass -democontent)", dir)
	}
	slices.Sort(names)
	var out []source
	for _, name := range names {
		if filepath.Base(name) == "README.txt" {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read demo content: %w", err)
		}
		blocks := contentBlocks(string(data))
		if len(blocks) == 0 {
			continue
		}
		outlet := headerOf(blocks[0])["name"]
		for _, b := range blocks[1:] {
			head := headerOf(b)
			if head["copy-of"] != "" || head["headline"] == "" {
				continue
			}
			out = append(out, source{
				id:     fmt.Sprintf("demo/%s/%s", strings.TrimSuffix(filepath.Base(name), ".txt"), head["slug"]),
				outlet: outlet, headline: head["headline"], event: head["event"],
				paras: bodyParas(b),
			})
			if h, err := strconv.ParseFloat(head["hours"], 64); err == nil {
				out[len(out)-1].hours = h
			}
		}
	}
	return out, nil
}

// contentBlocks splits a demo content file at "+++" lines, dropping
// comment lines.
func contentBlocks(text string) []string {
	var blocks []string
	var cur []string
	flush := func() {
		if b := strings.TrimSpace(strings.Join(cur, "\n")); b != "" {
			blocks = append(blocks, b)
		}
		cur = cur[:0]
	}
	for line := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		switch {
		case strings.TrimSpace(line) == "+++":
			flush()
		case strings.HasPrefix(line, "#"):
		default:
			cur = append(cur, line)
		}
	}
	flush()
	return blocks
}

// headerOf reads the "key: value" lines that open a block.
func headerOf(block string) map[string]string {
	head := map[string]string{}
	for line := range strings.SplitSeq(block, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || strings.TrimSpace(line) == "" {
			break
		}
		head[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	return head
}

// bodyParas returns the paragraphs after a block's header.
func bodyParas(block string) []string {
	_, body, _ := strings.Cut(block, "\n\n")
	var out []string
	for p := range strings.SplitSeq(body, "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// loadWikinews reads the Wikinews CSV files (url, date, title, text) in
// date order. Articles under minWords words (page residue) are skipped.
// There are no event labels: some articles follow up earlier ones on the
// same topic, which makes them natural hard negatives.
func loadWikinews(dir string, minWords int) ([]source, error) {
	names, _ := filepath.Glob(filepath.Join(dir, "wikinews_*.csv"))
	if len(names) == 0 {
		return nil, os.ErrNotExist
	}
	slices.Sort(names)
	var out []source
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("open wikinews: %w", err)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		header := true
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("read %s: %w", name, err)
			}
			// Test pages ("TEST_PAGE:Self-publish_today") are not news.
			if header || len(rec) < 4 || strings.Contains(rec[0], "TEST_PAGE") {
				header = false
				continue
			}
			var paras []string
			for p := range strings.SplitSeq(rec[3], "\n\n") {
				if p = strings.Join(strings.Fields(p), " "); p != "" {
					paras = append(paras, p)
				}
			}
			// The first paragraph is the dateline ("Friday, January 4, 2019").
			if len(paras) > 1 && len(strings.Fields(paras[0])) <= 6 {
				paras = paras[1:]
			}
			s := source{id: rec[0], outlet: "Wikinews", headline: rec[2], paras: paras}
			if len(strings.Fields(s.body())) >= minWords {
				out = append(out, s)
			}
		}
		f.Close()
	}
	return out, nil
}
