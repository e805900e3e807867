package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "hello world", "hello world"},
		{"paragraphs", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."},
		{"whitespace collapsed", "<p>  a \n\t b  </p>\n\n<p>\n c </p>", "a b\n\nc"},
		{"inline no space", "un<b>believ</b>able", "unbelievable"},
		{"inline with space", "a <em>b</em> c", "a b c"},
		{"br", "line one<br>line two", "line one\nline two"},
		{"headings and lists", "<h1>T</h1><ul><li>a</li><li>b</li></ul>", "T\n\na\n\nb"},
		{"nested blocks one blank line", "<div><div><p>a</p></div></div><div><p>b</p></div>", "a\n\nb"},
		{"entities", "<p>Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#8212; &nbsp;x</p>", "Tom & Jerry <3 été — x"},
		{"script and style dropped", "<p>a</p><script>var x = '<p>no</p>';</script><style>p{}</style><p>b</p>", "a\n\nb"},
		{"noscript dropped", "<p>a</p><noscript><img src=x>fallback</noscript>", "a"},
		{"table cells", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc"},
		{"svg title dropped", "<p>a</p><svg><title>icon</title></svg>", "a"},
		{"unclosed", "<p>a<p>b", "a\n\nb"},
		{"text around blocks", "lead<p>para</p>tail", "lead\n\npara\n\ntail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"short unchanged", "Short text.", 100, "Short text."},
		{"exact length unchanged", "abc def", 7, "abc def"},
		{"cut at word boundary", "The quick brown fox jumps", 12, "The quick…"},
		{"cut just before space", "The quick brown fox", 9, "The quick…"},
		{"never splits a word", "alpha beta gamma", 13, "alpha beta…"},
		{"long first word cut inside", "Supercalifragilistic word", 5, "Super…"},
		{"strips tags", "<p>Hello <b>bold</b> world</p><p>again</p>", 100, "Hello bold world again"},
		{"decodes amp", "Tom &amp; Jerry", 100, "Tom & Jerry"},
		{"decodes before cutting", "AT&amp;T and more words here", 4, "AT&T…"},
		{"never inside an entity", "Fish &amp; chips", 6, "Fish…"},
		{"trailing punctuation trimmed", "One, two, three", 5, "One…"},
		{"collapses whitespace", "a\n\n  b\tc", 100, "a b c"},
		{"zero", "anything", 0, ""},
		{"negative", "anything", -3, ""},
		{"multibyte", "Über öffentliche Straßen gehen", 12, "Über…"},
		{"paragraph breaks count as one rune", "<p>a</p><p>b</p><p>c</p><p>d</p>", 5, "a b c…"},
		{"long plain text", strings.Repeat("word ", 100000), 9, "word word…"},
		{"script content dropped", "<script>alert('x')</script>Real text", 100, "Real text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Excerpt(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); tt.max > 0 && n > tt.max+1 {
				t.Errorf("Excerpt(%q, %d) has %d runes", tt.in, tt.max, n)
			}
			cut := strings.HasSuffix(got, ellipsis)
			if cut != (utf8.RuneCountInString(Excerpt(tt.in, 1<<20)) > tt.max && tt.max > 0) {
				t.Errorf("Excerpt(%q, %d) = %q: ellipsis must appear exactly when cut", tt.in, tt.max, got)
			}
		})
	}
}

func TestExcerptOfLongHTMLStopsEarly(t *testing.T) {
	in := "<p>" + strings.Repeat("word ", 200000) + "</p>"
	got := Excerpt(in, 20)
	if got != "word word word word…" {
		t.Errorf("Excerpt = %q", got)
	}
}

func TestTextDeepNesting(t *testing.T) {
	in := strings.Repeat("<div>", 1000) + "deep" + strings.Repeat("</div>", 1000) + "<p>after</p>"
	if got := Text(in); got != "deep\n\nafter" {
		t.Errorf("Text of deeply nested HTML = %q", got)
	}
	if got := FirstImage(strings.Repeat("<span>", 1000)+`<img src="/a.jpg">`, testBase); got != "https://news.example.com/a.jpg" {
		t.Errorf("FirstImage of deeply nested HTML = %q", got)
	}
}
