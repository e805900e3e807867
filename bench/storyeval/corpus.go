package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsdesk/newsdesk/internal/demo"
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

// loadDemoSources reads the demo corpus through the demo's own parser
// (internal/demo/content): every original article with its event key. The
// demo's own verbatim copies are left out; the generator makes harder ones.
func loadDemoSources() ([]source, error) {
	arts, err := demo.Corpus()
	if err != nil {
		return nil, fmt.Errorf("demo corpus: %w", err)
	}
	out := make([]source, len(arts))
	for i, a := range arts {
		out[i] = source{id: "demo/" + a.ID, outlet: a.Outlet, headline: a.Headline,
			event: a.Event, paras: a.Paragraphs, hours: a.Hours}
	}
	return out, nil
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
