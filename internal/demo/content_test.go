package demo

import (
	"slices"
	"strings"
	"testing"
)

func TestContentParses(t *testing.T) {
	pubs, err := loadContent()
	if err != nil {
		t.Fatal(err)
	}
	if len(pubs) < 6 {
		t.Fatalf("got %d publishers, want at least 6", len(pubs))
	}
	formats := map[string]int{}
	policies := map[string]int{}
	licensed := 0
	initial, reserve := 0, 0
	sectionSeen := map[string]bool{}
	eventPubs := map[string]map[string]bool{}
	var copies []*articleSpec
	for _, p := range pubs {
		formats[p.Format]++
		policies[p.Policy]++
		if p.LicenseName != "" && strings.HasPrefix(p.LicenseURL, "https://") {
			licensed++
		}
		for _, a := range p.Articles {
			if a.Reserve {
				reserve++
			} else {
				initial++
			}
			sectionSeen[a.Section] = true
			if a.Event != "" {
				if eventPubs[a.Event] == nil {
					eventPubs[a.Event] = map[string]bool{}
				}
				eventPubs[a.Event][p.Slug] = true
			}
			if a.CopyOf != "" {
				copies = append(copies, a)
				continue
			}
			if n := len(strings.Fields(strings.Join(a.Paragraphs, " "))); n < 80 || n > 320 {
				t.Errorf("%s/%s: %d words, want 80 to 320", p.Slug, a.Slug, n)
			}
			if a.Hours > 72 {
				t.Errorf("%s/%s: %v hours old, want at most 72", p.Slug, a.Slug, a.Hours)
			}
		}
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"rss publishers", formats["rss"], 3},
		{"atom publishers", formats["atom"], 2},
		{"json publishers", formats["json"], 1},
		{"link-policy publishers", policies["link"], 1},
		{"licensed publishers", licensed, 1},
		{"initial articles", initial, 80},
		{"reserve articles", reserve, 20},
		{"verbatim copies", len(copies), 3},
		{"sections covered", len(sectionSeen), len(sections)},
	}
	for _, c := range checks {
		if c.got < c.want {
			t.Errorf("%s: got %d, want at least %d", c.name, c.got, c.want)
		}
	}
	shared := 0
	for _, ps := range eventPubs {
		if len(ps) >= 2 {
			shared++
		}
	}
	if shared < 3 {
		t.Errorf("events covered by two or more publishers: got %d, want at least 3", shared)
	}
	for _, s := range sections {
		if !sectionSeen[s] {
			t.Errorf("section %s has no article", s)
		}
	}
	checkCopies(t, pubs, copies)
}

// checkCopies asserts that every copy repeats its original word for word
// and ends with the credit line.
func checkCopies(t *testing.T, pubs []*publisherSpec, copies []*articleSpec) {
	t.Helper()
	for _, c := range copies {
		pubSlug, artSlug, _ := strings.Cut(c.CopyOf, "/")
		var orig *articleSpec
		for _, p := range pubs {
			for _, a := range p.Articles {
				if p.Slug == pubSlug && a.Slug == artSlug {
					orig = a
				}
			}
		}
		if orig == nil {
			t.Fatalf("copy %s: original %s not found", c.Slug, c.CopyOf)
		}
		want := append(slices.Clone(orig.Paragraphs), copyCredit(orig.Publisher.Name))
		if !slices.Equal(c.Paragraphs, want) {
			t.Errorf("copy %s is not its original verbatim plus credit", c.Slug)
		}
		if last := c.Paragraphs[len(c.Paragraphs)-1]; !strings.HasPrefix(last, "This article first appeared on ") {
			t.Errorf("copy %s ends with %q, want a credit line", c.Slug, last)
		}
		if c.Publisher == orig.Publisher {
			t.Errorf("copy %s copies its own publisher", c.Slug)
		}
	}
}

func TestParsePublisherErrors(t *testing.T) {
	head := "name: X\nslug: x\nformat: rss\nvariant: full\nfeed-path: /f\nsection: world\npolicy: full\n"
	body := "\n\nOne.\n\nTwo.\n\nThree."
	tests := []struct {
		name, text, wantErr string
	}{
		{"empty", "", "empty"},
		{"bad format", strings.Replace(head, "rss", "rdf", 1), "format"},
		{"bad policy", strings.Replace(head, "policy: full", "policy: all", 1), "policy"},
		{"bad section", head + "+++\nslug: a\nheadline: H\nauthor: A\nsection: weather" + body, "section"},
		{"too few paragraphs", head + "+++\nslug: a\nheadline: H\nauthor: A\nsection: world\n\nOnly one.", "paragraphs"},
		{"duplicate slug", head + "+++\nslug: a\nheadline: H\nauthor: A\nsection: world" + body +
			"\n+++\nslug: a\nheadline: H\nauthor: A\nsection: world" + body, "duplicate"},
		{"bad hours", head + "+++\nslug: a\nheadline: H\nauthor: A\nsection: world\nhours: soon" + body, "hours"},
		{"bad slug", head + "+++\nslug: a/b\nheadline: H\nauthor: A\nsection: world" + body, "slug"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePublisher(tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("parsePublisher error = %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
	p, err := parsePublisher(head + "+++\nslug: a\nheadline: H\nauthor: A\nsection: world\nhours: 3.5\ncategories: Tech, , Markets" + body)
	if err != nil {
		t.Fatal(err)
	}
	if a := p.Articles[0]; a.Hours != 3.5 || !slices.Equal(a.Categories, []string{"Tech", "Markets"}) || len(a.Paragraphs) != 3 {
		t.Fatalf("parsed article = %+v", a)
	}
}

func FuzzParsePublisher(f *testing.F) {
	f.Add("name: X\nslug: x\nformat: rss\nvariant: full\nfeed-path: /f\nsection: world\npolicy: full\n+++\nslug: a\nheadline: H\nauthor: A\nsection: world\n\nOne.\n\nTwo.\n\nThree.")
	f.Add("+++\n+++\n# comment\nslug:\n")
	f.Add("name: : :\r\n\r\n+++")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := parsePublisher(text)
		if err != nil {
			return
		}
		for _, a := range p.Articles {
			if a.CopyOf == "" && len(a.Paragraphs) < 3 {
				t.Fatalf("accepted article %q with %d paragraphs", a.Slug, len(a.Paragraphs))
			}
			_ = a.Excerpt()
		}
	})
}
