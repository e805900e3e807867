package search

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var day0 = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

func ids(r Results) []int64 {
	out := make([]int64, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}

func mustSearch(t *testing.T, x *Index, q Query) Results {
	t.Helper()
	r, err := x.Search(q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Text, err)
	}
	return r
}

func smallIndex(t *testing.T) *Index {
	t.Helper()
	x := New(Options{SegmentDocs: 3})
	docs := []Doc{
		{ID: 1, Title: "Earthquake hits Zürich", Body: "A strong earthquake shook the city of Zürich on Monday.", Section: "world", SourceID: 7, Published: day0},
		{ID: 2, Title: "Prime minister resigns", Lead: "The prime minister resigned.", Body: "Parliament was suspended after the minister's resignation.", Section: "politics", SourceID: 7, Published: day0.AddDate(0, 1, 0)},
		{ID: 3, Title: "Minister visits Ukraine", Body: "The foreign minister of Canada visited Ukrainian officials in Kyiv.", Section: "politics", SourceID: 8, Published: day0.AddDate(0, 2, 0)},
		{ID: 4, Title: "Football results", Body: "The prime time match ended in a draw; no minister attended.", Section: "sport", SourceID: 8, Published: day0.AddDate(0, 3, 0)},
		{ID: 5, Title: "Earthquakes in Chile", Body: "Two earthquakes struck Chile; the prime minister visited.", Section: "world", SourceID: 9, Published: day0.AddDate(0, 4, 0)},
	}
	if err := x.Add(docs...); err != nil {
		t.Fatal(err)
	}
	return x
}

func TestSearchBasics(t *testing.T) {
	x := smallIndex(t)
	cases := []struct {
		text string
		want []int64 // as a set, sorted
	}{
		{"earthquake", []int64{1, 5}},
		{"EARTHQUAKES", []int64{1, 5}},
		{"zurich", []int64{1}},
		{"Zürich", []int64{1}},
		{`"prime minister"`, []int64{2, 5}},
		{`"minister prime"`, nil},
		{"prime minister", []int64{2, 4, 5}},
		{"minister -prime", []int64{3}},
		{"minister -\"prime minister\"", []int64{3, 4}},
		{"chile OR zurich", []int64{1, 5}},
		{"ukrain*", []int64{3}},
		{"resign*", []int64{2}},
		{"-minister", nil},
		{"", nil},
		{`""`, nil},
		{"*", nil},
		{"OR", nil},
		{"nonexistentword", nil},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			r := mustSearch(t, x, Query{Text: c.text, Limit: 10})
			got := ids(r)
			slices.Sort(got)
			if !slices.Equal(got, c.want) || r.Total != len(c.want) {
				t.Errorf("got %v (total %d), want %v", got, r.Total, c.want)
			}
		})
	}
}

func TestFiltersAndFacets(t *testing.T) {
	x := smallIndex(t)
	r := mustSearch(t, x, Query{Text: "minister", Section: "politics", Limit: 10})
	if r.Total != 2 {
		t.Fatalf("total %d, want 2", r.Total)
	}
	secs := map[string]int{}
	for _, f := range r.Sections {
		secs[f.Section] = f.Count
	}
	// The section facet ignores the section filter.
	if secs["politics"] != 2 || secs["sport"] != 1 || secs["world"] != 1 {
		t.Errorf("sections %v", secs)
	}
	srcs := map[int64]int{}
	for _, f := range r.Sources {
		srcs[f.SourceID] = f.Count
	}
	// The source facet obeys the section filter.
	if srcs[7] != 1 || srcs[8] != 1 || srcs[9] != 0 {
		t.Errorf("sources %v", srcs)
	}
	r = mustSearch(t, x, Query{Text: "minister", SourceID: 8, Limit: 10})
	if got := ids(r); r.Total != 2 || len(got) != 2 {
		t.Errorf("source filter: %v total %d", got, r.Total)
	}
	r = mustSearch(t, x, Query{Text: "minister", From: day0.AddDate(0, 2, 0), To: day0.AddDate(0, 4, 0), Limit: 10})
	if got := ids(r); r.Total != 2 || !slices.Contains(got, 3) || !slices.Contains(got, 4) {
		t.Errorf("date filter: %v total %d", got, r.Total)
	}
	r = mustSearch(t, x, Query{Text: "minister", Section: "nosuch", Limit: 10})
	if r.Total != 0 || len(r.Sections) != 3 {
		t.Errorf("unknown section: total %d, facets %v", r.Total, r.Sections)
	}
	r = mustSearch(t, x, Query{Text: "minister", SortByDate: true, Limit: 2, Offset: 1})
	if got := ids(r); !slices.Equal(got, []int64{4, 3}) {
		t.Errorf("by date, page 2: %v", got)
	}
}

