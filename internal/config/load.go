package config

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/model"
)

// option is one scalar setting, known by the same name as a flag
// (--site-name), an environment variable (NEWSDESK_SITE_NAME) and a key of
// the config file ("site_name").
type option struct {
	name   string
	help   string
	secret bool
	isBool bool // a flag that may be given without a value
	get    func(*Config) string
	set    func(*Config, string) error
}

func (o option) envName() string {
	return "NEWSDESK_" + strings.ToUpper(strings.ReplaceAll(o.name, "-", "_"))
}

func (o option) fileKey() string { return strings.ReplaceAll(o.name, "-", "_") }

func stringOption(name, help string, field func(*Config) *string) option {
	return option{name: name, help: help,
		get: func(c *Config) string { return *field(c) },
		set: func(c *Config, v string) error { *field(c) = v; return nil },
	}
}

func intOption(name, help string, field func(*Config) *int) option {
	return option{name: name, help: help,
		get: func(c *Config) string { return strconv.Itoa(*field(c)) },
		set: func(c *Config, v string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return fmt.Errorf("%q is not a whole number", v)
			}
			*field(c) = n
			return nil
		},
	}
}

func floatOption(name, help string, field func(*Config) *float64) option {
	return option{name: name, help: help,
		get: func(c *Config) string { return strconv.FormatFloat(*field(c), 'g', -1, 64) },
		set: func(c *Config, v string) error {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				return fmt.Errorf("%q is not a number", v)
			}
			*field(c) = f
			return nil
		},
	}
}

func durationOption(name, help string, field func(*Config) *time.Duration) option {
	return option{name: name, help: help,
		get: func(c *Config) string { return field(c).String() },
		set: func(c *Config, v string) error {
			d, err := time.ParseDuration(strings.TrimSpace(v))
			if err != nil {
				return fmt.Errorf("%q is not a duration such as 90s or 15m", v)
			}
			*field(c) = d
			return nil
		},
	}
}

func boolOption(name, help string, field func(*Config) *bool) option {
	return option{name: name, help: help, isBool: true,
		get: func(c *Config) string { return strconv.FormatBool(*field(c)) },
		set: func(c *Config, v string) error {
			b, err := strconv.ParseBool(strings.TrimSpace(v))
			if err != nil {
				return fmt.Errorf("%q is not true/false or 1/0", v)
			}
			*field(c) = b
			return nil
		},
	}
}

// options is the table of every scalar setting. Lists (sections, social
// links) are set in the config file only.
var options = []option{
	stringOption("db", "SQLite database file", func(c *Config) *string { return &c.DB }),
	stringOption("addr", "address the site listens on", func(c *Config) *string { return &c.Addr }),
	stringOption("log-level", "debug, info, warn or error", func(c *Config) *string { return &c.LogLevel }),
	stringOption("site-name", "name of the news site", func(c *Config) *string { return &c.SiteName }),
	stringOption("tagline", "line shown under the site name", func(c *Config) *string { return &c.Tagline }),
	stringOption("time-zone", "IANA time zone for dates on the site", func(c *Config) *string { return &c.TimeZone }),
	intOption("page-size", "articles per list page", func(c *Config) *int { return &c.PageSize }),
	durationOption("page-cache-ttl", "keep rendered pages this long; 0 is off (a hidden article may stay visible this long)", func(c *Config) *time.Duration { return &c.PageCacheTTL }),
	durationOption("poll-interval", "time between checks of a healthy source", func(c *Config) *time.Duration { return &c.PollInterval }),
	durationOption("poll-min", "shortest time between checks of one source", func(c *Config) *time.Duration { return &c.PollMin }),
	durationOption("poll-max", "longest time between checks of a healthy source", func(c *Config) *time.Duration { return &c.PollMax }),
	durationOption("pause-after", "pause a source that has failed this long without a success", func(c *Config) *time.Duration { return &c.PauseAfter }),
	durationOption("max-backoff", "longest wait before retrying a failing source", func(c *Config) *time.Duration { return &c.MaxBackoff }),
	intOption("workers", "sources refreshed at the same time", func(c *Config) *int { return &c.Workers }),
	stringOption("user-agent", "User-Agent sent to publishers", func(c *Config) *string { return &c.UserAgent }),
	durationOption("fetch-timeout", "total time allowed for one request", func(c *Config) *time.Duration { return &c.FetchTimeout }),
	option{name: "max-body-bytes", help: "largest response body accepted, after decompression",
		get: func(c *Config) string { return strconv.FormatInt(c.MaxBodyBytes, 10) },
		set: func(c *Config, v string) error {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return fmt.Errorf("%q is not a whole number of bytes", v)
			}
			c.MaxBodyBytes = n
			return nil
		}},
	durationOption("host-gap", "minimum time between two requests to one host", func(c *Config) *time.Duration { return &c.HostGap }),
	stringOption("public-url", "the site's public address; enables WebSub push subscriptions", func(c *Config) *string { return &c.PublicURL }),
	boolOption("read-pages", "read an article's page for its full text when the feed gives a summary", func(c *Config) *bool { return &c.ReadPages }),
	boolOption("stories", "group new articles into stories and recognise syndicated copies", func(c *Config) *bool { return &c.Stories }),
	stringOption("copies", "syndicated copies in the site's lists and search: hide (show the original once) or list", func(c *Config) *string { return &c.Copies }),
	stringOption("search-language", "stemming language of the search index (english, french, german, … or none); a change rebuilds the index", func(c *Config) *string { return &c.SearchLanguage }),
	floatOption("search-recency", "how much newer articles rank above older ones in search: a score is multiplied by 1 + this × 2^(-age/half-life); 0 is off", func(c *Config) *float64 { return &c.SearchRecency }),
	durationOption("search-recency-half-life", "the age at which the recency boost has halved", func(c *Config) *time.Duration { return &c.SearchRecencyHalfLife }),
	boolOption("allow-private-networks", "allow fetching from loopback and private addresses", func(c *Config) *bool { return &c.AllowPrivateNetworks }),
}

