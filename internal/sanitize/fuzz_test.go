package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func FuzzHTML(f *testing.F) {
	for _, seed := range []string{
		`<p>Hello <a href="/x" onclick="y()">x</a></p>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="jav&#x09;ascript:alert(1)">x</a>`,
		`<svg><script>alert(1)</script></svg>`,
		`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
		`<scr<script>ipt>alert(1)</script>`,
	} {
		f.Add(seed, testBase)
	}
	s := New()
	f.Fuzz(func(t *testing.T, raw, base string) {
		out := s.HTML(raw, base)
		if !utf8.ValidString(out) {
			t.Fatalf("output is not valid UTF-8: %q", out)
		}
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Fatalf("output contains <script: %q", out)
		}
		checkTokens(t, out)
	})
}

// checkTokens fails when rendered HTML carries an element or attribute that
// could run script in a browser.
func checkTokens(t *testing.T, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "style", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link":
			t.Fatalf("output contains <%s>: %q", tok.Data, out)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
				t.Fatalf("output contains attribute %s: %q", key, out)
			}
			if key == "href" || key == "src" || key == "cite" {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "mailto:") {
					t.Fatalf("output contains %s=%q: %q", key, a.Val, out)
				}
			}
		}
	}
}

func FuzzExcerpt(f *testing.F) {
	f.Add("<p>Tom &amp; Jerry</p>", 5)
	f.Add("plain words here", 7)
	f.Add("Über öffentliche", 3)
	f.Add("&#xD800;&#0; \xff\xfe", 2)
	f.Fuzz(func(t *testing.T, in string, maxRunes int) {
		maxRunes %= 1000
		got := Excerpt(in, maxRunes)
		if !utf8.ValidString(got) {
			t.Fatalf("Excerpt(%q, %d) = %q: invalid UTF-8", in, maxRunes, got)
		}
		if n := utf8.RuneCountInString(got); n > max(maxRunes, 0)+1 || (maxRunes <= 0 && n > 0) {
			t.Fatalf("Excerpt(%q, %d) = %q: %d runes", in, maxRunes, got, n)
		}
		if strings.ContainsAny(got, "\n\t") {
			t.Fatalf("Excerpt(%q, %d) = %q: not one line", in, maxRunes, got)
		}
		if maxRunes <= 0 {
			return
		}
		full := strings.Join(strings.Fields(Text(in)), " ")
		if utf8.RuneCountInString(full) <= maxRunes {
			if got != full {
				t.Fatalf("Excerpt(%q, %d) = %q, want the whole text %q", in, maxRunes, got, full)
			}
			return
		}
		kept, cut := strings.CutSuffix(got, ellipsis)
		if !cut || !strings.HasPrefix(full, kept) {
			t.Fatalf("Excerpt(%q, %d) = %q: not a cut prefix of %q", in, maxRunes, got, full)
		}
	})
}

func FuzzCanonicalURL(f *testing.F) {
	for _, seed := range []string{
		"https://Example.com:443/a/amp?utm_source=x&b=1#f",
		"http://[::1]:80/",
		"https://example.com/?q=%zz;a=1",
		"ftp://x",
		"https://example.com/a/../../b/./",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := CanonicalURL(raw)
		if err != nil {
			if got != "" {
				t.Fatalf("CanonicalURL(%q) = %q with error %v", raw, got, err)
			}
			return
		}
		if !strings.HasPrefix(got, "http://") && !strings.HasPrefix(got, "https://") {
			t.Fatalf("CanonicalURL(%q) = %q: not http(s)", raw, got)
		}
		if strings.Contains(got, "#") {
			t.Fatalf("CanonicalURL(%q) = %q: fragment left", raw, got)
		}
		if _, query, ok := strings.Cut(got, "?"); ok {
			for _, pair := range strings.Split(query, "&") {
				if strings.HasPrefix(strings.ToLower(pair), "utm_") {
					t.Fatalf("CanonicalURL(%q) = %q: tracking parameter left", raw, got)
				}
			}
		}
		again, err := CanonicalURL(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", raw, got, again, err)
		}
	})
}
