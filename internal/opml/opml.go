package opml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// MaxBytes bounds what Read accepts: a list of many thousand feeds is a
// few megabytes, so anything larger is a mistake or an attack.
const MaxBytes = 10 << 20

// maxOutlines bounds the number of feeds Read returns, whatever the size.
const maxOutlines = 100_000

// maxDepth bounds nested folders; real lists nest two or three deep.
const maxDepth = 64

// ErrTooLarge is returned for documents over MaxBytes or maxOutlines.
var ErrTooLarge = errors.New("OPML document too large")

// Outline is one feed of a subscription list.
type Outline struct {
	Title    string // the outline's title, else its text
	XMLURL   string // the feed
	HTMLURL  string // the site, may be empty
	Category string // the outermost folder, else the first path element of the category attribute
}

// Document is a subscription list: its title and its feeds in document order.
type Document struct {
	Title    string
	Outlines []Outline
}

// Read parses an OPML document of at most MaxBytes. Outlines without an
// xmlUrl are folders: their text becomes the category of the feeds inside.
func Read(r io.Reader) (Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return Document{}, fmt.Errorf("read OPML: %w", err)
	}
	if len(data) > MaxBytes {
		return Document{}, fmt.Errorf("read OPML: %w (over %d MiB)", ErrTooLarge, MaxBytes>>20)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	// Feed readers write HTML entities such as &amp;nbsp; into titles.
	d.Strict = false
	d.Entity = xml.HTMLEntity
	w := walker{d: d}
	if err := w.run(); err != nil {
		return Document{}, fmt.Errorf("read OPML: %w", err)
	}
	if !w.sawRoot {
		return Document{}, errors.New("read OPML: not an OPML document (no <opml> element)")
	}
	return w.doc, nil
}

// walker reads the token stream itself rather than unmarshalling into
// nested structs, so that depth and count stay bounded whatever the input.
type walker struct {
	d       *xml.Decoder
	doc     Document
	sawRoot bool
	folders []string // category of each open outline; "" for feeds
	inTitle bool
	inHead  bool
}

func (w *walker) run() error {
	for {
		tok, err := w.d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if w.sawRoot && len(w.doc.Outlines) > 0 && len(w.folders) == 0 {
				// Trailing garbage after a complete body: keep what was read.
				return nil
			}
			return err
		}
		if err := w.token(tok); err != nil {
			return err
		}
	}
}

func (w *walker) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		switch strings.ToLower(t.Name.Local) {
		case "opml":
			w.sawRoot = true
		case "head":
			w.inHead = true
		case "title":
			w.inTitle = w.inHead
		case "outline":
			return w.outline(t)
		}
	case xml.EndElement:
		switch strings.ToLower(t.Name.Local) {
		case "head":
			w.inHead = false
		case "title":
			w.inTitle = false
		case "outline":
			if len(w.folders) > 0 {
				w.folders = w.folders[:len(w.folders)-1]
			}
		}
	case xml.CharData:
		if w.inTitle && len(w.doc.Title) < 1024 {
			w.doc.Title = strings.TrimSpace(w.doc.Title + string(t))
		}
	}
	return nil
}

func (w *walker) outline(t xml.StartElement) error {
	if len(w.folders) >= maxDepth {
		return fmt.Errorf("outlines nested deeper than %d", maxDepth)
	}
	a := attrs(t.Attr)
	title := clean(a["title"])
	if title == "" {
		title = clean(a["text"])
	}
	xmlURL := strings.TrimSpace(a["xmlurl"])
	if xmlURL == "" {
		w.folders = append(w.folders, title)
		return nil
	}
	w.folders = append(w.folders, "")
	if len(w.doc.Outlines) >= maxOutlines {
		return fmt.Errorf("%w (over %d feeds)", ErrTooLarge, maxOutlines)
	}
	w.doc.Outlines = append(w.doc.Outlines, Outline{
		Title:    title,
		XMLURL:   xmlURL,
		HTMLURL:  strings.TrimSpace(a["htmlurl"]),
		Category: w.category(a["category"]),
	})
	return nil
}

// category is the outermost named folder, else the first element of the
// first slash-delimited path in the category attribute ("/News/World,
// /Tags/x" gives "News").
func (w *walker) category(attr string) string {
	for _, f := range w.folders {
		if f != "" {
			return f
		}
	}
	first, _, _ := strings.Cut(attr, ",")
	for _, part := range strings.Split(first, "/") {
		if p := clean(part); p != "" {
			return p
		}
	}
	return ""
}

// attrs lowercases attribute names: exports disagree on xmlUrl vs xmlurl.
func attrs(list []xml.Attr) map[string]string {
	m := make(map[string]string, len(list))
	for _, a := range list {
		k := strings.ToLower(a.Name.Local)
		if _, dup := m[k]; !dup {
			m[k] = a.Value
		}
	}
	return m
}

// clean collapses runs of white space, which some exports put in titles.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Write writes doc as OPML 2.0: feeds without a category at the top level,
// the others in one folder per category, folders in order of first use.
func Write(w io.Writer, doc Document) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<opml version="2.0">` + "\n  <head>\n")
	writeElement(&b, "    ", "title", doc.Title)
	writeElement(&b, "    ", "dateCreated", time.Now().UTC().Format(time.RFC1123Z))
	b.WriteString("  </head>\n  <body>\n")
	var order []string
	groups := map[string][]Outline{}
	for _, o := range doc.Outlines {
		if o.Category == "" {
			writeFeed(&b, "    ", o)
			continue
		}
		if _, ok := groups[o.Category]; !ok {
			order = append(order, o.Category)
		}
		groups[o.Category] = append(groups[o.Category], o)
	}
	for _, c := range order {
		b.WriteString(`    <outline text="` + escape(c) + `" title="` + escape(c) + "\">\n")
		for _, o := range groups[c] {
			writeFeed(&b, "      ", o)
		}
		b.WriteString("    </outline>\n")
	}
	b.WriteString("  </body>\n</opml>\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	return nil
}

func writeFeed(b *bytes.Buffer, indent string, o Outline) {
	title := o.Title
	if title == "" {
		title = o.XMLURL
	}
	b.WriteString(indent + `<outline type="rss" text="` + escape(title) + `" title="` + escape(title) +
		`" xmlUrl="` + escape(o.XMLURL) + `"`)
	if o.HTMLURL != "" {
		b.WriteString(` htmlUrl="` + escape(o.HTMLURL) + `"`)
	}
	b.WriteString("/>\n")
}

func writeElement(b *bytes.Buffer, indent, name, text string) {
	b.WriteString(indent + "<" + name + ">" + escape(text) + "</" + name + ">\n")
}

func escape(s string) string {
	var b strings.Builder
	// EscapeText also escapes quotes and control characters, so the result
	// is safe in attribute values too.
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
