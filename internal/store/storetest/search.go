package storetest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

var searchTests = []namedTest{
	{"finds words, title above body", testSearchRanking},
	{"snippet marks matched terms", testSearchSnippet},
	{"diacritics fold", testSearchDiacritics},
	{"prefix and phrase", testSearchSyntax},
	{"any reader text is safe", testSearchSafety},
	{"pagination totals", testSearchPagination},
	{"date-sorted pages, newest first, with snippets", testSearchDatePages},
	{"filters and sort", testSearchFilters},
	{"facets count every match", testSearchFacets},
	{"did you mean", testSearchSuggestion},
	{"reindex rebuilds the index", testReindex},
}

func testReindex(t *testing.T, s store.Store) {
	src := addSource(t, s, "reindex")
	for i := range 5 {
		upsert(t, s, article(src, i, "world", fmt.Sprintf("Lighthouse keeper %d", i), "the old lighthouse on the point"))
	}
	hidden := upsert(t, s, article(src, 9, "world", "Lighthouse secret", "hidden lighthouse"))
	if err := s.SetArticleStatus(ctx(t), hidden, model.StatusHidden, "test"); err != nil {
		t.Fatal(err)
	}
	var calls, last, total int
	if err := s.Reindex(ctx(t), func(done, all int) { calls++; last, total = done, all }); err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last != 6 || total != 6 {
		t.Errorf("progress: %d calls, last %d of %d; want 6 of 6", calls, last, total)
	}
	if res := search(t, s, "lighthouse", 10); res.Total != 5 {
		t.Errorf("after reindex %d hits, want the 5 published articles", res.Total)
	}
}

func search(t *testing.T, s store.Store, text string, limit int) store.SearchResults {
	t.Helper()
	res, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: text, Limit: limit})
	if err != nil {
		t.Fatalf("SearchArticles(%q): %v", text, err)
	}
	return res
}

func testSearchRanking(t *testing.T, s store.Store) {
	src := addSource(t, s, "rank")
	// Newer articles first so insertion order cannot explain the ranking.
	inBody := upsert(t, s, article(src, 3, "world", "Weather report", "heavy rain and a harbour flood expected"))
	inTitle := upsert(t, s, article(src, 1, "world", "Harbour flood closes port", "water everywhere"))
	upsert(t, s, article(src, 2, "world", "Unrelated", "nothing to see"))
	res := search(t, s, "harbour flood", 10)
	if want := []int64{inTitle, inBody}; !slices.Equal(hitIDs(res.Hits), want) || res.Total != 2 {
		t.Errorf("search = %v total %d, want %v (title match first)", hitIDs(res.Hits), res.Total, want)
	}
	// Every word must match.
	if res := search(t, s, "harbour nothing", 10); res.Total != 0 {
		t.Errorf("search for words in different articles: total %d, want 0", res.Total)
	}
	if res := search(t, s, "HARBOUR", 10); res.Total != 2 {
		t.Errorf("upper-case search: total %d, want 2", res.Total)
	}
}

func testSearchSnippet(t *testing.T, s store.Store) {
	src := addSource(t, s, "snip")
	upsert(t, s, article(src, 1, "world", "Bridge", "The council voted to repair the old bridge before winter."))
	res := search(t, s, "repair", 10)
	if len(res.Hits) != 1 {
		t.Fatalf("search: %d hits, want 1", len(res.Hits))
	}
	snip := res.Hits[0].Snippet
	if !strings.Contains(snip, store.HighlightStart+"repair"+store.HighlightEnd) {
		t.Errorf("snippet %q does not mark %q", snip, "repair")
	}
	if res.Hits[0].Article.SourceName != "snip" {
		t.Errorf("hit source name = %q, want snip", res.Hits[0].Article.SourceName)
	}
	// A link-only source shows its headline and link, never its text.
	linkOnly, err := s.AddSource(ctx(t), model.Source{Name: "links", FeedURL: "https://links.example/feed.xml",
		Section: "world", Policy: model.PolicyLink})
	if err != nil {
		t.Fatal(err)
	}
	upsert(t, s, article(linkOnly, 2, "world", "Ferry", "The operator agreed to repair the ferry ramp in spring."))
	res = search(t, s, "ferry", 10)
	if len(res.Hits) != 1 {
		t.Fatalf("link-only source: %d hits, want 1", len(res.Hits))
	}
	if res.Hits[0].Snippet != "" {
		t.Errorf("link-only source: snippet %q, want none", res.Hits[0].Snippet)
	}
}

