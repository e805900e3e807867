package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"

	"github.com/newsdesk/newsdesk/internal/sanitize"
)

// outcome of one assertion for one parser.
type outcome int

const (
	pass outcome = iota
	fail
	notApplicable
)

// caseResult is one fixture's result for both parsers.
type caseResult struct {
	file         string
	expect       string
	ours, gofeed outcome
	excluded     exclusion // set when not applicable
}

var (
	expectRE = regexp.MustCompile(`Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->`)
	headerRE = regexp.MustCompile(`(?m)^\s*Header:\s*([^:]+):\s*(.*?)\s*$`)
	skipRE   = regexp.MustCompile(`(?m)^\s*SkipUnless:\s*(.*?)\s*$`)
)

// fixture is one feedparser test file.
type fixture struct {
	path, rel   string
	body        []byte
	expect      string
	headers     map[string]string
	skipUnless  string
	sanitizeDir bool
}

func readFixture(path, rel string) (fixture, error) {
	body, err := os.ReadFile(path)
	if err != nil {
		return fixture{}, fmt.Errorf("read fixture: %w", err)
	}
	text := commentText(body)
	fx := fixture{path: path, rel: rel, body: body, headers: map[string]string{},
		sanitizeDir: strings.Contains(rel, "sanitize/")}
	if m := expectRE.FindStringSubmatch(text); m != nil {
		fx.expect = strings.TrimSpace(m[2])
	} else if m := regexp.MustCompile(`"__TEST__"\s*:\s*"[^"]*Expect:\s*(.*?)\s*-->`).FindStringSubmatch(text); m != nil {
		fx.expect = strings.ReplaceAll(m[1], `\"`, `"`)
	}
	for _, m := range headerRE.FindAllStringSubmatch(text, -1) {
		fx.headers[strings.ToLower(strings.TrimSpace(m[1]))] = m[2]
	}
	if m := skipRE.FindStringSubmatch(text); m != nil {
		fx.skipUnless = m[1]
	}
	return fx, nil
}

// commentText decodes a fixture far enough to read its comment, as the
// upstream runner does: by BOM, else UTF-8 with bad bytes dropped.
func commentText(body []byte) string {
	var dec transform.Transformer
	switch {
	case bytes.HasPrefix(body, []byte{0, 0, 0xFE, 0xFF}):
		dec = utf32.UTF32(utf32.BigEndian, utf32.UseBOM).NewDecoder()
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE, 0, 0}):
		dec = utf32.UTF32(utf32.LittleEndian, utf32.UseBOM).NewDecoder()
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		dec = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		dec = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
	}
	if dec != nil {
		if out, _, err := transform.Bytes(dec, body); err == nil {
			return string(out)
		}
	}
	return strings.ToValidUTF8(string(body), "")
}

// baseURL is where the upstream runner would serve the file.
func (fx fixture) baseURL() string {
	if !strings.Contains(fx.rel, "http") {
		return ""
	}
	base := "http://127.0.0.1:8097/tests/" + fx.rel
	if loc := fx.headers["content-location"]; loc != "" {
		if b, err := url.Parse(base); err == nil {
			if l, err := b.Parse(loc); err == nil {
				return l.String()
			}
		}
	}
	return base
}

func (fx fixture) contentType() string {
	if ct := fx.headers["content-type"]; ct != "" {
		return ct
	}
	if strings.Contains(fx.rel, "http") {
		return "text/xml"
	}
	return ""
}

// runFixture evaluates one fixture against both parsers.
func runFixture(fx fixture, san *sanitize.Sanitizer) caseResult {
	r := caseResult{file: fx.rel, expect: fx.expect, ours: notApplicable, gofeed: notApplicable}
	if fx.expect == "" {
		r.excluded = exclusion{"no Expect line", "the fixture carries no assertion"}
		return r
	}
	if strings.Contains(fx.skipUnless, "ACCEPTABLE_URI_SCHEMES") {
		r.excluded = exclusion{"SkipUnless ACCEPTABLE_URI_SCHEMES", "depends on a feedparser setting"}
		return r
	}
	expr, err := parseExpr(fx.expect)
	if err != nil {
		r.excluded = exclusion{"unsupported expression shape", "outside the Python subset the evaluator reads"}
		return r
	}
	ours, oursErr := parseOurs(fx.body, fx.baseURL(), fx.contentType())
	gf, gfErr := parseGofeedAlone(fx.body)
	if fx.sanitizeDir {
		r.ours = sanitizeOutcome(oursRendered(ours, san), oursErr)
		r.gofeed = sanitizeOutcome(gofeedRendered(gf), gfErr)
		return r
	}
	if ex, ok := classify(expr); !ok {
		r.excluded = ex
		return r
	}
	oursScope := scope{"feed": map[string]any{}, "entries": []any{}}
	if ours != nil {
		oursScope = feedDict(ours)
	}
	oursScope["bozo"] = oursErr != nil || (ours != nil && ours.Repaired)
	gfScope := scope{"feed": map[string]any{}, "entries": []any{}}
	if gf != nil {
		gfScope = gofeedDict(gf)
	}
	gfScope["bozo"] = gfErr != nil
	var unsupported bool
	r.ours, unsupported = judge(expr, oursScope)
	if unsupported {
		r.ours, r.gofeed = notApplicable, notApplicable
		r.excluded = exclusion{"unsupported expression shape", "outside the Python subset the evaluator reads"}
		return r
	}
	r.gofeed, _ = judge(expr, gfScope)
	return r
}

func judge(expr node, s scope) (outcome, bool) {
	v, err := eval(expr, s)
	switch {
	case errors.Is(err, errUnsupported):
		return notApplicable, true
	case err != nil, !truthy(v):
		return fail, false
	}
	return pass, false
}

// walkFixtures lists the fixtures under dir, relative to the suite root.
func walkFixtures(dir, suiteRoot string) ([]fixture, error) {
	var out []fixture
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".xml" && ext != ".json" && ext != ".rdf" && ext != ".atom" && ext != ".rss" {
			return nil
		}
		rel, _ := filepath.Rel(suiteRoot, path)
		fx, err := readFixture(path, filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		out = append(out, fx)
		return nil
	})
	return out, err
}
