package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// discardWriter is a ResponseWriter that keeps headers and drops the body,
// so the benchmarks measure the site and not a recorder's buffer.
type discardWriter struct {
	h      http.Header
	status int
}

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(status int)      { d.status = status }

func benchPage(b *testing.B, target string) {
	s, _ := fixture(b)
	req := httptest.NewRequest(http.MethodGet, target, nil)
	w := &discardWriter{h: make(http.Header)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clear(w.h)
		w.status = 0
		s.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatalf("GET %s: status %d", target, w.status)
		}
	}
}

func BenchmarkHome(b *testing.B)    { benchPage(b, "/") }
func BenchmarkArticle(b *testing.B) { benchPage(b, "/article/1/russia-says") }
func BenchmarkSearch(b *testing.B)  { benchPage(b, "/search?q=filler") }
