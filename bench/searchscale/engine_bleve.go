package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// bleveEngine is the reference to beat: bleve with its defaults (the
// default index mapping, so every field is dynamic text through the
// standard analyzer and searched through _all, on the default scorch
// index on disk), written in batches.
type bleveEngine struct {
	idx  bleve.Index
	path string
}

func init() {
	register("bleve", func(dir string) (Engine, error) {
		path := filepath.Join(dir, "bleve")
		idx, err := bleve.New(path, bleve.NewIndexMapping())
		if err != nil {
			return nil, err
		}
		return &bleveEngine{idx: idx, path: path}, nil
	})
}

// bleveDoc is what bleve indexes: its dynamic mapping makes a text field of
// each string and a datetime field of the time.
type bleveDoc struct {
	Title     string `json:"title"`
	Lead      string `json:"lead"`
	Body      string `json:"body"`
	Section   string `json:"section"`
	Source    string `json:"source"`
	Published any    `json:"published"`
}

func (e *bleveEngine) Name() string { return "bleve" }

func (e *bleveEngine) Add(batch []Doc) error {
	b := e.idx.NewBatch()
	for _, d := range batch {
		err := b.Index(strconv.FormatInt(d.ID, 10), bleveDoc{
			Title: d.Title, Lead: d.Lead, Body: d.Body, Section: d.Section, Source: d.Source, Published: d.Published,
		})
		if err != nil {
			return err
		}
	}
	return e.idx.Batch(b)
}

// Flush closes and reopens the index, so that its background persisting
// and merging count in the build time and the size is that of the files.
func (e *bleveEngine) Flush() error {
	if err := e.idx.Close(); err != nil {
		return err
	}
	idx, err := bleve.Open(e.path)
	if err != nil {
		return err
	}
	e.idx = idx
	return nil
}

func (e *bleveEngine) Search(q Query) (Result, error) {
	var parts []query.Query
	for _, t := range splitQuery(q.Text) {
		switch {
		case t.phrase:
			parts = append(parts, bleve.NewMatchPhraseQuery(t.text))
		case t.prefix:
			parts = append(parts, bleve.NewPrefixQuery(strings.ToLower(t.text)))
		default:
			parts = append(parts, bleve.NewMatchQuery(t.text))
		}
	}
	if q.Section != "" {
		tq := bleve.NewTermQuery(q.Section)
		tq.SetField("section")
		parts = append(parts, tq)
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		dq := bleve.NewDateRangeQuery(q.From, q.To)
		dq.SetField("published")
		parts = append(parts, dq)
	}
	if len(parts) == 0 {
		return Result{Sections: map[string]int{}}, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(parts...), q.Limit, 0, false)
	if q.SortByDate {
		req.SortBy([]string{"-published"})
	}
	req.AddFacet("section", bleve.NewFacetRequest("section", len(sections)))
	res, err := e.idx.Search(req)
	if err != nil {
		return Result{}, err
	}
	out := Result{Total: int(res.Total), Sections: map[string]int{}}
	for _, h := range res.Hits {
		id, err := strconv.ParseInt(h.ID, 10, 64)
		if err != nil {
			return Result{}, fmt.Errorf("bleve hit id %q: %w", h.ID, err)
		}
		out.IDs = append(out.IDs, id)
	}
	if f := res.Facets["section"]; f != nil {
		for _, t := range f.Terms.Terms() {
			out.Sections[t.Term] = t.Count
		}
	}
	return out, nil
}

func (e *bleveEngine) SizeBytes() (int64, error) { return dirSize(e.path) }

func (e *bleveEngine) Close() error { return e.idx.Close() }

// queryTerm is one part of a query in the product's syntax.
type queryTerm struct {
	text           string
	phrase, prefix bool
}

// splitQuery reads the syntax the mix uses: words, "quoted phrases" and
// words ending in * (prefixes). Engines that do not take the product's
// syntax as it is use it.
func splitQuery(s string) []queryTerm {
	var out []queryTerm
	for len(s) > 0 {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			break
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				end = len(s) - 1
			}
			if p := strings.TrimSpace(s[1 : 1+end]); p != "" {
				out = append(out, queryTerm{text: p, phrase: true})
			}
			s = s[min(len(s), end+2):]
			continue
		}
		w := s
		if k := strings.IndexByte(s, ' '); k >= 0 {
			w, s = s[:k], s[k:]
		} else {
			s = ""
		}
		if p, ok := strings.CutSuffix(w, "*"); ok {
			if p = strings.TrimRight(p, "*"); p != "" {
				out = append(out, queryTerm{text: p, prefix: true})
			}
		} else if w != "" {
			out = append(out, queryTerm{text: w})
		}
	}
	return out
}
