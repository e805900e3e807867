package web

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/model"
)

// TestChromeEscaped checks that the navigation and social links, rendered
// once at start-up rather than per page, are still escaped for where they
// end up, and that each section's page marks only itself.
func TestChromeEscaped(t *testing.T) {
	s, _ := fixtureWith(t, func(o *Options) {
		o.Sections = append(o.Sections, model.Section{Slug: "a&b", Name: "<i>Arts</i>"})
		o.Social = []Link{{Name: "<b>Bad</b>", URL: "javascript:alert(1)"}}
	})
	tests := []struct {
		path     string
		want     []string
		dontWant []string
	}{
		{"/", []string{"&lt;i&gt;Arts&lt;/i&gt;", "&lt;b&gt;Bad&lt;/b&gt;", `href="#ZgotmplZ"`, `href="/section/a&amp;b"`},
			[]string{"<i>Arts", "<b>Bad", "javascript:", `aria-current="page"`}},
		{"/section/politics", []string{`aria-current="page">Politics`}, []string{`aria-current="page">Business`}},
		{"/article/1", []string{`aria-current="page">Politics`}, []string{`aria-current="page">Business`}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			body := get(t, s, tc.path).Body.String()
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, w := range tc.dontWant {
				if strings.Contains(body, w) {
					t.Errorf("unexpected %q", w)
				}
			}
		})
	}
}
