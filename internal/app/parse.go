package app

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsdesk/newsdesk/internal/feed"
)

// maxParseFileBytes bounds what `newsdesk parse` reads of one file.
const maxParseFileBytes = 64 << 20

// parsedFile is the JSON `newsdesk parse` prints for one file.
type parsedFile struct {
	File  string       `json:"file"`
	Error string       `json:"error,omitempty"`
	Title string       `json:"title,omitempty"`
	Link  string       `json:"link,omitempty"`
	Items []parsedItem `json:"items,omitempty"`
}

type parsedItem struct {
	GUID          string   `json:"guid"`
	Title         string   `json:"title"`
	Link          string   `json:"link"`
	Published     string   `json:"published,omitempty"` // RFC 3339, UTC
	Updated       string   `json:"updated,omitempty"`
	DateFlagged   bool     `json:"date_flagged,omitempty"`
	Author        string   `json:"author,omitempty"`
	Categories    []string `json:"categories"`
	Image         string   `json:"image,omitempty"`
	ContentLength int      `json:"content_length"`
}

// ParseFiles parses each file as a feed and writes one JSON object per
// line (JSON Lines), so that any feed can be checked from outside:
// {"file","title","link","items":[{guid,title,link,published,updated,
// author,categories,image,content_length}]}. A file that cannot be read or
// parsed gives {"file","error"} and the others still run; the returned
// error then says how many failed. Relative links resolve against the
// file's own file:// URL, so they are dropped rather than invented.
func ParseFiles(out io.Writer, files []string) error {
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, name := range files {
		rec := parseOneFile(name)
		if rec.Error != "" {
			failed++
		}
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("write parse result for %s: %w", name, err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("parse: %d of %d files failed", failed, len(files))
	}
	return nil
}

func parseOneFile(name string) parsedFile {
	rec := parsedFile{File: name}
	body, err := readBounded(name)
	if err != nil {
		rec.Error = err.Error()
		return rec
	}
	abs, _ := filepath.Abs(name)
	f, err := feed.Parse(body, "file://"+filepath.ToSlash(abs))
	if err != nil {
		rec.Error = err.Error()
		return rec
	}
	rec.Title, rec.Link = f.Title, f.Link
	rec.Items = make([]parsedItem, 0, len(f.Items))
	for _, it := range f.Items {
		body := it.Content
		if body == "" {
			body = it.Summary
		}
		cats := it.Categories
		if cats == nil {
			cats = []string{}
		}
		rec.Items = append(rec.Items, parsedItem{
			GUID: it.GUID, Title: it.Title, Link: it.Link,
			Published: rfc3339(it.Published), Updated: rfc3339(it.Updated), DateFlagged: it.DateFlagged,
			Author: it.Author, Categories: cats, Image: it.ImageURL, ContentLength: len(body),
		})
	}
	return rec
}

func readBounded(name string) ([]byte, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open feed file: %w", err)
	}
	defer fh.Close()
	body, err := io.ReadAll(io.LimitReader(fh, maxParseFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read feed file: %w", err)
	}
	if len(body) > maxParseFileBytes {
		return nil, fmt.Errorf("read feed file: larger than %d bytes", maxParseFileBytes)
	}
	return body, nil
}
