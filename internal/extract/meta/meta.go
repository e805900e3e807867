package meta

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Metadata is what a page says about its article.
type Metadata struct {
	Title       string    // headline, without a site-name prefix or suffix
	Authors     []string  // names, in the page's order
	Published   time.Time // zero when unknown; keeps the page's UTC offset
	Modified    time.Time // zero when unknown
	Lang        string    // BCP 47 tag as the page gives it ("en", "pt-BR")
	LeadImage   string    // absolute URL
	Description string
	SiteName    string
	// Canonical is the address the page names as its own (<link
	// rel=canonical>, else og:url), absolute; "" when it names none. It is
	// the page's claim: whoever uses it decides whether to believe it.
	Canonical string
	NoArchive bool // <meta name="robots|newsdesk" content="noarchive|none">
}

// Extract reads the metadata of the page parsed into root (from html.Parse).
// pageURL resolves relative image URLs and names the host when deciding what
// part of a title is the site's name; it may be empty.
func Extract(root *html.Node, pageURL string) Metadata {
	p := collect(root)
	ld := parseJSONLD(p.jsonld)
	host := hostOf(pageURL)
	var m Metadata
	m.SiteName = firstNonEmpty(first(p.metas["og:site_name"]), ld.siteName, first(p.metas["application-name"]), first(p.metas["apple-mobile-web-app-title"]))
	m.Title = pickTitle(p, ld, m.SiteName, host)
	p.anchor(p.headlineOrder(m.Title))
	m.Authors = pickAuthors(p, ld, m.SiteName, host)
	m.Published = pickPublished(p, ld)
	m.Modified = pickDate(ld.modified, first(p.metas["article:modified_time"]), first(p.metas["og:updated_time"]),
		first(p.itemprop["datemodified"]), first(p.metas["datemodified"]), first(p.metas["last-modified"]))
	if t, ok := urlDate(pageURL); ok && !sameDay(t, m.Published) {
		m.Published = t
	} else if y, mo, ok := urlMonth(pageURL); ok && (m.Published.Year() != y || m.Published.Month() != mo) {
		if t := dateInMonth(p, y, mo, ld.published, m.Modified); !t.IsZero() {
			m.Published = t
		}
	}
	m.Lang = pickLang(p, ld)
	m.Description = firstNonEmpty(first(p.metas["og:description"]), ld.description, first(p.metas["description"]), first(p.metas["twitter:description"]), first(p.metas["dc.description"]))
	m.LeadImage = pickImage(p, ld, pageURL)
	m.Canonical = firstNonEmpty(resolve(pageURL, first(p.links["canonical"])), resolve(pageURL, first(p.metas["og:url"])))
	for _, key := range []string{"robots", "newsdesk"} {
		for _, v := range p.metas[key] {
			if NoArchiveDirective(v) {
				m.NoArchive = true
			}
		}
	}
	return m
}

// NoArchiveDirective reports whether a robots directive list (a meta robots
// content or an X-Robots-Tag header value) forbids keeping a copy:
// "noarchive" or "none". A header value may name a user agent first
// ("googlebot: noarchive"); any agent's refusal counts.
func NoArchiveDirective(v string) bool {
	for _, tok := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ',' || r == ' ' || r == ':' || r == '\t' }) {
		if tok == "noarchive" || tok == "none" {
			return true
		}
	}
	return false
}

