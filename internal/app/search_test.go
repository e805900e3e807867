package app

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/web"
)

func TestSearchCommand(t *testing.T) {
	cfg := config.Default()
	cfg.DB = filepath.Join(t.TempDir(), "search.db")
	st, err := OpenStore(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	src, err := st.AddSource(t.Context(), model.Source{Name: "Harbour Wire", SiteURL: "https://h.example/",
		FeedURL: "https://h.example/feed", Section: "world", Policy: model.PolicyFull})
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range []struct{ title, section string }{{"Harbour flood", "world"}, {"Flood insurance", "business"}} {
		_, err := st.UpsertArticle(t.Context(), model.Article{SourceID: src, GUID: a.title, URL: "https://h.example/" + a.section,
			Title: a.title, Section: a.section, ContentText: "the flood came", Status: model.StatusPublished,
			PublishedAt: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	tests := []struct {
		name  string
		opts  SearchOptions
		total int
		want  []string
	}{
		{"json", SearchOptions{Query: "flood", JSON: true}, 2, []string{`"title": "Harbour flood"`, `"label": "Business"`}},
		{"json with section", SearchOptions{Query: "flood", Section: "business", JSON: true}, 1, []string{`"section": "business"`}},
		{"text", SearchOptions{Query: "flood"}, -1, []string{`2 results for "flood"`, "Harbour flood", "Sections: ", "Harbour Wire (2)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := Search(t.Context(), cfg, tt.opts, &out); err != nil {
				t.Fatal(err)
			}
			if tt.total >= 0 {
				var resp web.SearchResponse
				if err := json.Unmarshal(out.Bytes(), &resp); err != nil || resp.Total != tt.total {
					t.Fatalf("JSON %v, total %d, want %d", err, resp.Total, tt.total)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}
