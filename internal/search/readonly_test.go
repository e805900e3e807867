package search

import (
	"os"
	"slices"
	"testing"
)

// A second process reads what the writer flushed, keeps its own additions
// in memory and never touches the writer's files.
func TestOpenReadOnly(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(Doc{ID: 1, Title: "Harbour flood"}, Doc{ID: 2, Title: "Harbour closed"}); err != nil {
		t.Fatal(err)
	}
	w.SetWatermark(7)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	// A segment the writer sealed but has not yet named in meta.json.
	stray := dir + "/seg-999999.nds"
	if err := os.WriteFile(stray, []byte("not yet named"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := listDir(t, dir)

	r, err := OpenReadOnly(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Watermark() != 7 {
		t.Errorf("watermark %d, want 7", r.Watermark())
	}
	if err := r.Add(Doc{ID: 3, Title: "Harbour reopens"}); err != nil {
		t.Fatal(err)
	}
	r.Delete(1)
	r.SetWatermark(9)
	res, err := r.Search(Query{Text: "harbour"})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	slices.Sort(got)
	if !slices.Equal(got, []int64{2, 3}) || res.Total != 2 {
		t.Errorf("read-only search = %v (total %d), want [2 3]", got, res.Total)
	}
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if after := listDir(t, dir); !slices.Equal(before, after) {
		t.Errorf("read-only index changed its directory: %v, then %v", before, after)
	}
	// The writer still sees its own state.
	if res, _ := w.Search(Query{Text: "harbour"}); res.Total != 2 {
		t.Errorf("writer total %d, want 2", res.Total)
	}

	empty, err := OpenReadOnly(t.TempDir()+"/none", Options{})
	if err != nil || empty.Len() != 0 {
		t.Errorf("read-only open of a missing index: %v, %d docs", err, empty.Len())
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		info, _ := e.Info()
		names = append(names, e.Name()+"@"+info.ModTime().String())
	}
	return names
}

// Release closes without saving: reopened, the index is as last flushed.
func TestRelease(t *testing.T) {
	dir := t.TempDir()
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x.Add(Doc{ID: 1, Title: "kept"})
	x.SetWatermark(1)
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	x.Add(Doc{ID: 2, Title: "lost"})
	x.Delete(1)
	x.SetWatermark(2)
	if err := x.Release(); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if y.Watermark() != 1 || y.Len() != 1 {
		t.Errorf("after Release: watermark %d, %d docs; want 1, 1", y.Watermark(), y.Len())
	}
	if res, _ := y.Search(Query{Text: "kept"}); res.Total != 1 {
		t.Errorf("flushed article lost: total %d", res.Total)
	}
}
