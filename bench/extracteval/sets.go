package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// page is one evaluation input with its ground truth.
type page struct {
	id, url string
	html    []byte
	body    string // expected main text
	title   string // expected title ("" when none)
	author  string
	date    string
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", path, err)
	}
	return io.ReadAll(z)
}

// loadScrapinghub reads html/<id>.html.gz and ground-truth.json.
func loadScrapinghub(dir string) ([]page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gt map[string]struct{ ArticleBody, URL string }
	if err := json.Unmarshal(raw, &gt); err != nil {
		return nil, fmt.Errorf("ground truth: %w", err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]page, 0, len(ids))
	for _, id := range ids {
		b, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{id: id, url: gt[id].URL, html: b, body: gt[id].ArticleBody})
	}
	return pages, nil
}

// loadReference reads a published prediction file of scrapinghub/output.
func loadReference(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var wrapped struct {
		Output map[string]struct{ ArticleBody string } `json:"output"`
	}
	var plain map[string]json.RawMessage
	if err := json.Unmarshal(raw, &plain); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if _, ok := plain["output"]; ok {
		if err := json.Unmarshal(raw, &wrapped); err == nil && wrapped.Output != nil {
			out := make(map[string]string, len(wrapped.Output))
			for k, v := range wrapped.Output {
				out[k] = v.ArticleBody
			}
			return out, nil
		}
	}
	out := make(map[string]string, len(plain))
	for k, v := range plain {
		var item struct{ ArticleBody string }
		if json.Unmarshal(v, &item) == nil {
			out[k] = item.ArticleBody
		}
	}
	return out, nil
}

// loadWCXB reads html/<id>.html.gz and ground-truth/<id>.json.
func loadWCXB(dir string) ([]page, error) {
	files, err := filepath.Glob(filepath.Join(dir, "ground-truth", "*.json"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no ground truth under %s", dir)
	}
	sort.Strings(files)
	var pages []page
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var d struct {
			URL string `json:"url"`
			GT  struct {
				Title       *string `json:"title"`
				Author      *string `json:"author"`
				PublishDate *string `json:"publish_date"`
				MainContent *string `json:"main_content"`
			} `json:"ground_truth"`
		}
		if err := json.Unmarshal(raw, &d); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		b, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{id: id, url: d.URL, html: b, body: deref(d.GT.MainContent),
			title: deref(d.GT.Title), author: deref(d.GT.Author), date: deref(d.GT.PublishDate)})
	}
	return pages, nil
}

// loadReadability reads test-pages/<case>/{source.html,expected.html,expected-metadata.json}.
func loadReadability(dir string) ([]page, error) {
	cases, err := os.ReadDir(filepath.Join(dir, "test-pages"))
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		base := filepath.Join(dir, "test-pages", c.Name())
		src, err := os.ReadFile(filepath.Join(base, "source.html"))
		if err != nil {
			return nil, err
		}
		exp, err := os.ReadFile(filepath.Join(base, "expected.html"))
		if err != nil {
			return nil, err
		}
		var meta struct {
			Title *string `json:"title"`
		}
		if raw, err := os.ReadFile(filepath.Join(base, "expected-metadata.json")); err == nil {
			_ = json.Unmarshal(raw, &meta)
		}
		pages = append(pages, page{id: c.Name(), url: "http://fakehost/test/page.html",
			html: src, body: string(exp), title: deref(meta.Title)})
	}
	return pages, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
