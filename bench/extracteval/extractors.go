package main

import (
	"bytes"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/newsdesk/newsdesk/internal/extract"
)

// prediction is what an extractor says about one page.
type prediction struct {
	text, title, author, date string
	err                       error
}

// extractor runs one tool on one page.
type extractor struct {
	name string
	run  func(html []byte, pageURL string) prediction
}

func ours() extractor {
	return extractor{name: "newsdesk extract", run: func(b []byte, pageURL string) prediction {
		res, err := extract.Extract(b, extract.Options{URL: pageURL})
		if err != nil {
			return prediction{err: err}
		}
		author := res.Byline
		if author == "" {
			author = strings.Join(res.Authors, ", ")
		}
		return prediction{text: res.Text, title: res.Title, author: author, date: day(res.Published)}
	}}
}

// readeck is readeck go-readability v2.1.3 with its default options.
func readeck() extractor {
	return extractor{name: "readeck go-readability", run: func(b []byte, pageURL string) (p prediction) {
		defer func() {
			if r := recover(); r != nil {
				p = prediction{err: errPanic}
			}
		}()
		u, _ := url.Parse(pageURL)
		parser := readability.NewParser()
		art, err := parser.Parse(bytes.NewReader(b), u)
		if err != nil {
			return prediction{err: err}
		}
		var text strings.Builder
		if art.Node != nil {
			_ = art.RenderText(&text)
		}
		pub, _ := art.PublishedTime()
		return prediction{text: text.String(), title: art.Title(), author: art.Byline(), date: day(pub)}
	}}
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
