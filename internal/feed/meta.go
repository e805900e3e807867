package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// docMeta is what the base parser does not give us, read in one strict
// pass over the document.
type docMeta struct {
	wellFormed      bool
	feedID          string
	ttl, period     time.Duration
	hubURL, selfURL string
}

const (
	nsAtom = "http://www.w3.org/2005/Atom"
	nsSy   = "http://purl.org/rss/1.0/modules/syndication/"
)

// maxMetaTokens bounds the pass: a feed with more tokens than this is
// taken as well-formed past that point rather than read to the end.
const maxMetaTokens = 2_000_000

// scanMeta reads the channel-level elements outside items and checks that
// the XML is well-formed (feedparser's "bozo" when it is not).
func scanMeta(body []byte) docMeta {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	d.Entity = xml.HTMLEntity // HTML entities in XML are common and harmless
	d.CharsetReader = charset.NewReaderLabel
	var m docMeta
	var path []string // local names of open elements
	var period string
	freq := 1
	for range maxMetaTokens {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			m.wellFormed = len(path) == 0
			break
		}
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			if inItem(path) {
				continue
			}
			switch {
			case t.Name.Local == "link" && (t.Name.Space == nsAtom || t.Name.Space == ""):
				m.readLink(t)
			case t.Name.Local == "id" && len(path) == 2 && m.feedID == "":
				m.feedID = charData(d)
				path = path[:len(path)-1]
			case t.Name.Local == "ttl" && t.Name.Space == "":
				if n, err := strconv.Atoi(charData(d)); err == nil && n > 0 && n < 1<<20 {
					m.ttl = time.Duration(n) * time.Minute
				}
				path = path[:len(path)-1]
			case t.Name.Space == nsSy && t.Name.Local == "updatePeriod":
				period = charData(d)
				path = path[:len(path)-1]
			case t.Name.Space == nsSy && t.Name.Local == "updateFrequency":
				if n, err := strconv.Atoi(charData(d)); err == nil && n > 0 && n < 1<<20 {
					freq = n
				}
				path = path[:len(path)-1]
			}
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		}
	}
	m.period = syndicationPeriod(period, freq)
	return m
}

func inItem(path []string) bool {
	for _, p := range path {
		if p == "item" || p == "entry" {
			return true
		}
	}
	return false
}

func (m *docMeta) readLink(t xml.StartElement) {
	var rel, href string
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "rel":
			rel = strings.ToLower(strings.TrimSpace(a.Value))
		case "href":
			href = strings.TrimSpace(a.Value)
		}
	}
	switch {
	case rel == "hub" && m.hubURL == "":
		m.hubURL = href
	case rel == "self" && m.selfURL == "":
		m.selfURL = href
	}
}

// charData reads the text of the element just opened, through its end.
func charData(d *xml.Decoder) string {
	var b strings.Builder
	depth := 1
	for depth > 0 && b.Len() < 4096 {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return strings.TrimSpace(b.String())
}

// syndicationPeriod turns sy:updatePeriod and sy:updateFrequency into the
// time between updates (RSS 1.0 syndication module; the period defaults
// to daily when only a frequency is given).
func syndicationPeriod(period string, freq int) time.Duration {
	units := map[string]time.Duration{"hourly": time.Hour, "daily": 24 * time.Hour,
		"weekly": 7 * 24 * time.Hour, "monthly": 30 * 24 * time.Hour, "yearly": 365 * 24 * time.Hour}
	unit, ok := units[strings.ToLower(period)]
	if !ok {
		if period != "" || freq == 1 {
			return 0
		}
		unit = 24 * time.Hour
	}
	return unit / time.Duration(freq)
}
