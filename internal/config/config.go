// Package config owns Newsdesk's one Config struct: its defaults, the
// NEWSDESK_* environment variables, an optional JSON config file and the
// command-line flags, applied in that order so that flags win over the
// environment, which wins over the file. It is loaded and validated once
// by the command and passed down explicitly; no other package reads the
// environment or flags.
//
// It imports only model and the standard library.
package config

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
)

// Link is a named URL, used for the "Connect with us" social links.
type Link struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Config is everything an operator can set.
type Config struct {
	DB       string // SQLite database file
	Addr     string // listen address of the site
	LogLevel string

	SiteName string
	Tagline  string
	TimeZone string // IANA name; dates on the site are shown in it
	PageSize int
	// PageCacheTTL keeps rendered pages this long (0: off). A hidden
	// article may then stay visible for up to this long.
	PageCacheTTL time.Duration

	// Sections and Social come from the config file only: they are lists.
	Sections []model.Section
	Social   []Link

	PollInterval time.Duration // first interval of a new source; adaptive polling moves it between PollMin and PollMax
	PollMin      time.Duration // a source is never checked more often than this
	PollMax      time.Duration // a healthy source is checked at least this often
	MaxBackoff   time.Duration // longest wait after repeated errors
	PauseAfter   time.Duration // a source failing this long without a success is paused
	Workers      int           // sources refreshed at once

	UserAgent            string
	FetchTimeout         time.Duration
	MaxBodyBytes         int64
	HostGap              time.Duration
	AllowPrivateNetworks bool
	// ReadPages reads an article's page for its full text when the feed
	// gives only a summary (robots.txt permitting).
	ReadPages bool
	// Stories places each new article in a story and recognises
	// syndicated copies.
	Stories bool
	// Copies says how the site's lists and search treat syndicated
	// copies: "hide" shows and finds each original once, its copies named
	// under "Also published by"; "list" lists and finds every copy as an
	// article of its own.
	Copies string

	// SearchLanguage is the search index's stemming language (a snowball
	// stemmer's name, or "none"); the store checks the name.
	SearchLanguage string
	// SearchRecency boosts newer articles in search results: a score is
	// multiplied by 1 + SearchRecency × 2^(-age/SearchRecencyHalfLife).
	SearchRecency         float64
	SearchRecencyHalfLife time.Duration

	// PublicURL is the site's address as the outside world reaches it
	// (e.g. https://news.example.org); WebSub subscriptions need it for
	// their callbacks and are off while it is empty.
	PublicURL string
}

// Default returns the configuration used when nothing else is set.
func Default() Config {
	return Config{
		DB:       "newsdesk.db",
		Addr:     "127.0.0.1:8080",
		LogLevel: "info",
		SiteName: "Newsdesk Network",
		Tagline:  "The day's news from many publishers, each one credited.",
		TimeZone: "UTC",
		PageSize: 20,
		Sections: DefaultSections(),
		Social: []Link{
			{Name: "RSS", URL: "/feed.xml"},
			{Name: "Mastodon", URL: "https://mastodon.social/"},
			{Name: "Bluesky", URL: "https://bsky.app/"},
		},
		PollInterval: 15 * time.Minute,
		MaxBackoff:   6 * time.Hour,
		PollMin:      5 * time.Minute,
		PollMax:      2 * time.Hour,
		PauseAfter:   72 * time.Hour,
		ReadPages:    true,
		Stories:      true,
		Copies:       "hide",

		SearchLanguage:        "english",
		SearchRecencyHalfLife: 30 * 24 * time.Hour,
		Workers:               4,
		UserAgent:             "Newsdesk/0.1 (+https://github.com/newsdesk/newsdesk)",
		FetchTimeout:          20 * time.Second,
		MaxBodyBytes:          10 << 20,
		HostGap:               time.Second,
	}
}

// DefaultSections are the sections a new site starts with, each with the
// feed categories that file into it.
func DefaultSections() []model.Section {
	return []model.Section{
		{Slug: "politics", Name: "Politics", Synonyms: []string{"US Politics", "Elections", "Government", "Congress", "Parliament", "Policy"}},
		{Slug: "business", Name: "Business", Synonyms: []string{"Markets", "Economy", "Finance", "Money", "Companies", "Trade"}},
		{Slug: "world", Name: "World", Synonyms: []string{"International", "World News", "Europe", "Asia", "Africa", "Americas", "Middle East", "Global"}},
		{Slug: "technology", Name: "Technology", Synonyms: []string{"Tech", "Science", "Gadgets", "AI", "Internet", "Software"}},
		{Slug: "sports", Name: "Sports", Synonyms: []string{"Sport", "Football", "Soccer", "Basketball", "Tennis", "Cricket", "Athletics"}},
	}
}