func TestHiddenAndReplaced(t *testing.T) {
	x := smallIndex(t)
	x.Delete(5)
	r := mustSearch(t, x, Query{Text: "earthquake"})
	if got := ids(r); !slices.Equal(got, []int64{1}) || r.Total != 1 {
		t.Errorf("after delete: %v total %d", got, r.Total)
	}
	// Replacing an article re-indexes it.
	if err := x.Add(Doc{ID: 1, Title: "Flood", Body: "water", Section: "world"}); err != nil {
		t.Fatal(err)
	}
	if r := mustSearch(t, x, Query{Text: "earthquake"}); r.Total != 0 {
		t.Errorf("replaced article still found: %v", ids(r))
	}
	if r := mustSearch(t, x, Query{Text: "flood"}); !slices.Equal(ids(r), []int64{1}) {
		t.Errorf("replacement not found: %v", ids(r))
	}
	// Deleting from the tail (not yet a segment) works too.
	x.Delete(1)
	if r := mustSearch(t, x, Query{Text: "flood"}); r.Total != 0 {
		t.Errorf("deleted tail article found")
	}
	if x.Len() != 3 {
		t.Errorf("Len %d, want 3", x.Len())
	}
	// A document deleted in the tail stays deleted once the tail is sealed.
	x.Add(Doc{ID: 20, Title: "storm"}, Doc{ID: 21, Title: "storm"})
	x.Delete(20)
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	x.Delete(20) // must not touch the sealed copy's neighbours
	if r := mustSearch(t, x, Query{Text: "storm"}); !slices.Equal(ids(r), []int64{21}) || x.Len() != 4 {
		t.Errorf("after sealing a deleted document: %v, Len %d", ids(r), x.Len())
	}
}

func TestRanking(t *testing.T) {
	x := New(Options{})
	x.Add(
		Doc{ID: 1, Title: "Budget talks", Body: "The budget was discussed. Storm mentioned once."},
		Doc{ID: 2, Title: "Storm hits coast", Body: "A storm hit the coast."},
		Doc{ID: 3, Title: "Weather", Lead: "A storm is coming.", Body: "Rain and wind."},
	)
	got := ids(mustSearch(t, x, Query{Text: "storm"}))
	if !slices.Equal(got, []int64{2, 3, 1}) {
		t.Errorf("title above lead above body: got %v", got)
	}
}

func TestSuggest(t *testing.T) {
	x := smallIndex(t)
	// Suggestions are index terms (stems), as FTS5's vocabulary gave.
	r := mustSearch(t, x, Query{Text: "earthqauke"})
	if r.Suggestion != "earthquak" {
		t.Errorf("suggestion %q", r.Suggestion)
	}
	if r := mustSearch(t, x, Query{Text: "earthquake"}); r.Suggestion != "" {
		t.Errorf("suggestion for a known word: %q", r.Suggestion)
	}
}

