package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsdesk/newsdesk/internal/feed"
)

// realFile is one real-world feed and what both parsers made of it.
type realFile struct {
	rel, path  string
	body       []byte
	oursErr    error
	gofeedErr  error
	ours       *feed.Feed
	gf         *gofeed.Feed
	expectPath string // rss-parser expected output, if any
}

// rssParserExpected is the part of rss-parser's output we compare.
type rssParserExpected struct {
	Feed struct {
		Title string `json:"title"`
		Items []struct {
			Title   string `json:"title"`
			Link    string `json:"link"`
			IsoDate string `json:"isoDate"`
		} `json:"items"`
	} `json:"feed"`
}

func isFeedFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".rss", ".atom", ".xml", ".json", ".html", ".rdf":
		return !strings.Contains(filepath.ToSlash(path), "/expected-output/")
	}
	return false
}

func loadRealWorld(dir string) ([]realFile, error) {
	var out []realFile
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isFeedFile(path) {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		rel, _ := filepath.Rel(dir, path)
		rf := realFile{rel: filepath.ToSlash(rel), path: path, body: body}
		if i := strings.Index(filepath.ToSlash(path), "/input/"); i >= 0 {
			name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + ".json"
			exp := filepath.Join(filepath.FromSlash(filepath.ToSlash(path)[:i]), "expected-output", name)
			if _, err := os.Stat(exp); err == nil {
				rf.expectPath = exp
			}
		}
		rf.ours, rf.oursErr = parseOurs(body, "https://example.com/feed", "")
		rf.gf, rf.gofeedErr = parseGofeedAlone(body)
		out = append(out, rf)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, err
}

func reportRealWorld(w io.Writer, dir string, verbose bool) error {
	files, err := loadRealWorld(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "## real-world feeds: %s\n\n", filepath.Base(dir))
	fmt.Fprintln(w, "| file | bytes | ours | ours items | gofeed alone | gofeed items | expected checks ours | expected checks gofeed |")
	fmt.Fprintln(w, "| --- | ---: | --- | ---: | --- | ---: | ---: | ---: |")
	var op, ot, gp, gt, panics int
	for _, f := range files {
		oc, gc := "", ""
		if f.expectPath != "" {
			p, t := checkExpected(f.expectPath, oursItems(f.ours))
			op, ot = op+p, ot+t
			oc = fmt.Sprintf("%d/%d", p, t)
			p, t = checkExpected(f.expectPath, gofeedItems(f.gf))
			gp, gt = gp+p, gt+t
			gc = fmt.Sprintf("%d/%d", p, t)
		}
		for _, e := range []error{f.oursErr, f.gofeedErr} {
			if e != nil && strings.HasPrefix(e.Error(), "PANIC") {
				panics++
			}
		}
		fmt.Fprintf(w, "| %s | %d | %s | %d | %s | %d | %s | %s |\n", f.rel, len(f.body),
			status(f.oursErr), len(oursItems(f.ours)), status(f.gofeedErr), len(gofeedItems(f.gf)), oc, gc)
	}
	fmt.Fprintf(w, "\nrss-parser expected outputs (item count, then title, link and date per item): ours %d/%d = %s, gofeed alone %d/%d = %s. Panics: %d.\n\n",
		op, ot, pct(op, ot), gp, gt, pct(gp, gt), panics)
	writeThroughput(w, files)
	return nil
}

func status(err error) string {
	if err == nil {
		return "parsed"
	}
	msg := err.Error()
	if len(msg) > 60 {
		msg = msg[:60] + "…"
	}
	return "error: " + strings.ReplaceAll(msg, "|", "/")
}

// simpleItem is the part of an item compared with rss-parser.
type simpleItem struct {
	title, link string
	date        time.Time
}

func oursItems(f *feed.Feed) []simpleItem {
	if f == nil {
		return nil
	}
	out := make([]simpleItem, len(f.Items))
	for i, it := range f.Items {
		d := it.Published
		if d.IsZero() {
			d = it.Updated
		}
		out[i] = simpleItem{it.Title, it.Link, d}
	}
	return out
}

func gofeedItems(f *gofeed.Feed) []simpleItem {
	if f == nil {
		return nil
	}
	var out []simpleItem
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		s := simpleItem{title: normText(it.Title), link: strings.TrimSpace(it.Link)}
		if it.PublishedParsed != nil {
			s.date = it.PublishedParsed.UTC()
		} else if it.UpdatedParsed != nil {
			s.date = it.UpdatedParsed.UTC()
		}
		out = append(out, s)
	}
	return out
}

// checkExpected counts the checks against rss-parser's output that pass:
// the item count, and per item the title (as text), link and date.
func checkExpected(path string, items []simpleItem) (passed, total int) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, 0
	}
	var exp rssParserExpected
	if err := json.Unmarshal(raw, &exp); err != nil {
		return 0, 0
	}
	total++
	if len(items) == len(exp.Feed.Items) {
		passed++
	}
	for i, e := range exp.Feed.Items {
		var got simpleItem
		if i < len(items) {
			got = items[i]
		}
		total += 3
		if noSpace(normText(e.Title)) == noSpace(got.title) {
			passed++
		}
		if sameLink(e.Link, got.link) {
			passed++
		}
		want, err := time.Parse(time.RFC3339, e.IsoDate)
		if (e.IsoDate == "" && got.date.IsZero()) || (err == nil && want.Equal(got.date)) {
			passed++
		}
	}
	return passed, total
}

// writeThroughput times both parsers over the files that both parse.
func writeThroughput(w io.Writer, files []realFile) {
	var bodies [][]byte
	size := 0
	for _, f := range files {
		if f.oursErr == nil && f.gofeedErr == nil {
			bodies = append(bodies, f.body)
			size += len(f.body)
		}
	}
	if size == 0 {
		return
	}
	const rounds = 5
	timeIt := func(parse func([]byte)) float64 {
		start := time.Now()
		for range rounds {
			for _, b := range bodies {
				parse(b)
			}
		}
		return float64(size*rounds) / 1e6 / time.Since(start).Seconds()
	}
	ours := timeIt(func(b []byte) { _, _ = feed.Parse(b, "https://example.com/feed") })
	gf := timeIt(func(b []byte) { _, _ = parseGofeedAlone(b) })
	fmt.Fprintf(w, "Throughput over the %d files both parse (%.2f MB, %d rounds): feed.Parse %.1f MB/s, gofeed alone %.1f MB/s.\n\n",
		len(bodies), float64(size)/1e6, rounds, ours, gf)
}

// sameLink compares links, resolving a relative expected link against the
// URL both parsers were given (rss-parser leaves links relative).
func sameLink(want, got string) bool {
	want = strings.TrimSpace(want)
	if want == got {
		return true
	}
	base, _ := url.Parse("https://example.com/feed")
	ref, err := url.Parse(want)
	return err == nil && base.ResolveReference(ref).String() == got
}
