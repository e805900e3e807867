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
var ErrTooLarge = errors.New("page larger than the input bound")

// ErrNotText is returned for bytes that are no text page at all: an image,
// an archive or some other download served where a page was expected.
var ErrNotText = errors.New("not a text page (binary bytes)")

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
		return nil, failed(opts.URL, "%d bytes: %w", len(page), ErrTooLarge)
	}
	if looksBinary(page) {
		return nil, failed(opts.URL, "%w", ErrNotText)
	}
	rules, err := compileRules(opts)
	if err != nil {
		return nil, failed(opts.URL, "%w", err)
	}
	root, err := parse(page)
	if err != nil {
		return nil, failed(opts.URL, "parse HTML: %w", err)
	}
	res := metadata(root, opts.URL)
	body := findBody(root, rules, res.Title, mayBeStreamed(page))
	res.HTML, res.Text = render(body, opts.URL)
	return res, nil
}

// failed wraps an error with the page it is about: "extract URL: ...", or
// "extract: ..." for a page given without one.
func failed(pageURL, format string, args ...any) error {
	prefix := "extract: "
	if pageURL != "" {
		prefix = "extract " + pageURL + ": "
	}
	// The URL goes in as an argument: it may hold '%'.
	return fmt.Errorf("%s"+format, append([]any{prefix}, args...)...)
}

// sniffBytes is how much of a page the binary test reads: the HTML
// standard's "resource header" for MIME sniffing.
const sniffBytes = 1445

// looksBinary applies the MIME Sniffing Standard's test for binary data to
// the first bytes: a NUL or another C0 control that text never holds (tab,
// line feed, form feed, carriage return and escape are text) means the
// bytes are not a page, and extracting them would only yield noise.
func looksBinary(page []byte) bool {
	for _, c := range page[:min(len(page), sniffBytes)] {
		if c <= 0x08 || c == 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f) {
			return true
		}
	}
	return false
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
