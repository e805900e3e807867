package extract

import (
	"strings"
	"testing"
)

const sampleProse = "The council voted on Tuesday to rebuild the harbour wall, a project that has been debated for more than a decade by residents and engineers alike."

func TestExtract(t *testing.T) {
	tests := []struct {
		name       string
		page       string
		want       []string // in Text
		wantNot    []string // not in Text
		wantHTML   []string
		wantNotHTM []string
	}{
		{
			name: "article beside navigation, share bar and related box",
			page: `<html><head><title>Harbour wall - Example Daily</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour wall</h1>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
<p>` + sampleProse + `</p><p>Second paragraph: ` + sampleProse + `</p>
<figure><img data-src="/img/wall.jpg" src="data:image/gif;base64,R0lGOD" alt="The wall"><figcaption>The old wall in 1990.</figcaption></figure>
<div class="related-articles"><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></div>
</article>
<div id="comments"><p>I think this is a terrible idea, said a commenter who wrote at length about the harbour.</p></div>
<footer>Copyright Example Daily</footer></body></html>`,
			want:       []string{"The council voted", "Second paragraph", "The old wall in 1990."},
			wantNot:    []string{"Home", "Share on Facebook", "Other story", "commenter", "Copyright", "Harbour wall"},
			wantHTML:   []string{`src="https://example.com/img/wall.jpg"`, `alt="The wall"`, "<figcaption>"},
			wantNotHTM: []string{"data:image"},
		},
		{
			name: "page wrapped in a form, as some frameworks do",
			page: `<html><body><form method="post"><div class="content"><p>` + sampleProse + `</p><p>` + sampleProse + `</p></div>
<div class="sidebar"><p>` + "Sign up for our newsletter to get the best stories, delivered to your inbox every morning." + `</p></div></form></body></html>`,
			want:    []string{"The council voted"},
			wantNot: []string{"newsletter"},
		},
		{
			name:     "relative links made absolute",
			page:     `<html><body><div><p>` + sampleProse + ` See <a href="../report.pdf">the report</a> for details of the plan.</p></div></body></html>`,
			want:     []string{"the report"},
			wantHTML: []string{`href="https://example.com/report.pdf"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract([]byte(tc.page), Options{URL: "https://example.com/news/harbour.html"})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, res.Text)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(res.Text, w) {
					t.Errorf("text has %q:\n%s", w, res.Text)
				}
			}
			for _, w := range tc.wantHTML {
				if !strings.Contains(res.HTML, w) {
					t.Errorf("HTML lacks %q:\n%s", w, res.HTML)
				}
			}
			for _, w := range tc.wantNotHTM {
				if strings.Contains(res.HTML, w) {
					t.Errorf("HTML has %q:\n%s", w, res.HTML)
				}
			}
		})
	}
}

func TestTextParagraphs(t *testing.T) {
	page := `<html><body><article><p>` + sampleProse + `</p><p>Another ` + sampleProse + `</p></article></body></html>`
	res, err := Extract([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(res.Text, "\n\n"); got != 1 {
		t.Errorf("want two paragraphs separated by one blank line, got %d separators:\n%q", got, res.Text)
	}
}

func TestPerSourceRules(t *testing.T) {
	prose := strings.Repeat("The council argued about the ferry budget for six long hours on Tuesday night. ", 6)
	page := `<html><body><div class="story"><p>` + prose + `</p><p class="promo">Subscribe today for only one crown a week, the best deal in town for readers like you.</p></div>
<div class="sidebar"><p>` + strings.Repeat("A sidebar column that is long and wordy, with many sentences in it. ", 8) + `</p></div></body></html>`
	tests := []struct {
		name       string
		keep, drop []string
		want, not  []string
		wantErr    string
	}{
		{name: "drop removes an element", drop: []string{"p.promo"}, want: []string{"ferry budget"}, not: []string{"Subscribe today"}},
		{name: "keep chooses the body", keep: []string{"div.sidebar"}, want: []string{"sidebar column"}, not: []string{"ferry budget"}},
		{name: "a bad rule is an error", drop: []string{"p:first-child"}, wantErr: "drop rule"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract([]byte(page), Options{URL: "https://news.example/a", Keep: tt.keep, Drop: tt.drop})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("text lacks %q: %q", w, res.Text)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(res.Text, n) {
					t.Errorf("text keeps %q", n)
				}
			}
		})
	}
}

// An article of one long paragraph keeps its heading-level siblings and
// images: the body is the article, not its only paragraph.
func TestOneParagraphArticleKeepsItsImage(t *testing.T) {
	prose := strings.Repeat("The harbour council approved the ferry budget after a long night of argument. ", 8)
	page := `<html><body><nav><a href="/">Home</a></nav><article><h1>Budget passes</h1><p>` + prose +
		`</p><figure><img src="/lead.jpg" alt="The ferry"><figcaption>The ferry at dawn.</figcaption></figure></article></body></html>`
	res, err := Extract([]byte(page), Options{URL: "https://gazette.example/budget"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"https://gazette.example/lead.jpg", "The ferry at dawn."} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("body lacks %q: %s", want, res.HTML)
		}
	}
}
