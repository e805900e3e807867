package meta

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSeparators join a headline and a site or section name in <title>
// and sometimes in og:title.
// similarShare is the share of an <h1>'s words another title must hold.
const similarShare = 0.3

// spacedSeparator is a separator set off by no-break or thin spaces, which
// the separators below (plain spaces) would not see. Other Unicode spaces
// in a title are the publisher's typography and stay.
var spacedSeparator = regexp.MustCompile(`[ \x{00a0}\x{2009}\x{202f}]*[\x{00a0}\x{2009}\x{202f}][ \x{00a0}\x{2009}\x{202f}]*([|–—·•»~/-])[ \x{00a0}\x{2009}\x{202f}]+|[ \x{00a0}\x{2009}\x{202f}]+([|–—·•»~/-])[ \x{00a0}\x{2009}\x{202f}]*[\x{00a0}\x{2009}\x{202f}][ \x{00a0}\x{2009}\x{202f}]*`)

var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " ~ ", " / "}

// pickTitle chooses the headline: structured titles first, then the page's
// <h1>, then <title>, each with a site-name prefix or suffix removed when
// the site name, the host name or the page's other titles show which part
// it is.
func pickTitle(p *page, ld ldData, site, host string) string {
	var structured []string
	for _, s := range []string{
		first(p.metas["dc:title"]), first(p.metas["dcterms:title"]), first(p.metas["dcterm:title"]),
		first(p.metas["og:title"]), ld.headline, first(p.metas["twitter:title"]),
		first(p.metas["parsely-title"]), first(p.metas["sailthru.title"]),
		first(p.metas["dc.title"]), first(p.metas["dcterms.title"]), first(p.itemprop["headline"]),
	} {
		if s = collapse(repairText(s)); s != "" {
			structured = append(structured, s)
		}
	}
	pageTitle := trimHeadlineLead(collapse(p.title), host)
	titles := append(append([]string{}, structured...), pageTitle)
	var h1s []string
	for i, h := range p.h1s {
		if i >= 4 {
			break
		}
		// Permalink anchors ("¶") end many documentation headings.
		t := strings.TrimRight(trimHeadlineLead(repairText(h.text), host), " ¶🔗")
		if !laterSegment(t, titles) {
			h1s = append(h1s, t)
		}
	}
	evidence := append(append([]string{}, h1s...), structured...)
	evidence = append(evidence, pageTitle)
	var best, from string
	for _, s := range structured {
		if best, from = stripSite(s, site, host, without(evidence, s)), s; best != "" {
			break
		}
	}
	if best == "" {
		best, from = stripSite(pageTitle, site, host, without(evidence, pageTitle)), pageTitle
	}
	// The visible headline is the title readers see; metadata titles are
	// often rewritten for search engines. An <h1> is trusted when it shares
	// most of its words with the page's other titles (a logo or section
	// name in an <h1> does not).
	var others []string
	for _, o := range titles {
		others = append(others, stripSite(o, site, host, without(evidence, o)))
	}
	for _, h := range h1s {
		if namesSite(h, site, host) || len(h) > 300 {
			continue
		}
		if best == "" || similar(h, others) {
			h = stripSite(h, site, host, nil)
			if o := casedTwin(h, others); o != "" {
				return o
			}
			return cutNameTail(h)
		}
	}
	if best != from {
		// The site's name is gone already: what is left after another
		// separator is cut only when it too is written as a name.
		return cutNameTail(best)
	}
	return cutShortTail(best)
}

// tailSeparators set a site or section name apart from the headline.
var tailSeparators = []string{" | ", " – ", " — ", " - ", " · ", " :: ", " » "}

// cutShortTail drops a short last segment ("Lorem ipsum dolor – My
// website") from a title with no headline to compare it with: what follows
// the separator is a name when it is at most three words and the rest is a
// sentence of three or more.
func cutShortTail(title string) string {
	for _, sep := range tailSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if n := len(strings.Fields(tail)); n >= 1 && n <= maxTailWords && len(strings.Fields(head)) >= 3 {
			return head
		}
	}
	return title
}