func pickPublished(p *page, ld ldData) time.Time {
	if t := pickDate(ld.published,
		first(p.metas["article:published_time"]), first(p.metas["og:published_time"]), first(p.metas["article:published"]),
		first(p.metas["parsely-pub-date"]), first(p.metas["sailthru.date"]), first(p.metas["pubdate"]), first(p.metas["publishdate"]),
		first(p.metas["publish-date"]), first(p.metas["date"]), first(p.metas["dc.date"]), first(p.metas["dc.date.issued"]),
		first(p.metas["dcterms.date"]), first(p.metas["dcterms.created"]), first(p.metas["citation_publication_date"]), first(p.metas["citation_date"]),
		first(p.itemprop["datepublished"]), first(p.metas["datepublished"]), first(p.itemprop["datecreated"]),
		ld.pageDate, otherPublishedMeta(p)); !t.IsZero() {
		t = inPageZone(t, p)
		if v := labelledPublished(p); !v.IsZero() && !sameDay(v, t) && !displays(p, t) && !openGraphDated(p, t) {
			return v
		}
		// article:published_time is trusted over the date shown, which is
		// most often a later update; but a page cannot be updated before
		// it was published, so a shown date two or more days earlier is
		// the first publication and the meta tag a later re-stamp (a move
		// to a new site, a republished post). One day apart is left to the
		// meta tag: that is a time zone, not another date.
		if v := shownDate(p); !v.IsZero() && !sameDay(v, t) && !displays(p, t) && (!openGraphDated(p, t) || daysBefore(v, t) >= 2) {
			return v
		}
		return t
	}
	if t := timeNearHeadline(p); !t.IsZero() {
		return t
	}
	// A date just above the headline ("December 17, 2025 • 8 min read")
	// comes before the text below it, which may be related posts'.
	if t := dateAbove(p); !t.IsZero() {
		return t
	}
	for _, b := range p.bylines {
		if t, ok := ParseDate(b.text); ok {
			return t
		}
	}
	for _, s := range p.nearText {
		if t, ok := ParseDate(s); ok {
			return t
		}
	}
	for _, s := range p.earlyText {
		if t, ok := ParseDate(s); ok {
			return t
		}
	}
	return time.Time{}
}

// pathDate is a date spelled as three segments of a URL's path:
// /2023/10/03/ or /2023/october/03/.
var pathDate = regexp.MustCompile(`(?i)/((?:19|20)\d{2})/(\d{1,2}|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)/(\d{1,2})(?:/|$)`)

// urlDate is the publication day a page's address spells in its path. A
// publisher fixes an article's address when it first goes out, while
// every date field on the page may be re-stamped by a later edit, so the
// path's date comes first (on wcxb-dev it is the truth's day on all 30
// pages whose address has one).
func urlDate(pageURL string) (time.Time, bool) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return time.Time{}, false
	}
	m := pathDate.FindStringSubmatch(u.Path)
	if m == nil {
		return time.Time{}, false
	}
	if !isDigit(m[2][0]) {
		return fromWords(m[1], m[2], m[3])
	}
	return fromParts(m[1], m[2], m[3], "", "", "", "")
}

// pathMonth is a year and month spelled as two segments of a URL's path
// (/2022/12/), the way many blogs file their posts.
var pathMonth = regexp.MustCompile(`/((?:19|20)\d{2})/(\d{1,2})(?:/|$)`)

// urlMonth is the year and month a page's address files it under.
func urlMonth(pageURL string) (int, time.Month, bool) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return 0, 0, false
	}
	m := pathMonth.FindStringSubmatch(u.Path)
	if m == nil {
		return 0, 0, false
	}
	y, mo := atoiPrefix(m[1]), atoiPrefix(m[2])
	if mo < 1 || mo > 12 {
		return 0, 0, false
	}
	return y, time.Month(mo), true
}

// dateInMonth is the first date the page gives that falls in the month
// its address files it under, when the date picked does not: the
// structured publication dates first, then <time> elements, then the text
// around the headline (under it, then above it), then the last-modified
// date. Zero when none does.
func dateInMonth(p *page, y int, mo time.Month, ldPublished string, modified time.Time) time.Time {
	in := func(t time.Time) bool { return !t.IsZero() && t.Year() == y && t.Month() == mo }
	texts := []string{ldPublished}
	for _, k := range []string{"article:published_time", "og:published_time", "date", "dc.date", "pubdate", "publishdate"} {
		texts = append(texts, first(p.metas[k]))
	}
	for _, t := range p.times {
		texts = append(texts, t.text)
	}
	texts = append(texts, p.nearText...)
	for i := len(p.earlyText) - 1; i >= 0; i-- {
		texts = append(texts, p.earlyText[i])
	}
	for _, s := range texts {
		if t, ok := ParseDate(s); ok && in(t) {
			return t
		}
	}
	if in(modified) {
		return modified
	}
	return time.Time{}
}

