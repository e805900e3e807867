package meta

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestZZDiagTitle(t *testing.T) {
	dir := os.Getenv("WCXB")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "ground-truth", "*.json"))
	counts := map[string]int{}
	total := 0
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		raw, _ := os.ReadFile(f)
		var gt struct {
			URL string `json:"url"`
			G   struct {
				Title *string `json:"title"`
			} `json:"ground_truth"`
		}
		json.Unmarshal(raw, &gt)
		if gt.G.Title == nil || *gt.G.Title == "" {
			continue
		}
		want := strings.Join(strings.Fields(*gt.G.Title), " ")
		fz, _ := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		zr, _ := gzip.NewReader(fz)
		b, _ := io.ReadAll(zr)
		fz.Close()
		root, _ := html.Parse(bytes.NewReader(b))
		p := collect(root)
		ld := parseJSONLD(p.jsonld)
		m := Extract(root, gt.URL)
		host := hostOf(gt.URL)
		total++
		c := map[string]string{"og": first(p.metas["og:title"]), "ld": ld.headline, "tw": first(p.metas["twitter:title"]), "title": p.title, "ldpage": ld.pageName}
		for i, h := range p.h1s {
			if i < 3 {
				c[fmt.Sprintf("h1_%d", i)] = h.text
			}
		}
		var hits []string
		for k, v := range c {
			v = collapse(v)
			if v == want {
				hits = append(hits, k)
				counts[k]++
			} else if stripSite(v, m.SiteName, host, nil) == want {
				hits = append(hits, k+"~")
				counts[k+"~"]++
			}
		}
		ok := collapse(m.Title) == want
		if ok {
			counts["OK"]++
		}
		if !ok && os.Getenv("V") != "" {
			fmt.Printf("%s %v want=%q got=%q\n", id, hits, want, m.Title)
			for k, v := range c {
				fmt.Printf("    %s=%q\n", k, truncateRunes(collapse(v), 150))
			}
		}
	}
	fmt.Println(total, counts)
}
