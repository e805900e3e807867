package feed

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// realWorldDir holds shared feed snapshots that are never committed.
const realWorldDir = "/work/shared/data/feeds/real-world"

// TestRealWorldFeeds checks that every snapshot parses or fails with an
// error, never panics, and that parsed feeds give items their identity.
func TestRealWorldFeeds(t *testing.T) {
	if _, err := os.Stat(realWorldDir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but the real-world feeds are missing: %v", err)
		}
		t.Skipf("real-world feeds not available: %v", err)
	}
	parsed := 0
	err := filepath.WalkDir(realWorldDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "expected-output") {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".rss", ".atom", ".xml", ".json", ".html":
		default:
			return nil
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := Parse(body, "https://example.com/feed")
		if err != nil {
			t.Logf("%s: %v", filepath.Base(path), err)
			return nil
		}
		parsed++
		for i, it := range f.Items {
			if it.GUID == "" {
				t.Errorf("%s: item %d has no GUID", path, i)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if parsed == 0 {
		t.Error("no real-world feed parsed")
	}
}
