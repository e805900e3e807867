package demo

import (
	"fmt"
	"time"
)

// benchBase is the host of every link in a benchmark feed.
const benchBase = "http://bench.example"

// BenchmarkFeed builds a feed of the given format ("rss", "atom" or "json")
// with items entries, cycling through the demo corpus with full text.
// Every repeat gets its own GUID and link, as a real large feed would.
func BenchmarkFeed(format string, items int) ([]byte, error) {
	if items < 0 {
		return nil, fmt.Errorf("benchmark feed: items %d is negative", items)
	}
	pubs, err := loadContent()
	if err != nil {
		return nil, fmt.Errorf("benchmark feed: %w", err)
	}
	var corpus []*articleSpec
	for _, p := range pubs {
		corpus = append(corpus, p.Articles...)
	}
	spec := &publisherSpec{
		Name: "Newsdesk Benchmark Feed", Slug: "bench", Tagline: "Demo corpus repeated for benchmarks",
		Format: format, Variant: "full", FeedPath: "/feed", Section: "world", Policy: "full",
	}
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	list := make([]*item, items)
	for i := range list {
		src := corpus[i%len(corpus)]
		a := *src
		a.Slug = fmt.Sprintf("%s-%s-%d", src.Publisher.Slug, src.Slug, i)
		t := start.Add(-time.Duration(i) * time.Minute)
		path := fmt.Sprintf("/%04d/%02d/%s.html", t.Year(), int(t.Month()), a.Slug)
		list[i] = &item{A: &a, Published: t, Seq: items - i, Path: path, URL: benchBase + path, GUID: benchBase + path}
	}
	return renderFeed(spec, benchBase, list)
}
