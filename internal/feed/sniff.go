package feed

import (
	"bytes"
	"encoding/xml"
	"strings"
)

type docKind int

const (
	kindUnknown docKind = iota
	kindFeed
	kindHTML
)

// sniffWindow bounds how much of a document sniff reads: the root element of
// any real feed or page appears well within it.
const sniffWindow = 4096

// LooksLikeFeed reports cheaply whether body seems to be a feed (RSS, RDF,
// Atom or JSON Feed) rather than an HTML page or something else. It reads
// only the start of the document.
func LooksLikeFeed(body []byte) bool {
	return sniff(body) == kindFeed
}

func sniff(body []byte) docKind {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	window := bytes.TrimSpace(body[:min(len(body), sniffWindow)])
	if len(window) == 0 {
		return kindUnknown
	}
	if window[0] == '{' {
		// JSON Feed names its version URL; other JSON is not a feed.
		if bytes.Contains(body[:min(len(body), 16*sniffWindow)], []byte("jsonfeed.org/version")) {
			return kindFeed
		}
		return kindUnknown
	}
	if kind, ok := sniffXMLRoot(window); ok {
		return kind
	}
	// Pages that are not well-formed enough for the XML tokenizer.
	lower := bytes.ToLower(window)
	if bytes.Contains(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<html")) {
		return kindHTML
	}
	return kindUnknown
}

// sniffXMLRoot classifies the document by its first element.
func sniffXMLRoot(window []byte) (docKind, bool) {
	d := xml.NewDecoder(bytes.NewReader(window))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return kindUnknown, false
		}
		switch t := tok.(type) {
		case xml.Directive:
			if strings.HasPrefix(strings.ToLower(string(t)), "doctype html") {
				return kindHTML, true
			}
		case xml.StartElement:
			switch strings.ToLower(t.Name.Local) {
			case "rss", "feed", "rdf", "channel":
				return kindFeed, true
			case "html", "head", "body":
				return kindHTML, true
			}
			return kindUnknown, true
		}
	}
}
