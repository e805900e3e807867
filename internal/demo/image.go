package demo

import (
	"fmt"
	"hash/fnv"
	"html"
	"strings"
)

// renderSVG draws a small abstract lead image for name: the same name always
// gives the same picture, so feeds can state its length.
func renderSVG(name, publisher string) []byte {
	h := fnv.New64a()
	h.Write([]byte(name))
	seed := h.Sum64()
	hue := seed % 360
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675" role="img" aria-label="%s">`,
		html.EscapeString(label(name)))
	fmt.Fprintf(&b, `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">`+
		`<stop offset="0" stop-color="hsl(%d,55%%,38%%)"/><stop offset="1" stop-color="hsl(%d,60%%,18%%)"/>`+
		`</linearGradient></defs><rect width="1200" height="675" fill="url(#g)"/>`, hue, (hue+40)%360)
	for i := range 6 {
		x := (seed >> (i * 7)) % 1200
		y := (seed >> (i*5 + 3)) % 675
		r := 60 + (seed>>(i*3+11))%180
		fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="%d" fill="hsl(%d,70%%,70%%)" fill-opacity="0.12"/>`,
			x, y, r, (hue+uint64(i)*25)%360)
	}
	fmt.Fprintf(&b, `<text x="60" y="590" font-family="Georgia,serif" font-size="54" fill="#fff">%s</text>`,
		html.EscapeString(label(name)))
	fmt.Fprintf(&b, `<text x="60" y="635" font-family="sans-serif" font-size="22" fill="#fff" fill-opacity="0.75">%s · sample image, fictional publisher</text>`,
		html.EscapeString(publisher))
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// svgLength is the byte length of the image, for RSS enclosures.
func svgLength(name, publisher string) int { return len(renderSVG(name, publisher)) }

// label turns "harbor-cranes" into "Harbor cranes".
func label(name string) string {
	s := strings.ReplaceAll(name, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
