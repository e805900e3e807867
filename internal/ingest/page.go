package ingest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/extract"
	"github.com/newsdesk/newsdesk/internal/extract/meta"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/sanitize"
)

// summaryRunes is the length under which a feed's text is taken for a
// summary, so the article's page is read for the full text. Feeds that
// carry whole articles are left alone: their text is the publisher's own
// choice and costs no request.
const summaryRunes = 2000

// RobotsChecker is the part of fetch.Client that answers robots.txt.
// A Fetcher without it reads no article pages: pages are only fetched
// where robots.txt can be honoured.
type RobotsChecker interface {
	RobotsAllowed(ctx context.Context, pageURL string) (bool, error)
}

// wantsPage reports whether an article's page should be read: its source
// may show more than a link, the feed gave a summary rather than the
// article, and there is a page to read.
func (in *Ingester) wantsPage(src model.Source, a model.Article) bool {
	if !in.opts.ReadPages || src.Policy == model.PolicyLink || a.URL == "" {
		return false
	}
	if _, ok := in.fetcher.(RobotsChecker); !ok {
		return false
	}
	return utf8.RuneCountInString(a.ContentText) < summaryRunes
}

// fillFromPage reads an article's page and, when it is longer than the
// feed's text and the publisher allows archiving, uses its text; a page
// that says noarchive marks the article so the site shows an excerpt.
// Failures keep the feed's text and record why.
func (in *Ingester) fillFromPage(ctx context.Context, src model.Source, a *model.Article) {
	res, robotsTag, err := in.readPage(ctx, src, a.URL)
	if err != nil {
		a.ExtractError = plainError(err)
		in.log.Debug("article page not used", "source_id", src.ID, "url", a.URL, "error", err)
		return
	}
	// The page's own canonical address identifies the article (a feed
	// often links a tracking or mobile variant), when it is on the same
	// site: another site cannot claim to be the original.
	if c, err := sanitize.CanonicalURL(res.Canonical); err == nil && sanitize.SameSite(c, a.URL) {
		a.CanonicalURL = c
	}
	if res.NoArchive || meta.NoArchiveDirective(robotsTag) {
		a.NoArchive = true
		return
	}
	text := stripControl(res.Text)
	if utf8.RuneCountInString(text) <= utf8.RuneCountInString(a.ContentText) {
		return
	}
	a.ContentHTML, a.ContentText = res.HTML, text
	if a.Author == "" {
		a.Author = res.Byline
	}
	if a.ImageURL == "" {
		a.ImageURL = res.LeadImage
	}
	if a.Language == "" {
		a.Language = strings.ToLower(res.Lang)
	}
}

func (in *Ingester) readPage(ctx context.Context, src model.Source, pageURL string) (*extract.Result, string, error) {
	robots := in.fetcher.(RobotsChecker)
	allowed, err := robots.RobotsAllowed(ctx, pageURL)
	if err != nil {
		return nil, "", fmt.Errorf("read robots.txt for %s: %w", pageURL, err)
	}
	if !allowed {
		return nil, "", fmt.Errorf("robots.txt does not allow reading %s", pageURL)
	}
	resp, err := in.fetcher.Get(ctx, pageURL, fetch.Conditional{})
	if err != nil {
		return nil, "", err
	}
	res, err := extract.ExtractReader(bytes.NewReader(resp.Body), resp.ContentType,
		extract.Options{URL: resp.URL, Keep: src.ExtractKeep, Drop: src.ExtractDrop})
	if err != nil {
		return nil, "", err
	}
	return res, resp.RobotsTag, nil
}
