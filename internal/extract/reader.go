package extract

import (
	"bytes"
	"fmt"
	"io"

	"golang.org/x/net/html/charset"
)

// ExtractReader reads at most opts.MaxBytes of a page, decodes its charset
// (byte-order mark, then <meta charset>, then the HTTP Content-Type, then
// windows-1252 as browsers do) to UTF-8, and extracts it.
func ExtractReader(r io.Reader, contentType string, opts Options) (*Result, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	raw, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, failed(opts.URL, "read page: %w", err)
	}
	if len(raw) > limit {
		return nil, failed(opts.URL, "more than %d bytes: %w", limit, ErrTooLarge)
	}
	page, err := toUTF8(raw, contentType)
	if err != nil {
		return nil, failed(opts.URL, "decode charset: %w", err)
	}
	// Decoding may grow the page (one byte of a legacy charset can become
	// three of UTF-8); the bound is on what was read, so lift it here.
	opts.MaxBytes = max(limit, len(page))
	return Extract(page, opts)
}

// toUTF8 decodes raw by the rules of the HTML standard's encoding sniffing.
func toUTF8(raw []byte, contentType string) ([]byte, error) {
	enc, name, _ := charset.DetermineEncoding(raw, contentType)
	if name == "utf-8" {
		return bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), nil
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(raw)))
	if err != nil {
		return nil, fmt.Errorf("from %s: %w", name, err)
	}
	return out, nil
}
