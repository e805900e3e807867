package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// readBody decodes the Content-Encoding we asked for and reads at most limit
// decoded bytes, so a small compressed bomb fails fast instead of filling memory.
// With ErrBodyTooLarge it also returns the limit+1 bytes it read.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	r, err := decoder(resp.Body, resp.Header.Get("Content-Encoding"))
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > limit {
		return body, fmt.Errorf("%w: it exceeds the %s limit (raise --max-body-bytes if the feed is genuine)", ErrBodyTooLarge, sizeText(limit))
	}
	return body, nil
}

func decoder(body io.Reader, encoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("start gzip decoding: %w", err)
		}
		return zr, nil
	case "deflate":
		return deflateReader(body)
	}
	return nil, fmt.Errorf("the server used content encoding %q, which was not asked for", encoding)
}

// deflateReader accepts both what the HTTP spec means by deflate (zlib
// framing) and the raw deflate stream that some servers send instead.
func deflateReader(body io.Reader) (io.Reader, error) {
	br := bufio.NewReader(body)
	head, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("start deflate decoding: %w", err)
	}
	if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		zr, err := zlib.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("start deflate decoding: %w", err)
		}
		return zr, nil
	}
	return flate.NewReader(br), nil
}
