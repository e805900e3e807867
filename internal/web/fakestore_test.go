package web

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// fakeStore is an in-memory store.Store for handler tests: maps and slices,
// newest-first lists, a naive search. err, when set, fails every call.
type fakeStore struct {
	mu       sync.Mutex
	sources  map[int64]model.Source
	articles map[int64]model.Article
	picks    []model.Pick
	err      error
	// search, when set, replaces the naive search.
	search func(q store.SearchQuery) (store.SearchResults, error)
	// lastSearch records the last search query, for assertions.
	lastSearch store.SearchQuery
	// related holds stored related lists by article ID; an article
	// without one gets the newest published articles of its section.
	related map[int64][]int64
	// aliases maps merged stories to the stories that absorbed them.
	aliases map[int64]int64
	// newest caches article IDs newest first, so benchmarks measure the
	// site rather than the fake's sorting; addArticle clears it.
	newest []int64
}

var _ store.Store = (*fakeStore)(nil)

func newFakeStore() *fakeStore {
	return &fakeStore{sources: map[int64]model.Source{}, articles: map[int64]model.Article{}}
}

func (f *fakeStore) addSource(s model.Source) {
	f.sources[s.ID] = s
}

// addArticle fills the source fields as a real store read would.
func (f *fakeStore) addArticle(a model.Article) {
	if a.Status == "" {
		a.Status = model.StatusPublished
	}
	src := f.sources[a.SourceID]
	a.SourceName, a.SourcePolicy, a.SourceSiteURL = src.Name, src.Policy, src.SiteURL
	if a.SourcePolicy == "" {
		a.SourcePolicy = model.PolicyExcerpt
	}
	f.articles[a.ID] = a
	f.newest = nil
}

func (f *fakeStore) AddSource(ctx context.Context, src model.Source) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	src.ID = int64(len(f.sources) + 1)
	f.sources[src.ID] = src
	return src.ID, f.err
}

func (f *fakeStore) GetSource(ctx context.Context, id int64) (model.Source, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return model.Source{}, f.err
	}
	s, ok := f.sources[id]
	if !ok {
		return model.Source{}, store.ErrNotFound
	}
	return s, nil
}

func (f *fakeStore) ListSources(ctx context.Context) ([]model.Source, error) {
	return nil, f.err
}
func (f *fakeStore) SetSourcePaused(ctx context.Context, id int64, paused bool, reason string) error {
	return f.err
}
func (f *fakeStore) MoveSourceFeed(ctx context.Context, id int64, newURL string) error { return f.err }
func (f *fakeStore) ArticleFeedHash(ctx context.Context, sourceID int64, guid string) (string, error) {
	return "", store.ErrNotFound
}
func (f *fakeStore) SetSourceRules(ctx context.Context, id int64, keep, drop []string) error {
	return f.err
}
func (f *fakeStore) SetArticleStory(ctx context.Context, articleID int64, p store.Placement) error {
	return f.err
}
func (f *fakeStore) RecentStoryDocs(ctx context.Context, limit int) ([]store.StoryDoc, error) {
	return nil, f.err
}
func (f *fakeStore) StoryDocsFrom(ctx context.Context, afterPublished time.Time, afterID int64, limit int) ([]store.StoryDoc, error) {
	return nil, f.err
}
func (f *fakeStore) UpsertPlacedArticle(ctx context.Context, a model.Article, place store.PlaceFunc) (store.UpsertResult, error) {
	return store.UpsertResult{}, f.err
}
func (f *fakeStore) Reindex(ctx context.Context, progress func(done, total int)) error { return f.err }
func (f *fakeStore) TopStories(ctx context.Context, since time.Time, limit int) ([]model.Story, error) {
	return nil, f.err
}
func (f *fakeStore) StoryArticles(ctx context.Context, storyID int64) ([]model.Article, error) {
	return nil, store.ErrNotFound
}
func (f *fakeStore) Copies(ctx context.Context, articleID int64) ([]model.Article, error) {
	return nil, f.err
}
func (f *fakeStore) RemoveSource(ctx context.Context, id int64) error { return f.err }
func (f *fakeStore) DueSources(ctx context.Context, now time.Time, limit int) ([]model.Source, error) {
	return nil, f.err
}
func (f *fakeStore) SavePollState(ctx context.Context, id int64, st model.PollState) error {
	return f.err
}
func (f *fakeStore) UpsertArticle(ctx context.Context, a model.Article) (store.UpsertResult, error) {
	return store.UpsertResult{}, f.err
}

func (f *fakeStore) GetArticle(ctx context.Context, id int64) (model.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return model.Article{}, f.err
	}
	a, ok := f.articles[id]
	if !ok {
		return model.Article{}, store.ErrNotFound
	}
	return a, nil
}

