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
// of one already seen, which story it joins, which stories that merges and
// which articles of other stories it is like. Its memory is the recent
// window, rebuilt from the database at start (LoadStories); the decisions
// themselves are stored with each article. The clusterer and deduper are
// not safe for concurrent use, and ingest refreshes sources in parallel,
// hence the mutex.
type storyDesk struct {
	mu       sync.Mutex
	sameURL  *sameURL
	dedup    *story.Deduper
	clusters *story.Clusterer
	members  *storyMembers
	// known maps the clusterer's names for stories rebuilt at start to the
	// story IDs stored before the restart, so a story keeps its ID.
	known map[story.StoryID]int64
}

func newStoryDesk(window int) *storyDesk {
	return &storyDesk{
		sameURL:  newSameURL(window),
		dedup:    story.NewDeduper(story.DedupOptions{Window: window}),
		clusters: story.NewClusterer(story.ClusterOptions{Window: window}),
		members:  newStoryMembers(window),
		known:    map[story.StoryID]int64{},
	}
}

// storyID is the stored ID of a story the clusterer names.
func (d *storyDesk) storyID(sid story.StoryID) int64 {
	if id, ok := d.known[sid]; ok {
		return id
	}
	id, _ := strconv.ParseInt(string(sid), 10, 64)
	return id
}

// place decides an article's story, original, related articles and the
// stories its story absorbs.
func (d *storyDesk) place(a model.Article) store.Placement {
	id := strconv.FormatInt(a.ID, 10)
	sig := story.Sign(a.ContentText)
	d.mu.Lock()
	defer d.mu.Unlock()
	var p store.Placement
	p.DuplicateOf = d.sameURL.add(a.CanonicalURL, a.ID)
	if orig, ok := d.dedup.AddSignature(id, sig); ok && p.DuplicateOf == 0 {
		p.DuplicateOf, _ = strconv.ParseInt(orig, 10, 64)
	}
	placed := d.clusters.AssignNear(story.Doc{ID: id, Title: a.Title, Text: a.Excerpt,
		Published: a.PublishedAt, Source: strconv.FormatInt(a.SourceID, 10)}, nearStories, nearScore)
	p.StoryID = d.storyID(placed.Story)
	for _, m := range placed.Merged {
		p.Merged = append(p.Merged, d.storyID(m))
	}
	p.Related = d.members.related(placed.Near, a.SourceID)
	p.Neighbours = d.members.offer(a.ID, p.Related)
	d.members.add(placed.Story, placed.Merged, a.ID, a.SourceID, p.DuplicateOf, p.Related)
	p.Signature, _ = sig.MarshalBinary() // a fixed-size value: it cannot fail
	return p
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
		d.sameURL.add(doc.CanonicalURL, doc.ArticleID)
		if len(doc.Signature) > 0 {
			var sig story.Signature
			if err := sig.UnmarshalBinary(doc.Signature); err == nil {
				d.dedup.AddSignature(id, sig)
			}
		}
		// Near misses are not needed here (the articles have their lists),
		// but merges are, to keep the members of merged stories together.
		placed := d.clusters.AssignNear(story.Doc{ID: id, Title: doc.Title, Text: doc.Lead,
			Published: doc.PublishedAt, Source: strconv.FormatInt(doc.SourceID, 10)}, 0, 0)
		if _, seen := d.known[placed.Story]; !seen && doc.StoryID != 0 {
			d.known[placed.Story] = doc.StoryID
		}
		d.members.add(placed.Story, placed.Merged, doc.ArticleID, doc.SourceID, doc.DuplicateOf, doc.Related)
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
		return in.stories.place(a)
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
				CanonicalURL: doc.CanonicalURL, Excerpt: doc.Lead, ContentText: doc.Text, PublishedAt: doc.PublishedAt}
			if err := in.store.SetArticleStory(ctx, a.ID, desk.place(a)); err != nil {
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
