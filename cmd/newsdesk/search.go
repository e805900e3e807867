package main

import (
	"context"
	"flag"
	"strings"

	"github.com/newsdesk/newsdesk/internal/app"
)

// runSearch is `newsdesk search QUERY [--section S] [--json]`: the words
// after "search" are the query.
func runSearch(ctx context.Context, e env, args []string) error {
	var opts app.SearchOptions
	p, err := parse("search", e, args, func(fs *flag.FlagSet) {
		fs.StringVar(&opts.Section, "section", "", "only this section (its slug)")
		fs.IntVar(&opts.Limit, "limit", 0, "how many results (default: the page size)")
		fs.BoolVar(&opts.JSON, "json", false, "print JSON as /api/search answers")
	})
	if err != nil {
		return err
	}
	opts.Query = strings.TrimSpace(strings.Join(p.args, " "))
	if opts.Query == "" {
		return usageError{"search needs a QUERY"}
	}
	return app.Search(ctx, p.cfg, opts, e.stdout)
}
