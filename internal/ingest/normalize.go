package ingest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/sanitize"
)

// excerptRunes is the length of an excerpt: long enough for two sentences
// of a lead, short enough for a card on the home page.
const excerptRunes = 280

// maxTitleRunes bounds a headline; feeds sometimes put a whole paragraph there.
const maxTitleRunes = 300

// normalizer turns feed items into articles of one source.
type normalizer struct {
	sanitizer *sanitize.Sanitizer
	sections  sectionIndex
	now       time.Time
}

// article builds the stored form of one item, or reports why it is skipped.
func (n normalizer) article(src model.Source, f *feed.Feed, it feed.Item) (model.Article, string) {
	link := strings.TrimSpace(it.Link)
	canonical, _ := sanitize.CanonicalURL(link)
	title := stripControl(sanitize.Excerpt(it.Title, maxTitleRunes))

	body := it.Content
	if !sanitize.HasText(body) {
		body = it.Summary
	}
	contentHTML := n.sanitizer.HTML(body, firstNonEmpty(link, src.FeedURL))
	contentText := stripControl(sanitize.Text(contentHTML))

	summary := it.Summary
	if !sanitize.HasText(summary) {
		summary = contentText
	}
	excerpt := stripControl(sanitize.Excerpt(summary, excerptRunes))

	if title == "" {
		title = sanitize.Excerpt(contentText, 90)
	}
	if title == "" && canonical == "" {
		return model.Article{}, "item has neither a title nor a link"
	}
	if title == "" {
		title = canonical
	}

	guid := strings.TrimSpace(it.GUID)
	if guid == "" {
		guid = canonical
	}
	if guid == "" {
		// No identity from the feed at all: derive one from what the
		// item says, so the same item fetched again maps to one article.
		sum := sha256.Sum256([]byte(title + "\x00" + it.Published.UTC().Format(time.RFC3339) + "\x00" + contentText))
		guid = "sha256:" + hex.EncodeToString(sum[:16])
	}

	published := it.Published
	if published.IsZero() {
		published = it.Updated
	}
	estimated := false
	if published.IsZero() || published.After(n.now.Add(24*time.Hour)) {
		// Missing or implausibly future dates would pin an item to the top:
		// the item is dated when first seen, and the store keeps that date.
		published, estimated = n.now, true
	}
	updated := it.Updated
	if updated.IsZero() || estimated {
		updated = published
	}

	image := it.ImageURL
	if image == "" {
		image = sanitize.FirstImage(contentHTML, link)
	}
	lang := it.Language
	if lang == "" && f != nil {
		lang = f.Language
	}

	a := model.Article{
		SourceID:     src.ID,
		GUID:         guid,
		URL:          link,
		CanonicalURL: canonical,
		Title:        title,
		Author:       strings.TrimSpace(it.Author),
		PublishedAt:  published.UTC(),
		UpdatedAt:    updated.UTC(),
		FetchedAt:    n.now.UTC(),
		Excerpt:      excerpt,
		ContentHTML:  contentHTML,
		ContentText:  contentText,
		ImageURL:     image,
		Language:     strings.ToLower(strings.TrimSpace(lang)),
		Section:      n.sections.sectionFor(it.Categories, src.Section),
		Tags:         cleanTags(it.Categories),
		Status:       model.StatusPublished,

		PublishedEstimated: estimated,
	}
	a.FeedHash = feedHash(a)
	return a, ""
}

// feedHash identifies an item as the feed describes it: every field the
// feed gave, each length-prefixed, and its dates unless they are the time
// first seen (which moves on every poll).
func feedHash(a model.Article) string {
	h := sha256.New()
	var n [8]byte
	write := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	for _, f := range []string{a.URL, a.CanonicalURL, a.Title, a.Author, a.Excerpt, a.ContentHTML,
		a.ImageURL, a.Language, a.Section, strings.Join(a.Tags, "\x00")} {
		write(f)
	}
	if !a.PublishedEstimated {
		write(a.PublishedAt.UTC().Format(time.RFC3339Nano))
		write(a.UpdatedAt.UTC().Format(time.RFC3339Nano))
	}
	return "feed:" + hex.EncodeToString(h.Sum(nil)[:16])
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// cleanTags keeps distinct, trimmed, bounded categories.
func cleanTags(categories []string) []string {
	var tags []string
	seen := map[string]bool{}
	for _, c := range categories {
		c = strings.TrimSpace(sanitize.Excerpt(c, 60))
		key := strings.ToLower(c)
		if c == "" || seen[key] {
			continue
		}
		seen[key] = true
		tags = append(tags, c)
		if len(tags) == 20 {
			break
		}
	}
	return tags
}

// sectionIndex maps feed categories to section slugs through the configured
// names, slugs and synonyms, compared without regard to case or spacing.
type sectionIndex map[string]string

func newSectionIndex(sections []model.Section) sectionIndex {
	idx := sectionIndex{}
	for _, s := range sections {
		idx[foldCategory(s.Slug)] = s.Slug
		idx[foldCategory(s.Name)] = s.Slug
		for _, syn := range s.Synonyms {
			idx[foldCategory(syn)] = s.Slug
		}
	}
	return idx
}

// sectionFor returns the section of the first category that maps to one;
// a category such as "News > US Politics" is also tried part by part.
func (idx sectionIndex) sectionFor(categories []string, fallback string) string {
	for _, c := range categories {
		if slug, ok := idx[foldCategory(c)]; ok {
			return slug
		}
	}
	for _, c := range categories {
		for _, part := range strings.FieldsFunc(c, func(r rune) bool { return r == '>' || r == '/' || r == '|' || r == ',' }) {
			if slug, ok := idx[foldCategory(part)]; ok {
				return slug
			}
		}
	}
	return fallback
}

func foldCategory(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// stripControl drops control characters other than newlines and tabs:
// they have no place in text a reader sees, and the store uses two of them
// to mark search highlights.
func stripControl(s string) string {
	if strings.IndexFunc(s, isUnwantedControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isUnwantedControl(r) {
			return -1
		}
		return r
	}, s)
}

func isUnwantedControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f
}
