package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/sanitize"
	"github.com/newsdesk/newsdesk/internal/story"
)

type article struct{ title, body string }

// demoArticles returns each distinct article of the demo corpus once: the
// benchmark feed cycles through the corpus, so it stops at the first repeat.
func demoArticles() ([]article, error) {
	raw, err := demo.BenchmarkFeed("json", 1000)
	if err != nil {
		return nil, fmt.Errorf("build demo feed: %w", err)
	}
	var feed struct {
		Items []struct {
			Title string `json:"title"`
			HTML  string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(raw, &feed); err != nil {
		return nil, fmt.Errorf("parse demo feed: %w", err)
	}
	seen := map[string]bool{}
	var out []article
	for _, it := range feed.Items {
		if seen[it.Title] {
			break
		}
		seen[it.Title] = true
		out = append(out, article{it.Title, sanitize.Text(it.HTML)})
	}
	return out, nil
}

// Boilerplate other sites wrap syndicated copies in.
var (
	heads = []string{
		"Advertisement. Subscribe to our newsletter for the top stories every morning.",
		"Breaking: this story is developing and will be updated.",
		"Listen to this article. Estimated reading time five minutes.",
	}
	tails = []string{
		"This post appeared first on the original publisher.",
		"Copyright the original publisher. Republished with permission. All rights reserved.",
		"Share this article on social media. Sign up for alerts. Related coverage below. Comments are closed.",
	}
)

// copiesOf makes syndicated copies of body: whole with boilerplate,
// trimmed to its first 60 to 90 percent, and trimmed with sentences of
// boilerplate in the middle of it.
func copiesOf(i int, body string) []string {
	words := strings.Fields(body)
	cut := func(f float64) string { return strings.Join(words[:int(float64(len(words))*f)], " ") }
	h, t := heads[i%len(heads)], tails[i%len(tails)]
	mid := len(words) / 2
	return []string{
		h + " " + body + " " + t,
		cut(0.9) + " " + t,
		h + " " + cut(0.75),
		cut(0.6) + " " + t + " " + h,
		strings.Join(words[:mid], " ") + " " + t + " " + strings.Join(words[mid:], " "),
	}
}

// runNearDup adds every distinct demo article (other outlets' reports of the
// same events are the hard negatives), then the copies, and counts.
func runNearDup() error {
	arts, err := demoArticles()
	if err != nil {
		return err
	}
	d := story.NewDeduper(story.DedupOptions{})
	var tp, fp, fn int
	for i, a := range arts {
		if orig, ok := d.Add(fmt.Sprint("a", i), a.body); ok {
			fp++
			_ = orig
		}
	}
	copies := 0
	for i, a := range arts {
		for j, c := range copiesOf(i, a.body) {
			copies++
			orig, ok := d.Add(fmt.Sprintf("c%d-%d", i, j), c)
			switch {
			case ok && orig == fmt.Sprint("a", i):
				tp++
			case ok:
				fp++
			default:
				fn++
			}
		}
	}
	p := float64(tp) / float64(max(1, tp+fp))
	r := float64(tp) / float64(max(1, tp+fn))
	fmt.Printf("\nnear-duplicates: %d distinct demo articles, %d copies: TP %d FP %d FN %d  precision %.3f recall %.3f\n",
		len(arts), copies, tp, fp, fn, p, r)
	return nil
}
