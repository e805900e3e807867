package ingest

import (
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/sanitize"
)

func TestSectionFor(t *testing.T) {
	idx := newSectionIndex(config.DefaultSections())
	tests := []struct {
		categories []string
		want       string
	}{
		{[]string{"US Politics"}, "politics"},
		{[]string{"  us   POLITICS "}, "politics"},
		{[]string{"Markets"}, "business"},
		{[]string{"News > Football"}, "sports"},
		{[]string{"Local", "Tech"}, "technology"},
		{[]string{"Gardening"}, "world"},
		{nil, "world"},
	}
	for _, tt := range tests {
		if got := idx.sectionFor(tt.categories, "world"); got != tt.want {
			t.Errorf("sectionFor(%q) = %q, want %q", tt.categories, got, tt.want)
		}
	}
}

func TestNormalizeItem(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	n := normalizer{sanitizer: sanitize.New(), sections: newSectionIndex(config.DefaultSections()), now: now}
	src := model.Source{ID: 7, FeedURL: "https://pub.example/feed", Section: "world"}
	long := strings.Repeat("The harbour council met again &amp; argued. ", 30)

	tests := []struct {
		name  string
		item  feed.Item
		check func(t *testing.T, a model.Article, skip string)
	}{
		{"no GUID uses the canonical link", feed.Item{Title: "A", Link: "https://pub.example/a?utm_medium=rss#top"},
			func(t *testing.T, a model.Article, skip string) {
				if a.GUID != "https://pub.example/a" || a.CanonicalURL != "https://pub.example/a" {
					t.Errorf("GUID %q canonical %q", a.GUID, a.CanonicalURL)
				}
			}},
		{"no date falls back to now", feed.Item{Title: "A", Link: "https://pub.example/a"},
			func(t *testing.T, a model.Article, skip string) {
				if !a.PublishedAt.Equal(now) {
					t.Errorf("published %s, want %s", a.PublishedAt, now)
				}
			}},
		{"a date far in the future is not believed", feed.Item{Title: "A", Link: "https://pub.example/a", Published: now.AddDate(1, 0, 0)},
			func(t *testing.T, a model.Article, skip string) {
				if !a.PublishedAt.Equal(now) {
					t.Errorf("published %s, want %s", a.PublishedAt, now)
				}
			}},
		{"script is removed and the excerpt is plain and cut", feed.Item{Title: "<b>Council</b> &amp; port", Link: "https://pub.example/a",
			Content: "<p>" + long + "</p><script>alert(1)</script><img src=\"/lead.jpg\">"},
			func(t *testing.T, a model.Article, skip string) {
				if strings.Contains(a.ContentHTML, "<script") || strings.Contains(a.ContentText, "alert") {
					t.Errorf("script survived: %q", a.ContentHTML)
				}
				if a.Title != "Council & port" {
					t.Errorf("title %q", a.Title)
				}
				if !strings.HasSuffix(a.Excerpt, "…") || strings.ContainsAny(a.Excerpt, "<>") || strings.Contains(a.Excerpt, "&amp;") {
					t.Errorf("excerpt %q", a.Excerpt)
				}
				if a.ImageURL != "https://pub.example/lead.jpg" {
					t.Errorf("lead image %q", a.ImageURL)
				}
			}},
		{"nothing to show is skipped", feed.Item{},
			func(t *testing.T, a model.Article, skip string) {
				if skip == "" {
					t.Error("an item with no title and no link was kept")
				}
			}},
		{"control characters never reach the store", feed.Item{Title: "Hi\x02there\x03", Link: "https://pub.example/c", Summary: "a\x02b\x00c"},
			func(t *testing.T, a model.Article, skip string) {
				for _, s := range []string{a.Title, a.Excerpt, a.ContentText} {
					if strings.ContainsAny(s, "\x00\x02\x03") {
						t.Errorf("control character kept in %q", s)
					}
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, skip := n.article(src, &feed.Feed{}, tt.item)
			tt.check(t, a, skip)
		})
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	prev := time.Duration(0)
	for errors := 1; errors <= 12; errors++ {
		wait := nextCheckAfterError(now, errors, time.Minute, time.Hour, 0, 1).Sub(now)
		if wait < prev || wait > time.Hour {
			t.Fatalf("after %d errors wait %s (previous %s)", errors, wait, prev)
		}
		prev = wait
	}
	if prev != time.Hour {
		t.Errorf("wait after many errors is %s, want the 1h cap", prev)
	}
	if got := nextCheckAfterError(now, 1, time.Minute, time.Hour, 2*time.Hour, 1).Sub(now); got != 2*time.Hour {
		t.Errorf("Retry-After of 2h gave a wait of %s", got)
	}
	if j := jitter(3, 4); j < 0.9 || j >= 1.1 {
		t.Errorf("jitter %f out of range", j)
	}
}
