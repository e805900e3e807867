package sanitize

import (
	"strings"
	"sync"
	"testing"
)

const testBase = "https://news.example.com/world/story.html"

func TestHTMLRemovesXSS(t *testing.T) {
	s := New()
	tests := []struct {
		name    string
		in      string
		mustNot []string // substrings of the lowercased output
		must    []string
	}{
		{"script", `<p>hi</p><script>alert(1)</script>`, []string{"<script", "alert"}, []string{"<p>hi</p>"}},
		{"script uppercase", `<SCRIPT SRC=//evil/x.js></SCRIPT><p>ok</p>`, []string{"script", "evil"}, []string{"<p>ok</p>"}},
		{"onerror", `<img src="x.jpg" onerror="alert(1)">`, []string{"onerror", "alert"}, []string{`src="https://news.example.com/world/x.jpg"`}},
		{"onclick on p", `<p onclick="steal()">t</p>`, []string{"onclick", "steal"}, []string{"<p>t</p>"}},
		{"javascript href", `<a href="javascript:alert(1)">x</a>`, []string{"javascript", "href"}, []string{"x"}},
		{"javascript href mixed case", `<a href="JaVaScRiPt:alert(1)">x</a>`, []string{"javascript", "href"}, nil},
		{"javascript with tab entity", `<a href="jav&#x09;ascript:alert(1)">x</a>`, []string{"ascript", "href"}, nil},
		{"javascript with newline entity", `<a href="jav&#10;ascript:alert(1)">x</a>`, []string{"ascript", "href"}, nil},
		{"javascript leading space", `<a href="  javascript:alert(1)">x</a>`, []string{"javascript", "href"}, nil},
		{"javascript entity-encoded", `<a href="&#106;avascript:alert(1)">x</a>`, []string{"avascript", "href"}, nil},
		{"vbscript", `<a href="vbscript:msgbox(1)">x</a>`, []string{"vbscript"}, nil},
		{"data src", `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`, []string{"data:", "<img"}, nil},
		{"data href", `<a href="data:text/html,<script>alert(1)</script>">x</a>`, []string{"data:", "<script"}, nil},
		{"svg onload", `<svg onload="alert(1)"><circle r="1"/></svg><p>after</p>`, []string{"svg", "onload", "alert"}, []string{"<p>after</p>"}},
		{"style attribute expression", `<p style="width: expression(alert(1))">t</p>`, []string{"style", "expression"}, []string{"<p>t</p>"}},
		{"style element", `<style>body{background:url(javascript:alert(1))}</style><p>t</p>`, []string{"style", "javascript", "background"}, nil},
		{"iframe", `<iframe src="https://evil.example/"></iframe><p>t</p>`, []string{"iframe", "evil"}, nil},
		{"form", `<form action="https://evil.example/"><input name="q"><button>Send</button></form>`, []string{"form", "input", "button", "send"}, nil},
		{"object embed", `<object data="x.swf"><embed src="x.swf"></object>`, []string{"object", "embed", "swf"}, nil},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, []string{"meta", "javascript"}, nil},
		{"base href", `<base href="https://evil.example/"><a href="x">x</a>`, []string{"<base", "evil"}, []string{`href="https://news.example.com/world/x"`}},
		{"math xlink", `<math><maction xlink:href="javascript:alert(1)">x</maction></math>`, []string{"javascript", "math"}, nil},
		{"comment", `<!--[if IE]><script>alert(1)</script><![endif]--><p>t</p>`, []string{"<!--", "script"}, nil},
		{"target and rel replaced", `<a href="https://a.example/" target="_blank" rel="author">a</a>`, []string{"target", "author"}, []string{`rel="nofollow noopener"`}},
		{"id and class dropped", `<p id="main" class="x">t</p>`, []string{"id=", "class="}, []string{"<p>t</p>"}},
		{"broken tag", `<p>a<img src=x onerror=alert(1)//`, []string{"onerror"}, nil},
		{"noscript fallback", `<noscript><img src="x" onerror="alert(1)"></noscript>`, []string{"onerror", "noscript"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.HTML(tt.in, testBase)
			low := strings.ToLower(got)
			for _, bad := range tt.mustNot {
				if strings.Contains(low, bad) {
					t.Errorf("HTML(%q) = %q, must not contain %q", tt.in, got, bad)
				}
			}
			for _, good := range tt.must {
				if !strings.Contains(got, good) {
					t.Errorf("HTML(%q) = %q, must contain %q", tt.in, got, good)
				}
			}
		})
	}
}