// Location returns the configured time zone.
func (c Config) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w (use an IANA name such as Europe/Berlin)", c.TimeZone, err)
	}
	return loc, nil
}

// Validate reports every problem at once, each in words that say what to do.
func (c Config) Validate() error {
	var errs []error
	if c.DB == "" {
		errs = append(errs, errors.New("db: set a database file path with --db"))
	}
	if c.Addr == "" {
		errs = append(errs, errors.New("addr: set a listen address such as 127.0.0.1:8080"))
	}
	if _, err := c.Location(); err != nil {
		errs = append(errs, err)
	}
	if c.PageSize < 1 || c.PageSize > 200 {
		errs = append(errs, fmt.Errorf("page-size %d: use 1 to 200", c.PageSize))
	}
	if c.PageCacheTTL < 0 || c.PageCacheTTL > time.Minute {
		errs = append(errs, fmt.Errorf("page-cache-ttl %s: use 0 (off) to 1m", c.PageCacheTTL))
	}
	if c.PollInterval < time.Second {
		errs = append(errs, fmt.Errorf("poll-interval %s: use at least 1s", c.PollInterval))
	}
	if c.PollMin < time.Second || c.PollMin > c.PollMax {
		errs = append(errs, fmt.Errorf("poll-min %s and poll-max %s: need 1s <= poll-min <= poll-max", c.PollMin, c.PollMax))
	}
	if c.PauseAfter < c.MaxBackoff {
		errs = append(errs, fmt.Errorf("pause-after %s is shorter than max-backoff %s", c.PauseAfter, c.MaxBackoff))
	}
	if c.PublicURL != "" && !strings.HasPrefix(c.PublicURL, "http://") && !strings.HasPrefix(c.PublicURL, "https://") {
		errs = append(errs, fmt.Errorf("public-url %q: give the site's full address, such as https://news.example.org", c.PublicURL))
	}
	if c.MaxBackoff < c.PollInterval {
		errs = append(errs, fmt.Errorf("max-backoff %s is shorter than poll-interval %s", c.MaxBackoff, c.PollInterval))
	}
	if c.Workers < 1 || c.Workers > 256 {
		errs = append(errs, fmt.Errorf("workers %d: use 1 to 256", c.Workers))
	}
	if c.FetchTimeout <= 0 {
		errs = append(errs, fmt.Errorf("fetch-timeout %s: must be positive", c.FetchTimeout))
	}
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, fmt.Errorf("max-body-bytes %d: use at least 1024", c.MaxBodyBytes))
	}
	if len(c.Sections) == 0 {
		errs = append(errs, errors.New("sections: configure at least one section"))
	}
	seen := map[string]bool{}
	for _, s := range c.Sections {
		if s.Slug == "" || s.Name == "" || strings.ContainsAny(s.Slug, "/ ?#") {
			errs = append(errs, fmt.Errorf("section %q/%q: needs a name and a slug of letters, digits and dashes", s.Slug, s.Name))
		}
		if seen[s.Slug] {
			errs = append(errs, fmt.Errorf("section %q is configured twice", s.Slug))
		}
		seen[s.Slug] = true
	}
	if c.SearchRecency < 0 || c.SearchRecency > 100 {
		errs = append(errs, fmt.Errorf("search-recency %g: use 0 (off) to 100", c.SearchRecency))
	}
	if c.SearchRecencyHalfLife < time.Hour {
		errs = append(errs, fmt.Errorf("search-recency-half-life %s: use at least 1h", c.SearchRecencyHalfLife))
	}
	switch c.Copies {
	case "hide", "list":
	default:
		errs = append(errs, fmt.Errorf("copies %q: use hide or list", c.Copies))
	}
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log-level %q: use debug, info, warn or error", c.LogLevel))
	}
	return errors.Join(errs...)
}

// SectionSlug returns the slug of the section named or slugged s
// (case-insensitive), or "" when none matches.
func (c Config) SectionSlug(s string) string {
	for _, sec := range c.Sections {
		if strings.EqualFold(sec.Slug, s) || strings.EqualFold(sec.Name, s) {
			return sec.Slug
		}
	}
	return ""
}
