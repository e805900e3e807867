package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// contentFiles holds one file per publisher; see content/README.txt for the
// format. It is read-only, so sharing it at package level is safe.
//
//go:embed content/*.txt
var contentFiles embed.FS

// sections are the slugs the product files articles under.
var sections = []string{"politics", "business", "world", "technology", "sports"}

// publisherSpec is one publisher as written in its content file.
type publisherSpec struct {
	Name, Slug  string
	Tagline     string
	Format      string // rss, atom or json
	Variant     string // "full" feeds carry the whole text, "summary" only a summary
	FeedPath    string
	Section     string
	Policy      string
	LicenseName string
	LicenseURL  string
	Accent      string // CSS colour of the masthead
	Articles    []*articleSpec
}

// articleSpec is one article as written in a content file.
type articleSpec struct {
	Publisher  *publisherSpec
	Slug       string
	Headline   string
	Author     string
	Section    string
	Categories []string
	Hours      float64 // published this many hours before Start
	Image      string  // name of a generated SVG, empty for none
	Caption    string
	Event      string // shared key of a real-world event several outlets cover
	Reserve    bool   // held back and released by the ticker
	CopyOf     string // "publisher-slug/article-slug" of a verbatim original
	Summary    string
	Paragraphs []string
}

// copyCredit is the line a syndicated copy ends with.
func copyCredit(origin string) string {
	return "This article first appeared on " + origin + "."
}

// loadContent parses every embedded content file and resolves copies.
func loadContent() ([]*publisherSpec, error) {
	names, err := fs.Glob(contentFiles, "content/*.txt")
	if err != nil {
		return nil, fmt.Errorf("list demo content: %w", err)
	}
	slices.Sort(names)
	var pubs []*publisherSpec
	for _, name := range names {
		if path.Base(name) == "README.txt" {
			continue
		}
		data, err := contentFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read demo content %s: %w", name, err)
		}
		p, err := parsePublisher(string(data))
		if err != nil {
			return nil, fmt.Errorf("parse demo content %s: %w", name, err)
		}
		pubs = append(pubs, p)
	}
	if err := resolveCopies(pubs); err != nil {
		return nil, err
	}
	return pubs, nil
}

