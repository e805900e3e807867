package meta

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	bylinePrefix = regexp.MustCompile(`(?i)^(?:(?:written|posted|published|reported|authored|story|words|text|reviewed|edited|compiled)\s+by|by|author(?:s|\(s\))?|von|par|por)\s*[:\-–—]?\s+`)
	emailRe      = regexp.MustCompile(`\S+@\S+\.\w+`)
	handleRe     = regexp.MustCompile(`(?:^|\s)@\w+`)
	// A byline often runs on into its date or reading time.
	bylineTail = regexp.MustCompile(`(?i)\s*(?:[|•·,–—-]\s*|\s)(?:updated|published|posted|last\s+updated|on|at)\b.*$|\s*[|•·]\s.*$|\s+\d+\s+min(?:ute)?s?\s+read.*$`)
	// Newsroom roles that follow a name; credentials (PhD, MD) stay.
	roleTail = regexp.MustCompile(`(?i)\s*[,|–—-]\s*(?:senior\s+|chief\s+|contributing\s+|staff\s+|special\s+|freelance\s+)*(?:writer|reporter|correspondent|contributor|columnist)s?$`)
	// Dates and weekdays that run on after a name ("Jane Roe Dec 3").
	dateWordTail = regexp.MustCompile(`(?i)(?:\s*[-–—|,]?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)+$`)
	andSplit     = regexp.MustCompile(`(?i)\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|\s*;\s*)`)
)

// cleanAuthors turns one author value (a byline text, a meta value) into
// names: the "By" prefix, emails, handles, trailing dates and newsroom roles
// removed, and "A, B and C" split.
func cleanAuthors(s string) []string {
	s = collapse(strings.NewReplacer("\u00a0", " ", "\u2009", " ", "\u202f", " ").Replace(s))
	s = strings.Trim(s, `"“”'`)
	if s == "" || looksLikeURL(s) {
		return nil
	}
	s = bylinePrefix.ReplaceAllString(s, "")
	s = emailRe.ReplaceAllString(s, "")
	s = handleRe.ReplaceAllString(s, " ")
	s = bylineTail.ReplaceAllString(s, "")
	if t, ok := ParseDate(s); ok {
		_ = t
		if i := firstDigitRun(s); i >= 0 && i < len(s) {
			s = strings.TrimSpace(s[:i])
			s = strings.TrimRight(s, " ,|-–—·•on")
		}
	}
	s = roleTail.ReplaceAllString(collapse(s), "")
	if t := dateWordTail.ReplaceAllString(s, ""); len(strings.Fields(t)) >= 1 {
		s = t
	}
	s = strings.Trim(s, " ,;:|-–—·•")
	if s == "" {
		return nil
	}
	var out []string
	for _, part := range andSplit.Split(s, -1) {
		for _, name := range splitCommaNames(part) {
			name = strings.Trim(collapse(name), " ,;:|-–—·•")
			if plausibleName(name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// splitCommaNames splits "A B, C D" into names but keeps "A B, PhD" and
// "Last, First" whole: a comma separates names only when every part has at
// least two words.
func splitCommaNames(s string) []string {
	parts := strings.Split(s, ",")
	if len(parts) == 1 {
		return parts
	}
	for _, p := range parts {
		if len(strings.Fields(p)) < 2 {
			return []string{s}
		}
	}
	return parts
}

func firstDigitRun(s string) int {
	return strings.IndexFunc(s, unicode.IsDigit)
}

// plausibleName rejects what bylines hold besides names: long sentences,
// bare dates, URLs and text without letters.
func plausibleName(s string) bool {
	if s == "" || len(s) > 100 || looksLikeURL(s) {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 10 {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	if dateWordTail.MatchString(" "+s) && len(dateWordTail.ReplaceAllString(" "+s, "")) == 0 {
		return false
	}
	switch strings.ToLower(s) {
	case "by", "author", "authors", "share", "facebook", "twitter", "email", "staff", "unknown", "null", "undefined", "none":
		return false
	}
	return true
}

// pickAuthors takes the first trusted source that names someone: JSON-LD,
// then author meta tags, then microdata and rel=author, then byline
// elements near the headline.
func pickAuthors(p *page, ld ldData) []string {
	var sources [][]string
	var fromLD []string
	for _, a := range ld.authors {
		fromLD = append(fromLD, cleanAuthors(a)...)
	}
	sources = append(sources, fromLD)
	for _, key := range []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "citation_author", "twitter:data1"} {
		var names []string
		vals := p.metas[key]
		if key == "twitter:data1" && !strings.EqualFold(first(p.metas["twitter:label1"]), "written by") {
			continue
		}
		for _, v := range vals {
			names = append(names, cleanAuthors(v)...)
		}
		sources = append(sources, names)
	}
	var fromMicro []string
	for _, a := range p.authors {
		fromMicro = append(fromMicro, cleanAuthors(a.text)...)
	}
	sources = append(sources, fromMicro)
	sources = append(sources, bylineNames(p.bylines, p.h1s), bylineNames(p.textBylines, p.h1s), bylineNames(p.authorLinks, p.h1s), ld.orgAuthors)
	for _, names := range sources {
		if names = dedupe(names); len(names) > 0 {
			return names
		}
	}
	return nil
}

// bylineNames takes the byline element closest after the first <h1> (or the
// first one when there is no <h1>) whose text reads as names.
func bylineNames(bylines, h1s []located) []string {
	h1 := -1
	if len(h1s) > 0 {
		h1 = h1s[0].order
	}
	var fallback []string
	for _, b := range bylines {
		if len(b.text) > 200 {
			continue
		}
		names := cleanAuthors(b.text)
		if len(names) == 0 {
			continue
		}
		if b.order > h1 {
			return names
		}
		if fallback == nil {
			fallback = names
		}
	}
	return fallback
}

func dedupe(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := norm(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}