// Flags registers every option on fs (plus --config) and returns a function
// that, after fs.Parse, builds the effective configuration: defaults, then
// the config file, then the environment, then the flags that were set.
func Flags(fs *flag.FlagSet, getenv func(string) string) func() (Config, error) {
	configPath := fs.String("config", getenv("NEWSDESK_CONFIG"), "JSON config file (env NEWSDESK_CONFIG)")
	given := map[string]string{}
	for _, o := range options {
		def := o.get(ptr(Default()))
		usage := fmt.Sprintf("%s (env %s, default %s)", o.help, o.envName(), def)
		record := func(v string) error {
			c := Default()
			if err := o.set(&c, v); err != nil {
				return err
			}
			given[o.name] = v
			return nil
		}
		if o.isBool {
			fs.BoolFunc(o.name, usage, record)
		} else {
			fs.Func(o.name, usage, record)
		}
	}
	return func() (Config, error) {
		c := Default()
		if *configPath != "" {
			if err := applyFile(&c, *configPath); err != nil {
				return c, err
			}
		}
		for _, o := range options {
			if v := getenv(o.envName()); v != "" {
				if err := o.set(&c, v); err != nil {
					return c, fmt.Errorf("environment %s: %w", o.envName(), err)
				}
			}
		}
		for _, o := range options {
			if v, ok := given[o.name]; ok {
				_ = o.set(&c, v) // already checked when the flag was parsed
			}
		}
		return c, c.Validate()
	}
}

func ptr[T any](v T) *T { return &v }

// fileConfig is the shape of the JSON config file: every scalar option by
// its snake_case key, plus the lists.
type fileConfig struct {
	Sections []struct {
		Slug     string   `json:"slug"`
		Name     string   `json:"name"`
		Synonyms []string `json:"synonyms"`
	} `json:"sections"`
	Social []Link `json:"social"`
}

func applyFile(c *Config, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config file: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("config file %s is not valid JSON: %w", path, err)
	}
	var lists fileConfig
	if err := json.Unmarshal(data, &lists); err != nil {
		return fmt.Errorf("config file %s: %w", path, err)
	}
	known := map[string]option{}
	for _, o := range options {
		known[o.fileKey()] = o
	}
	for key, val := range raw {
		if key == "sections" || key == "social" {
			continue
		}
		o, ok := known[key]
		if !ok {
			return fmt.Errorf("config file %s: unknown key %q", path, key)
		}
		var s string
		if err := json.Unmarshal(val, &s); err != nil {
			// Numbers and booleans are accepted unquoted.
			s = string(val)
		}
		if err := o.set(c, s); err != nil {
			return fmt.Errorf("config file %s: %s: %w", path, key, err)
		}
	}
	if lists.Sections != nil {
		c.Sections = nil
		for _, s := range lists.Sections {
			c.Sections = append(c.Sections, model.Section{Slug: s.Slug, Name: s.Name, Synonyms: s.Synonyms})
		}
	}
	if lists.Social != nil {
		c.Social = lists.Social
	}
	return nil
}

// Dump writes the effective configuration as "name = value" lines, one per
// option, with secrets redacted, followed by the sections and social links.
func (c Config) Dump() string {
	var b strings.Builder
	for _, o := range options {
		v := o.get(&c)
		if o.secret && v != "" {
			v = "[redacted]"
		}
		fmt.Fprintf(&b, "%-24s = %s\n", o.name, v)
	}
	for _, s := range c.Sections {
		fmt.Fprintf(&b, "%-24s = %s (%s): %s\n", "section", s.Name, s.Slug, strings.Join(s.Synonyms, ", "))
	}
	for _, l := range c.Social {
		fmt.Fprintf(&b, "%-24s = %s %s\n", "social", l.Name, l.URL)
	}
	return b.String()
}
