package main

import (
	"github.com/newsdesk/newsdesk/internal/search"
)

// ours is Newsdesk's own engine, internal/search, with its defaults.
type ours struct{ x *search.Index }

func init() {
	register("ours", func(dir string) (Engine, error) {
		x, err := search.Open(dir, search.Options{})
		if err != nil {
			return nil, err
		}
		return &ours{x: x}, nil
	})
}

func (o *ours) Name() string { return "ours" }

func (o *ours) Add(batch []Doc) error {
	docs := make([]search.Doc, len(batch))
	for i, d := range batch {
		docs[i] = search.Doc{
			ID: d.ID, Title: d.Title, Lead: d.Lead, Body: d.Body,
			Section: d.Section, SourceID: d.SourceID, Published: d.Published,
		}
	}
	return o.x.Add(docs...)
}

func (o *ours) Flush() error { return o.x.Flush() }

func (o *ours) Search(q Query) (Result, error) {
	r, err := o.x.Search(search.Query{
		Text: q.Text, Section: q.Section, From: q.From, To: q.To,
		SortByDate: q.SortByDate, Limit: q.Limit,
	})
	if err != nil {
		return Result{}, err
	}
	res := Result{Total: r.Total, IDs: make([]int64, len(r.Hits)), Sections: make(map[string]int, len(r.Sections))}
	for i, h := range r.Hits {
		res.IDs[i] = h.ID
	}
	for _, f := range r.Sections {
		res.Sections[f.Section] = f.Count
	}
	return res, nil
}

func (o *ours) SizeBytes() (int64, error) { return o.x.SizeBytes() }

func (o *ours) Close() error { return o.x.Close() }