const maxTailWords = 3

// cutNameTail drops a short last segment from a visible headline when it is
// written as a name: every word capitalised (or a number), no closing "!"
// or "?" ("Gym Workouts for Beginners — Strength Training", "... | Opinion").
// A tail in sentence case ("– tips and tricks") is part of the headline.
func cutNameTail(headline string) string {
	for _, sep := range tailSeparators {
		i := strings.LastIndex(headline, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(headline[i+len(sep):])
		if nameLike(tail) {
			return cutShortTail(headline)
		}
		return headline
	}
	return headline
}

// nameLike reports whether s is written as a name: each word starts with a
// capital letter or a digit, and it does not end as a sentence does.
func nameLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ".") {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// laterSegment reports whether h is a segment after the first in one of
// titles, and shorter than that first one: a site, blog or section name in
// the page's logo <h1> ("Post title @ Blog name :: Network"). A headline
// after a site-name prefix ("Daily Planet | Rates rise again") is longer
// than the prefix and is not one.
func laterSegment(h string, titles []string) bool {
	n := norm(h)
	if n == "" {
		return false
	}
	for _, t := range titles {
		for _, sep := range titleSeparators {
			parts := strings.Split(t, sep)
			if len(parts) < 2 || utf8.RuneCountInString(norm(parts[0])) <= utf8.RuneCountInString(n) {
				continue
			}
			for _, part := range parts[1:] {
				if norm(part) == n {
					return true
				}
			}
		}
	}
	return false
}

// similar reports whether most of headline's words appear in one of others.
func similar(headline string, others []string) bool {
	words := strings.Fields(strings.ToLower(headline))
	if len(words) == 0 {
		return false
	}
	for _, o := range others {
		have := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(o)) {
			have[norm(w)] = true
		}
		hit := 0
		for _, w := range words {
			if have[norm(w)] {
				hit++
			}
		}
		// Both ways: a short <h1> naming the blog or section shares a word
		// with the headline without being it.
		if float64(hit) >= similarShare*float64(len(words)) && float64(hit) >= similarShare*float64(len(have)) && (hit >= 2 || len(words) == 1) {
			return true
		}
	}
	return false
}

// stripSite removes a site-name suffix or prefix from title. A segment is
// cut only when it names the site (site name or host) or when another of the
// page's titles equals the rest, so a real title is never cut at a dash.
func stripSite(title, site, host string, evidence []string) string {
	title = spacedSeparator.ReplaceAllStringFunc(title, func(m string) string {
		return " " + strings.Trim(m, " \u00a0\u2009\u202f") + " "
	})
	for range 3 {
		cut := false
		for _, sep := range titleSeparators {
			if i := strings.LastIndex(title, sep); i > 0 {
				head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
				if head != "" && (namesSite(tail, site, host) || (agrees(head, evidence) && !agrees(title, evidence))) {
					title, cut = head, true
					break
				}
			}
			if i := strings.Index(title, sep); i > 0 {
				head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
				if tail != "" && (namesSite(head, site, host) || (agrees(tail, evidence) && !agrees(title, evidence))) {
					title, cut = tail, true
					break
				}
			}
		}
		// Before a colon only the exact name counts: headlines often open
		// with the brand they are about ("Docker Hardened Images: ...").
		if i := strings.Index(title, ": "); i > 0 && isSiteName(title[:i], site, host) {
			title, cut = strings.TrimSpace(title[i+2:]), true
		}
		if !cut {
			break
		}
	}
	return title
}

