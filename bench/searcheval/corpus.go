package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// doc is one Wikinews article as the corpus CSV gives it.
type doc struct {
	URL, Title, Text string
	Date             time.Time
}

// maxDocBytes bounds one CSV field: the largest 2020 article is a few
// tens of kilobytes, so anything bigger is a damaged file, not news.
const maxDocBytes = 1 << 20

// loadCorpus reads every wikinews_*.csv under dir (columns url, date,
// title, text), in file-name order.
func loadCorpus(dir string) ([]doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "wikinews_*.csv"))
	if err != nil {
		return nil, fmt.Errorf("list corpus files in %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no wikinews_*.csv in %s: %w", dir, os.ErrNotExist)
	}
	var docs []doc
	for _, f := range files {
		ds, err := loadCSV(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}

func loadCSV(path string) ([]doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus file: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, 64<<20))
	r.FieldsPerRecord = 4
	if _, err := r.Read(); err != nil {
		return nil, fmt.Errorf("read header of %s: %w", path, err)
	}
	var docs []doc
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		d, err := parseRecord(rec)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		docs = append(docs, d)
	}
}

func parseRecord(rec []string) (doc, error) {
	for _, field := range rec {
		if len(field) > maxDocBytes {
			return doc{}, fmt.Errorf("field of %d bytes is over the %d-byte bound", len(field), maxDocBytes)
		}
	}
	date, err := time.Parse("2006-01-02", strings.TrimSpace(rec[1]))
	if err != nil {
		return doc{}, fmt.Errorf("date of %s: %w", rec[0], err)
	}
	return doc{URL: normalURL(rec[0]), Date: date, Title: rec[2], Text: rec[3]}, nil
}

// normalURL folds the corpus's doubled slash ("org//wiki/") so that a
// judgment written with either spelling names the same article.
func normalURL(u string) string {
	return strings.Replace(strings.TrimSpace(u), ".org//wiki/", ".org/wiki/", 1)
}