// otherPublishedMeta is the first date (by meta name, for a stable choice)
// in a meta tag whose name says publication but is none of the names above:
// "published", "published-date", "w-published-date".
func otherPublishedMeta(p *page) string {
	var keys []string
	for k := range p.metas {
		if strings.Contains(k, "publish") && !strings.Contains(k, "publisher") && !strings.Contains(k, "modif") && !strings.Contains(k, "updat") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := ParseDate(first(p.metas[k])); ok {
			return first(p.metas[k])
		}
	}
	return ""
}

// timeNearHeadline takes the first <time> after the headline's <h1>, or
// the first <time> at all. A <time> just above the headline (its dateline,
// within shownAbove text runs) beats the first one below when that one is
// further down than the line under the headline (shownUnder runs): a
// <time> that far down dates a related post or a comment.
func timeNearHeadline(p *page) time.Time {
	h1 := p.headline
	var fallback, above time.Time
	aboveOrder := -1
	for _, t := range p.times {
		v, ok := ParseDate(t.text)
		if !ok {
			continue
		}
		if t.order > h1 {
			if h1 >= 0 && aboveOrder >= 0 && p.runsBetween(aboveOrder, h1) <= shownAbove && p.runsBetween(h1, t.order) > shownUnder {
				return above
			}
			return v
		}
		if fallback.IsZero() {
			fallback = v
		}
		above, aboveOrder = v, t.order
	}
	return fallback
}

func pickDate(values ...string) time.Time {
	for _, v := range values {
		if t, ok := ParseDate(v); ok {
			return t
		}
	}
	return time.Time{}
}

func pickLang(p *page, ld ldData) string {
	for _, v := range []string{p.htmlLang, first(p.metas["content-language"]), first(p.metas["language"]), ld.lang, first(p.metas["og:locale"]), first(p.metas["dc.language"])} {
		v = strings.TrimSpace(strings.ReplaceAll(v, "_", "-"))
		if i := strings.IndexAny(v, ", "); i > 0 {
			v = v[:i]
		}
		if len(v) >= 2 && len(v) <= 35 {
			return v
		}
	}
	return ""
}

func pickImage(p *page, ld ldData, pageURL string) string {
	base := pageURL
	if p.baseHref != "" {
		base = resolve(pageURL, p.baseHref)
	}
	candidates := []string{first(p.metas["og:image"]), first(p.metas["og:image:url"]), first(p.metas["og:image:secure_url"])}
	candidates = append(candidates, ld.images...)
	candidates = append(candidates, first(p.metas["twitter:image"]), first(p.metas["twitter:image:src"]), first(p.links["image_src"]), first(p.itemprop["image"]))
	for _, c := range candidates {
		if u := resolve(base, c); u != "" {
			return u
		}
	}
	for _, img := range p.images {
		big := img.width >= 300 || (img.width == 0 && img.inFigure)
		if big && (img.afterHeading || img.inFigure) {
			if u := resolve(base, img.src); u != "" {
				return u
			}
		}
	}
	return ""
}

// resolve makes ref absolute against base, and returns "" for what is not
// an http(s) URL.
func resolve(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		r = b.ResolveReference(r)
	}
	if r.Scheme != "http" && r.Scheme != "https" {
		return ""
	}
	return r.String()
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = collapse(v); v != "" {
			return v
		}
	}
	return ""
}

// inPageZone shows a UTC timestamp in the offset of a <time> on the page
// that names the same moment (within half an hour): feeds and meta tags
// often give UTC while the page states the local day its readers saw.
func inPageZone(t time.Time, p *page) time.Time {
	if _, off := t.Zone(); off != 0 {
		return t
	}
	for _, c := range p.times {
		v, ok := ParseDate(c.text)
		if !ok {
			continue
		}
		if _, off := v.Zone(); off == 0 {
			continue
		}
		if d := v.Sub(t); d > -30*time.Minute && d < 30*time.Minute {
			return t.In(v.Location())
		}
	}
	return t
}

