package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
)

func convertFeed(src *gofeed.Feed, base *url.URL, meta docMeta) *Feed {
	out := &Feed{
		Title:        plainText(src.Title),
		Link:         resolve(base, src.Link),
		Description:  resolveHTML(base, src.Description),
		Language:     strings.TrimSpace(src.Language),
		ID:           strings.TrimSpace(meta.feedID),
		Updated:      utc(src.UpdatedParsed),
		Categories:   categories(append(src.Categories, itunesCategories(src.ITunesExt)...)),
		TTL:          meta.ttl,
		UpdatePeriod: meta.period,
		HubURL:       resolve(base, meta.hubURL),
		SelfURL:      resolve(base, meta.selfURL),
		Items:        make([]Item, 0, len(src.Items)),
	}
	if out.Updated.IsZero() {
		out.Updated = utc(src.PublishedParsed)
	}
	if src.Image != nil {
		out.ImageURL = resolve(base, src.Image.URL)
	}
	if out.ImageURL == "" && src.ITunesExt != nil {
		out.ImageURL = resolve(base, src.ITunesExt.Image)
	}
	if out.ID != "" && !strings.Contains(out.ID, ":") {
		if abs := resolve(base, out.ID); abs != "" {
			out.ID = abs // a relative atom:id, resolved as feedparser does
		}
	}
	for _, it := range src.Items {
		if it == nil {
			continue
		}
		item := convertItem(it, base)
		if item.Language == "" {
			item.Language = out.Language
		}
		out.Items = append(out.Items, item)
	}
	return out
}

func convertItem(src *gofeed.Item, base *url.URL) Item {
	item := Item{
		Title:      plainText(src.Title),
		Link:       itemLink(src, base),
		Author:     author(src),
		Published:  utc(src.PublishedParsed),
		Updated:    utc(src.UpdatedParsed),
		Summary:    resolveHTML(base, src.Description),
		Content:    resolveHTML(base, src.Content),
		Categories: categories(append(src.Categories, itunesItemCategories(src)...)),
		ImageURL:   resolve(base, imageURL(src)),
		Enclosures: enclosures(src.Enclosures, base),
	}
	item.DateFlagged = item.Published.IsZero() && item.Updated.IsZero()
	if src.DublinCoreExt != nil && len(src.DublinCoreExt.Language) > 0 {
		item.Language = strings.TrimSpace(src.DublinCoreExt.Language[0])
	}
	item.GUID = strings.TrimSpace(src.GUID)
	if item.GUID == "" {
		item.GUID = item.Link
	}
	if item.GUID == "" {
		item.GUID = syntheticGUID(item)
	}
	return item
}

// itemLink picks the item's web page. RSS items without <link> often carry
// the URL as a permalink GUID.
func itemLink(src *gofeed.Item, base *url.URL) string {
	candidates := append([]string{src.Link}, src.Links...)
	candidates = append(candidates, src.GUID)
	for _, c := range candidates {
		if link := resolve(base, c); link != "" {
			if c == src.GUID && !strings.Contains(c, "://") {
				continue // a bare GUID like "post-42" is an identifier, not a path
			}
			return link
		}
	}
	return ""
}

// syntheticGUID gives an item with neither GUID nor link a stable identity,
// so that re-reading the same feed does not create the item twice.
func syntheticGUID(it Item) string {
	h := sha256.New()
	for _, s := range []string{it.Title, it.Published.String(), it.Summary, it.Content} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "urn:newsdesk:sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
}

func author(src *gofeed.Item) string {
	for _, p := range src.Authors {
		if p == nil {
			continue
		}
		if name := plainText(p.Name); name != "" {
			return name
		}
		if p.Email != "" {
			return strings.TrimSpace(p.Email)
		}
	}
	if src.Author != nil {
		return plainText(src.Author.Name)
	}
	return ""
}

func utc(t *time.Time) time.Time {
	if t == nil || t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func categories(in []string) []string {
	var out []string
	seen := make(map[string]bool, len(in))
	for _, c := range in {
		c = plainText(c)
		if c == "" || seen[strings.ToLower(c)] {
			continue
		}
		seen[strings.ToLower(c)] = true
		out = append(out, c)
	}
	return out
}

// resolve makes ref absolute against base and keeps it only if it is a web URL.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// imageURL prefers the images a feed declares (Media RSS, enclosures) over
// gofeed's own pick, which also covers iTunes, JSON Feed and the first <img>.
func imageURL(src *gofeed.Item) string {
	media := src.Extensions["media"]
	var groups []map[string][]ext.Extension
	if media != nil {
		groups = append(groups, media)
		for _, g := range media["group"] {
			groups = append(groups, g.Children)
		}
	}
	for _, m := range groups {
		for _, c := range m["content"] {
			if isImage(c.Attrs["medium"], c.Attrs["type"], c.Attrs["url"]) {
				return c.Attrs["url"]
			}
		}
	}
	for _, m := range groups {
		for _, th := range m["thumbnail"] {
			if th.Attrs["url"] != "" {
				return th.Attrs["url"]
			}
		}
	}
	for _, enc := range src.Enclosures {
		if enc != nil && isImage("", enc.Type, enc.URL) {
			return enc.URL
		}
	}
	if src.Image != nil && src.Image.URL != "" {
		return src.Image.URL
	}
	if src.ITunesExt != nil && src.ITunesExt.Image != "" {
		return src.ITunesExt.Image
	}
	// gofeed scans RSS content for images but not Atom content.
	if img := firstImage(src.Content); img != "" {
		return img
	}
	return firstImage(src.Description)
}

func isImage(medium, mimeType, rawURL string) bool {
	switch {
	case rawURL == "":
		return false
	case medium != "":
		return medium == "image"
	case mimeType != "":
		return strings.HasPrefix(mimeType, "image/")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif":
		return true
	}
	return false
}

func enclosures(in []*gofeed.Enclosure, base *url.URL) []Enclosure {
	var out []Enclosure
	for _, e := range in {
		if e == nil {
			continue
		}
		u := resolve(base, e.URL)
		if u == "" {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(e.Length), 10, 64)
		if err != nil || n < 0 {
			n = 0
		}
		out = append(out, Enclosure{URL: u, Type: strings.TrimSpace(e.Type), Length: n})
	}
	return out
}

// itunesCategories flattens iTunes categories, parent before child.
func itunesCategories(it *ext.ITunesFeedExtension) []string {
	if it == nil {
		return nil
	}
	var out []string
	for _, c := range it.Categories {
		for ; c != nil; c = c.Subcategory {
			out = append(out, c.Text)
		}
	}
	if it.Keywords != "" {
		out = append(out, strings.Split(it.Keywords, ",")...)
	}
	return out
}

func itunesItemCategories(src *gofeed.Item) []string {
	if src.ITunesExt == nil || src.ITunesExt.Keywords == "" {
		return nil
	}
	return strings.Split(src.ITunesExt.Keywords, ",")
}
