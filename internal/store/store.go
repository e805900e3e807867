// Package store defines how Newsdesk keeps its state: the interfaces every
// database implementation satisfies, the query values they take and the
// sentinel errors they return. Implementations live in sub-packages
// (store/sqlite) and are tested by one shared suite (store/storetest).
//
// It imports only model and the standard library.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
)

var (
	// ErrNotFound: the row asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrSearchNotReady says the search index is being built (from the
	// articles, after an upgrade or a lost index): try again shortly.
	ErrSearchNotReady = errors.New("the search index is being built")
	// ErrConflict: the write would duplicate a unique row (e.g. a source's feed URL).
	ErrConflict = errors.New("already exists")
)

// Store is everything Newsdesk keeps.
type Store interface {
	Sources
	SourceControl
	Articles
	Stories
	Picks
	Close() error
}

// Sources keeps the publishers the network pulls from.
type Sources interface {
	// AddSource stores a new source and returns its ID; ErrConflict when
	// a source with the same feed URL exists.
	AddSource(ctx context.Context, src model.Source) (int64, error)
	// GetSource returns one source without its ArticleCount, which
	// would cost a count of its articles on every page that names it.
	GetSource(ctx context.Context, id int64) (model.Source, error)
	// ListSources returns every source by ID, with ArticleCount filled.
	ListSources(ctx context.Context) ([]model.Source, error)
	// RemoveSource deletes a source with its articles and picks.
	RemoveSource(ctx context.Context, id int64) error
	// DueSources returns sources whose NextCheckAt is at or before now,
	// most overdue first.
	DueSources(ctx context.Context, now time.Time, limit int) ([]model.Source, error)
	// SavePollState records the outcome of a check.
	SavePollState(ctx context.Context, sourceID int64, state model.PollState) error
}

// SourceControl changes a source beyond recording a check: an operator's
// pause and resume, and the scheduler moving a feed that has moved.
type SourceControl interface {
	// SetSourcePaused pauses a source with a reason, or resumes it:
	// resuming clears its errors and redirect count and makes it due at
	// once. ErrNotFound when there is no such source.
	SetSourcePaused(ctx context.Context, id int64, paused bool, reason string) error
	// SetSourceRules replaces a source's extraction rules (CSS selectors
	// to keep and to drop); ErrNotFound when there is no such source.
	SetSourceRules(ctx context.Context, id int64, keep, drop []string) error
	// MoveSourceFeed changes a source's feed URL and forgets the old URL's
	// validators (ETag, Last-Modified) and redirect count; ErrConflict
	// when another source has that feed URL, ErrNotFound when there is no
	// such source.
	MoveSourceFeed(ctx context.Context, id int64, newURL string) error
}

// UpsertResult says what storing one article did.
type UpsertResult struct {
	ID      int64
	Created bool // a new article
	Updated bool // an existing article whose content changed
}

// ArticleQuery selects published articles for a list page, newest first.
type ArticleQuery struct {
	Section  string // section slug; empty for all
	SourceID int64  // 0 for all
	// HideCopies leaves out syndicated copies (articles with a
	// DuplicateOf), so a list shows each original once; the copies stay
	// reachable from the original's "Also published by".
	HideCopies bool
	// SkipTotal leaves ArticlePage.Total 0 for a caller that shows no
	// page count (the home page, feeds): counting reads an index entry
	// for every article the query matches.
	SkipTotal bool
	Limit     int
	Offset    int
}

// ArticlePage is one page of a list and the total it was cut from.
type ArticlePage struct {
	Articles []model.Article
	Total    int
}

// SearchQuery is a reader's full-text query and the filters that narrow it.
type SearchQuery struct {
	Text     string    // as the reader typed it; implementations make it safe
	Section  string    // section slug; empty for all
	SourceID int64     // 0 for all
	From, To time.Time // published at or after From and before To; zero for no bound
	Sort     string    // SortRelevance (also when empty) or SortDate
	Limit    int
	Offset   int
}

// MaxSearchResults is how deep a search's results go: hits past this
// place are never returned (a reader refines the search long before, and
// deep pages cost every search a bigger heap), though Total still counts
// every match.
const MaxSearchResults = 1000

// Orders of search results.
const (
	SortRelevance = "relevance" // best match first (BM25, title above body)
	SortDate      = "date"      // newest first
)

// SearchHit is one result: the article and a plain-text snippet whose
// matched terms are wrapped in HighlightStart / HighlightEnd (empty for an
// article of a link-only source, which shows its headline and link only).
type SearchHit struct {
	Article model.Article
	Snippet string
}

// Markers around matched terms in snippets; the web layer turns them into <mark>.
const (
	HighlightStart = "\x02"
	HighlightEnd   = "\x03"
)

// SearchResults is one page of hits, the total number of matches and how
// those matches spread over sections and sources.
type SearchResults struct {
	Hits   []SearchHit
	Total  int
	Facets Facets
	// Suggestion is a corrected query text built from the index's own
	// words when the query found little; empty when there is none.
	Suggestion string
}

// Facets count the matches of a search by section and by source, most
// first. Each dimension is counted with every filter but its own, so a
// reader sees what choosing another section or source would give.
type Facets struct {
	Sections, Sources []FacetCount
}

// FacetCount is one value of a facet: for sections Value is the slug (Label
// left for the site to name), for sources Value is the source ID in decimal
// and Label its name.
type FacetCount struct {
	Value string
	Label string
	Count int
}

