package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// Cut-offs of the reported measures: the first page of results is ten
// hits, and the first five are what a reader sees without scrolling.
const (
	cutNDCG      = 10
	cutPrecision = 5
	cutRecall    = 10
)

// result is how the search did on one judged query.
type result struct {
	Query      query
	Ranked     []string // URLs of the first cutNDCG hits
	Total      int      // every match the search counted
	NDCG, P, R float64
}

// report is the whole run.
type report struct {
	Results                []result
	MeanNDCG, MeanP, MeanR float64
}

// evaluate loads docs into a fresh SQLite store in a temporary directory
// and runs every judged query through SearchArticles.
func evaluate(ctx context.Context, docs []doc, js judgmentSet) (report, error) {
	dir, err := os.MkdirTemp("", "searcheval-")
	if err != nil {
		return report{}, fmt.Errorf("make store directory: %w", err)
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, filepath.Join(dir, "eval.db"))
	if err != nil {
		return report{}, fmt.Errorf("open store: %w", err)
	}
	defer st.Close()
	if err := loadStore(ctx, st, docs, time.Now()); err != nil {
		return report{}, err
	}
	// As a server does at start: the index is up to date before the
	// first search, which would otherwise answer "not ready" behind a
	// long log.
	if err := st.WarmSearch(ctx); err != nil {
		return report{}, fmt.Errorf("open the search index: %w", err)
	}
	var rep report
	for _, q := range js.Queries {
		r, err := runQuery(ctx, st, q)
		if err != nil {
			return report{}, err
		}
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

// runQuery sets only Text and Limit of the query: the fields a reader's
// search box sets, whatever else SearchQuery grows.
func runQuery(ctx context.Context, st store.Store, q query) (result, error) {
	var sq store.SearchQuery
	sq.Text = q.Text
	sq.Limit = cutNDCG
	res, err := st.SearchArticles(ctx, sq)
	if err != nil {
		return result{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	r := result{Query: q, Total: res.Total}
	for _, h := range res.Hits {
		r.Ranked = append(r.Ranked, normalURL(h.Article.URL))
	}
	r.NDCG = ndcg(r.Ranked, q.Relevant, cutNDCG)
	r.P = precision(r.Ranked, q.Relevant, cutPrecision)
	r.R = recall(r.Ranked, q.Relevant, cutRecall)
	return r, nil
}
