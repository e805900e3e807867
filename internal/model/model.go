// Package model holds the plain values that travel through Newsdesk: sources,
// articles, sections and picks. It imports only the standard library and
// holds no behaviour beyond small helpers on its own values.
package model

import (
	"fmt"
	"time"
)

// Policy says how much of a source's text the site may republish.
type Policy string

const (
	// PolicyFull republishes the whole text with "This post appeared first on SOURCE".
	PolicyFull Policy = "full"
	// PolicyExcerpt shows the excerpt and "Read the full story at SOURCE". The default.
	PolicyExcerpt Policy = "excerpt"
	// PolicyLink shows only the headline and a link to the origin.
	PolicyLink Policy = "link"
)

// ParsePolicy accepts "full", "excerpt" or "link"; the empty string means the default.
func ParsePolicy(s string) (Policy, error) {
	switch Policy(s) {
	case "":
		return PolicyExcerpt, nil
	case PolicyFull, PolicyExcerpt, PolicyLink:
		return Policy(s), nil
	}
	return "", fmt.Errorf("unknown content policy %q: use full, excerpt or link", s)
}

// Status says whether an article is shown on the site.
type Status string

const (
	StatusPublished Status = "published"
	StatusHidden    Status = "hidden"
)

// PollState is the scheduling state the ingester keeps per source.
type PollState struct {
	ETag          string
	LastModified  string
	NextCheckAt   time.Time
	LastCheckAt   time.Time // zero until the first check
	LastSuccessAt time.Time // zero until the first successful check
	ErrorCount    int       // consecutive failed checks
	LastError     string    // plain words; empty after a success
	// FailingSince is when the current run of errors began; zero while
	// healthy. A source failing for longer than the pause limit is paused.
	FailingSince time.Time

	// Interval is the wait the scheduler chose after the last success,
	// which 304s and unchanged feeds lengthen gradually; 0 until then.
	Interval time.Duration
	// ItemsPerDay is the observed publishing rate: an exponentially
	// weighted average of new items per elapsed day.
	ItemsPerDay float64

	// Paused sources are never due; PauseReason says why in plain words.
	Paused      bool
	PauseReason string

	// RedirectURL is where the feed last redirected permanently and
	// RedirectCount how many checks in a row saw that same redirect.
	RedirectURL   string
	RedirectCount int
}

// Source is one publisher feed the network pulls from.
type Source struct {
	ID          int64
	Name        string
	SiteURL     string
	FeedURL     string
	Section     string // default section slug for items whose categories map to none
	Policy      Policy
	LicenseName string // e.g. "CC BY 4.0"; empty when the source carries no licence
	LicenseURL  string
	// ExtractKeep and ExtractDrop are CSS selectors that fix the rare site
	// the general extraction misses: elements that are the article body,
	// and elements never part of it.
	ExtractKeep []string
	ExtractDrop []string
	CreatedAt   time.Time
	Poll        PollState

	// ArticleCount is filled by store reads that list sources; it is never written.
	ArticleCount int
}

// Article is one item of a source, normalised and sanitised.
type Article struct {
	ID           int64
	SourceID     int64
	GUID         string // unique per source; the canonical URL when the feed gives none
	URL          string // the link the feed gave
	CanonicalURL string // the origin, cleaned of tracking parameters
	Title        string
	Author       string
	PublishedAt  time.Time
	UpdatedAt    time.Time
	FetchedAt    time.Time
	Excerpt      string // plain text, cut at a word boundary
	ContentHTML  string // sanitised HTML
	ContentText  string // plain text of ContentHTML, paragraphs split by blank lines
	ImageURL     string // lead image
	Language     string
	Section      string // section slug
	Tags         []string
	Status       Status
	HiddenReason string

	// PublishedEstimated: the feed gave no usable date, so PublishedAt is
	// the time the item was first seen; updates keep it.
	PublishedEstimated bool
	// NoArchive: the publisher's page says noarchive or none, so the article
	// is shown as an excerpt whatever its source's policy.
	NoArchive bool
	// ExtractError says why the article page's text could not be used
	// (the feed's text is kept); empty when it was used or not needed.
	ExtractError string
	// StoryID is the ID of the first article of the story this one belongs
	// to (itself when it starts one); 0 until it has been placed.
	StoryID int64
	// DuplicateOf is the first-seen original when this article is a
	// syndicated copy of it; 0 otherwise.
	DuplicateOf int64
	// FeedHash identifies the item as the feed described it, before any
	// text was filled from its page. When set, the store compares it to
	// decide whether the item changed, so page text never looks like a
	// change on the next poll.
	FeedHash string

	// Filled by store reads from the article's source; never written.
	SourceName    string
	SourcePolicy  Policy
	SourceSiteURL string
}

// EffectivePolicy is how much of this article the site may show: its
// source's policy, lowered to excerpt when the page asked not to be archived.
func (a Article) EffectivePolicy() Policy {
	if a.NoArchive && a.SourcePolicy == PolicyFull {
		return PolicyExcerpt
	}
	return a.SourcePolicy
}

// Section is one part of the site, such as Politics.
type Section struct {
	Slug     string
	Name     string
	Synonyms []string // feed categories that file into this section, e.g. "US Politics"
}

// Pick is an article pinned by an editor to "Editor's Pick".
type Pick struct {
	ArticleID int64
	Position  int       // lower first
	Until     time.Time // zero: no end
	CreatedAt time.Time
}

// Story is a cluster of articles about one event, as the site lists it.
type Story struct {
	ID        int64   // the ID of its first article
	Lead      Article // the article that represents it: the newest with an image, else the newest
	Articles  int     // how many published articles it holds
	Sources   int     // from how many distinct sources
	FirstSeen time.Time
	LastSeen  time.Time
}
