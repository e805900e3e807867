package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/web"
)

// runScale builds (or reuses) the store, then times each kind of page.
func runScale(n int, dbPath string, requests int, seed uint64) error {
	ctx := context.Background()
	if n < 1000 {
		return fmt.Errorf("-n %d: at least 1000", n)
	}
	if dbPath == "" {
		dir, err := os.MkdirTemp("", "newsdesk-sitebench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dbPath = filepath.Join(dir, "bench.db")
	}
	cfg := config.Default()
	cfg.DB = dbPath
	opened := time.Now()
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	// Opening an older store applies the migrations it lacks.
	fmt.Printf("store opened in %.1f s\n", time.Since(opened).Seconds())

	p := newPlan(n, seed)
	ok, err := reusable(ctx, st, p)
	if err != nil {
		return err
	}
	if ok {
		fmt.Printf("reusing %s (%d articles)\n", dbPath, n)
		if w, ok := st.(interface{ WarmSearch(context.Context) error }); ok {
			if err := w.WarmSearch(ctx); err != nil {
				return err
			}
		}
	} else {
		fmt.Printf("building %s: %d articles\n", dbPath, n)
		start := time.Now().Add(-span).Truncate(time.Hour)
		if _, err := build(ctx, st, p, start); err != nil {
			return fmt.Errorf("build store: %w", err)
		}
	}
	if fi, err := os.Stat(dbPath); err == nil {
		fmt.Printf("database file: %.0f MB\n", float64(fi.Size())/1e6)
	}

	// The site's clock is the newest article's time, so a store reused
	// days later still has live stories on its front page.
	newest, err := st.ListArticles(ctx, store.ArticleQuery{Limit: 1, SkipTotal: true})
	if err != nil || len(newest.Articles) == 0 {
		return fmt.Errorf("newest article: %v", err)
	}
	now := newest.Articles[0].PublishedAt.Add(time.Hour)
	timed := &timedStore{Store: st, calls: map[string]time.Duration{}}
	site, err := web.New(web.Options{
		Store:    timed,
		SiteName: cfg.SiteName,
		Tagline:  cfg.Tagline,
		Sections: cfg.Sections,
		PageSize: cfg.PageSize,
		Now:      func() time.Time { return now },
		// As app.NewSite wires it, but with no cache at all: the page
		// cache is off by default, and the licence, related and
		// coverage lookups would otherwise be reused for 10 s.
		ListCopies:     cfg.Copies == "list",
		LookupCacheTTL: -1,
		PageCacheTTL:   0,
	})
	if err != nil {
		return err
	}
	kinds := pageKinds(p, cfg.PageSize)
	rng := rand.New(rand.NewPCG(seed, 0xbe9c))
	fmt.Printf("\n%d requests per page kind, one at a time, after one untimed request; GOMAXPROCS %d; page cache and lookup caches off\n\n",
		requests, runtime.GOMAXPROCS(0))
	fmt.Println("| page | requests | p50 ms | p95 ms | max ms | store calls (share of the page's time) |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | --- |")
	for _, k := range kinds {
		if _, err := get(site, k.path(rng)); err != nil {
			return fmt.Errorf("%s: %w", k.name, err)
		}
		clear(timed.calls)
		var lat []time.Duration
		var total time.Duration
		for range requests {
			d, err := get(site, k.path(rng))
			if err != nil {
				return fmt.Errorf("%s: %w", k.name, err)
			}
			lat = append(lat, d)
			total += d
		}
		slices.Sort(lat)
		fmt.Printf("| %s | %d | %s | %s | %s | %s |\n", k.name, len(lat), ms(lat[len(lat)*50/100]), ms(lat[min(len(lat)-1, len(lat)*95/100)]),
			ms(lat[len(lat)-1]), timed.shares(total))
	}
	return nil
}

// get serves one request in process and returns its time; anything but
// a 200 (or the 301 of a merged story) is an error.
func get(h http.Handler, path string) (time.Duration, error) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	start := time.Now()
	h.ServeHTTP(rec, req)
	d := time.Since(start)
	if rec.Code != http.StatusOK && rec.Code != http.StatusMovedPermanently {
		return 0, fmt.Errorf("GET %s: %d", path, rec.Code)
	}
	return d, nil
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64)
}

// pageKind is one kind of page and how to pick the next one to request.
type pageKind struct {
	name string
	path func(*rand.Rand) string
}

