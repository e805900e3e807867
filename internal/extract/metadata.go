package extract

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/newsdesk/newsdesk/internal/extract/meta"
)

// metadata fills the Result's metadata from package meta, before the body
// search changes the tree (meta reads JSON-LD scripts and head elements
// that the body search throws away).
func metadata(root *html.Node, pageURL string) *Result {
	m := meta.Extract(root, pageURL)
	return &Result{
		Title:       m.Title,
		Byline:      byline(m.Authors),
		Authors:     m.Authors,
		Published:   m.Published,
		Modified:    m.Modified,
		Lang:        m.Lang,
		LeadImage:   m.LeadImage,
		Description: m.Description,
		SiteName:    m.SiteName,
		Canonical:   m.Canonical,
		NoArchive:   m.NoArchive,
	}
}

// byline writes names the way bylines do: "A", "A and B", "A, B, C".
func byline(names []string) string {
	if len(names) == 2 {
		return names[0] + " and " + names[1]
	}
	return strings.Join(names, ", ")
}
