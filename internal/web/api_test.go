package web

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store"
)

func TestAPISearch(t *testing.T) {
	tests := []struct {
		name       string
		query      string
		status     int
		total      int
		ids        []int64
		snippets   []string
		sections   []SearchFacet
		suggestion string
	}{
		{"filters and facets", "q=on&section=business&sort=date", 200, 2, []int64{2, 5},
			[]string{"Stocks fell on Tuesday <script>alert(1)</script> after the news.", "Only this excerpt may show."},
			[]SearchFacet{{Value: "business", Label: "Business", Count: 2}, {Value: "politics", Label: "Politics", Count: 2}}, ""},
		{"link policy has no snippet", "q=senate", 200, 1, []int64{3}, []string{""},
			[]SearchFacet{{Value: "politics", Label: "Politics", Count: 1}}, ""},
		{"empty query", "q=", 200, 0, nil, nil, []SearchFacet{}, ""},
		{"hostile query", "q=" + url.QueryEscape(`"* NEAR( '; DROP`) + "&source=x&from=%zz", 200, 0, nil, nil, []SearchFacet{}, ""},
		{"page out of range", "q=on&page=99999999", 404, 0, nil, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := fixture(t)
			rec := get(t, s, "/api/search?"+tt.query)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if tt.status != 200 {
				return
			}
			var got SearchResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if got.Total != tt.total || len(got.Results) != len(tt.ids) {
				t.Fatalf("total %d, %d results; want %d, %d", got.Total, len(got.Results), tt.total, len(tt.ids))
			}
			for i, r := range got.Results {
				if r.ID != tt.ids[i] || r.Snippet != tt.snippets[i] {
					t.Errorf("result %d = %d %q, want %d %q", i, r.ID, r.Snippet, tt.ids[i], tt.snippets[i])
				}
				if !strings.HasPrefix(r.URL, "http://example.com/article/") || r.Source == "" || r.Published.IsZero() {
					t.Errorf("result %d incomplete: %+v", i, r)
				}
			}
			if !equalFacets(got.Facets.Sections, tt.sections) {
				t.Errorf("section facets %+v, want %+v", got.Facets.Sections, tt.sections)
			}
			if got.Suggestion != tt.suggestion {
				t.Errorf("suggestion %q, want %q", got.Suggestion, tt.suggestion)
			}
		})
	}
}

func equalFacets(a, b []SearchFacet) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAPISearchRawKeys(t *testing.T) {
	s, _ := fixture(t)
	body := get(t, s, "/api/search?q=rates").Body.String()
	for _, key := range []string{`"query":"rates"`, `"total":1`, `"results":[{"id":2,`, `"title":`, `"url":`, `"source":"Open Wire"`,
		`"section":"business"`, `"published":"`, `"snippet":`, `"facets":{"sections":[`, `"sources":[{"value":"2","label":"Open Wire","count":1}]`, `"suggestion":""`} {
		if !strings.Contains(body, key) {
			t.Errorf("JSON lacks %s: %s", key, body)
		}
	}
	if strings.ContainsAny(body, hs+he) {
		t.Errorf("JSON carries highlight markers: %q", body)
	}
}

func TestAPISearchFailureIsJSON(t *testing.T) {
	s, fs := fixture(t)
	fs.search = func(store.SearchQuery) (store.SearchResults, error) { return store.SearchResults{}, errors.New("boom") }
	rec := get(t, s, "/api/search?q=rates")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"error":"search failed"`) || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("failure: %d %s", rec.Code, rec.Body)
	}
}