func TestHTMLKeepsArticleStructure(t *testing.T) {
	s := New()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"paragraph and emphasis", `<p>A <em>b</em> <strong>c</strong><br>d</p>`, `<p>A <em>b</em> <strong>c</strong><br/>d</p>`},
		{"headings and lists", `<h2>T</h2><ul><li>a</li></ul><ol><li>b</li></ol>`, `<h2>T</h2><ul><li>a</li></ul><ol><li>b</li></ol>`},
		{"quote", `<blockquote>q</blockquote>`, `<blockquote>q</blockquote>`},
		{"code", `<pre><code>x := 1</code></pre>`, `<pre><code>x := 1</code></pre>`},
		{"table", `<table><tr><th>h</th></tr><tr><td>d</td></tr></table>`, `<table><tbody><tr><th>h</th></tr><tr><td>d</td></tr></tbody></table>`},
		{"figure", `<figure><img src="/i.jpg" alt="A cat" width="640" height="480"><figcaption>Cat</figcaption></figure>`,
			`<figure><img alt="A cat" width="640" height="480" src="https://news.example.com/i.jpg" loading="lazy"/><figcaption>Cat</figcaption></figure>`},
		{"link", `<a href="https://other.example/a?b=1&amp;c=2">x</a>`, `<a href="https://other.example/a?b=1&amp;c=2" rel="nofollow noopener">x</a>`},
		{"mailto link", `<a href="mailto:desk@example.com">mail</a>`, `<a href="mailto:desk@example.com" rel="nofollow noopener">mail</a>`},
		{"entities kept escaped", `<p>a &lt;b&gt; &amp; c</p>`, `<p>a &lt;b&gt; &amp; c</p>`},
		{"empty", ``, ``},
		{"plain text", `just text`, `just text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.HTML(tt.in, testBase); got != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHTMLResolvesRelativeURLs(t *testing.T) {
	s := New()
	tests := []struct {
		name, in, base, want string
	}{
		{"root relative", `<a href="/about">x</a>`, testBase, `href="https://news.example.com/about"`},
		{"document relative", `<a href="next.html">x</a>`, testBase, `href="https://news.example.com/world/next.html"`},
		{"parent", `<img src="../img/a.png">`, testBase, `src="https://news.example.com/img/a.png"`},
		{"protocol relative", `<img src="//cdn.example.net/a.png">`, testBase, `src="https://cdn.example.net/a.png"`},
		{"protocol relative without base", `<img src="//cdn.example.net/a.png">`, "", `src="https://cdn.example.net/a.png"`},
		{"absolute untouched", `<a href="http://other.example/x">x</a>`, testBase, `href="http://other.example/x"`},
		{"fragment", `<a href="#notes">x</a>`, testBase, `href="https://news.example.com/world/story.html#notes"`},
		{"lazy image", `<img src="data:image/gif;base64,R0lGOD" data-src="/big.jpg">`, testBase, `src="https://news.example.com/big.jpg"`},
		{"cite", `<blockquote cite="/source">q</blockquote>`, testBase, `cite="https://news.example.com/source"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.HTML(tt.in, tt.base); !strings.Contains(got, tt.want) {
				t.Errorf("HTML(%q, %q) = %q, want it to contain %q", tt.in, tt.base, got, tt.want)
			}
		})
	}
}

func TestHTMLDropsRelativeURLsWithoutBase(t *testing.T) {
	s := New()
	for _, base := range []string{"", "not a url", "ftp://files.example/", "/relative/base"} {
		got := s.HTML(`<a href="/about">x</a><img src="a.png">`, base)
		if strings.Contains(got, "href") || strings.Contains(got, "<img") {
			t.Errorf("base %q: HTML = %q, relative URLs must be dropped", base, got)
		}
	}
}

func TestFirstImage(t *testing.T) {
	tests := []struct {
		name, in, base, want string
	}{
		{"none", `<p>no pictures</p>`, testBase, ""},
		{"relative", `<p>x</p><img src="/a.jpg"><img src="/b.jpg">`, testBase, "https://news.example.com/a.jpg"},
		{"skips pixel", `<img src="/pixel.gif" width="1" height="1"><img src="/a.jpg">`, testBase, "https://news.example.com/a.jpg"},
		{"skips javascript", `<img src="javascript:alert(1)"><img src="https://c.example/a.jpg">`, testBase, "https://c.example/a.jpg"},
		{"lazy", `<img src="data:image/gif;base64,R0lG" data-src="/real.jpg">`, testBase, "https://news.example.com/real.jpg"},
		{"nested", `<div><figure><img src="deep.png"></figure></div>`, testBase, "https://news.example.com/world/deep.png"},
		{"relative without base", `<img src="a.jpg">`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FirstImage(tt.in, tt.base); got != tt.want {
				t.Errorf("FirstImage(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHTMLTooDeepFallsBackToText(t *testing.T) {
	in := strings.Repeat("<div>", 600) + "<p>deep &amp; <b>bold</b><script>alert(1)</script></p><p>two<br>lines</p>"
	want := "<p>deep &amp; bold</p><p>two<br/>lines</p>"
	if got := New().HTML(in, testBase); got != want {
		t.Errorf("HTML of 600 nested divs = %q, want %q", got, want)
	}
}

func TestSanitizerIsSafeForConcurrentUse(t *testing.T) {
	s := New()
	inputs := []string{
		`<p onclick="x()">a <a href="/b">b</a></p>`,
		`<img data-src="/c.jpg" src="data:x"><script>d</script>`,
		`<table><tr><td>e</td></tr></table>`,
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		want[i] = s.HTML(in, testBase)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(inputs))
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, in := range inputs {
				if got := s.HTML(in, testBase); got != want[i] {
					errs <- got
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent HTML gave %q, differing from the serial result", got)
	}
}
