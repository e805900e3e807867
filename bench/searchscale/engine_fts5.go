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

// fts5Engine is the product as it is: a newsdesk SQLite store, written
// through UpsertArticle (one transaction per article, the FTS5 index kept
// by trigger, as ingest writes) and searched through SearchArticles, which
// also counts the section and source facets and cuts snippets.
type fts5Engine struct {
	st      *sqlite.Store
	dir     string
	sources map[int64]int64 // generated source number to store ID
	fetched time.Time
}

func init() {
	register("fts5", func(dir string) (Engine, error) {
		st, err := sqlite.Open(context.Background(), filepath.Join(dir, "newsdesk.db"))
		if err != nil {
			return nil, err
		}
		return &fts5Engine{st: st, dir: dir, sources: map[int64]int64{}, fetched: time.Now().UTC()}, nil
	})
}

func (e *fts5Engine) Name() string { return "fts5" }

func (e *fts5Engine) Add(batch []Doc) error {
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

// Flush has nothing to do: every UpsertArticle committed its row and index
// entries.
func (e *fts5Engine) Flush() error { return nil }

func (e *fts5Engine) Search(q Query) (Result, error) {
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

func (e *fts5Engine) SizeBytes() (int64, error) { return dirSize(e.dir) }

func (e *fts5Engine) Close() error { return e.st.Close() }
