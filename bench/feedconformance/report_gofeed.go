package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mmcdole/gofeed"
)

// reportGofeed scores the translator pairs (input and the universal
// gofeed.Feed expected from it) on the fields we keep: item count, and per
// item title (as text), link and published date. The parser/ pairs are in
// gofeed's format-specific models and are only checked for "parses or
// fails cleanly".
func reportGofeed(w io.Writer, root, dir string, verbose bool) error {
	var op, gp, total, files, clean int
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(path)
		if ext != ".xml" && !(ext == ".json" && strings.Contains(path, "/json/") && !strings.HasSuffix(path, "_expected.json")) {
			return nil
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		files++
		ours, oursErr := parseOurs(body, "", "")
		gf, gfErr := parseGofeedAlone(body)
		if (oursErr == nil || !strings.HasPrefix(oursErr.Error(), "PANIC")) && (gfErr == nil || !strings.HasPrefix(gfErr.Error(), "PANIC")) {
			clean++
		}
		if !strings.Contains(filepath.ToSlash(path), "/translator/") {
			return nil
		}
		expPath := strings.TrimSuffix(path, ext) + ".json"
		if ext == ".json" {
			expPath = strings.TrimSuffix(path, ext) + "_expected.json"
		}
		raw, err := os.ReadFile(expPath)
		if err != nil {
			return nil
		}
		var exp gofeed.Feed
		if json.Unmarshal(raw, &exp) != nil {
			return nil
		}
		want := gofeedItems(&exp)
		got, gotGF := oursItems(ours), gofeedItems(gf)
		total += 1 + 3*len(want)
		op += compareItems(want, got)
		gp += compareItems(want, gotGF)
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "## gofeed testdata: %s\n\n", filepath.ToSlash(mustRel(root, dir)))
	fmt.Fprintf(w, "%d inputs, %d parsed or failed cleanly (no panic) in both parsers.\n", files, clean)
	fmt.Fprintf(w, "Translator expectations (item count; title as text, link, date per item): ours %d/%d = %s, gofeed alone %d/%d = %s.\n\n",
		op, total, pct(op, total), gp, total, pct(gp, total))
	return nil
}

func compareItems(want, got []simpleItem) int {
	n := 0
	if len(want) == len(got) {
		n++
	}
	for i, e := range want {
		var g simpleItem
		if i < len(got) {
			g = got[i]
		}
		if noSpace(e.title) == noSpace(g.title) {
			n++
		}
		if e.link == g.link {
			n++
		}
		if e.date.Equal(g.date) {
			n++
		}
	}
	return n
}

func mustRel(root, dir string) string {
	rel, err := filepath.Rel(filepath.Dir(root), dir)
	if err != nil {
		return dir
	}
	return rel
}