func testSearchDiacritics(t *testing.T, s store.Store) {
	src := addSource(t, s, "accents")
	cafe := upsert(t, s, article(src, 1, "world", "Café reopens", "the café on the square"))
	naive := upsert(t, s, article(src, 2, "world", "Naive plan", "a naive idea"))
	tests := []struct {
		text string
		want []int64
	}{
		{"cafe", []int64{cafe}},
		{"café", []int64{cafe}},
		{"CAFÉ", []int64{cafe}},
		{"naïve", []int64{naive}},
	}
	for _, tc := range tests {
		if got := hitIDs(search(t, s, tc.text, 10).Hits); !slices.Equal(got, tc.want) {
			t.Errorf("search %q = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func testSearchSyntax(t *testing.T, s store.Store) {
	src := addSource(t, s, "syntax")
	wh := upsert(t, s, article(src, 1, "politics", "Statement from the White House", "officials spoke"))
	hw := upsert(t, s, article(src, 2, "politics", "House painted white", "election season"))
	tests := []struct {
		text string
		want []int64
	}{
		{`"white house"`, []int64{wh}},
		{`white house`, []int64{wh, hw}},
		{`elect*`, []int64{hw}},
		{`offic*`, []int64{wh}},
		{`white house -painted`, []int64{wh}},
		{`house -"white house"`, []int64{hw}},
		{`statement OR election`, []int64{wh, hw}},
		{`officials OR nobody`, []int64{wh}},
		{`-white`, nil}, // exclusions alone find nothing
	}
	for _, tc := range tests {
		got := hitIDs(search(t, s, tc.text, 10).Hits)
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("search %q = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func testSearchSafety(t *testing.T, s store.Store) {
	src := addSource(t, s, "safe")
	upsert(t, s, article(src, 1, "world", "Market and economy", "prices rise; NOT a drill (really)"))
	long := strings.Repeat("economy ", 1300) // ~10 KB
	tests := []string{
		"", " ", `"`, `""`, `"""`, `*`, `**`, `economy*`, `*economy`, `AND`, `OR`, `NOT`, `NEAR`,
		`economy AND`, `NOT economy`, `-`, `-economy`, `(`, `)`, `(economy`, `economy)`, `^economy`,
		`title:economy`, `{title}: economy`, `NEAR(economy market)`, `economy + market`, `'`, `\`,
		"\x00", "\x01economy\x02", "\x7f", "\uFFFD", "\xff\xfe", `😀`, `economy 😀`, `%_`,
		"\x02economy\x03", long, strings.Repeat(`"(`, 5000), strings.Repeat("a", 10000),
	}
	for _, text := range tests {
		res, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: text, Limit: 10})
		if err != nil {
			t.Errorf("SearchArticles(%.40q): %v", text, err)
		}
		if len(res.Hits) > res.Total {
			t.Errorf("SearchArticles(%.40q): %d hits but Total %d", text, len(res.Hits), res.Total)
		}
	}
	// Operators are searched as words, not obeyed.
	if res := search(t, s, "NOT economy", 10); res.Total != 1 {
		t.Errorf(`search "NOT economy": total %d, want 1 (NOT is a word in the text)`, res.Total)
	}
	if res := search(t, s, "", 10); res.Total != 0 || len(res.Hits) != 0 {
		t.Errorf("empty search: %+v, want nothing", res)
	}
}

func testSearchDatePages(t *testing.T, s store.Store) {
	src := addSource(t, s, "sdates")
	var ids []int64 // oldest first
	for n := range 5 {
		ids = append(ids, upsert(t, s, article(src, n, "world", "Harbour report", "The tide rose at the harbour wall.")))
	}
	var got []int64
	for off := 0; off < 6; off += 2 {
		res, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: "tide", Sort: store.SortDate, Limit: 2, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if !strings.Contains(h.Snippet, store.HighlightStart+"tide"+store.HighlightEnd) {
				t.Errorf("offset %d: snippet %q does not mark %q", off, h.Snippet, "tide")
			}
			got = append(got, h.Article.ID)
		}
	}
	want := slices.Clone(ids)
	slices.Reverse(want)
	if !slices.Equal(got, want) {
		t.Errorf("date-sorted pages = %v, want newest first %v", got, want)
	}
}

func testSearchPagination(t *testing.T, s store.Store) {
	src := addSource(t, s, "spages")
	for n := range 5 {
		upsert(t, s, article(src, n, "world", "Tide tables", "tide"))
	}
	seen := map[int64]bool{}
	for off := 0; off < 6; off += 2 {
		res, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: "tide", Limit: 2, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 5 || len(res.Hits) != min(2, 5-off) {
			t.Errorf("offset %d: %d hits, total %d; want %d, 5", off, len(res.Hits), res.Total, min(2, 5-off))
		}
		for _, id := range hitIDs(res.Hits) {
			if seen[id] {
				t.Errorf("offset %d: article %d on two pages", off, id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 5 {
		t.Errorf("pages covered %d articles, want 5", len(seen))
	}
	// Past the deepest place results go: no hits, the whole total.
	res, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: "tide", Limit: 10, Offset: store.MaxSearchResults})
	if err != nil || len(res.Hits) != 0 || res.Total != 5 {
		t.Errorf("offset %d: %d hits, total %d, %v; want none of 5", store.MaxSearchResults, len(res.Hits), res.Total, err)
	}
}

func testSearchFilters(t *testing.T, s store.Store) {
	a := addSource(t, s, "filta")
	b := addSource(t, s, "filtb")
	// The best match (the word in the title) is the oldest.
	old := upsert(t, s, article(a, 1, "world", "Storm storm storm", "storm warning"))
	mid := upsert(t, s, article(b, 5, "business", "Insurers count cost", "after the storm"))
	recent := upsert(t, s, article(a, 9, "business", "Markets calm", "the storm passed"))
	hidden := upsert(t, s, article(b, 10, "world", "Storm hidden", "storm"))
	if err := s.SetArticleStatus(ctx(t), hidden, model.StatusHidden, "test"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		q     store.SearchQuery
		want  []int64
		total int
	}{
		{"no filter, relevance", store.SearchQuery{}, []int64{old}, 3},
		{"date sort", store.SearchQuery{Sort: store.SortDate}, []int64{recent, mid, old}, 3},
		{"section", store.SearchQuery{Section: "business", Sort: store.SortDate}, []int64{recent, mid}, 2},
		{"source", store.SearchQuery{SourceID: b}, []int64{mid}, 1},
		{"section and source", store.SearchQuery{Section: "world", SourceID: b}, nil, 0},
		{"from inclusive", store.SearchQuery{From: base.Add(5 * time.Minute), Sort: store.SortDate}, []int64{recent, mid}, 2},
		{"to exclusive", store.SearchQuery{To: base.Add(5 * time.Minute)}, []int64{old}, 1},
		{"from and to", store.SearchQuery{From: base.Add(2 * time.Minute), To: base.Add(6 * time.Minute)}, []int64{mid}, 1},
		{"unknown sort is relevance", store.SearchQuery{Sort: "x; DROP TABLE articles"}, []int64{old}, 3},
		{"hostile section", store.SearchQuery{Section: "' OR 1=1 --"}, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			q.Text = "storm"
			q.Limit = 10
			res, err := s.SearchArticles(ctx(t), q)
			if err != nil {
				t.Fatalf("SearchArticles(%+v): %v", q, err)
			}
			got := hitIDs(res.Hits)
			if tc.name == "no filter, relevance" || tc.name == "unknown sort is relevance" {
				got = got[:min(1, len(got))] // only the best is certain
			}
			if !slices.Equal(got, tc.want) || res.Total != tc.total {
				t.Errorf("search = %v total %d, want %v total %d", got, res.Total, tc.want, tc.total)
			}
		})
	}
}

func testSearchFacets(t *testing.T, s store.Store) {
	a := addSource(t, s, "faceta")
	b := addSource(t, s, "facetb")
	upsert(t, s, article(a, 1, "world", "Flood one", "flood"))
	upsert(t, s, article(a, 2, "world", "Flood two", "flood"))
	upsert(t, s, article(b, 3, "world", "Flood three", "flood"))
	upsert(t, s, article(b, 4, "business", "Flood four", "flood"))
	upsert(t, s, article(b, 5, "business", "Dry", "sunny"))
	sa, sb := strconv.FormatInt(a, 10), strconv.FormatInt(b, 10)
	tests := []struct {
		name              string
		q                 store.SearchQuery
		total             int
		sections, sources []store.FacetCount
	}{
		{"over every match, not the page", store.SearchQuery{Limit: 1}, 4,
			[]store.FacetCount{fc("world", "world", 3), fc("business", "business", 1)},
			[]store.FacetCount{fc(sa, "faceta", 2), fc(sb, "facetb", 2)}},
		{"a section keeps the other sections' counts", store.SearchQuery{Section: "business", Limit: 1}, 1,
			[]store.FacetCount{fc("world", "world", 3), fc("business", "business", 1)},
			[]store.FacetCount{fc(sb, "facetb", 1)}},
		{"a source narrows the sections", store.SearchQuery{SourceID: a}, 2,
			[]store.FacetCount{fc("world", "world", 2)},
			[]store.FacetCount{fc(sa, "faceta", 2), fc(sb, "facetb", 2)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			q.Text = "flood"
			res, err := s.SearchArticles(ctx(t), q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tc.total {
				t.Errorf("total %d, want %d", res.Total, tc.total)
			}
			if !slices.Equal(res.Facets.Sections, tc.sections) {
				t.Errorf("section facets %v, want %v", res.Facets.Sections, tc.sections)
			}
			// Equal counts come in name order.
			if !slices.Equal(res.Facets.Sources, tc.sources) {
				t.Errorf("source facets %v, want %v", res.Facets.Sources, tc.sources)
			}
		})
	}
}

func fc(value, label string, count int) store.FacetCount {
	return store.FacetCount{Value: value, Label: label, Count: count}
}

func testSearchSuggestion(t *testing.T, s store.Store) {
	src := addSource(t, s, "suggest")
	upsert(t, s, article(src, 1, "world", "Harbour flood", "water in the harbour"))
	upsert(t, s, article(src, 2, "world", "Harbour flood warning", "the harbour again"))
	upsert(t, s, article(src, 3, "world", "Harbour closed", "harbour news"))
	upsert(t, s, article(src, 4, "politics", "Polls open", "polls and more polls"))
	upsert(t, s, article(src, 5, "politics", "Polls close", "polls"))
	upsert(t, s, article(src, 6, "politics", "Pills shortage", "pills"))
	tests := []struct {
		text, want string
	}{
		{"harbuor", "harbour"},
		{"HARBOR", "harbour"},
		{"flod harbuor", "flood harbour"},
		{"palls", "poll"}, // as close as "pill", in more articles
		{"harbour", ""},   // found enough
		{"xqzvyw", ""},    // nothing close
		{`"harbuor flood"`, ""},
		{"harbu*", ""},
		{"flo", ""},              // too short to correct
		{"\"harbuor", "harbour"}, // an unclosed quote around one word is that word
	}
	for _, tc := range tests {
		res := search(t, s, tc.text, 10)
		if res.Suggestion != tc.want {
			t.Errorf("search %q: suggestion %q, want %q", tc.text, res.Suggestion, tc.want)
		}
		if tc.want != "" && search(t, s, tc.want, 10).Total <= res.Total {
			t.Errorf("suggestion %q for %q finds no more", tc.want, tc.text)
		}
	}
	// A filter that leaves the suggestion nothing more to find: no suggestion.
	res, err := s.SearchArticles(ctx(t), store.SearchQuery{Text: "harbuor", Section: "politics", Limit: 10})
	if err != nil || res.Suggestion != "" {
		t.Errorf("filtered suggestion %q, %v; want none", res.Suggestion, err)
	}
}