func TestPersist(t *testing.T) {
	dir := t.TempDir()
	x, err := Open(dir, Options{SegmentDocs: 2})
	if err != nil {
		t.Fatal(err)
	}
	x.Add(
		Doc{ID: 10, Title: "Alpha bravo", Body: "charlie delta", Section: "a", SourceID: 1, Published: day0},
		Doc{ID: 11, Title: "Bravo echo", Body: "foxtrot", Section: "b", SourceID: 2, Published: day0},
		Doc{ID: 12, Title: "Echo golf", Body: "hotel", Section: "a", SourceID: 1, Published: day0},
	)
	x.Delete(11)
	x.SetWatermark(42)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, Options{SegmentDocs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if y.Watermark() != 42 || y.Len() != 2 {
		t.Errorf("watermark %d, len %d", y.Watermark(), y.Len())
	}
	r := mustSearch(t, y, Query{Text: "echo", Limit: 10})
	if !slices.Equal(ids(r), []int64{12}) || len(r.Sections) != 1 || r.Sections[0].Section != "a" {
		t.Errorf("after reopen: %v %v", ids(r), r.Sections)
	}
	if _, err := Open(dir, Options{Language: "german"}); err != ErrIncompatible {
		t.Errorf("other language: %v", err)
	}
	if _, err := Open(dir, Options{Content: "originals only"}); err != ErrIncompatible {
		t.Errorf("other content: %v", err)
	}
}

// randomCorpus builds n documents over a Zipf-distributed vocabulary.
func randomCorpus(rng *rand.Rand, n int) []Doc {
	z := rand.NewZipf(rng, 1.1, 2, 3000)
	word := func() string { return fmt.Sprintf("w%d", z.Uint64()) }
	text := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			b.WriteString(word())
			b.WriteByte(' ')
		}
		return b.String()
	}
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{
			ID:        int64(i + 1),
			Title:     text(1 + rng.IntN(8)),
			Lead:      text(rng.IntN(20)),
			Body:      text(rng.IntN(300)),
			Section:   fmt.Sprintf("s%d", rng.IntN(5)),
			SourceID:  int64(rng.IntN(20)),
			Published: day0.Add(time.Duration(rng.IntN(3650*24)) * time.Hour),
		}
	}
	return docs
}

// TestPruningMatchesExhaustive is the property that block-max pruning
// never changes the hits: on random corpora and queries, the top k with
// skipping equal the top k of scoring every match.
func TestPruningMatchesExhaustive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rounds, docs := 4, 3000
	if raceEnabled {
		rounds, docs = 2, 1200
	}
	for round := 0; round < rounds; round++ {
		x := New(Options{SegmentDocs: 700 + rng.IntN(800), RecencyWeight: float64(round) * 0.3})
		smallTopLists(x) // so that the random corpora's common words get top lists
		x.denseMin = 100 // and both ways of ranking run
		if err := x.Add(randomCorpus(rng, docs)...); err != nil {
			t.Fatal(err)
		}
		if round%2 == 1 {
			for i := 0; i < 40; i++ {
				x.Delete(int64(1 + rng.IntN(docs)))
			}
		}
		for i := 0; i < 40; i++ {
			z := []string{"w2", "w3", "w5", "w9", "w20", "w40", "w100", "w333", "w1*", "w7*"}
			text := z[rng.IntN(len(z))]
			word := func() string { return strings.TrimSuffix(z[rng.IntN(len(z))], "*") }
			switch rng.IntN(7) {
			case 1:
				text += " " + z[rng.IntN(len(z))]
			case 2:
				text += " OR " + z[rng.IntN(len(z))]
			case 3:
				text = `"` + word() + " " + word() + `"`
			case 4:
				text = `"` + word() + " " + word() + " " + word() + `"`
			case 5:
				text += ` "` + word() + " " + word() + `"`
			case 6:
				text = `"` + word() + " " + word() + `" OR ` + text
			}
			q := Query{Text: text, Limit: 1 + rng.IntN(20), Now: day0.AddDate(10, 0, 0), SortByDate: rng.IntN(4) == 0}
			x.exhaustive = true
			want := mustSearch(t, x, q)
			x.exhaustive = false
			got := mustSearch(t, x, q)
			if !slices.Equal(ids(got), ids(want)) || got.Total != want.Total || !slices.Equal(got.Sections, want.Sections) || !slices.Equal(got.Sources, want.Sources) {
				t.Fatalf("round %d %q: pruned %v (total %d), exhaustive %v (total %d)",
					round, text, ids(got), got.Total, ids(want), want.Total)
			}
		}
	}
}

