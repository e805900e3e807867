package story

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/demo"
)

// benchDocs is a stream built from the demo corpus as the ingest benchmark
// sees it: the corpus over and over, every other round with a word in
// seven replaced (fixed seed), so that the stream has exact copies, near
// copies and stories of many articles.
func benchDocs(b *testing.B, n int) []Doc {
	b.Helper()
	arts, err := demo.Corpus()
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	perturb := func(s string) string {
		w := strings.Fields(s)
		for i := range w {
			if i%7 == 3 {
				w[i] = "w" + strconv.Itoa(rng.IntN(1000000))
			}
		}
		return strings.Join(w, " ")
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]Doc, n)
	for i := range docs {
		a := arts[i%len(arts)]
		title, body := a.Headline, strings.Join(a.Paragraphs, "\n\n")
		if i/len(arts)%2 == 1 {
			title, body = perturb(title), perturb(body)
		}
		docs[i] = Doc{ID: strconv.Itoa(i), Title: title, Text: body, Published: start.Add(time.Duration(i) * time.Second)}
	}
	return docs
}

// BenchmarkPlace is the story placement of one new article at ingest:
// its signature, the near-duplicate check and AssignNear, with windows of
// 3,000 articles already full.
func BenchmarkPlace(b *testing.B) {
	const window = 3000
	docs := benchDocs(b, 2*window)
	d := NewDeduper(DedupOptions{Window: window})
	c := NewClusterer(ClusterOptions{Window: window})
	place := func(doc Doc) {
		d.AddSignature(doc.ID, Sign(doc.Text))
		lead := doc.Text[:min(len(doc.Text), 300)]
		c.AssignNear(Doc{ID: doc.ID, Title: doc.Title, Text: lead, Published: doc.Published}, 12, 0.08)
	}
	for _, doc := range docs[:window] {
		place(doc)
	}
	i := window
	for b.Loop() {
		doc := docs[i%len(docs)]
		doc.ID = strconv.Itoa(i)
		doc.Published = doc.Published.Add(time.Duration(i/len(docs)) * time.Duration(len(docs)) * time.Second)
		place(doc)
		i++
	}
}

// BenchmarkSign is the signature of one article body.
func BenchmarkSign(b *testing.B) {
	docs := benchDocs(b, 200)
	i := 0
	for b.Loop() {
		Sign(docs[i%len(docs)].Text)
		i++
	}
}

// BenchmarkDeduperAddSignature is the near-duplicate check of one
// signature with a full window of 3,000.
func BenchmarkDeduperAddSignature(b *testing.B) {
	const window = 3000
	docs := benchDocs(b, 2*window)
	sigs := make([]Signature, len(docs))
	for i, doc := range docs {
		sigs[i] = Sign(doc.Text)
	}
	d := NewDeduper(DedupOptions{Window: window})
	for i := range window {
		d.AddSignature(docs[i].ID, sigs[i])
	}
	i := window
	for b.Loop() {
		d.AddSignature(strconv.Itoa(i), sigs[i%len(sigs)])
		i++
	}
}

// BenchmarkAssignNear is the clustering of one article (headline and lead)
// with its near misses, with a full window of 3,000.
func BenchmarkAssignNear(b *testing.B) {
	const window = 3000
	docs := benchDocs(b, 2*window)
	for i := range docs {
		docs[i].Text = docs[i].Text[:min(len(docs[i].Text), 300)]
	}
	c := NewClusterer(ClusterOptions{Window: window})
	for _, doc := range docs[:window] {
		c.AssignNear(doc, 12, 0.08)
	}
	i := window
	for b.Loop() {
		doc := docs[i%len(docs)]
		doc.ID = strconv.Itoa(i)
		doc.Published = doc.Published.Add(time.Duration(i/len(docs)) * time.Duration(len(docs)) * time.Second)
		c.AssignNear(doc, 12, 0.08)
		i++
	}
}
