package meta

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"testing"

	"golang.org/x/net/html"
)

func TestZZ2(t *testing.T) {
	id := os.Getenv("ID")
	if id == "" {
		t.Skip()
	}
	fz, _ := os.Open("/work/shared/data/extraction/wcxb-dev/html/" + id + ".html.gz")
	zr, _ := gzip.NewReader(fz)
	b, _ := io.ReadAll(zr)
	root, _ := html.Parse(bytes.NewReader(b))
	p := collect(root)
	ld := parseJSONLD(p.jsonld)
	fmt.Printf("ld.pub=%q meta=%q times=%v\n", ld.published, p.metas["article:published_time"], p.times)
	fmt.Println(Extract(root, "").Published)
}
