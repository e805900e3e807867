package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rss := write("a.xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour &amp; Co</title>
<link>https://pub.example/</link><item><title>One</title><link>https://pub.example/1</link>
<guid>g1</guid><pubDate>Mon, 02 Jun 2025 12:30:00 +0200</pubDate><category>Politics</category>
<description>&lt;p&gt;Hello&lt;/p&gt;</description></item></channel></rss>`)
	html := write("page.html", `<!doctype html><html><head><title>x</title></head></html>`)
	missing := filepath.Join(dir, "missing.xml")

	tests := []struct {
		name    string
		files   []string
		wantErr bool
		check   func(t *testing.T, recs []map[string]any)
	}{
		{"a feed", []string{rss}, false, func(t *testing.T, recs []map[string]any) {
			r := recs[0]
			if r["title"] != "Harbour & Co" || r["link"] != "https://pub.example/" {
				t.Errorf("feed fields: %v", r)
			}
			item := r["items"].([]any)[0].(map[string]any)
			want := map[string]any{"guid": "g1", "title": "One", "link": "https://pub.example/1",
				"published": "2025-06-02T10:30:00Z", "content_length": float64(len("<p>Hello</p>"))}
			for k, v := range want {
				if item[k] != v {
					t.Errorf("item %s = %v, want %v", k, item[k], v)
				}
			}
			if cats := item["categories"].([]any); len(cats) != 1 || cats[0] != "Politics" {
				t.Errorf("categories = %v", cats)
			}
		}},
		{"errors are reported and the rest still runs", []string{missing, html, rss}, true, func(t *testing.T, recs []map[string]any) {
			if len(recs) != 3 {
				t.Fatalf("got %d records, want 3", len(recs))
			}
			for i := range 2 {
				if recs[i]["error"] == nil || recs[i]["items"] != nil {
					t.Errorf("record %d should be an error: %v", i, recs[i])
				}
			}
			if recs[2]["error"] != nil || recs[2]["file"] != rss {
				t.Errorf("third record: %v", recs[2])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := ParseFiles(&out, tt.files)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			var recs []map[string]any
			for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				var rec map[string]any
				if err := json.Unmarshal([]byte(line), &rec); err != nil {
					t.Fatalf("line %q is not JSON: %v", line, err)
				}
				recs = append(recs, rec)
			}
			tt.check(t, recs)
		})
	}
}