// namesSite reports whether segment is the site's name: equal to the site
// name or its host, ignoring case, spaces and punctuation.
func namesSite(segment, site, host string) bool {
	s := norm(segment)
	if s == "" {
		return false
	}
	if n := norm(site); n != "" && (s == n || (len(s) >= 4 && strings.HasPrefix(n, s)) || (len(n) >= 4 && strings.HasPrefix(s, n) && len(strings.Fields(segment)) <= 5)) {
		return true
	}
	full, name := hostNames(host)
	if full == "" {
		return false
	}
	if s == full || (name != "" && (s == name || s == "the"+name)) {
		return true
	}
	return len(name) >= 5 && strings.HasPrefix(s, name) && len(strings.Fields(segment)) <= 3
}

// isSiteName reports whether segment is exactly the site's name or its
// host's name, ignoring case, spaces and punctuation (no prefix matches).
func isSiteName(segment, site, host string) bool {
	s := norm(segment)
	if s == "" {
		return false
	}
	if s == norm(site) {
		return true
	}
	full, name := hostNames(host)
	return full != "" && (s == full || (name != "" && (s == name || s == "the"+name)))
}

// hostNames gives the comparison keys of a host: the whole name without
// "www." ("examplenewscom") and its registered name ("examplenews", from
// example-news.co.uk too); both "" without a host.
func hostNames(host string) (full, name string) {
	h := strings.TrimPrefix(strings.ToLower(host), "www.")
	if h == "" {
		return "", ""
	}
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return norm(h), ""
	}
	name = norm(labels[len(labels)-2])
	if len(labels) >= 3 && len(labels[len(labels)-2]) <= 3 { // example.co.uk
		name = norm(labels[len(labels)-3])
	}
	return norm(h), name
}

// agrees reports whether s equals one of the page's other titles, ignoring
// case, spacing and punctuation.
func agrees(s string, evidence []string) bool {
	n := norm(s)
	if len(n) < 8 {
		return false
	}
	for _, e := range evidence {
		if norm(e) == n {
			return true
		}
	}
	return false
}

// norm keeps letters and digits, lower-cased: the comparison key for titles
// and names.
func norm(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// without returns list without the entries equal to s.
func without(list []string, s string) []string {
	out := make([]string, 0, len(list))
	for _, e := range list {
		if e != s {
			out = append(out, e)
		}
	}
	return out
}

func hostOf(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

func first(v []string) string {
	for _, s := range v {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// casedTwin returns the title among others with h's words (or nearly all
// of them) in ordinary case when h is all capitals: pages often capitalise
// a headline in the markup itself, and the meta title keeps the case it is
// written in.
func casedTwin(h string, others []string) string {
	if strings.ToUpper(h) != h || strings.ToLower(h) == h {
		return ""
	}
	for _, o := range others {
		if norm(o) == norm(h) && strings.ToUpper(o) != o {
			return o
		}
	}
	// Or nearly the same words: the meta title is the headline as written,
	// the capitals the <h1>'s styling.
	for _, o := range others {
		if strings.ToUpper(o) != o && share(h, o) >= 0.75 && share(o, h) >= 0.75 {
			return o
		}
	}
	return ""
}

// share is the part of a's words that b holds, ignoring case and
// punctuation.
func share(a, b string) float64 {
	have := map[string]bool{}
	for _, w := range strings.Fields(b) {
		have[norm(w)] = true
	}
	words, hit := 0, 0
	for _, w := range strings.Fields(a) {
		if n := norm(w); n != "" {
			words++
			if have[n] {
				hit++
			}
		}
	}
	if words == 0 {
		return 0
	}
	return float64(hit) / float64(words)
}

// trimHeadlineLead removes what a headline's element may hold before the
// words: the post's date ("Dec 18 2025 Preparing a transition") or the
// host name ("example.com Vibe coding"), when two or more words remain.
func trimHeadlineLead(h, host string) string {
	if m := leadDate.FindString(h); m != "" && len(strings.Fields(h[len(m):])) >= 2 {
		return strings.TrimSpace(h[len(m):])
	}
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	if host != "" && strings.HasPrefix(strings.ToLower(h), host+" ") && len(strings.Fields(h[len(host):])) >= 2 {
		return strings.TrimSpace(h[len(host):])
	}
	return h
}
