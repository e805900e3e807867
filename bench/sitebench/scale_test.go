package main

import (
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/model"
)

// The plan is what the pages are drawn from: a story or original always
// names an earlier article, a copy shares its original's story and text,
// link-only sources copy nothing, and the same seed draws the same store.
func TestPlanShape(t *testing.T) {
	p := newPlan(5000, 7)
	var stories, copies, hidden int
	for i, a := range p.arts {
		id := int64(i + 1)
		if a.story < 1 || a.story > id {
			t.Fatalf("article %d in story %d", id, a.story)
		}
		if a.story == id {
			stories++
		}
		if a.original != 0 {
			copies++
			if a.original != a.story || a.original >= id || p.arts[a.original-1].original != 0 {
				t.Errorf("article %d copies %d (story %d)", id, a.original, a.story)
			}
			if benchSources[a.source].policy == model.PolicyLink {
				t.Errorf("link-only article %d is a copy", id)
			}
		}
		if a.hidden {
			hidden++
		}
	}
	if stories < 1500 || stories > 3000 || copies == 0 || hidden == 0 {
		t.Errorf("%d stories, %d copies, %d hidden of 5000", stories, copies, hidden)
	}
	if again := newPlan(5000, 7); again.arts[4999] != p.arts[4999] {
		t.Error("the same seed drew another plan")
	}
	title, _, text, _ := articleText(7, 42)
	copyTitle, _, copyText, _ := articleText(7, 42)
	if title != copyTitle || text != copyText || len(text) < 2048 {
		t.Errorf("article text not reproducible or short: %d bytes", len(text))
	}
}

// A small store is built, every page answers 200, and a second run
// reuses the store.
func TestRunScaleSmall(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bench.db")
	for range 2 {
		if err := runScale(1000, db, 2, 3); err != nil {
			t.Fatal(err)
		}
	}
	if err := runScale(1200, db, 1, 3); err == nil {
		t.Error("a store of 1,000 articles was taken for -n 1200")
	}
}
