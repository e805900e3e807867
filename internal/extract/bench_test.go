package extract

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// scrapinghubPages reads up to n pages of the scrapinghub extraction set
// from ../shared/data (never committed). Without the data the benchmark
// skips, except under CI=true, where it fails.
func scrapinghubPages(b *testing.B, n int) [][]byte {
	b.Helper()
	files, _ := filepath.Glob("../../../shared/data/extraction/scrapinghub/html/*.html.gz")
	if len(files) == 0 {
		if os.Getenv("CI") == "true" {
			b.Fatal("../shared/data/extraction/scrapinghub is missing")
		}
		b.Skip("../shared/data/extraction/scrapinghub is missing")
	}
	sort.Strings(files)
	if n > 0 && len(files) > n {
		files = files[:n]
	}
	var pages [][]byte
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		z, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		page, err := io.ReadAll(z)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, page)
	}
	return pages
}

// BenchmarkExtract times Extract over the scrapinghub pages, one page per
// iteration in turn (ns/op and allocs/op are per page). -benchtime sets how
// many pages; go test -bench Extract -cpuprofile cpu.out finds hot spots.
func BenchmarkExtract(b *testing.B) {
	pages := scrapinghubPages(b, 0)
	opts := Options{URL: "https://www.example.com/news/story.html"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Extract(pages[i%len(pages)], opts); err != nil {
			b.Fatal(err)
		}
	}
}
