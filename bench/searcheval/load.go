package main

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/sanitize"
	"github.com/newsdesk/newsdesk/internal/store"
)

// excerptRunes matches what ingest keeps of a lead, so the excerpt column
// weighs in the ranking as it does for real feeds.
const excerptRunes = 280

// loadStore stores every document as a published "world" article of a
// source named after its URL's host, through UpsertArticle: the same
// write, and so the same search index, that ingest uses.
func loadStore(ctx context.Context, st store.Store, docs []doc, now time.Time) error {
	sources := map[string]int64{}
	for _, d := range docs {
		host, err := hostOf(d.URL)
		if err != nil {
			return err
		}
		id, ok := sources[host]
		if !ok {
			id, err = st.AddSource(ctx, model.Source{
				Name:        host,
				SiteURL:     "https://" + host + "/",
				FeedURL:     "https://" + host + "/feed",
				Section:     "world",
				Policy:      model.PolicyFull,
				LicenseName: "CC BY 2.5",
				LicenseURL:  "https://creativecommons.org/licenses/by/2.5/",
			})
			if err != nil {
				return fmt.Errorf("add source for %s: %w", host, err)
			}
			sources[host] = id
		}
		if _, err := st.UpsertArticle(ctx, article(id, d, now)); err != nil {
			return fmt.Errorf("store %s: %w", d.URL, err)
		}
	}
	return nil
}

func hostOf(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("corpus URL %q has no host: %v", raw, err)
	}
	return u.Host, nil
}

func article(sourceID int64, d doc, now time.Time) model.Article {
	body := strings.TrimSpace(d.Text)
	paras := paragraphs(body)
	lead := ""
	// The first paragraph is the dateline ("Friday, January 4, 2019").
	if len(paras) > 1 {
		lead = paras[1]
	}
	var h strings.Builder
	for _, p := range paras {
		h.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	return model.Article{
		SourceID:     sourceID,
		GUID:         d.URL,
		URL:          d.URL,
		CanonicalURL: d.URL,
		Title:        d.Title,
		PublishedAt:  d.Date,
		FetchedAt:    now,
		Excerpt:      sanitize.Excerpt(html.EscapeString(lead), excerptRunes),
		ContentHTML:  h.String(),
		ContentText:  strings.Join(paras, "\n\n"),
		Language:     "en",
		Section:      "world",
		Status:       model.StatusPublished,
	}
}

// paragraphs splits text at blank lines, dropping empty ones.
func paragraphs(text string) []string {
	var ps []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}