// published returns matching published articles, newest first.
func (f *fakeStore) published(keep func(model.Article) bool) []model.Article {
	if f.newest == nil {
		for id := range f.articles {
			f.newest = append(f.newest, id)
		}
		slices.SortFunc(f.newest, func(x, y int64) int {
			a, b := f.articles[x], f.articles[y]
			if c := b.PublishedAt.Compare(a.PublishedAt); c != 0 {
				return c
			}
			return cmp.Compare(b.ID, a.ID)
		})
	}
	var out []model.Article
	for _, id := range f.newest {
		if a := f.articles[id]; a.Status == model.StatusPublished && keep(a) {
			out = append(out, a)
		}
	}
	return out
}

func page[T any](xs []T, limit, offset int) []T {
	if offset >= len(xs) {
		return nil
	}
	xs = xs[offset:]
	return xs[:min(limit, len(xs))]
}

func (f *fakeStore) ListArticles(ctx context.Context, q store.ArticleQuery) (store.ArticlePage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return store.ArticlePage{}, f.err
	}
	all := f.published(func(a model.Article) bool {
		return (q.Section == "" || a.Section == q.Section) && (q.SourceID == 0 || a.SourceID == q.SourceID) &&
			(!q.HideCopies || a.DuplicateOf == 0)
	})
	return store.ArticlePage{Articles: page(all, q.Limit, q.Offset), Total: len(all)}, nil
}

func (f *fakeStore) SearchArticles(ctx context.Context, q store.SearchQuery) (store.SearchResults, error) {
	if f.search != nil {
		return f.search(q)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastSearch = q
	if f.err != nil {
		return store.SearchResults{}, f.err
	}
	word := strings.ToLower(strings.Fields(q.Text + " x")[0])
	matches := func(a model.Article, withSection, withSource bool) bool {
		return strings.Contains(strings.ToLower(a.Title+" "+a.Excerpt), word) &&
			(!withSection || q.Section == "" || a.Section == q.Section) &&
			(!withSource || q.SourceID == 0 || a.SourceID == q.SourceID) &&
			(q.From.IsZero() || !a.PublishedAt.Before(q.From)) &&
			(q.To.IsZero() || a.PublishedAt.Before(q.To))
	}
	all := f.published(func(a model.Article) bool { return matches(a, true, true) })
	res := store.SearchResults{Total: len(all)}
	res.Facets.Sections = facetCounts(f.published(func(a model.Article) bool { return matches(a, false, true) }),
		func(a model.Article) (string, string) { return a.Section, a.Section })
	res.Facets.Sources = facetCounts(f.published(func(a model.Article) bool { return matches(a, true, false) }),
		func(a model.Article) (string, string) { return strconv.FormatInt(a.SourceID, 10), a.SourceName })
	for _, a := range page(all, q.Limit, q.Offset) {
		snippet := strings.ReplaceAll(a.Excerpt, word, store.HighlightStart+word+store.HighlightEnd)
		res.Hits = append(res.Hits, store.SearchHit{Article: a, Snippet: snippet})
	}
	return res, nil
}

// facetCounts counts articles by key, most first, then by value.
func facetCounts(as []model.Article, key func(model.Article) (value, label string)) []store.FacetCount {
	var out []store.FacetCount
	for _, a := range as {
		v, l := key(a)
		i := slices.IndexFunc(out, func(fc store.FacetCount) bool { return fc.Value == v })
		if i < 0 {
			out = append(out, store.FacetCount{Value: v, Label: l})
			i = len(out) - 1
		}
		out[i].Count++
	}
	slices.SortFunc(out, func(x, y store.FacetCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Value, y.Value))
	})
	return out
}

func (f *fakeStore) SetArticleStatus(ctx context.Context, id int64, st model.Status, reason string) error {
	return f.err
}
func (f *fakeStore) AddPick(ctx context.Context, p model.Pick) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.picks = append(f.picks, p)
	return f.err
}
func (f *fakeStore) RemovePick(ctx context.Context, id int64) error { return f.err }

func (f *fakeStore) ListPicks(ctx context.Context, now time.Time, limit int) ([]model.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	var out []model.Article
	for _, p := range f.picks {
		a, ok := f.articles[p.ArticleID]
		if ok && a.Status == model.StatusPublished && (p.Until.IsZero() || p.Until.After(now)) {
			out = append(out, a)
		}
	}
	return page(out, limit, 0), nil
}

func (f *fakeStore) Close() error { return nil }

func (f *fakeStore) ListRelated(ctx context.Context, articleID int64, limit int) ([]model.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	list, ok := f.related[articleID]
	if !ok {
		self := f.articles[articleID]
		return page(f.published(func(a model.Article) bool {
			return a.ID != articleID && a.Section == self.Section
		}), limit, 0), nil
	}
	var out []model.Article
	for _, id := range list {
		if a, ok := f.articles[id]; ok && a.Status == model.StatusPublished {
			out = append(out, a)
		}
	}
	return page(out, limit, 0), nil
}

func (f *fakeStore) StoryAlias(ctx context.Context, oldID int64) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return 0, f.err
	}
	if to, ok := f.aliases[oldID]; ok {
		return to, nil
	}
	return 0, store.ErrNotFound
}
