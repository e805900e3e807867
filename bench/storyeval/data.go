package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// labelled is one line of a labelled stream. Both the googlenews field
// names (Id, clusterNo, textCleaned) and plain ones (id, gold, title, text,
// published, source) are understood.
type labelled struct {
	ID        string
	Gold      string
	Title     string
	Text      string
	Published time.Time
	Source    string
}

func loadLabelled(path string) ([]labelled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open labelled set: %w", err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var raw struct {
			IDUpper     json.RawMessage `json:"Id"`
			ID          json.RawMessage `json:"id"`
			ClusterNo   json.RawMessage `json:"clusterNo"`
			Gold        json.RawMessage `json:"gold"`
			TextCleaned string          `json:"textCleaned"`
			Title       string          `json:"title"`
			Text        string          `json:"text"`
			Published   time.Time       `json:"published"`
			Source      string          `json:"source"`
		}
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		l := labelled{ID: unquote(raw.ID), Gold: unquote(raw.Gold), Title: raw.Title, Text: raw.Text,
			Published: raw.Published, Source: raw.Source}
		if l.ID == "" {
			l.ID = unquote(raw.IDUpper)
		}
		if l.Gold == "" {
			l.Gold = unquote(raw.ClusterNo)
		}
		if l.Title == "" {
			l.Title = raw.TextCleaned
		}
		if l.ID == "" || l.Gold == "" {
			return nil, fmt.Errorf("%s line %d: no id or gold label", path, line)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// unquote turns a JSON string or number into its text, as the Python scorer
// does with str().
func unquote(m json.RawMessage) string {
	if len(m) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s
	}
	return string(m)
}
