package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/mmcdole/gofeed"
)

var (
	// ErrNotAFeed means the document is an HTML page; its feed may be found with Discover.
	ErrNotAFeed = errors.New("the document is an HTML page, not a feed; " +
		"try `newsdesk sources add` with the site URL to discover its feed")
	// ErrEmpty means there was nothing to parse.
	ErrEmpty = errors.New("the feed is empty: the server sent no content")
	// ErrUnknownFormat means the document is neither HTML nor a feed format we read.
	ErrUnknownFormat = errors.New("the document is not RSS, Atom, RDF or JSON Feed")
)

// Feed is a parsed feed with its items in document order.
type Feed struct {
	Title, Link, Description, Language string
	ID                                 string    // atom:id or the JSON Feed home URL; may be empty
	Updated                            time.Time // UTC; zero if absent or unparseable
	ImageURL                           string    // the feed's logo or image, absolute
	Categories                         []string
	TTL                                time.Duration // RSS <ttl>: how long the feed may be cached
	UpdatePeriod                       time.Duration // sy:updatePeriod / sy:updateFrequency
	HubURL, SelfURL                    string        // WebSub: <link rel="hub"> and rel="self"
	// Repaired means the document was not well-formed (or its charset was
	// wrong) and was repaired to be read: feedparser's "bozo".
	Repaired bool
	Items    []Item
}

// Item is one entry of a feed.
type Item struct {
	GUID       string
	Link       string // absolute, resolved against the feed URL and xml:base
	Title      string // plain text
	Author     string
	Published  time.Time // UTC; zero if absent or unparseable
	Updated    time.Time // UTC; zero if absent or unparseable
	Summary    string    // HTML as given (description / summary)
	Content    string    // HTML as given (content:encoded / content), may be empty
	Categories []string
	ImageURL   string
	Language   string
	Enclosures []Enclosure
	// DateFlagged means the item had no usable date: Published is then the
	// time the parser first saw it (Parse's now), not the publisher's.
	DateFlagged bool
}

// Enclosure is a file attached to an item (RSS <enclosure>, Atom
// rel="enclosure", Media RSS content, JSON Feed attachment).
type Enclosure struct {
	URL    string // absolute
	Type   string // MIME type, may be empty
	Length int64  // bytes, 0 if unknown
}

// Parse reads a feed. feedURL is where the bytes came from; relative links
// are resolved against it. When the document is damaged, Parse repairs what
// it simply can (charset, truncation) before giving up, and says so in
// Feed.Repaired. It is ParseWithContentType without a header.
func Parse(body []byte, feedURL string) (*Feed, error) {
	return ParseWithContentType(body, feedURL, "")
}

// parse reads a document whose charset decoding is settled.
func parse(body []byte, feedURL string) (*Feed, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, ErrEmpty
	}
	kind := sniff(body)
	switch {
	case kind == kindHTML:
		return nil, ErrNotAFeed
	case kind == kindUnknown && bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")):
		// gofeed would read any JSON object as an empty JSON Feed.
		return nil, ErrUnknownFormat
	}
	base, _ := url.Parse(feedURL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	repaired := false
	if fixed, ok := repairCharset(body, false); ok {
		body, repaired = fixed, true
	}
	if kind != kindUnknown || !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
		if f, ok := parseTree(body, base); ok {
			f.Repaired = f.Repaired || repaired
			return f, nil
		}
	}
	return parseWithGofeed(body, base, kind, repaired)
}

// parseTree reads an XML feed with our own reader. The base parser is
// consulted only for what ours could not settle: dates in a form ours does
// not read, and damaged documents, where the reading with more items wins.
func parseTree(body []byte, base *url.URL) (*Feed, bool) {
	tree := buildTree(body, base)
	if tree.root == nil {
		if fixed, ok := repairCharset(body, true); ok {
			body = fixed
			tree = buildTree(body, base)
		}
	}
	f, r, ok := fromTree(tree.root)
	if !ok {
		return nil, false
	}
	f.Repaired = !tree.wellFormed
	if len(f.Items) == 0 && (tree.cutContent || tree.broken && f.Title == "") {
		return nil, false // nothing survived: let the base parser say why
	}
	if !r.missedDate && tree.wellFormed {
		return f, true
	}
	parsed, err := parseGofeed(body)
	if err != nil {
		parsed, err = retryRepaired(body, err)
	}
	if err != nil || parsed == nil {
		return f, true
	}
	if !tree.wellFormed && len(parsed.Items) > len(f.Items) {
		g := convertFeed(parsed, base, scanMeta(body))
		g.Repaired = true
		return g, true
	}
	fillDates(f, parsed)
	return f, true
}

// fillDates takes the base parser's reading of the dates ours left empty,
// when both read the same items.
func fillDates(f *Feed, parsed *gofeed.Feed) {
	if f.Updated.IsZero() {
		f.Updated = utc(parsed.UpdatedParsed)
		if f.Updated.IsZero() {
			f.Updated = utc(parsed.PublishedParsed)
		}
	}
	if len(parsed.Items) != len(f.Items) {
		return
	}
	for i, it := range parsed.Items {
		if it == nil {
			continue
		}
		item := &f.Items[i]
		if item.Published.IsZero() {
			item.Published = utc(it.PublishedParsed)
		}
		if item.Updated.IsZero() {
			item.Updated = utc(it.UpdatedParsed)
		}
		item.DateFlagged = item.Published.IsZero() && item.Updated.IsZero()
	}
}

// parseWithGofeed reads the document with the base parser alone: JSON
// Feed, and XML whose root none of our readers knows.
func parseWithGofeed(body []byte, base *url.URL, kind docKind, repaired bool) (*Feed, error) {
	parsed, err := parseGofeed(body)
	if err != nil {
		parsed, err = retryRepaired(body, err)
		repaired = true
	}
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected) && kind != kindFeed:
		return nil, ErrUnknownFormat
	case err != nil:
		return nil, fmt.Errorf("parse feed: the document is malformed: %w", err)
	}
	meta := docMeta{wellFormed: true}
	if parsed.FeedType != "json" {
		meta = scanMeta(body)
	}
	f := convertFeed(parsed, base, meta)
	f.Repaired = repaired || !meta.wellFormed
	return f, nil
}

// retryRepaired tries the repairs in turn after a failed parse and returns
// the first success, or the original error.
func retryRepaired(body []byte, firstErr error) (*gofeed.Feed, error) {
	if fixed, ok := repairCharset(body, true); ok {
		if parsed, err := parseGofeed(fixed); err == nil {
			return parsed, nil
		}
		body = fixed
	}
	if cut, ok := closeTruncated(body); ok {
		if parsed, err := parseGofeed(cut); err == nil && len(parsed.Items) > 0 {
			return parsed, nil
		}
	}
	return nil, firstErr
}

// parseGofeed runs the base parser. It recovers from a panic in it because
// a bug there must cost one feed, not the process.
func parseGofeed(body []byte) (parsed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			parsed, err = nil, fmt.Errorf("the parser failed on this document: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(body))
}