// Articles keeps articles and their search index, always together.
type Articles interface {
	// UpsertArticle stores an article in one transaction with its search
	// index entry. An article with the same source and GUID is updated
	// in place (keeping its ID, status and first-fetched time, and its
	// published time when PublishedEstimated) when its content changed
	// (its FeedHash, when set, else its stored fields), and left alone
	// otherwise.
	UpsertArticle(ctx context.Context, a model.Article) (UpsertResult, error)
	// ArticleFeedHash returns the FeedHash stored for a source's item, so
	// that ingest can skip an unchanged item before doing any work for it;
	// ErrNotFound when the item is new.
	ArticleFeedHash(ctx context.Context, sourceID int64, guid string) (string, error)
	// GetArticle returns an article whatever its status, with source fields filled.
	GetArticle(ctx context.Context, id int64) (model.Article, error)
	// ListArticles, SearchArticles and ListPicks return
	// summaries: every field but ContentHTML and ContentText, which list
	// pages never show and which are most of an article's bytes.
	ListArticles(ctx context.Context, q ArticleQuery) (ArticlePage, error)
	SearchArticles(ctx context.Context, q SearchQuery) (SearchResults, error)
	// Reindex rebuilds the search index from the stored articles, calling
	// progress (when set) as it goes.
	Reindex(ctx context.Context, progress func(done, total int)) error
	// SetArticleStatus hides or restores an article everywhere; ErrNotFound
	// when there is no such article.
	SetArticleStatus(ctx context.Context, id int64, status model.Status, reason string) error
}

// Picks keeps the Editor's Pick list.
type Picks interface {
	// AddPick pins a published article; pinning it again moves it.
	AddPick(ctx context.Context, p model.Pick) error
	RemovePick(ctx context.Context, articleID int64) error
	// ListPicks returns the pinned articles that are published and not
	// expired at now, by position then newest pin.
	ListPicks(ctx context.Context, now time.Time, limit int) ([]model.Article, error)
}

// StoryDoc is what the story desk needs of a recent article to rebuild its
// memory after a restart.
type StoryDoc struct {
	ArticleID int64
	SourceID  int64
	Title     string
	Lead      string // the excerpt
	// CanonicalURL identifies the page: two articles with the same one are
	// the same article brought in twice.
	CanonicalURL string
	PublishedAt  time.Time
	StoryID      int64
	DuplicateOf  int64  // the original it copies; 0 for none
	Signature    []byte // nil when none was stored
	Text         string // the body's text; filled by StoryDocsFrom only
	// Related is its stored related list, best first; filled by
	// RecentStoryDocs only.
	Related []Related
}

// Placement is where a new article goes: its story, the original it
// copies (0 for none) and its near-duplicate signature, with what placing
// it decided about other articles.
type Placement struct {
	StoryID, DuplicateOf int64
	Signature            []byte
	// Related is the article's "You May Also Like" list: articles like
	// it in other stories, best first, at most MaxRelated.
	Related []Related
	// Neighbours are other articles' lists that this article entered,
	// each written whole (an entry whose article is gone is skipped).
	Neighbours []RelatedList
	// Merged are stories the article's story absorbed: their articles
	// move to StoryID and their IDs become aliases of it.
	Merged []int64
}

// Related is one entry of an article's related list: the other article
// and how alike the two are (higher is closer).
type Related struct {
	ArticleID int64
	Score     float64
}

// RelatedList is an article's related list, best first.
type RelatedList struct {
	ArticleID int64
	Related   []Related
}

// MaxRelated is how many entries an article's related list keeps.
const MaxRelated = 6

// PlaceFunc decides a new article's Placement once its ID is known.
type PlaceFunc func(articleID int64) Placement

// Stories keeps which story each article belongs to, syndicated copies,
// the signatures that recognise copies, each article's related list and
// the IDs of merged stories.
type Stories interface {
	// UpsertPlacedArticle is UpsertArticle that, when the article is new,
	// calls place with its ID and stores the Placement in the same
	// transaction: article, search entry, signature, related lists and
	// merged stories land together.
	UpsertPlacedArticle(ctx context.Context, a model.Article, place PlaceFunc) (UpsertResult, error)
	// SetArticleStory records an article's Placement in one transaction,
	// as UpsertPlacedArticle does for a new article, replacing its related
	// list (none when Related is empty): the way to place stored articles
	// again.
	SetArticleStory(ctx context.Context, articleID int64, p Placement) error
	// RecentStoryDocs returns up to limit articles, oldest first, among the
	// newest by published time.
	RecentStoryDocs(ctx context.Context, limit int) ([]StoryDoc, error)
	// StoryDocsFrom returns up to limit articles published after
	// (afterPublished, afterID), in published order, with their text:
	// the way to walk the whole history, a page at a time.
	StoryDocsFrom(ctx context.Context, afterPublished time.Time, afterID int64, limit int) ([]StoryDoc, error)
	// TopStories ranks the stories with an article published since
	// since by distinct sources, then by their newest article.
	TopStories(ctx context.Context, since time.Time, limit int) ([]model.Story, error)
	// StoryArticles returns a story's published articles, oldest first;
	// ErrNotFound when it has none.
	StoryArticles(ctx context.Context, storyID int64) ([]model.Article, error)
	// Copies returns the published syndicated copies of an article.
	Copies(ctx context.Context, articleID int64) ([]model.Article, error)
	// ListRelated returns up to limit published articles of an article's
	// stored related list, best first, as summaries, leaving out those
	// now in its own story (stories merge after lists are made).
	ListRelated(ctx context.Context, articleID int64, limit int) ([]model.Article, error)
	// StoryAlias returns the story that absorbed story oldID;
	// ErrNotFound when none did.
	StoryAlias(ctx context.Context, oldID int64) (int64, error)
}
