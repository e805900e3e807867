package web

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSiteFeedListsNewestArticlesWithTheirOrigin(t *testing.T) {
	s, _ := fixture(t)
	req := httptest.NewRequest(http.MethodGet, "http://news.example/feed.xml", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/rss+xml") {
		t.Fatalf("feed answered %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc rssDocument
	if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("feed is not valid XML: %v", err)
	}
	if len(doc.Channel.Items) == 0 {
		t.Fatal("feed has no items")
	}
	for _, it := range doc.Channel.Items {
		if !strings.HasPrefix(it.Link, "http://news.example/article/") || it.Source.Name == "" {
			t.Errorf("item %q: link %q, source %q", it.Title, it.Link, it.Source.Name)
		}
	}
}
