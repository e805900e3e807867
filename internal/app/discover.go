package app

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/ingest"
)

// FeedCandidate is one feed found for a URL, checked by parsing it.
type FeedCandidate struct {
	URL     string // final URL after redirects
	Title   string
	Format  string // "rss", "atom", "json" or "rdf"
	Items   int
	SiteURL string // the feed's own link to its site
	HubURL  string // WebSub hub the feed advertises, if any
	Guessed bool   // found at a common path rather than advertised by the page
}

// Bounds on discovery: each try is a polite request, paced per host.
const (
	maxAdvertisedTries = 8
	maxGuessTries      = 16
	// maxGuessedFeeds stops guessing once this many feeds answered: the
	// rest are almost always the same feed under other names.
	maxGuessedFeeds = 3
)

// guessPaths are where publishing systems put their feeds, most common
// first: WordPress, Ghost, Hugo, Jekyll, Blogger, Substack and friends.
var guessPaths = []string{
	"/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml",
	"/feed/", "/rss/", "/atom", "/index.rss", "/feeds/posts/default",
	"/?feed=rss2", "/feed.json", "/blog/feed", "/news/rss",
}

// DiscoverFeeds finds the feeds rawURL offers, best first. When rawURL is
// itself a feed, that is the one candidate. Otherwise the page's
// <link rel="alternate"> feeds are tried, and when none of them can be read,
// the common feed paths of the page's directory and site. Every candidate
// was fetched through f and parsed; duplicates (by final URL) are dropped.
func DiscoverFeeds(ctx context.Context, f ingest.Fetcher, rawURL string) ([]FeedCandidate, error) {
	resp, err := f.Get(ctx, rawURL, fetch.Conditional{})
	if err != nil {
		return nil, fmt.Errorf("find feeds at %s: %w", rawURL, err)
	}
	if c, perr := candidateFrom(resp); perr == nil {
		return []FeedCandidate{c}, nil
	} else if feed.LooksLikeFeed(resp.Body) {
		return nil, fmt.Errorf("find feeds at %s: it is a feed we cannot read: %w", rawURL, perr)
	}
	d := discovery{fetcher: f, seen: map[string]bool{resp.URL: true}}
	advertised := feed.Discover(resp.Body, resp.URL)
	for i, u := range advertised {
		if i == maxAdvertisedTries {
			break
		}
		if err := d.try(ctx, u, false); err != nil {
			return nil, err
		}
	}
	if len(d.found) == 0 {
		for i, u := range guessURLs(resp.URL) {
			if i == maxGuessTries || len(d.found) == maxGuessedFeeds {
				break
			}
			if err := d.try(ctx, u, true); err != nil {
				return nil, err
			}
		}
	}
	if len(d.found) == 0 {
		return nil, noFeedError(rawURL, advertised)
	}
	rankCandidates(d.found)
	return d.found, nil
}

func noFeedError(rawURL string, advertised []string) error {
	if len(advertised) > 0 {
		return fmt.Errorf("find feeds at %s: the page names feeds (%s) but none of them could be read",
			rawURL, strings.Join(advertised, ", "))
	}
	return fmt.Errorf("find feeds at %s: the page names no feed and none of the usual feed addresses "+
		"(/feed, /rss.xml, /atom.xml, ...) answered with one; give the URL of its RSS, Atom or JSON feed", rawURL)
}

// discovery collects the candidates of one DiscoverFeeds call.
type discovery struct {
	fetcher ingest.Fetcher
	seen    map[string]bool
	found   []FeedCandidate
}

// try fetches and parses u; a URL that fails is simply not a candidate.
// Only a cancelled context is an error.
func (d *discovery) try(ctx context.Context, u string, guessed bool) error {
	if d.seen[u] {
		return nil
	}
	d.seen[u] = true
	resp, err := d.fetcher.Get(ctx, u, fetch.Conditional{})
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("find feeds: %w", cerr)
		}
		return nil
	}
	if resp.URL != u {
		if d.seen[resp.URL] {
			return nil
		}
		d.seen[resp.URL] = true
	}
	c, err := candidateFrom(resp)
	if err != nil {
		return nil
	}
	c.Guessed = guessed
	d.found = append(d.found, c)
	return nil
}

