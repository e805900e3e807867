package app

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/newsdesk/newsdesk/internal/extract"
)

// extractAnswer is one line of `newsdesk extract`: the fields anyone
// checking the extractor needs, or the file and an error.
type extractAnswer struct {
	File      string   `json:"file"`
	Error     string   `json:"error,omitempty"`
	Title     string   `json:"title"`
	Byline    string   `json:"byline"`
	Authors   []string `json:"authors"`
	Published string   `json:"published"`
	Modified  string   `json:"modified"`
	Lang      string   `json:"lang"`
	LeadImage string   `json:"lead_image"`
	SiteName  string   `json:"site_name"`
	NoArchive bool     `json:"noarchive"`
	Text      string   `json:"text"`
	HTML      string   `json:"html"`
}

// errorAnswer is the line for a page that cannot be read.
type errorAnswer struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// batchRequest is one line of `newsdesk extract --batch`.
type batchRequest struct {
	File string `json:"file"`
	URL  string `json:"url"`
}

// maxBatchLine bounds one request line of --batch.
const maxBatchLine = 64 << 10

// ExtractFile prints one JSON object for the page in file ("-" reads
// stdin); pageURL is the base for its relative links.
func ExtractFile(stdin io.Reader, out io.Writer, file, pageURL string) error {
	enc := json.NewEncoder(out)
	ans, err := extractOne(stdin, file, pageURL)
	if err != nil {
		if eerr := enc.Encode(errorAnswer{File: file, Error: err.Error()}); eerr != nil {
			return eerr
		}
		return err
	}
	return enc.Encode(ans)
}

// ExtractBatch reads lines of {"file", "url"} and answers one line for
// each, in order; a page that cannot be read answers {"file", "error"} and
// the batch goes on. It returns an error naming how many pages failed.
func ExtractBatch(in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 4096), maxBatchLine)
	enc := json.NewEncoder(out)
	line, failed := 0, 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var req batchRequest
		var answer any
		if err := json.Unmarshal(raw, &req); err != nil || req.File == "" {
			failed++
			answer = errorAnswer{File: req.File, Error: fmt.Sprintf("line %d: want {\"file\": PATH, \"url\": URL}", line)}
		} else if ans, err := extractOne(nil, req.File, req.URL); err != nil {
			failed++
			answer = errorAnswer{File: req.File, Error: err.Error()}
		} else {
			answer = ans
		}
		if err := enc.Encode(answer); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read batch line %d: %w", line+1, err)
	}
	if failed > 0 {
		return fmt.Errorf("extract: %d of %d pages failed", failed, line)
	}
	return nil
}

func extractOne(stdin io.Reader, file, pageURL string) (extractAnswer, error) {
	page, err := readPage(stdin, file)
	if err != nil {
		return extractAnswer{}, err
	}
	res, err := extract.ExtractReader(bytes.NewReader(page), "", extract.Options{URL: pageURL})
	if err != nil {
		return extractAnswer{}, err
	}
	return extractAnswer{
		File: file, Title: res.Title, Byline: res.Byline, Authors: nonNil(res.Authors),
		Published: rfc3339(res.Published), Modified: rfc3339(res.Modified), Lang: res.Lang,
		LeadImage: res.LeadImage, SiteName: res.SiteName, NoArchive: res.NoArchive,
		Text: res.Text, HTML: res.HTML,
	}, nil
}

// readPage reads a page file, or stdin for "-", un-gzipping it when it is
// compressed, and never more than the extractor's input bound.
func readPage(stdin io.Reader, file string) ([]byte, error) {
	var r io.Reader
	if file == "-" {
		if stdin == nil {
			return nil, errors.New("standard input is not available in --batch")
		}
		r = stdin
	} else {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("open page: %w", err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("read gzip page %s: %w", file, err)
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	page, err := io.ReadAll(io.LimitReader(r, extract.DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", file, err)
	}
	if len(page) > extract.DefaultMaxBytes {
		return nil, fmt.Errorf("page %s: larger than %d bytes", file, extract.DefaultMaxBytes)
	}
	return page, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