// bruteMatches counts the documents (as fields of words; the random
// corpus's words are their own terms) holding words in a row within one
// field, or all of them anywhere when !phrase.
func bruteMatches(docs [][3][]string, words []string, phrase bool) int {
	n := 0
	for _, d := range docs {
		found := !phrase
		for _, w := range words {
			if !phrase && !slices.Contains(d[0], w) && !slices.Contains(d[1], w) && !slices.Contains(d[2], w) {
				found = false
			}
		}
		for _, toks := range d {
			for i := 0; phrase && !found && i+len(words) <= len(toks); i++ {
				found = slices.Equal(toks[i:i+len(words)], words)
			}
		}
		if found {
			n++
		}
	}
	return n
}

// TestMatchesOracle checks totals against a brute-force reading of the
// documents, for words and phrases, with segments that index word pairs
// (the first learnt from its own sample, the others from the previous
// segment's).
func TestMatchesOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 2500
	if raceEnabled {
		n = 1200
	}
	docs := randomCorpus(rng, n)
	x := New(Options{SegmentDocs: 1000, Language: "none"})
	if err := x.Add(docs...); err != nil {
		t.Fatal(err)
	}
	fields := make([][3][]string, len(docs))
	for i, d := range docs {
		fields[i] = [3][]string{strings.Fields(d.Title), strings.Fields(d.Lead), strings.Fields(d.Body)}
	}
	pairs := 0
	v, _ := x.snapshot("", 0)
	x.searches.Done()
	for _, s := range v.segs {
		for i := range s.info {
			if isPairText(s.terms.at(i)) {
				pairs++
			}
		}
	}
	if pairs == 0 {
		t.Fatal("no word pairs indexed")
	}
	for i := 0; i < 60; i++ {
		k := 1 + rng.IntN(3)
		words := make([]string, k)
		for j := range words {
			words[j] = fmt.Sprintf("w%d", 2+rng.IntN(12))
		}
		phrase := rng.IntN(3) > 0
		text := strings.Join(words, " ")
		if phrase {
			text = `"` + text + `"`
		}
		want := bruteMatches(fields, words, phrase)
		if got := mustSearch(t, x, Query{Text: text}).Total; got != want {
			t.Errorf("%s: total %d, brute force %d", text, got, want)
		}
	}
}

// TestReopenSame checks that an index read back from its files answers as
// the one that wrote them, top lists, pairs and deletions included.
func TestReopenSame(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	dir := t.TempDir()
	x, err := Open(dir, Options{SegmentDocs: 400})
	if err != nil {
		t.Fatal(err)
	}
	smallTopLists(x)
	if err := x.Add(randomCorpus(rng, 1000)...); err != nil {
		t.Fatal(err)
	}
	x.Delete(5, 600, 999)
	queries := []string{"w2", "w3 w5", `"w2 w3"`, "w1*", "w9 OR w40", "w7 -w2"}
	var before []Results
	for _, q := range queries {
		before = append(before, mustSearch(t, x, Query{Text: q, Limit: 15}))
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, Options{SegmentDocs: 400})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	for i, q := range queries {
		got := mustSearch(t, y, Query{Text: q, Limit: 15})
		if !slices.Equal(ids(got), ids(before[i])) || got.Total != before[i].Total || !slices.Equal(got.Sections, before[i].Sections) {
			t.Errorf("%s: after reopen %v (total %d), before %v (total %d)", q, ids(got), got.Total, ids(before[i]), before[i].Total)
		}
	}
}

func TestCorruptSegment(t *testing.T) {
	dir := t.TempDir()
	x, _ := Open(dir, Options{})
	x.Add(Doc{ID: 1, Title: "hello world", Section: "a"})
	x.Close()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "seg-") {
			p := filepath.Join(dir, e.Name())
			b, _ := os.ReadFile(p)
			b[len(b)/2] ^= 0xff
			os.WriteFile(p, b, 0o644)
		}
	}
	if _, err := Open(dir, Options{}); err == nil {
		t.Fatal("a damaged segment opened without error")
	}
}

// smallTopLists gives top lists to terms of 40 documents or more, so that
// small test corpora have them; x must be empty.
func smallTopLists(x *Index) {
	x.topMinDF = 40
	x.tail.topMinDF = 40
}

