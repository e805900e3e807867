package extract

import (
	"fmt"
	"strings"
	"testing"
)

// teaserItems builds n story teasers in the shape item(headline, summary).
func teaserItems(n int, item func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(item(i))
	}
	return b.String()
}

func TestTeaserLists(t *testing.T) {
	article := `<article><h1>Harbour wall</h1><p>` + sampleProse + `</p><p>Later: ` + sampleProse + `</p></article>`
	summary := "Residents of the old quarter gathered on Monday to protest against the closure of their library, which has served them for sixty years."
	liTeaser := func(i int) string {
		return fmt.Sprintf(`<li><a href="/story-%d">Story number %d makes headlines today</a> <span>%s</span></li>`, i, i, summary)
	}
	cardTeaser := func(i int) string {
		return fmt.Sprintf(`<div class="card"><a href="/s/%d"><img src="/i/%d.jpg"></a><h3><a href="/s/%d">Another story number %d</a></h3>
<time>November %d, 2019</time><div class="excerpt">%s</div></div>`, i, i, i, i, i+1, summary)
	}
	tests := []struct {
		name      string
		page      string
		want, not []string
	}{
		{
			name: "more-news list below the article goes",
			page: `<html><body>` + article + `<div class="more"><h2>More news</h2><ul>` + teaserItems(5, liTeaser) + `</ul></div></body></html>`,
			want: []string{"The council voted", "Later:"},
			not:  []string{"makes headlines", "old quarter"},
		},
		{
			name: "cards headed by a linked heading go, even when they outweigh the article",
			page: `<html><body><main>` + article + `</main><section>` + teaserItems(8, cardTeaser) + `</section></body></html>`,
			want: []string{"The council voted"},
			not:  []string{"Another story", "old quarter"},
		},
		{
			name: "short articles nested in an article go without a headline link, even when they outweigh the article",
			page: `<html><body><div id="primary">` + article + `<article><h3>You may also like</h3>` + teaserItems(6, func(i int) string {
				return fmt.Sprintf(`<article id="post-%d"><img src="/i/%d.jpg"><div><a href="https://wa.example/send?%d">Whatsapp</a></div><p>%s</p></article>`, i, i, i, summary)
			}) + `</article></div></body></html>`,
			want: []string{"The council voted", "Later:"},
			not:  []string{"old quarter"},
		},
		{
			name: "short articles side by side, nested in none, need a headline link",
			page: `<html><body><main>` + teaserItems(4, func(i int) string {
				return fmt.Sprintf(`<article><div><a href="https://wa.example/send?%d">Whatsapp</a></div><p>%s</p></article>`, i, summary)
			}) + `</main></body></html>`,
			want: []string{"old quarter"},
		},
		{
			name: "a roundup list among the article's paragraphs stays",
			page: `<html><body><article><p>Good morning! Here is the news you need to know today, in ten short items.</p><ol>` +
				teaserItems(5, liTeaser) + `</ol><p>` + sampleProse + `</p></article></body></html>`,
			want: []string{"Good morning", "Story number 3 makes headlines", "old quarter"},
		},
		{
			name: "questions that open answers on the page are no headlines",
			page: `<html><body>` + article + `<ul class="faq">` + teaserItems(4, func(i int) string {
				return fmt.Sprintf(`<li><a href="#q%d">Is question %d answered here?</a><div>%s</div></li>`, i, i, summary)
			}) + `</ul></body></html>`,
			want: []string{"The council voted", "question 2 answered", "old quarter"},
		},
		{
			name: "a page of nothing but teasers keeps them",
			page: `<html><body><div class="river"><ul>` + teaserItems(6, liTeaser) + `</ul></div></body></html>`,
			want: []string{"Story number 2 makes headlines", "old quarter"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract([]byte(tc.page), Options{URL: "https://news.example/a"})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, res.Text)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(res.Text, w) {
					t.Errorf("text keeps %q:\n%s", w, res.Text)
				}
			}
		})
	}
}
