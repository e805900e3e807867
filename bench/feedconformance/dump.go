package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// dumpFixture prints our parse of one feedparser fixture as the Expect
// assertions see it, to find why an assertion fails.
func dumpFixture(w io.Writer, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", path, err)
	}
	root, ok := suiteRoot(abs, "feedparser-tests")
	rel := filepath.Base(abs)
	if ok {
		rel, _ = filepath.Rel(root, abs)
	}
	fx, err := readFixture(abs, filepath.ToSlash(rel))
	if err != nil {
		return err
	}
	f, perr := parseOurs(fx.body, fx.baseURL(), fx.contentType())
	s := scope{"feed": map[string]any{}, "entries": []any{}}
	if f != nil {
		s = feedDict(f)
	}
	s["bozo"] = perr != nil || (f != nil && f.Repaired)
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("encode dump: %w", err)
	}
	fmt.Fprintf(w, "Expect: %s\nerror: %v\n%s\n", fx.expect, perr, strings.TrimSpace(string(out)))
	return nil
}
