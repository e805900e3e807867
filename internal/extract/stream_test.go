package extract

import "testing"

func TestStreamedSegments(t *testing.T) {
	later := "<p>Later section: the engineers said the new wall would stand for a century, whatever the winter storms bring to the coast.</p>"
	runExtractCases(t, []extractCase{
		{
			name: "a section streamed out of order is read where its placeholder stands",
			page: `<html><body><main><article><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p><template id="P:1"></template></article></main>
<footer>Site footer</footer><div hidden id="S:1">` + later + `</div>
<script>$RS("S:1","P:1")</script></body></html>`,
			want: []string{"The council voted", "Later section"},
			not:  []string{"Site footer"},
		},
		{
			name: "a hidden block with no placeholder stays hidden",
			page: `<html><body><article><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></article>
<div hidden id="S:2">` + later + `</div></body></html>`,
			want: []string{"The council voted"},
			not:  []string{"Later section"},
		},
		{
			name: "a segment holding its own placeholder is left alone",
			page: `<html><body><article><p>` + sampleProse + `</p></article><div hidden id="S:3">` + later +
				`<template id="P:3"></template></div></body></html>`,
			want: []string{"The council voted"},
			not:  []string{"Later section"},
		},
	})
}
