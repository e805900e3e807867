package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// picks is how many articles the editor pins; the home page shows four.
const picks = 4

// build writes the planned store through the store API as ingest does:
// each article with its placement (story, original, related list) in one
// transaction by UpsertPlacedArticle, then the hidden ones hidden, a few
// picks pinned and the search index brought up to date. It returns the
// sources' IDs.
func build(ctx context.Context, st store.Store, p *plan, start time.Time) ([]int64, error) {
	sourceIDs := make([]int64, len(benchSources))
	for i, s := range benchSources {
		id, err := st.AddSource(ctx, model.Source{Name: s.name, FeedURL: "https://" + slug(s.name) + ".example/feed.xml",
			SiteURL: "https://" + slug(s.name) + ".example/", Section: s.section, Policy: s.policy,
			LicenseName: "CC BY 4.0", LicenseURL: "https://creativecommons.org/licenses/by/4.0/",
			Poll: model.PollState{NextCheckAt: time.Now().Add(24 * time.Hour)}})
		if err != nil {
			return nil, err
		}
		sourceIDs[i] = id
	}
	t0 := time.Now()
	for i := range p.arts {
		a := p.article(i, sourceIDs, start)
		placement := p.placement(i)
		res, err := st.UpsertPlacedArticle(ctx, a, func(int64) store.Placement { return placement })
		if err != nil {
			return nil, err
		}
		if res.ID != int64(i+1) {
			return nil, fmt.Errorf("article %d was stored as %d: build into an empty store", i+1, res.ID)
		}
		if (i+1)%(max(1, len(p.arts)/10)) == 0 {
			el := time.Since(t0)
			fmt.Printf("  %d articles written, %.0f s, %.0f/s\n", i+1, el.Seconds(), float64(i+1)/el.Seconds())
		}
	}
	for i, a := range p.arts {
		if a.hidden {
			if err := st.SetArticleStatus(ctx, int64(i+1), model.StatusHidden, "sitebench"); err != nil {
				return nil, err
			}
		}
	}
	pinned := 0
	for i := len(p.arts) - 1; i >= 0 && pinned < picks; i -= 97 {
		if !p.arts[i].hidden && p.arts[i].original == 0 {
			if err := st.AddPick(ctx, model.Pick{ArticleID: int64(i + 1), Position: pinned}); err != nil {
				return nil, err
			}
			pinned++
		}
	}
	fmt.Printf("  articles, hidden ones and picks: %.1f s\n", time.Since(t0).Seconds())
	if w, ok := st.(interface{ WarmSearch(context.Context) error }); ok {
		t1 := time.Now()
		if err := w.WarmSearch(ctx); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		fmt.Printf("  search index: %.1f s\n", time.Since(t1).Seconds())
	}
	return sourceIDs, nil
}

// placement is article i's story, original and related list: up to
// MaxRelated earlier articles of other stories, best first.
func (p *plan) placement(i int) store.Placement {
	a := p.arts[i]
	pl := store.Placement{StoryID: a.story, DuplicateOf: a.original}
	if i == 0 {
		return pl
	}
	rng := rand.New(rand.NewPCG(p.seed^0x2e1, uint64(i)))
	lo := max(0, i-relatedSpan)
	for range store.MaxRelated {
		j := lo + rng.IntN(i-lo)
		if p.arts[j].story != a.story {
			pl.Related = append(pl.Related, store.Related{ArticleID: int64(j + 1), Score: 0.9 - 0.1*float64(len(pl.Related))})
		}
	}
	return pl
}

// reusable says whether st holds exactly the planned store: the last
// planned article is there with its GUID and title, and none after it.
func reusable(ctx context.Context, st store.Store, p *plan) (bool, error) {
	n := int64(len(p.arts))
	last, err := st.GetArticle(ctx, n)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	textID := n
	if o := p.arts[n-1].original; o != 0 {
		textID = o
	}
	title, _, _, _ := articleText(p.seed, textID)
	if last.GUID != fmt.Sprintf("sitebench-%d", n) || last.Title != title {
		return false, fmt.Errorf("the store holds other articles than -n %d -seed %d would build", n, p.seed)
	}
	if _, err := st.GetArticle(ctx, n+1); !errors.Is(err, store.ErrNotFound) {
		return false, fmt.Errorf("the store holds more than -n %d articles", n)
	}
	return true, nil
}
