package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/ingest"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// NewSource is what `newsdesk sources add` asks for.
type NewSource struct {
	URL         string
	Name        string // default: the feed's title
	Section     string // section name or slug; default: the first section
	Policy      string
	LicenseName string
	LicenseURL  string
}

// AddSource checks that the URL is a feed (or a page that names one), and
// stores it as a source due for its first check now.
func AddSource(ctx context.Context, cfg config.Config, st store.Store, f ingest.Fetcher, req NewSource) (model.Source, error) {
	policy, err := model.ParsePolicy(req.Policy)
	if err != nil {
		return model.Source{}, err
	}
	section := cfg.Sections[0].Slug
	if req.Section != "" {
		if section = cfg.SectionSlug(req.Section); section == "" {
			return model.Source{}, fmt.Errorf("unknown section %q: use one of %s", req.Section, sectionNames(cfg))
		}
	}
	best, err := BestFeed(ctx, f, req.URL)
	if err != nil {
		return model.Source{}, err
	}
	feedURL := best.URL
	name := strings.TrimSpace(req.Name)
	if name == "" {
		name = strings.TrimSpace(best.Title)
	}
	if name == "" {
		name = feedURL
	}
	src := model.Source{
		Name:        name,
		SiteURL:     best.SiteURL,
		FeedURL:     feedURL,
		Section:     section,
		Policy:      policy,
		LicenseName: req.LicenseName,
		LicenseURL:  req.LicenseURL,
		CreatedAt:   time.Now().UTC(),
		Poll:        model.PollState{NextCheckAt: time.Now().UTC()},
	}
	id, err := st.AddSource(ctx, src)
	if errors.Is(err, store.ErrConflict) {
		return model.Source{}, fmt.Errorf("a source with feed %s already exists: see `newsdesk sources list`", feedURL)
	}
	if err != nil {
		return model.Source{}, fmt.Errorf("add source: %w", err)
	}
	src.ID = id
	return src, nil
}

func sectionNames(cfg config.Config) string {
	names := make([]string, len(cfg.Sections))
	for i, s := range cfg.Sections {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// sourceJSON is one element of `newsdesk sources list --json`.
type sourceJSON struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	FeedURL     string  `json:"feed_url"`
	SiteURL     string  `json:"site_url"`
	Section     string  `json:"section"`
	Policy      string  `json:"policy"`
	LicenseName string  `json:"license_name,omitempty"`
	LicenseURL  string  `json:"license_url,omitempty"`
	Articles    int     `json:"articles"`
	LastError   string  `json:"last_error"`
	ErrorCount  int     `json:"error_count"`
	LastCheck   string  `json:"last_check"`
	LastSuccess string  `json:"last_success"`
	NextCheck   string  `json:"next_check"`
	ItemsPerDay float64 `json:"items_per_day"`
	Paused      bool    `json:"paused"`
	PauseReason string  `json:"pause_reason"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// ListSources prints every source with its health, as a table or JSON.
func ListSources(ctx context.Context, st store.Store, out io.Writer, asJSON bool) error {
	sources, err := st.ListSources(ctx)
	if err != nil {
		return fmt.Errorf("list sources: %w", err)
	}
	if asJSON {
		list := make([]sourceJSON, 0, len(sources))
		for _, s := range sources {
			list = append(list, sourceJSON{
				ID: s.ID, Name: s.Name, FeedURL: s.FeedURL, SiteURL: s.SiteURL, Section: s.Section,
				Policy: string(s.Policy), LicenseName: s.LicenseName, LicenseURL: s.LicenseURL,
				Articles: s.ArticleCount, LastError: s.Poll.LastError, ErrorCount: s.Poll.ErrorCount,
				LastCheck: rfc3339(s.Poll.LastCheckAt), LastSuccess: rfc3339(s.Poll.LastSuccessAt),
				NextCheck: rfc3339(s.Poll.NextCheckAt), ItemsPerDay: math.Round(s.Poll.ItemsPerDay*10) / 10,
				Paused: s.Poll.Paused, PauseReason: s.Poll.PauseReason,
			})
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	if len(sources) == 0 {
		fmt.Fprintln(out, "No sources yet. Add one with: newsdesk sources add FEED_URL")
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSECTION\tPOLICY\tARTICLES\tITEMS/DAY\tLAST CHECK\tLAST SUCCESS\tNEXT CHECK\tLAST ERROR")
	for _, s := range sources {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\t%s\t%s\n", s.ID, s.Name, s.Section, s.Policy,
			s.ArticleCount, s.Poll.ItemsPerDay, orDash(rfc3339(s.Poll.LastCheckAt)),
			orDash(rfc3339(s.Poll.LastSuccessAt)), nextCheckText(s.Poll), lastErrorText(s.Poll))
	}
	return tw.Flush()
}

// nextCheckText says "paused" instead of a time a paused source will not keep.
func nextCheckText(p model.PollState) string {
	if p.Paused {
		return "paused"
	}
	if p.NextCheckAt.IsZero() {
		return "now" // resumed: due at once
	}
	return rfc3339(p.NextCheckAt)
}

func lastErrorText(p model.PollState) string {
	s := p.LastError
	if s == "" {
		s = "-"
	} else if p.ErrorCount > 1 {
		s = fmt.Sprintf("%s (%d times in a row)", s, p.ErrorCount)
	}
	if p.Paused {
		s = fmt.Sprintf("PAUSED: %s; last error: %s", p.PauseReason, s)
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// FetchNow refreshes every source once, reporting each as it finishes,
// and returns an error naming how many failed.
func FetchNow(ctx context.Context, st store.Store, in *ingest.Ingester, out io.Writer, progress bool) error {
	sources, err := st.ListSources(ctx)
	if err != nil {
		return fmt.Errorf("list sources: %w", err)
	}
	if len(sources) == 0 {
		fmt.Fprintln(out, "No sources yet. Add one with: newsdesk sources add FEED_URL")
		return nil
	}
	// Paused sources stay paused until an operator resumes them.
	active := sources[:0:0]
	for _, s := range sources {
		if s.Poll.Paused {
			fmt.Fprintf(out, "%s: paused (%s); resume with `newsdesk sources resume %d`\n", s.Name, s.Poll.PauseReason, s.ID)
			continue
		}
		active = append(active, s)
	}
	sources = active
	done := 0
	reports := in.RefreshAll(ctx, sources, func(r ingest.Report) {
		done++
		if progress {
			fmt.Fprintf(out, "[%d/%d] %s\n", done, len(sources), r)
		}
	})
	failed := 0
	for _, r := range reports {
		if !progress {
			fmt.Fprintln(out, r)
		}
		if r.Err != nil {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d sources failed; their errors are shown above and in `newsdesk sources list`", failed, len(sources))
	}
	return nil
}
