package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/opml"
	"github.com/newsdesk/newsdesk/internal/store"
)

// ImportOPML adds every feed of the OPML file at path as a source, without
// fetching it: each is due for its first check now, so the next ingest pass
// validates it. A feed's category (its folder) picks the section by name,
// slug or synonym; unknown categories go to the first section and are
// reported, as are duplicates and unusable URLs, which are skipped. The
// last line written to out is a summary.
func ImportOPML(ctx context.Context, cfg config.Config, st store.Store, path string, out io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	doc, err := opml.Read(f)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	existing, err := st.ListSources(ctx)
	if err != nil {
		return fmt.Errorf("import %s: list sources: %w", path, err)
	}
	imp := importer{cfg: cfg, st: st, out: out, seen: map[string]bool{}, unknown: map[string]bool{}}
	for _, s := range existing {
		imp.seen[s.FeedURL] = true
	}
	for _, o := range doc.Outlines {
		if err := imp.add(ctx, o); err != nil {
			return fmt.Errorf("import %s: %w (%d sources added before the failure)", path, err, imp.added)
		}
	}
	imp.summary(len(doc.Outlines))
	return nil
}

// importer carries the counts of one ImportOPML run.
type importer struct {
	cfg                          config.Config
	st                           store.Store
	out                          io.Writer
	seen                         map[string]bool
	unknown                      map[string]bool
	added, duplicates, unusables int
}

func (imp *importer) add(ctx context.Context, o opml.Outline) error {
	if err := checkFeedURL(o.XMLURL); err != nil {
		imp.unusables++
		fmt.Fprintf(imp.out, "skipped %q: %v\n", o.Title, err)
		return nil
	}
	if imp.seen[o.XMLURL] {
		imp.duplicates++
		fmt.Fprintf(imp.out, "skipped %s: already a source\n", o.XMLURL)
		return nil
	}
	imp.seen[o.XMLURL] = true
	section := sectionForCategory(imp.cfg, o.Category)
	if section == "" {
		section = imp.cfg.Sections[0].Slug
		if o.Category != "" && !imp.unknown[o.Category] {
			imp.unknown[o.Category] = true
			fmt.Fprintf(imp.out, "category %q matches no section: its feeds go to %s\n", o.Category, imp.cfg.Sections[0].Name)
		}
	}
	name := o.Title
	if name == "" {
		name = o.XMLURL
	}
	now := time.Now().UTC()
	_, err := imp.st.AddSource(ctx, model.Source{
		Name: name, SiteURL: o.HTMLURL, FeedURL: o.XMLURL, Section: section,
		Policy: model.PolicyExcerpt, CreatedAt: now, Poll: model.PollState{NextCheckAt: now},
	})
	if errors.Is(err, store.ErrConflict) {
		imp.duplicates++
		fmt.Fprintf(imp.out, "skipped %s: already a source\n", o.XMLURL)
		return nil
	}
	if err != nil {
		return fmt.Errorf("add %s: %w", o.XMLURL, err)
	}
	imp.added++
	return nil
}

func (imp *importer) summary(total int) {
	fmt.Fprintf(imp.out, "imported %d of %d feeds: %d already sources, %d unusable URLs, %d unknown categories; they are checked on the next fetch\n",
		imp.added, total, imp.duplicates, imp.unusables, len(imp.unknown))
}

// checkFeedURL accepts absolute http and https URLs only: anything else
// could never be fetched.
func checkFeedURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http or https URL", raw)
	}
	return nil
}

// sectionForCategory matches a category against each section's name, slug
// and synonyms, ignoring case; "" when none matches.
func sectionForCategory(cfg config.Config, category string) string {
	category = strings.TrimSpace(category)
	if category == "" {
		return ""
	}
	if slug := cfg.SectionSlug(category); slug != "" {
		return slug
	}
	for _, sec := range cfg.Sections {
		for _, syn := range sec.Synonyms {
			if strings.EqualFold(syn, category) {
				return sec.Slug
			}
		}
	}
	return ""
}

// ExportOPML writes every source as OPML 2.0, one folder per section (by
// its name) in the configured section order.
func ExportOPML(ctx context.Context, st store.Store, out io.Writer, cfg config.Config) error {
	sources, err := st.ListSources(ctx)
	if err != nil {
		return fmt.Errorf("export sources: %w", err)
	}
	order := map[string]int{}
	names := map[string]string{}
	for i, sec := range cfg.Sections {
		order[sec.Slug], names[sec.Slug] = i, sec.Name
	}
	slices.SortStableFunc(sources, func(a, b model.Source) int {
		return cmp.Or(cmp.Compare(sectionOrder(order, a.Section), sectionOrder(order, b.Section)), cmp.Compare(a.ID, b.ID))
	})
	doc := opml.Document{Title: cfg.SiteName + " sources"}
	for _, s := range sources {
		category := names[s.Section]
		if category == "" {
			category = s.Section // a section since removed from the config
		}
		doc.Outlines = append(doc.Outlines, opml.Outline{Title: s.Name, XMLURL: s.FeedURL, HTMLURL: s.SiteURL, Category: category})
	}
	if err := opml.Write(out, doc); err != nil {
		return fmt.Errorf("export sources: %w", err)
	}
	return nil
}

func sectionOrder(order map[string]int, slug string) int {
	if i, ok := order[slug]; ok {
		return i
	}
	return len(order)
}