// TestConcurrent runs searches while a writer adds, deletes and flushes
// (run under -race in CI).
func TestConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	docs := randomCorpus(rng, 1200)
	x, err := Open(t.TempDir(), Options{SegmentDocs: 300})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < len(docs); i += 100 {
			x.Add(docs[i : i+100]...)
			x.Delete(int64(i + 1))
			if i%400 == 0 {
				x.Flush()
			}
		}
	}()
	for _, q := range []string{"w2", "w3 w5", `"w2 w3"`, "w1*", "w2", "w9 -w2"} {
		for i := 0; i < 5; i++ {
			if _, err := x.Search(Query{Text: q, SortByDate: i%2 == 0}); err != nil {
				t.Fatal(err)
			}
		}
	}
	<-done
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Search(Query{Text: "w2"}); err == nil {
		t.Error("search after Close: no error")
	}
}

func TestExpandPrefixLarge(t *testing.T) {
	x := New(Options{Language: "none"})
	var docs []Doc
	for i := 0; i < 30000; i++ {
		docs = append(docs, Doc{ID: int64(i + 1), Body: fmt.Sprintf("co%05d common", i%25000) + strings.Repeat(" co00007", i%3)})
	}
	x.Add(docs...)
	v, _ := x.snapshot("", 0)
	defer x.searches.Done()
	got := expandPrefix(v, "co")
	if len(got) != maxPrefixExpanded || got[0] != "common" || got[1] != "co00007" {
		t.Errorf("expansions %v", got[:min(len(got), 5)])
	}
}

// TestPhraseFrequency checks a phrase's frequency, what ranking reads,
// against a brute-force count of its occurrences weighted by field, read
// from an indexed word pair or counted from positions (a phrase of three
// words, or two whose pair a segment does not index).
func TestPhraseFrequency(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	docs := randomCorpus(rng, 2000)
	x := New(Options{SegmentDocs: 700, Language: "none"})
	if err := x.Add(docs...); err != nil {
		t.Fatal(err)
	}
	fields := make([][3][]string, len(docs))
	for i, d := range docs {
		fields[i] = [3][]string{strings.Fields(d.Title), strings.Fields(d.Lead), strings.Fields(d.Body)}
	}
	v, _ := x.snapshot("", 0)
	defer x.searches.Done()
	fromPairs, fromPositions := 0, 0
	for i := 0; i < 40; i++ {
		words := make([]string, 2+rng.IntN(2))
		for j := range words {
			words[j] = fmt.Sprintf("w%d", 2+rng.IntN(6))
		}
		p := x.plan(Query{Text: `"` + strings.Join(words, " ") + `"`}, v)
		if len(p.scoring) != 1 {
			continue // a word in no document
		}
		st := p.scoring[0][0]
		for _, s := range v.segs {
			sc := &scratch{}
			m := x.match(p, s, sc)
			tp, pf := p.source(s, st)
			var post postings
			if tp >= 0 {
				post.init(s, tp, x.w)
			}
			for d := 0; d < s.n(); d++ {
				var got float32
				switch {
				case tp >= 0:
					got = post.tfOf(d)
					fromPairs++
				case pf != nil:
					got = pf.tf[d]
					fromPositions++
				}
				var want float32
				for f, toks := range fields[s.docs[d].id-1] {
					for k := 0; k+len(words) <= len(toks); k++ {
						if slices.Equal(toks[k:k+len(words)], words) {
							want += [3]float32{x.w.title, x.w.lead, x.w.body}[f]
						}
					}
				}
				if got != want || m.has(d) != (want > 0) {
					t.Fatalf("%q, document %d: frequency %v (match %v), brute force %v", words, s.docs[d].id, got, m.has(d), want)
				}
			}
		}
	}
	if fromPairs == 0 || fromPositions == 0 {
		t.Fatalf("read %d frequencies from pairs, %d from positions: both ways should run", fromPairs, fromPositions)
	}
}

