package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestArticleShowsStoredRelated: "You May Also Like" is the list stored at
// ingest, published articles only, not the article's own story, other
// sources first, shown recent first.
func TestArticleShowsStoredRelated(t *testing.T) {
	s, fs := fixture(t)
	self := fs.articles[1]
	self.StoryID = 1
	fs.articles[1] = self
	same := fs.articles[5]
	same.StoryID = 1 // merged into the article's story since the list was stored
	fs.articles[5] = same
	// Best first as stored: two fillers of Open Wire, the hidden article,
	// one of the article's story, Link Times, then Open Wire again.
	fs.related = map[int64][]int64{1: {101, 100, 4, 5, 3, 2}}

	body := get(t, s, "/article/1").Body.String()
	_, block, ok := strings.Cut(body, "You May Also Like")
	if !ok {
		t.Fatalf("no related block:\n%s", body)
	}
	block, _, _ = strings.Cut(block, "</section>")
	for _, absent := range []string{"Removed story", "Page says noarchive"} {
		if strings.Contains(block, absent) {
			t.Errorf("related block shows %q:\n%s", absent, block)
		}
	}
	// Picked: 101 and 3 (one per source), then 100 and 2 (a source again);
	// shown newest first: 2 (1h ago), 3 (2h), 100 (3h), 101 (4h).
	want := []string{"Markets slide as rates rise", "Senate votes on budget", "Filler story 0", "Filler story 1"}
	at := 0
	for _, title := range want {
		i := strings.Index(block[at:], title)
		if i < 0 {
			t.Fatalf("related block lacks %q after position %d (want %q in order):\n%s", title, at, want, block)
		}
		at += i + len(title)
	}
	if n := strings.Count(block, `class="card-title"`); n != relatedCount {
		t.Errorf("%d related cards, want %d", n, relatedCount)
	}

	// No stored list, no block.
	fs.related[2] = nil
	if body := get(t, s, "/article/2").Body.String(); strings.Contains(body, "You May Also Like") {
		t.Error("an article without related articles shows the block")
	}
}

func TestMergedStoryRedirects(t *testing.T) {
	s, fs := fixture(t)
	fs.aliases = map[int64]int64{7: 9}
	rec := get(t, s, "/story/7")
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/story/9" {
		t.Errorf("GET /story/7: %d, Location %q; want 301 to /story/9", rec.Code, rec.Header().Get("Location"))
	}
	if rec := get(t, s, "/story/8"); rec.Code != http.StatusNotFound {
		t.Errorf("GET /story/8 (no such story): %d, want 404", rec.Code)
	}
}