// parsePublisher reads one content file: a header block, then article
// blocks, separated by lines holding only "+++".
func parsePublisher(text string) (*publisherSpec, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	blocks := splitBlocks(text)
	if len(blocks) == 0 {
		return nil, fmt.Errorf("empty content file")
	}
	head, _ := splitHeader(blocks[0])
	p := &publisherSpec{
		Name: head["name"], Slug: head["slug"], Tagline: head["tagline"],
		Format: head["format"], Variant: head["variant"], FeedPath: head["feed-path"],
		Section: head["section"], Policy: head["policy"],
		LicenseName: head["license-name"], LicenseURL: head["license-url"],
		Accent: head["accent"],
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i, b := range blocks[1:] {
		a, err := parseArticle(b)
		if err != nil {
			return nil, fmt.Errorf("article block %d: %w", i+1, err)
		}
		if seen[a.Slug] {
			return nil, fmt.Errorf("article block %d: duplicate slug %q", i+1, a.Slug)
		}
		seen[a.Slug] = true
		a.Publisher = p
		p.Articles = append(p.Articles, a)
	}
	return p, nil
}

func (p *publisherSpec) validate() error {
	switch {
	case p.Name == "" || p.Slug == "":
		return fmt.Errorf("publisher needs name and slug")
	case !slices.Contains([]string{"rss", "atom", "json"}, p.Format):
		return fmt.Errorf("publisher %s: format %q is not rss, atom or json", p.Slug, p.Format)
	case p.Variant != "full" && p.Variant != "summary":
		return fmt.Errorf("publisher %s: variant %q is not full or summary", p.Slug, p.Variant)
	case !strings.HasPrefix(p.FeedPath, "/"):
		return fmt.Errorf("publisher %s: feed-path %q must start with /", p.Slug, p.FeedPath)
	case !slices.Contains(sections, p.Section):
		return fmt.Errorf("publisher %s: unknown section %q", p.Slug, p.Section)
	case !slices.Contains([]string{"full", "excerpt", "link"}, p.Policy):
		return fmt.Errorf("publisher %s: unknown policy %q", p.Slug, p.Policy)
	}
	return nil
}

// splitBlocks cuts text at lines holding only "+++" and drops comment lines
// (starting with "#") and empty blocks.
func splitBlocks(text string) []string {
	var blocks []string
	var cur []string
	flush := func() {
		b := strings.TrimSpace(strings.Join(cur, "\n"))
		if b != "" {
			blocks = append(blocks, b)
		}
		cur = cur[:0]
	}
	for line := range strings.SplitSeq(text, "\n") {
		switch {
		case strings.TrimSpace(line) == "+++":
			flush()
		case strings.HasPrefix(line, "#"):
		default:
			cur = append(cur, line)
		}
	}
	flush()
	return blocks
}

// splitHeader reads "key: value" lines up to the first blank line and
// returns them with the rest of the block.
func splitHeader(block string) (map[string]string, string) {
	head := map[string]string{}
	lines := strings.Split(block, "\n")
	i := 0
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			break
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			break
		}
		head[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	return head, strings.Join(lines[i:], "\n")
}

func parseArticle(block string) (*articleSpec, error) {
	head, body := splitHeader(block)
	a := &articleSpec{
		Slug: head["slug"], Headline: head["headline"], Author: head["author"],
		Section: head["section"], Image: head["image"], Caption: head["caption"],
		Event: head["event"], CopyOf: head["copy-of"], Summary: head["summary"],
		Reserve: head["reserve"] == "yes",
	}
	if a.Slug == "" || strings.ContainsAny(a.Slug, "/ ?#%") {
		return nil, fmt.Errorf("missing or bad slug %q", a.Slug)
	}
	for c := range strings.SplitSeq(head["categories"], ",") {
		if c = strings.TrimSpace(c); c != "" {
			a.Categories = append(a.Categories, c)
		}
	}
	if h := head["hours"]; h != "" {
		v, err := strconv.ParseFloat(h, 64)
		if err != nil || v < 0 || v > 96 {
			return nil, fmt.Errorf("%s: hours %q must be a number from 0 to 96", a.Slug, h)
		}
		a.Hours = v
	}
	a.Paragraphs = paragraphs(body)
	if a.CopyOf != "" {
		return a, nil // the rest comes from the original
	}
	switch {
	case a.Headline == "" || a.Author == "":
		return nil, fmt.Errorf("%s: needs headline and author", a.Slug)
	case !slices.Contains(sections, a.Section):
		return nil, fmt.Errorf("%s: unknown section %q", a.Slug, a.Section)
	case len(a.Paragraphs) < 3:
		return nil, fmt.Errorf("%s: has %d paragraphs, needs at least 3", a.Slug, len(a.Paragraphs))
	}
	return a, nil
}

// paragraphs splits a body at blank lines and joins wrapped lines.
func paragraphs(body string) []string {
	var out []string
	for p := range strings.SplitSeq(body, "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// resolveCopies fills every syndicated copy with its original's text,
// word for word, and appends the credit line.
func resolveCopies(pubs []*publisherSpec) error {
	index := map[string]*articleSpec{}
	for _, p := range pubs {
		for _, a := range p.Articles {
			index[p.Slug+"/"+a.Slug] = a
		}
	}
	for _, p := range pubs {
		for _, a := range p.Articles {
			if a.CopyOf == "" {
				continue
			}
			orig, ok := index[a.CopyOf]
			if !ok || orig.CopyOf != "" {
				return fmt.Errorf("%s/%s: copy-of %q is not an original article", p.Slug, a.Slug, a.CopyOf)
			}
			a.Headline, a.Author, a.Section = orig.Headline, orig.Author, orig.Section
			a.Summary, a.Event = orig.Summary, orig.Event
			a.Image, a.Caption = orig.Image, orig.Caption
			if len(a.Categories) == 0 {
				a.Categories = orig.Categories
			}
			a.Paragraphs = append(slices.Clone(orig.Paragraphs), copyCredit(orig.Publisher.Name))
		}
	}
	return nil
}

// Excerpt is the article's own summary or its first paragraph cut short.
func (a *articleSpec) Excerpt() string {
	if a.Summary != "" || len(a.Paragraphs) == 0 {
		return a.Summary
	}
	return truncateWords(a.Paragraphs[0], 40)
}

func truncateWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return s
	}
	return strings.Join(words[:n], " ") + "…"
}
