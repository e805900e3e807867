package selector

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

const testPage = `<html><body>
<div id="main" class="article body">
  <h1 class="title">Headline</h1>
  <div class="byline"><span class="author" data-role="writer main">Ann</span></div>
  <section><p class="lead">One</p><div><p>Two</p></div></section>
  <aside class="related share-box"><p>Three</p></aside>
  <a href="/x" rel="nofollow">link</a>
</div>
<footer><p class="lead">Four</p></footer>
</body></html>`

// describe names an element by tag and first class or text, for readable
// test expectations.
func describe(n *html.Node) string {
	var b strings.Builder
	b.WriteString(n.Data)
	if v, ok := attr(n, "class"); ok {
		b.WriteString("." + strings.Fields(v + " x")[0])
	}
	if n.FirstChild != nil && n.FirstChild.Type == html.TextNode && strings.TrimSpace(n.FirstChild.Data) != "" {
		b.WriteString("(" + strings.TrimSpace(n.FirstChild.Data) + ")")
	}
	return b.String()
}

func TestMatchAll(t *testing.T) {
	root, err := html.Parse(strings.NewReader(testPage))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sel  string
		want string
	}{
		{"h1", "h1.title(Headline)"},
		{"H1", "h1.title(Headline)"},
		{".lead", "p.lead(One) p.lead(Four)"},
		{"#main > h1.title", "h1.title(Headline)"},
		{"div.article.body > section > p", "p.lead(One)"},
		{"div.article p", "p.lead(One) p(Two) p(Three)"},
		{"section p", "p.lead(One) p(Two)"},
		{"section > p", "p.lead(One)"},
		{"#main > p", ""},
		{"[data-role]", "span.author(Ann)"},
		{"[data-role='writer main']", "span.author(Ann)"},
		{"[data-role=writer]", ""},
		{`span[data-role*="writ"]`, "span.author(Ann)"},
		{"[class*=share]", "aside.related"},
		{"a[rel=nofollow]", "a(link)"},
		{"aside, footer .lead", "aside.related p.lead(Four)"},
		{"footer .lead, aside", "aside.related p.lead(Four)"}, // document order, not list order
		{"*.byline > *", "span.author(Ann)"},
		{"div div div", ""},
		{"div div p", "p(Two)"},
		{"body div > div > span", "span.author(Ann)"},
		{".missing", ""},
	}
	for _, tt := range tests {
		t.Run(tt.sel, func(t *testing.T) {
			s, err := Compile(tt.sel)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			var got []string
			for _, n := range s.MatchAll(root) {
				got = append(got, describe(n))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("MatchAll(%q) = %q, want %q", tt.sel, g, tt.want)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		sel         string
		unsupported bool
		mention     string
	}{
		{"", false, "unexpected end"},
		{"p:first-child", true, "pseudo-class"},
		{"a::before", true, "pseudo-class"},
		{"h1 + p", true, "sibling combinator"},
		{"h1 ~ p", true, "sibling combinator"},
		{"[href^=http]", true, `'^'=`},
		{"[href$=pdf]", true, "attribute operator"},
		{"[lang|=en]", true, "attribute operator"},
		{"[class~=x]", true, "attribute operator"},
		{"[a=b i]", true, "attribute flag"},
		{`a\:b`, true, "escape"},
		{"ns|p", true, "namespace"},
		{"div,", false, "unexpected end"},
		{"div >", false, "unexpected end"},
		{"[a=", false, "missing attribute value"},
		{"[a", false, "unclosed ["},
		{"[a='b]", false, "unclosed string"},
		{".", false, "missing name"},
		{"#", false, "missing name"},
		{"div!", false, "unexpected '!'"},
		{strings.Repeat("a ", 20), false, "more than 16"},
	}
	for _, tt := range tests {
		t.Run(tt.sel, func(t *testing.T) {
			_, err := Compile(tt.sel)
			if err == nil {
				t.Fatalf("Compile(%q) succeeded, want an error", tt.sel)
			}
			if errors.Is(err, ErrUnsupported) != tt.unsupported {
				t.Errorf("errors.Is(ErrUnsupported) = %v, want %v (%v)", !tt.unsupported, tt.unsupported, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
}

func TestMatchNonElements(t *testing.T) {
	s, err := Compile("p")
	if err != nil {
		t.Fatal(err)
	}
	if s.Match(nil) || s.Match(&html.Node{Type: html.TextNode, Data: "p"}) {
		t.Error("matched a nil or text node")
	}
	var none *Selector
	if none.Match(&html.Node{Type: html.ElementNode, Data: "p"}) || none.MatchAll(&html.Node{}) != nil {
		t.Error("nil selector matched")
	}
	if s.String() != "p" {
		t.Errorf("String() = %q", s.String())
	}
}

// TestDeepDescendantsBounded checks that descendant backtracking stays cheap
// on a deep tree with a selector that almost matches everywhere.
func TestDeepDescendantsBounded(t *testing.T) {
	page := strings.Repeat("<div>", 400) + "<p>x</p>"
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile("span div div div div div div div div div div div div div div p")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.MatchAll(root); len(got) != 0 {
		t.Fatalf("matched %d nodes, want none", len(got))
	}
	s, _ = Compile("div div div div div div div div div div div div div div div p")
	if got := s.MatchAll(root); len(got) != 1 {
		t.Fatalf("matched %d nodes, want the one p", len(got))
	}
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{"div.a.b > p", "a, b", "[x*='y']", "#id .c", "p:hover", "[", "a >> b", "*"} {
		f.Add(s)
	}
	root, err := html.Parse(strings.NewReader(testPage))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sel, err := Compile(s)
		if err != nil {
			if sel != nil {
				t.Fatal("non-nil selector with an error")
			}
			return
		}
		// A compiled selector must match without panicking, and compile
		// again from its own source to the same result.
		got := sel.MatchAll(root)
		again, err := Compile(sel.String())
		if err != nil {
			t.Fatalf("recompile %q: %v", sel.String(), err)
		}
		if len(again.MatchAll(root)) != len(got) {
			t.Fatal("recompiled selector matches differently")
		}
	})
}
