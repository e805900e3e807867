// Command searcheval measures how well the product's search ranks Wikinews
// articles for a set of reader queries whose relevant articles were judged
// by reading them (judgments.json): nDCG@10 per query and on average, with
// P@5 and recall@10. Every ranking change reports it, and none may lower it
// (see TestRelevanceFloor).
//
// It loads the corpus into a fresh SQLite store through store.UpsertArticle
// and searches it through store.SearchArticles only. It owns nothing the
// product imports and must never be imported by it; the corpus is read from
// ../shared/data and never committed.
//
//	go run ./bench/searcheval [-corpus DIR] [-v]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsdesk/newsdesk/internal/search"
)

// defaultCorpus is relative to the checkout's root, where bench programs run.
const defaultCorpus = "../shared/data/corpus/wikinews/vanatteveldt-2019-2020"

func main() {
	corpus := flag.String("corpus", defaultCorpus, "directory holding wikinews_*.csv")
	verbose := flag.Bool("v", false, "list each query's top hits with their grades")
	engine := flag.Bool("engine", false, "search internal/search directly instead of the store")
	recency := flag.Float64("recency", 0, "with -engine: the recency boost weight")
	flag.Parse()
	var opt *search.Options
	if *engine {
		opt = &search.Options{RecencyWeight: *recency}
	}
	if err := run(context.Background(), *corpus, *verbose, opt, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "searcheval:", err)
		os.Exit(1)
	}
}

// run evaluates the store's search, or with opt the engine's directly.
func run(ctx context.Context, corpusDir string, verbose bool, opt *search.Options, w io.Writer) error {
	js, err := parseJudgments(judgmentsJSON)
	if err != nil {
		return err
	}
	docs, err := loadCorpus(corpusDir)
	if err != nil {
		return err
	}
	if err := js.check(docs); err != nil {
		return err
	}
	var rep report
	if opt != nil {
		rep, err = evaluateEngine(docs, js, *opt)
	} else {
		rep, err = evaluate(ctx, docs, js)
	}
	if err != nil {
		return err
	}
	printReport(w, rep, verbose)
	return nil
}

func printReport(w io.Writer, rep report, verbose bool) {
	fmt.Fprintf(w, "%-34s %-11s %7s %5s %6s %5s %5s\n", "query", "kind", "nDCG@10", "P@5", "R@10", "rel", "total")
	for _, r := range rep.Results {
		fmt.Fprintf(w, "%-34s %-11s %7.3f %5.2f %6.2f %5d %5d\n",
			clip(r.Query.Text, 34), clip(r.Query.Kind, 11), r.NDCG, r.P, r.R, len(r.Query.Relevant), r.Total)
		if verbose {
			for i, u := range r.Ranked {
				fmt.Fprintf(w, "    %2d [%d] %s\n", i+1, r.Query.Relevant[u], strings.TrimPrefix(u, "https://en.wikinews.org/wiki/"))
			}
		}
	}
	fmt.Fprintf(w, "\n%d queries: mean nDCG@10 %.4f, P@5 %.4f, recall@10 %.4f\n",
		len(rep.Results), rep.MeanNDCG, rep.MeanP, rep.MeanR)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