func candidateFrom(resp *fetch.Response) (FeedCandidate, error) {
	parsed, err := feed.ParseWithContentType(resp.Body, resp.URL, resp.ContentType)
	if err != nil {
		return FeedCandidate{}, err
	}
	return FeedCandidate{
		URL:     resp.URL,
		Title:   strings.TrimSpace(parsed.Title),
		Format:  feedFormat(resp.Body),
		Items:   len(parsed.Items),
		SiteURL: parsed.Link,
		HubURL:  parsed.HubURL,
	}, nil
}

// guessURLs lists the common feed paths in the page's own directory (for a
// blog under /blog/) and then at the site's root, without duplicates.
func guessURLs(pageURL string) []string {
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" {
		return nil
	}
	root := &url.URL{Scheme: u.Scheme, Host: u.Host}
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if dir := u.Path[:strings.LastIndex(u.Path, "/")+1]; dir != "" && dir != "/" {
		for _, p := range []string{"feed", "rss", "feed.xml", "rss.xml", "atom.xml", "index.xml"} {
			add(root.String() + dir + p)
		}
	}
	for _, p := range guessPaths {
		add(root.String() + p)
	}
	return out
}

// rankCandidates orders best first: advertised before guessed, site feeds
// before comment feeds, more items, then RSS and Atom before RDF before
// JSON Feed; ties keep the order they were found in.
func rankCandidates(cs []FeedCandidate) {
	slices.SortStableFunc(cs, func(a, b FeedCandidate) int {
		return cmp.Or(
			cmp.Compare(boolRank(a.Guessed), boolRank(b.Guessed)),
			cmp.Compare(boolRank(isCommentFeed(a)), boolRank(isCommentFeed(b))),
			cmp.Compare(b.Items, a.Items),
			cmp.Compare(formatRank[a.Format], formatRank[b.Format]),
		)
	})
}

var formatRank = map[string]int{"rss": 0, "atom": 0, "rdf": 1, "json": 2}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isCommentFeed(c FeedCandidate) bool {
	return strings.Contains(strings.ToLower(c.URL+" "+c.Title), "comment")
}

// feedFormat names the syndication format of a body feed.Parse accepted,
// from its first element (or a leading brace for JSON Feed).
func feedFormat(body []byte) string {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	window := bytes.TrimSpace(body[:min(len(body), 4096)])
	if len(window) > 0 && window[0] == '{' {
		return "json"
	}
	d := xml.NewDecoder(bytes.NewReader(window))
	d.Strict = false
	for range 64 {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch strings.ToLower(se.Name.Local) {
			case "feed":
				return "atom"
			case "rdf":
				return "rdf"
			}
			return "rss"
		}
	}
	return "rss"
}

// ListFeedCandidates prints what DiscoverFeeds finds for rawURL, best
// first: `newsdesk sources add URL --list`.
func ListFeedCandidates(ctx context.Context, f ingest.Fetcher, rawURL string, out io.Writer) error {
	cs, err := DiscoverFeeds(ctx, f, rawURL)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tFORMAT\tITEMS\tFOUND\tTITLE\tURL")
	for i, c := range cs {
		how := "advertised"
		if c.Guessed {
			how = "guessed"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", i+1, c.Format, c.Items, how, orDash(c.Title), c.URL)
	}
	return tw.Flush()
}

// errNoCandidates is what bestFeed says when DiscoverFeeds returned none,
// which it never does without an error; kept for callers' safety.
var errNoCandidates = errors.New("no feed found")

// BestFeed is DiscoverFeeds' first candidate: what `sources add` adds.
func BestFeed(ctx context.Context, f ingest.Fetcher, rawURL string) (FeedCandidate, error) {
	cs, err := DiscoverFeeds(ctx, f, rawURL)
	if err != nil {
		return FeedCandidate{}, err
	}
	if len(cs) == 0 {
		return FeedCandidate{}, fmt.Errorf("find feeds at %s: %w", rawURL, errNoCandidates)
	}
	return cs[0], nil
}
