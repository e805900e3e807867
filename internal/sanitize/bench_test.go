package sanitize

import (
	"fmt"
	"strings"
	"testing"
)

// benchArticle builds a ~100 KB article shaped like publisher markup:
// paragraphs with links and emphasis, figures, a table, inline scripts and
// the tracking attributes a CMS leaves behind.
func benchArticle() string {
	var b strings.Builder
	b.WriteString(`<div class="article-body" id="main"><h1>Headline of the day</h1>`)
	for i := 0; b.Len() < 100<<10; i++ {
		fmt.Fprintf(&b, `<p class="para" data-track="p%d">Paragraph %d of the story, with <a href="/related/%d?utm_source=body" target="_blank" onclick="track(%d)">a related link</a>, some <em>emphasis</em>, &amp; an entity &mdash; and more words to read.</p>`, i, i, i, i)
		if i%10 == 0 {
			fmt.Fprintf(&b, `<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/%d.jpg" alt="Photo %d" width="800" height="450" style="border:0"><figcaption>Caption %d</figcaption></figure><script>window.ads.push(%d)</script>`, i, i, i, i)
		}
		if i%25 == 0 {
			b.WriteString(`<table><tr><th>Team</th><th>Score</th></tr><tr><td>A</td><td>1</td></tr></table>`)
		}
	}
	b.WriteString(`</div>`)
	return b.String()
}

func BenchmarkHTML(b *testing.B) {
	s := New()
	in := benchArticle()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		s.HTML(in, testBase)
	}
}

func BenchmarkText(b *testing.B) {
	in := benchArticle()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Text(in)
	}
}

func BenchmarkExcerpt(b *testing.B) {
	in := benchArticle()
	for b.Loop() {
		Excerpt(in, 300)
	}
}

func BenchmarkCanonicalURL(b *testing.B) {
	for b.Loop() {
		_, _ = CanonicalURL("HTTPS://News.Example.com:443/2024/06/story/amp?utm_source=rss&id=42&fbclid=x#top")
	}
}
