package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/web"
)

// SearchOptions is a search from the command line.
type SearchOptions struct {
	Query   string
	Section string // slug; empty for all
	Limit   int    // 0: the configured page size
	JSON    bool   // print what /api/search answers, else a readable list
}

// Search opens the configured store, runs one search and prints it: the
// JSON of /api/search (article URLs relative to the site), or a readable
// list of hits with the facet counts.
func Search(ctx context.Context, cfg config.Config, opts SearchOptions, out io.Writer) error {
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	limit := opts.Limit
	if limit <= 0 {
		limit = cfg.PageSize
	}
	// A command has no reader to tell "not ready": it waits for the index.
	if err := waitForSearch(ctx, st); err != nil {
		return fmt.Errorf("open the search index: %w", err)
	}
	res, err := st.SearchArticles(ctx, store.SearchQuery{Text: opts.Query, Section: opts.Section, Limit: limit})
	if err != nil {
		return fmt.Errorf("search %q: %w", opts.Query, err)
	}
	sections := make(map[string]model.Section, len(cfg.Sections))
	for _, sec := range cfg.Sections {
		sections[sec.Slug] = sec
	}
	resp := web.NewSearchResponse(opts.Query, res, "", sections)
	if opts.JSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(resp); err != nil {
			return fmt.Errorf("print search results: %w", err)
		}
		return nil
	}
	return printSearch(out, resp)
}

func printSearch(out io.Writer, r web.SearchResponse) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d results for %q\n", r.Total, r.Query)
	if r.Suggestion != "" {
		fmt.Fprintf(&b, "Did you mean %q?\n", r.Suggestion)
	}
	for _, h := range r.Results {
		fmt.Fprintf(&b, "\n%d  %s\n    %s · %s · %s\n    %s\n", h.ID, h.Title, h.Source, h.Section,
			h.Published.Format("2006-01-02 15:04 MST"), h.URL)
		if h.Snippet != "" {
			fmt.Fprintf(&b, "    %s\n", h.Snippet)
		}
	}
	for _, f := range []struct {
		name string
		fs   []web.SearchFacet
	}{{"Sections", r.Facets.Sections}, {"Sources", r.Facets.Sources}} {
		if len(f.fs) == 0 {
			continue
		}
		parts := make([]string, len(f.fs))
		for i, fc := range f.fs {
			parts[i] = fmt.Sprintf("%s (%d)", fc.Label, fc.Count)
		}
		fmt.Fprintf(&b, "\n%s: %s\n", f.name, strings.Join(parts, ", "))
	}
	if _, err := io.WriteString(out, b.String()); err != nil {
		return fmt.Errorf("print search results: %w", err)
	}
	return nil
}