// pageKinds lists every page the site serves, each drawn at random from
// the store's shape: a different article, story, section or word each time.
func pageKinds(p *plan, pageSize int) []pageKind {
	if pageSize <= 0 {
		pageSize = 20
	}
	var full, excerpt, link, stories []int64
	storySize := map[int64]int{}
	sectionLen := make([]int, len(benchSections))
	sourceLen := make([]int, len(benchSources))
	for i, a := range p.arts {
		if a.hidden {
			continue
		}
		id := int64(i + 1)
		storySize[a.story]++
		sourceLen[a.source]++
		if a.original != 0 {
			continue
		}
		sectionLen[a.section]++
		switch benchSources[a.source].policy {
		case model.PolicyFull:
			full = append(full, id)
		case model.PolicyExcerpt:
			excerpt = append(excerpt, id)
		case model.PolicyLink:
			link = append(link, id)
		}
	}
	for id, size := range storySize {
		if size >= 2 {
			stories = append(stories, id)
		}
	}
	slices.Sort(stories)
	pick := func(ids []int64) func(*rand.Rand) string {
		return func(r *rand.Rand) string { return "/article/" + strconv.FormatInt(ids[r.IntN(len(ids))], 10) }
	}
	// A deep page is halfway down the list (within the site's ?page= bound).
	deep := func(items int) int { return max(1, min(10000, (items+pageSize-1)/pageSize/2)) }
	common := []string{"government", "minister", "said", "year", "people"}
	phrase := []string{`"interest rates"`, `"prime minister"`, `"climate change"`, `"central bank"`, `"energy prices"`}
	q := func(words []string) func(*rand.Rand) string {
		return func(r *rand.Rand) string { return url.QueryEscape(words[r.IntN(len(words))]) }
	}
	return []pageKind{
		{"home", func(*rand.Rand) string { return "/" }},
		{"section, page 1", func(r *rand.Rand) string { return "/section/" + benchSections[r.IntN(len(benchSections))] }},
		{"section, deep page", func(r *rand.Rand) string {
			s := r.IntN(len(benchSections))
			return "/section/" + benchSections[s] + "?page=" + strconv.Itoa(deep(sectionLen[s]))
		}},
		{"article, full text", pick(full)},
		{"article, excerpt", pick(excerpt)},
		{"article, link-only source", pick(link)},
		{"story", func(r *rand.Rand) string { return "/story/" + strconv.FormatInt(stories[r.IntN(len(stories))], 10) }},
		{"source, page 1", func(r *rand.Rand) string { return "/source/" + strconv.Itoa(1+r.IntN(len(benchSources))) }},
		{"source, deep page", func(r *rand.Rand) string {
			s := r.IntN(len(benchSources))
			return "/source/" + strconv.Itoa(1+s) + "?page=" + strconv.Itoa(deep(sourceLen[s]))
		}},
		{"search, common word", func(r *rand.Rand) string { return "/search?q=" + q(common)(r) }},
		{"search, phrase", func(r *rand.Rand) string { return "/search?q=" + q(phrase)(r) }},
		{"search, common word, page 5", func(r *rand.Rand) string { return "/search?page=5&q=" + q(common)(r) }},
		{"search API", func(r *rand.Rand) string { return "/api/search?q=" + q(common)(r) }},
		{"search feed", func(r *rand.Rand) string { return "/search/feed?q=" + q(phrase)(r) }},
		{"site feed", func(*rand.Rand) string { return "/feed.xml" }},
	}
}

// timedStore adds up the time of each store call the site makes. The
// benchmark sends one request at a time, so no lock is needed.
type timedStore struct {
	store.Store
	calls map[string]time.Duration
}

func (t *timedStore) since(name string, start time.Time) { t.calls[name] += time.Since(start) }

// shares names the calls that took most of total, largest first.
func (t *timedStore) shares(total time.Duration) string {
	type call struct {
		name string
		d    time.Duration
	}
	var cs []call
	for n, d := range t.calls {
		cs = append(cs, call{n, d})
	}
	slices.SortFunc(cs, func(a, b call) int { return int(b.d - a.d) })
	var out []string
	for _, c := range cs {
		share := 100 * float64(c.d) / float64(total)
		if share < 5 && len(out) > 0 {
			break
		}
		out = append(out, fmt.Sprintf("%s %.0f%%", c.name, share))
	}
	return strings.Join(out, ", ")
}

func (t *timedStore) GetSource(ctx context.Context, id int64) (model.Source, error) {
	defer t.since("GetSource", time.Now())
	return t.Store.GetSource(ctx, id)
}

func (t *timedStore) GetArticle(ctx context.Context, id int64) (model.Article, error) {
	defer t.since("GetArticle", time.Now())
	return t.Store.GetArticle(ctx, id)
}

func (t *timedStore) ListArticles(ctx context.Context, q store.ArticleQuery) (store.ArticlePage, error) {
	defer t.since("ListArticles", time.Now())
	return t.Store.ListArticles(ctx, q)
}

func (t *timedStore) SearchArticles(ctx context.Context, q store.SearchQuery) (store.SearchResults, error) {
	defer t.since("SearchArticles", time.Now())
	return t.Store.SearchArticles(ctx, q)
}

func (t *timedStore) ListPicks(ctx context.Context, now time.Time, limit int) ([]model.Article, error) {
	defer t.since("ListPicks", time.Now())
	return t.Store.ListPicks(ctx, now, limit)
}

func (t *timedStore) TopStories(ctx context.Context, since time.Time, limit int) ([]model.Story, error) {
	defer t.since("TopStories", time.Now())
	return t.Store.TopStories(ctx, since, limit)
}

func (t *timedStore) StoryArticles(ctx context.Context, storyID int64) ([]model.Article, error) {
	defer t.since("StoryArticles", time.Now())
	return t.Store.StoryArticles(ctx, storyID)
}

func (t *timedStore) Copies(ctx context.Context, articleID int64) ([]model.Article, error) {
	defer t.since("Copies", time.Now())
	return t.Store.Copies(ctx, articleID)
}

func (t *timedStore) ListRelated(ctx context.Context, articleID int64, limit int) ([]model.Article, error) {
	defer t.since("ListRelated", time.Now())
	return t.Store.ListRelated(ctx, articleID, limit)
}

func (t *timedStore) StoryAlias(ctx context.Context, oldID int64) (int64, error) {
	defer t.since("StoryAlias", time.Now())
	return t.Store.StoryAlias(ctx, oldID)
}
