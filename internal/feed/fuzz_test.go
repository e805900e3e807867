package feed

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{rss2Feed, atomFeed, jsonFeed, rdfFeed, htmlPage, "",
		rss2Feed[:len(rss2Feed)/2], "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><title>\xe9</title></item>"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := Parse(body, feedURL)
		if err != nil {
			if feed != nil {
				t.Fatalf("Parse returned both a feed and %v", err)
			}
			return
		}
		for _, it := range feed.Items {
			if it.GUID == "" {
				t.Fatalf("item without GUID: %#v", it)
			}
			if it.Link != "" && !strings.HasPrefix(it.Link, "http") {
				t.Fatalf("non-web link %q", it.Link)
			}
			if strings.ContainsAny(it.Title, "\n\t") || !utf8.ValidString(it.Title) {
				t.Fatalf("title not one line of text: %q", it.Title)
			}
		}
		Discover(body, feedURL)
		LooksLikeFeed(body)
	})
}

// generatedRSS builds an n-item RSS feed of realistic shape for the benchmark.
func generatedRSS(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Bench</title><link>https://bench.example/</link>`)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Story number %d &amp; friends</title><link>/story/%d</link><guid>story-%d</guid>
<pubDate>Mon, 02 Jun 2025 14:%02d:00 +0000</pubDate><category>News</category>
<description>&lt;p&gt;Summary of story %d with a few words of text.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>%s</p><img src="/img/%d.jpg">]]></content:encoded>
<media:content url="https://cdn.bench.example/%d.jpg" medium="image"/></item>`,
			i, i, i, i%60, i, strings.Repeat("Body text of a typical news article. ", 40), i, i)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	body := generatedRSS(200)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse(body, "https://bench.example/feed.xml")
		if err != nil || len(f.Items) != 200 {
			b.Fatalf("Parse: %v", err)
		}
	}
}
