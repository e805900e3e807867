package main

import (
	"context"
	"fmt"
	"html"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// productEngine is the product as it is: a newsdesk SQLite store, written
// through UpsertArticle (one transaction per article, as ingest writes;
// its search_log entry by trigger) and searched through SearchArticles,
// which brings the search index up to date, counts the section and source
// facets, reads the page's articles and cuts their snippets. Until
// migration 0009 (commit 14c21ce) the store searched with SQLite FTS5, and
// this engine was called fts5; the FTS5 figures in docs/BENCHMARKS.md were
// made with it.
type productEngine struct {
	st      *sqlite.Store
	dir     string
	sources map[int64]int64 // generated source number to store ID
	fetched time.Time
}

func init() {
	register("product", func(dir string) (Engine, error) {
		st, err := sqlite.Open(context.Background(), filepath.Join(dir, "newsdesk.db"))
		if err != nil {
			return nil, err
		}
		return &productEngine{st: st, dir: dir, sources: map[int64]int64{}, fetched: time.Now().UTC()}, nil
	})
}

func (e *productEngine) Name() string { return "product" }

func (e *productEngine) Add(batch []Doc) error {
	ctx := context.Background()
	for _, d := range batch {
		sid, ok := e.sources[d.SourceID]
		if !ok {
			var err error
			sid, err = e.st.AddSource(ctx, model.Source{
				Name:    d.Source,
				SiteURL: fmt.Sprintf("https://source%d.example/", d.SourceID),
				FeedURL: fmt.Sprintf("https://source%d.example/feed", d.SourceID),
				Section: d.Section,
				Policy:  model.PolicyFull,
			})
			if err != nil {
				return err
			}
			e.sources[d.SourceID] = sid
		}
		url := fmt.Sprintf("https://source%d.example/%d", d.SourceID, d.ID)
		res, err := e.st.UpsertArticle(ctx, model.Article{
			SourceID:     sid,
			GUID:         url,
			URL:          url,
			CanonicalURL: url,
			Title:        d.Title,
			PublishedAt:  d.Published,
			FetchedAt:    e.fetched,
			Excerpt:      d.Lead,
			ContentHTML:  paragraphsHTML(d.Body),
			ContentText:  d.Body,
			Language:     "en",
			Section:      d.Section,
			Status:       model.StatusPublished,
		})
		if err != nil {
			return err
		}
		if res.ID != d.ID {
			return fmt.Errorf("article %d stored as %d: the store must start empty", d.ID, res.ID)
		}
	}
	return nil
}

// paragraphsHTML is the body as ingest stores it: one <p> per paragraph.
func paragraphsHTML(body string) string {
	var b strings.Builder
	b.Grow(len(body) + len(body)/8)
	for p := range strings.SplitSeq(body, "\n\n") {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(p))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// Flush brings the search index up to date with every article written, as
// the server's watcher does within seconds of an ingest, so the build time
// counts the indexing too.
func (e *productEngine) Flush() error { return e.st.WarmSearch(context.Background()) }

func (e *productEngine) Search(q Query) (Result, error) {
	sq := store.SearchQuery{Text: q.Text, Section: q.Section, From: q.From, To: q.To, Limit: q.Limit}
	if q.SortByDate {
		sq.Sort = store.SortDate
	}
	res, err := e.st.SearchArticles(context.Background(), sq)
	if err != nil {
		return Result{}, err
	}
	out := Result{Total: res.Total, Sections: map[string]int{}}
	for _, h := range res.Hits {
		out.IDs = append(out.IDs, h.Article.ID)
	}
	for _, f := range res.Facets.Sections {
		out.Sections[f.Value] = f.Count
	}
	return out, nil
}

func (e *productEngine) SizeBytes() (int64, error) { return dirSize(e.dir) }

func (e *productEngine) Close() error { return e.st.Close() }
