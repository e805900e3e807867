package extract

import (
	"strings"
	"testing"
)

// extractCase is a synthetic page with the text it must and must not give.
type extractCase struct {
	name      string
	page      string
	want, not []string
}

func runExtractCases(t *testing.T, tests []extractCase) {
	t.Helper()
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

func TestGalleries(t *testing.T) {
	caption := "The defence ministers shake hands in Hanoi on Wednesday, before talks on the disputed waters of the sea."
	slide := `<li class="slide"><img src="/a.jpg"><div class="caption">` + caption + ` Photo: Agency</div></li>`
	runExtractCases(t, []extractCase{
		{
			name: "a slideshow of captioned photos in the article goes",
			page: `<html><body><article><div class="asset_gallery"><ul>` + strings.Repeat(slide, 3) + `</ul></div><p>` +
				sampleProse + `</p><p>Then: ` + strings.Repeat(sampleProse, 3) + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"defence ministers"},
		},
		{
			name: "a page that is mostly a gallery's own prose keeps it",
			page: `<html><body><div class="gallery-page"><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></div></body></html>`,
			want: []string{"The council voted", "Then:"},
		},
	})
}
