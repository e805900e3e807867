package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/story"
)

// maxClusterLine bounds one input line of `newsdesk cluster`.
const maxClusterLine = 1 << 20

type clusterIn struct {
	ID        json.RawMessage `json:"id"`
	Title     string          `json:"title"`
	Text      string          `json:"text"`
	Published string          `json:"published"`
	Source    string          `json:"source"`
}

type clusterOut struct {
	ID    json.RawMessage `json:"id"`
	Story string          `json:"story"`
}

// ClusterStream runs `newsdesk cluster`: it reads JSON lines {"id", "title",
// "text"?, "published"?, "source"?} in stream order and writes one
// {"id", "story"} line per input line as soon as it is read, ids echoed
// exactly as given. Each answer depends only on that line and the lines
// before it. A story is named by the line number of its first article.
func ClusterStream(in io.Reader, out io.Writer) error {
	c := story.NewClusterer(story.ClusterOptions{})
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), maxClusterLine)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	line := 0
	for sc.Scan() {
		line++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		doc, id, err := parseClusterLine(sc.Bytes(), line)
		if err != nil {
			return err
		}
		s := c.Assign(doc)
		if err := enc.Encode(clusterOut{ID: id, Story: "s" + string(s)}); err != nil {
			return fmt.Errorf("cluster: write answer for line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("cluster: line %d is longer than %d bytes", line+1, maxClusterLine)
		}
		return fmt.Errorf("cluster: read line %d: %w", line+1, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("cluster: write answers: %w", err)
	}
	return nil
}

func parseClusterLine(b []byte, line int) (story.Doc, json.RawMessage, error) {
	var in clusterIn
	if err := json.Unmarshal(b, &in); err != nil {
		return story.Doc{}, nil, fmt.Errorf("cluster: line %d: not a JSON object: %w", line, err)
	}
	id := bytes.TrimSpace(in.ID)
	if len(id) == 0 || (id[0] != '"' && (id[0] < '0' || id[0] > '9') && id[0] != '-') {
		return story.Doc{}, nil, fmt.Errorf("cluster: line %d: \"id\" must be a JSON string or number", line)
	}
	doc := story.Doc{ID: strconv.Itoa(line), Title: in.Title, Text: in.Text, Source: in.Source}
	if in.Published != "" {
		t, err := time.Parse(time.RFC3339, in.Published)
		if err != nil {
			return story.Doc{}, nil, fmt.Errorf("cluster: line %d: \"published\" is not RFC 3339: %w", line, err)
		}
		doc.Published = t
	}
	return doc, json.RawMessage(bytes.Clone(id)), nil
}