// TestCountFacets compares countFacets, which reads the complement of a
// dense match set, with counting every match, on sparse and dense sets.
func TestCountFacets(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	x := New(Options{SegmentDocs: 1000})
	if err := x.Add(randomCorpus(rng, 1000-rng.IntN(60))...); err != nil {
		t.Fatal(err)
	}
	v, _ := x.snapshot("", 0)
	defer x.searches.Done()
	for _, s := range v.segs {
		for _, density := range []float64{0, 0.1, 0.49, 0.51, 0.9, 1} {
			m := newBitmap(s.n())
			for d := 0; d < s.n(); d++ {
				if rng.Float64() < density {
					m.set(d)
				}
			}
			gotSec, gotSrc := make([]int, len(v.secs)), make([]int, len(v.sources))
			got := countFacets(s, m, gotSec, gotSrc)
			wantSec, wantSrc := make([]int, len(v.secs)), make([]int, len(v.sources))
			want := 0
			m.forEach(func(d int) {
				wantSec[s.secs[d]]++
				wantSrc[s.srcs[d]]++
				want++
			})
			if got != want || !slices.Equal(gotSec, wantSec) || !slices.Equal(gotSrc, wantSrc) {
				t.Fatalf("%d documents, density %v: total %d, want %d; sections %v, want %v", s.n(), density, got, want, gotSec, wantSec)
			}
		}
	}
}

// TestPrefixUnsettledByLists builds the case where a prefix's top lists
// do not settle a document's score: it is in the list of a common
// expansion (aba, in its title), while a rare one (abb, in its lead)
// scores it higher and leaves it out of its list (which holds abb's title
// matches). Its true score puts it above the documents of a third
// expansion (abc); pruned and exhaustive hits agree.
func TestPrefixUnsettledByLists(t *testing.T) {
	x := New(Options{Language: "none"})
	smallTopLists(x)
	var docs []Doc
	for i := 0; i < 1000; i++ {
		d := Doc{ID: int64(i + 1), Title: "news", Body: "filler text aba", Published: day0}
		switch {
		case i < 70:
			d.Title = "abb report"
		case i < 75:
			d.Title, d.Lead = "aba aba", "abb"
		case i < 375:
			d.Title = "abc"
		}
		docs = append(docs, d)
	}
	if err := x.Add(docs...); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{10, 70, 75, 80, 100} {
		q := Query{Text: "ab*", Limit: limit}
		x.exhaustive = true
		want := mustSearch(t, x, q)
		x.exhaustive = false
		got := mustSearch(t, x, q)
		if !slices.Equal(ids(got), ids(want)) {
			t.Fatalf("limit %d: pruned %v, exhaustive %v", limit, ids(got), ids(want))
		}
	}
}

// TestImpactBound checks impactBound against tfc at the real average
// length, for random frequencies, lengths, parameters and averages.
func TestImpactBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for i := 0; i < 200000; i++ {
		ref := bm25Ref{k1: rng.Float64() * 3, b: rng.Float64(), avgLen: 1 + rng.Float64()*2000}
		if i%10 == 0 {
			ref.b = float64(i%20) / 10 // 0 and 1, the edges
		}
		p := &plan{k1: ref.k1, b: ref.b, avgLen: ref.avgLen * (0.5 + rng.Float64())}
		s := &segment{ref: ref}
		tf := float32(1 + rng.IntN(300))
		length := uint32(1 + rng.IntN(20000))
		if got, bound := p.tfc(tf, length), p.impactBound(s, ref.impact(tf, length)); got > bound {
			t.Fatalf("k1 %v b %v ref %v avg %v, tf %v len %v: tfc %v above its bound %v", ref.k1, ref.b, ref.avgLen, p.avgLen, tf, length, got, bound)
		}
	}
}

// Stats counts segments, searchable documents and the deleted ones still
// held by segments.
func TestStats(t *testing.T) {
	x := New(Options{SegmentDocs: 2})
	if err := x.Add(
		Doc{ID: 1, Title: "alpha"}, Doc{ID: 2, Title: "bravo"},
		Doc{ID: 3, Title: "charlie"}, Doc{ID: 4, Title: "delta"}, Doc{ID: 5, Title: "echo"},
	); err != nil {
		t.Fatal(err)
	}
	x.Delete(1, 5)
	got := x.Stats()
	want := Stats{Docs: 3, Deleted: 2, Segments: 2, SegmentDocs: 2}
	if got != want {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}
}
