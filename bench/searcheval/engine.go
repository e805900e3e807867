package main

import (
	"fmt"
	"html"
	"time"

	"github.com/newsdesk/newsdesk/internal/search"
)

// evaluateEngine runs the judged queries against internal/search directly,
// with the same fields the store would give it (title, excerpt, text), so
// that a ranking setting can be measured without a store in between.
func evaluateEngine(docs []doc, js judgmentSet, opt search.Options) (report, error) {
	x := search.New(opt)
	now := time.Now()
	urls := map[int64]string{}
	for i, d := range docs {
		a := article(1, d, now)
		id := int64(i + 1)
		urls[id] = normalURL(d.URL)
		if err := x.Add(search.Doc{
			ID: id, Title: a.Title, Lead: html.UnescapeString(a.Excerpt), Body: a.ContentText,
			Section: a.Section, SourceID: 1, Published: a.PublishedAt,
		}); err != nil {
			return report{}, err
		}
	}
	var rep report
	for _, q := range js.Queries {
		res, err := x.Search(search.Query{Text: q.Text, Limit: cutNDCG})
		if err != nil {
			return report{}, fmt.Errorf("search %q: %w", q.Text, err)
		}
		r := result{Query: q, Total: res.Total}
		for _, h := range res.Hits {
			r.Ranked = append(r.Ranked, urls[h.ID])
		}
		r.NDCG = ndcg(r.Ranked, q.Relevant, cutNDCG)
		r.P = precision(r.Ranked, q.Relevant, cutPrecision)
		r.R = recall(r.Ranked, q.Relevant, cutRecall)
		rep.Results = append(rep.Results, r)
		rep.MeanNDCG += r.NDCG
		rep.MeanP += r.P
		rep.MeanR += r.R
	}
	if n := float64(len(rep.Results)); n > 0 {
		rep.MeanNDCG /= n
		rep.MeanP /= n
		rep.MeanR /= n
	}
	return rep, nil
}
