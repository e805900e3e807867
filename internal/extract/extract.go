package extract

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"golang.org/x/net/html"
)

// DefaultMaxBytes is the input bound used when Options.MaxBytes is zero.
const DefaultMaxBytes = 10 << 20

// ErrTooLarge is returned for input longer than Options.MaxBytes.
var ErrTooLarge = errors.New("extract: page larger than the input bound")

// Options says where a page came from and how to treat it.
type Options struct {
	URL      string   // the page's URL: base for relative links
	MaxBytes int      // input bound; default 10 MiB, larger input is an error
	Keep     []string // per-source CSS selectors of elements that are the body
	Drop     []string // per-source CSS selectors of elements never in the body
}

// Result is what Extract found on a page.
type Result struct {
	Title, Byline       string
	Authors             []string
	Published, Modified time.Time
	Lang, LeadImage     string
	Description         string
	SiteName            string
	Canonical           string // the page's own rel=canonical (or og:url), absolute; may be ""
	HTML                string // sanitised main-body HTML
	Text                string // plain text, paragraphs separated by one blank line
	NoArchive           bool   // meta robots noarchive/none
}

// Extract returns the metadata and main body of an HTML page given as UTF-8
// bytes (ExtractReader decodes other charsets).
func Extract(page []byte, opts Options) (*Result, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if len(page) > limit {
		return nil, fmt.Errorf("extract %s: %d bytes: %w", opts.URL, len(page), ErrTooLarge)
	}
	rules, err := compileRules(opts)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", opts.URL, err)
	}
	root, err := parse(page)
	if err != nil {
		return nil, fmt.Errorf("extract %s: parse HTML: %w", opts.URL, err)
	}
	res := metadata(root, opts.URL)
	body := findBody(root, rules, res.Title, mayBeStreamed(page))
	res.HTML, res.Text = render(body, opts.URL)
	return res, nil
}

// mayBeStreamed is a cheap look at the bytes for the placeholders of a
// streamed page (see inlineStreamedSegments), which spares the walk over
// the tree on the many pages that have none.
func mayBeStreamed(page []byte) bool {
	return bytes.Contains(page, []byte("<template")) && bytes.Contains(page, []byte("S:"))
}

// parse builds the tree. The HTML parser refuses documents nested deeper
// than 512 elements; such a page is flattened first so that its words still
// come through.
func parse(page []byte) (*html.Node, error) {
	root, err := html.Parse(bytes.NewReader(page))
	if err == nil {
		return root, nil
	}
	root, err2 := html.Parse(bytes.NewReader(flattenDeep(page, maxDepth)))
	if err2 != nil {
		return nil, errors.Join(err, err2)
	}
	return root, nil
}
