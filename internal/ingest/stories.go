package ingest

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/story"
)

// defaultStoryWindow is how many recent articles the story desk remembers:
// the window of both near-duplicate detection and story clustering.
const defaultStoryWindow = 20000

// storyDesk decides for each new article whether it is a syndicated copy
// of one already seen and which story it joins. Its memory is the recent
// window, rebuilt from the database at start (LoadStories); the decisions
// themselves are stored with each article. The clusterer and deduper are
// not safe for concurrent use, and ingest refreshes sources in parallel,
// hence the mutex.
type storyDesk struct {
	mu       sync.Mutex
	dedup    *story.Deduper
	clusters *story.Clusterer
	// known maps the clusterer's names for stories rebuilt at start to the
	// story IDs stored before the restart, so a story keeps its ID.
	known map[story.StoryID]int64
}

func newStoryDesk(window int) *storyDesk {
	return &storyDesk{
		dedup:    story.NewDeduper(story.DedupOptions{Window: window}),
		clusters: story.NewClusterer(story.ClusterOptions{Window: window}),
		known:    map[story.StoryID]int64{},
	}
}

// place decides an article's original (0 for none) and story, and returns
// its signature for storage.
func (d *storyDesk) place(a model.Article) (storyID, duplicateOf int64, signature []byte) {
	id := strconv.FormatInt(a.ID, 10)
	sig := story.Sign(a.ContentText)
	d.mu.Lock()
	defer d.mu.Unlock()
	if orig, ok := d.dedup.AddSignature(id, sig); ok {
		duplicateOf, _ = strconv.ParseInt(orig, 10, 64)
	}
	assigned := d.clusters.Assign(story.Doc{ID: id, Title: a.Title, Text: a.Excerpt,
		Published: a.PublishedAt, Source: strconv.FormatInt(a.SourceID, 10)})
	storyID, ok := d.known[assigned]
	if !ok {
		storyID, _ = strconv.ParseInt(string(assigned), 10, 64)
	}
	signature, _ = sig.MarshalBinary() // a fixed-size value: it cannot fail
	return storyID, duplicateOf, signature
}

// LoadStories rebuilds the story desk's memory from the newest articles in
// the database, so duplicates and stories carry on across a restart.
func (in *Ingester) LoadStories(ctx context.Context) error {
	if in.stories == nil {
		return nil
	}
	docs, err := in.store.RecentStoryDocs(ctx, in.opts.StoryWindow)
	if err != nil {
		return fmt.Errorf("load stories: %w", err)
	}
	d := in.stories
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, doc := range docs {
		id := strconv.FormatInt(doc.ArticleID, 10)
		if len(doc.Signature) > 0 {
			var sig story.Signature
			if err := sig.UnmarshalBinary(doc.Signature); err == nil {
				d.dedup.AddSignature(id, sig)
			}
		}
		assigned := d.clusters.Assign(story.Doc{ID: id, Title: doc.Title, Text: doc.Lead,
			Published: doc.PublishedAt, Source: strconv.FormatInt(doc.SourceID, 10)})
		if _, seen := d.known[assigned]; !seen && doc.StoryID != 0 {
			d.known[assigned] = doc.StoryID
		}
	}
	return nil
}

// placer returns the function the store calls, inside the new article's
// transaction, to place it; nil when stories are off.
func (in *Ingester) placer(a model.Article) store.PlaceFunc {
	if in.stories == nil {
		return nil
	}
	return func(id int64) store.Placement {
		a.ID = id
		storyID, duplicateOf, sig := in.stories.place(a)
		return store.Placement{StoryID: storyID, DuplicateOf: duplicateOf, Signature: sig}
	}
}

// rebuildPage is how many articles RebuildStories reads at a time.
const rebuildPage = 1000

// RebuildStories places every stored article again, oldest first, with a
// fresh memory: after the clustering method changed, or for articles
// stored before stories existed. progress, when set, is called after each
// page with how many articles are done. The Ingester's own memory is
// replaced by the rebuilt one.
func (in *Ingester) RebuildStories(ctx context.Context, progress func(done int)) error {
	desk := newStoryDesk(max(in.opts.StoryWindow, defaultStoryWindow))
	var afterPublished time.Time
	var afterID int64
	done := 0
	for {
		docs, err := in.store.StoryDocsFrom(ctx, afterPublished, afterID, rebuildPage)
		if err != nil {
			return fmt.Errorf("rebuild stories: %w", err)
		}
		for _, doc := range docs {
			a := model.Article{ID: doc.ArticleID, SourceID: doc.SourceID, Title: doc.Title,
				Excerpt: doc.Lead, ContentText: doc.Text, PublishedAt: doc.PublishedAt}
			storyID, duplicateOf, sig := desk.place(a)
			p := store.Placement{StoryID: storyID, DuplicateOf: duplicateOf, Signature: sig}
			if err := in.store.SetArticleStory(ctx, a.ID, p); err != nil {
				return fmt.Errorf("rebuild stories: %w", err)
			}
		}
		done += len(docs)
		if progress != nil && len(docs) > 0 {
			progress(done)
		}
		if len(docs) < rebuildPage {
			break
		}
		last := docs[len(docs)-1]
		afterPublished, afterID = last.PublishedAt, last.ArticleID
	}
	if in.stories != nil {
		in.stories = desk
	}
	return nil
}
