package sqlite

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

var benchWords = strings.Fields(`harbour council election market weather river bridge
	school hospital football budget minister storm festival museum railway farmer
	court energy water housing climate theatre science village police airport`)

// benchArticle returns article n with ~2 KB of text drawn from benchWords.
func benchArticle(src int64, n int) model.Article {
	var b strings.Builder
	for i := 0; b.Len() < 2048; i++ {
		b.WriteString(benchWords[(n*7+i*i)%len(benchWords)])
		if i%12 == 11 {
			b.WriteString(".\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	text := b.String()
	return model.Article{
		SourceID:    src,
		GUID:        fmt.Sprintf("bench-%d", n),
		URL:         fmt.Sprintf("https://bench.example/%d", n),
		Title:       fmt.Sprintf("The %s and the %s", benchWords[n%len(benchWords)], benchWords[(n/3)%len(benchWords)]),
		PublishedAt: time.Unix(1_700_000_000+int64(n)*60, 0),
		Excerpt:     text[:200],
		ContentText: text,
		ContentHTML: "<p>" + text + "</p>",
		Section:     benchWords[n%4],
		Tags:        []string{"bench"},
		Status:      model.StatusPublished,
	}
}

func BenchmarkUpsertArticle(b *testing.B) {
	s := openTemp(b)
	src, err := s.AddSource(b.Context(), model.Source{Name: "b", FeedURL: "https://b.example/feed"})
	if err != nil {
		b.Fatal(err)
	}
	arts := make([]model.Article, b.N)
	for i := range arts {
		arts[i] = benchArticle(src, i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.UpsertArticle(b.Context(), arts[i]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	s := openTemp(b)
	ctx := b.Context()
	src, err := s.AddSource(ctx, model.Source{Name: "b", FeedURL: "https://b.example/feed"})
	if err != nil {
		b.Fatal(err)
	}
	const docs = 2000
	for i := range docs {
		if _, err := s.UpsertArticle(ctx, benchArticle(src, i)); err != nil {
			b.Fatal(err)
		}
	}
	for _, text := range []string{"harbour", "harbour election", `"river bridge" museum*`} {
		b.Run(text, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.SearchArticles(ctx, store.SearchQuery{Text: text, Limit: 20}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCopies is the "Also published by" lookup of an article page,
// in a store of 20,000 articles with one copy.
func BenchmarkCopies(b *testing.B) {
	s := openTemp(b)
	ctx := b.Context()
	src, err := s.AddSource(ctx, model.Source{Name: "b", FeedURL: "https://b.example/feed"})
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for i := range 20000 {
		res, err := s.UpsertArticle(ctx, benchArticle(src, i))
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, res.ID)
	}
	if err := s.SetArticleStory(ctx, ids[1], store.Placement{StoryID: ids[0], DuplicateOf: ids[0]}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if copies, err := s.Copies(ctx, ids[0]); err != nil || len(copies) != 1 {
			b.Fatalf("copies %d, %v", len(copies), err)
		}
	}
}

// BenchmarkListArticles is a section page's list (20 newest originals of
// a section and their count, for the pager) in a store of 20,000
// articles, a quarter of them in the section; and the home page's list of
// the newest originals, which asks for no count.
func BenchmarkListArticles(b *testing.B) {
	s := openTemp(b)
	ctx := b.Context()
	src, err := s.AddSource(ctx, model.Source{Name: "b", FeedURL: "https://b.example/feed"})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 20000 {
		if _, err := s.UpsertArticle(ctx, benchArticle(src, i)); err != nil {
			b.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		q    store.ArticleQuery
	}{
		{"section page", store.ArticleQuery{Section: benchWords[1], HideCopies: true, Limit: 20}},
		{"home list", store.ArticleQuery{HideCopies: true, SkipTotal: true, Limit: 20}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if page, err := s.ListArticles(ctx, tc.q); err != nil || len(page.Articles) != 20 {
					b.Fatalf("%d articles, %v", len(page.Articles), err)
				}
			}
		})
	}
}

// BenchmarkTopStories is the home page's story ranking in a store of
// 20,000 articles in stories of three, a minute apart, ranking the last
// two days (2,880 articles, 960 stories).
func BenchmarkTopStories(b *testing.B) {
	s := openTemp(b)
	ctx := b.Context()
	src, err := s.AddSource(ctx, model.Source{Name: "b", FeedURL: "https://b.example/feed"})
	if err != nil {
		b.Fatal(err)
	}
	const n = 20000
	for i := range n {
		if _, err := s.UpsertArticle(ctx, benchArticle(src, i)); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.writer.ExecContext(ctx, `UPDATE articles SET story_id = (id/3)*3+1`); err != nil {
		b.Fatal(err)
	}
	last := benchArticle(src, n-1).PublishedAt
	b.ReportAllocs()
	for b.Loop() {
		if stories, err := s.TopStories(ctx, last.Add(-48*time.Hour), 10); err != nil || len(stories) != 10 {
			b.Fatalf("%d stories, %v", len(stories), err)
		}
	}
}