// shownUnder is how many text runs after the headline count as the line
// under it, where pages show their date.
const shownUnder = 20

// shownAbove is how many text runs just above the headline count as its
// dateline.
const shownAbove = 6

// shownDate is the first date in the text runs just under the headline,
// else the nearest just above it.
func shownDate(p *page) time.Time {
	for i, s := range p.nearText {
		if i >= shownUnder {
			break
		}
		if t, ok := ParseDate(s); ok {
			return t
		}
	}
	return dateAbove(p)
}

// dateAbove is the date nearest above the headline, within shownAbove runs.
func dateAbove(p *page) time.Time {
	for i := len(p.earlyText) - 1; i >= 0 && i >= len(p.earlyText)-shownAbove; i-- {
		if t, ok := ParseDate(p.earlyText[i]); ok {
			return t
		}
	}
	return time.Time{}
}

// displays reports whether the page's text shows t's day anywhere near the
// headline or above it. A date labelled as an update ("Updated Aug 21,
// 2025", or the label in the short run before it) does not count: a
// structured publication date that the page shows only as its update is
// the update, and a date the page labels published then replaces it.
// A dotted numeric date whose first two numbers could
// each be the month ("09.10.2024") shows t in either order: ParseDate
// reads it day first, as Europe writes it, but American pages write the
// month first, and a structured date that agrees with one reading is the
// better witness of which one the page meant.
func displays(p *page, t time.Time) bool {
	for _, list := range [][]string{p.nearText, p.earlyText} {
		for i, s := range list {
			if updatedLabel.MatchString(s) || (i > 0 && len(list[i-1]) < 40 && updatedLabel.MatchString(list[i-1])) {
				continue
			}
			if v, ok := ParseDate(s); ok && sameDay(v, t) {
				return true
			}
			if v, ok := monthFirstReading(s); ok && sameDay(v, t) {
				return true
			}
		}
	}
	return false
}

// monthFirstReading reads a dotted numeric date month first, when both its
// first numbers are 12 or less and so either order names a real day.
func monthFirstReading(s string) (time.Time, bool) {
	if strings.IndexByte(s, '.') < 0 || len(s) > 200 {
		return time.Time{}, false
	}
	m := dotDMY.FindStringSubmatch(s)
	if m == nil || atoiPrefix(m[1]) > 12 || atoiPrefix(m[2]) > 12 {
		return time.Time{}, false
	}
	return fromParts(m[3], m[1], m[2], "", "", "", "")
}

func sameDay(a, b time.Time) bool {
	return a.Format("2006-01-02") == b.Format("2006-01-02")
}

// daysBefore is how many calendar days a's day comes before b's, each
// read in its own offset (negative when a is later).
func daysBefore(a, b time.Time) int {
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	return int(day(b).Sub(day(a)).Hours() / 24)
}

// openGraphDated reports whether article:published_time states t's day.
func openGraphDated(p *page, t time.Time) bool {
	v, ok := ParseDate(first(p.metas["article:published_time"]))
	return ok && sameDay(v, t)
}

// labelledUnder is how far under the headline a labelled date is looked for.
const labelledUnder = 300

// publishedLabel names the date that follows it as the publication's.
// updatedLabel names the date that follows it as a later revision's.
var updatedLabel = regexp.MustCompile(`(?i)\b(?:updated|modified|revised)\b`)

var publishedLabel = regexp.MustCompile(`(?i)\b(?:published|posted)\b`)

// labelledPublished is the first date under the headline that the page
// labels as its publication ("Published August 13, 2025").
func labelledPublished(p *page) time.Time {
	for i, s := range p.nearText {
		if i >= labelledUnder {
			break
		}
		t, ok := ParseDate(s)
		if !ok {
			continue
		}
		if publishedLabel.MatchString(s) || (i > 0 && publishedLabel.MatchString(p.nearText[i-1]) && len(p.nearText[i-1]) < 40) {
			return t
		}
	}
	return time.Time{}
}
