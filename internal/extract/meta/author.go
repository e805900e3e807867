package meta

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	bylinePrefix = regexp.MustCompile(`(?i)^(?:(?:written|posted|published|reported|authored|story|words|text|reviewed|edited|compiled)\s+by|by|author(?:s|\(s\))?|von|par|por)\s*[:\-–—]?\s+`)
	emailRe      = regexp.MustCompile(`\S+@\S+\.\w+`)
	handleRe     = regexp.MustCompile(`(?:^|\s)@\w+`)
	// A byline often runs on into its date or reading time.
	bylineTail = regexp.MustCompile(`\s*(?:[|•·,–—-]\s*|\s)(?:(?i:updated|published|posted|last\s+updated?)|on|at)\b.*$|\s*[|•·]\s.*$|(?i:\s*\d+\s*min(?:ute)?s?\.?\s+read.*$)`)
	// readingTime is a byline element's "10 mins read" standing alone.
	readingTime = regexp.MustCompile(`(?i)^\d+\s*min(?:ute)?s?\.?(?:\s+read)?$`)
	// Newsroom roles that follow a name; credentials (PhD, MD) stay.
	roleTail = regexp.MustCompile(`(?i)\s*[,|–—-]\s*(?:senior\s+|chief\s+|contributing\s+|staff\s+|special\s+|freelance\s+)*(?:writer|reporter|correspondent|contributor|columnist)s?$`)
	// Dates and weekdays that run on after a name ("Jane Roe Dec 3").
	dateWordTail = regexp.MustCompile(`(?i)(?:\s*[-–—|,]?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu|thurs?|fri|sat|sun)\.?)+$`)
	// leadBy is what stands before a byline's "by": a date, "Recipe",
	// "This post was written" (at most six words).
	leadBy = regexp.MustCompile(`(?i)^(?:\S+\s+){0,6}?(?:written|posted|published|recipe|guide|article|story|words|photos?|text)\s+by\b[\s:]*|^(?:\S*\d\S*\s+){1,4}by\b[\s:]*`)
	// leadDate is a date that opens a byline ("Dec. 19, 2025 · Ann Lee").
	leadDate = regexp.MustCompile(`(?i)^(?:[a-z]{3,9}\.?,?\s+)?(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})\s*[·•|,–—-]?\s*`)
	moreFrom = regexp.MustCompile(`(?i)^(?:read\s+)?more\s+(?:about|from|by)\s+|^(?:insights|articles|posts|stories)\s+(?:from|by)\s+`)
	gluedBy  = regexp.MustCompile(`^[Bb]y(\p{Lu})`)
	// secondRole starts the credit of a second person in another role;
	// at the start of a value ("Updated by Jon Linkov", a microdata author
	// of its own) it credits no author at all.
	secondRole = regexp.MustCompile(`(?i)(?:^|[\s.,;|]+)(?:medically\s+|expert\s+)?(?:reviewed|updated|fact[- ]checked)\s+by\b.*$`)
	andSplit   = regexp.MustCompile(`(?i)\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|\s*;\s*)`)
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
	s = leadBy.ReplaceAllString(s, "")
	s = gluedBy.ReplaceAllString(s, "$1")
	s = moreFrom.ReplaceAllString(s, "")
	s = bylinePrefix.ReplaceAllString(s, "")
	s = secondRole.ReplaceAllString(s, "")
	s = emailRe.ReplaceAllString(s, "")
	s = handleRe.ReplaceAllString(s, " ")
	s = leadDate.ReplaceAllString(s, "")
	s = bylineTail.ReplaceAllString(s, "")
	if _, ok := ParseDate(s); ok {
		if i := firstDigitRun(s); i >= 0 && i < len(s) {
			s = strings.TrimRight(s[:i], " ,|-–—·•")
			s = strings.TrimSuffix(strings.TrimSuffix(s, " on"), " at")
			// What is left of the date ("Ann Lee, March") goes too; only
			// here, since "Tom May" is a name.
			if t := dateWordTail.ReplaceAllString(s, ""); len(strings.Fields(t)) >= 1 {
				s = t
			}
		}
	}
	s = withoutInitials(s)
	s = roleTail.ReplaceAllString(collapse(s), "")
	s = cutRole(s)
	s = cutRoleSegment(s)
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

// withoutInitials drops an avatar's initials that open a byline before
// the name they abbreviate ("NB Nicole Burke"): a word of two or three
// capitals that are the first letters of the words after it.
func withoutInitials(s string) string {
	words := strings.Fields(s)
	if len(words) < 3 {
		return s
	}
	init := words[0]
	if len(init) < 2 || len(init) > 3 || len(words) <= len(init) || strings.ToUpper(init) != init {
		return s
	}
	for i := 0; i < len(init); i++ {
		if init[i] < 'A' || init[i] > 'Z' || words[i+1][0] != init[i] {
			return s
		}
	}
	return strings.Join(words[1:], " ")
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
	if s == "" || len(s) > 100 || looksLikeURL(s) || readingTime.MatchString(s) {
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
	// Labels of an author box: "Author Posts" (a link to the author's
	// posts) leaves "Posts" once "Author" is cut as a byline prefix.
	switch strings.ToLower(s) {
	case "by", "author", "authors", "the author", "posts", "articles", "admin", "administrator", "share", "facebook", "twitter", "email", "staff", "unknown", "null", "undefined", "none":
		return false
	}
	return true
}

// pickAuthors takes the first trusted source that names someone: JSON-LD,
// then author meta tags, then microdata and rel=author, then byline
// elements near the headline.
func pickAuthors(p *page, ld ldData, site, host string) []string {
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
	// Comments mark their writers up as authors too; when the line under
	// the headline holds a marked-up author, those further down are not
	// the article's.
	micro := p.authors
	if near := p.underHeadline(micro); len(near) > 0 {
		micro = near
	}
	for _, a := range micro {
		fromMicro = append(fromMicro, cleanAuthors(a.text)...)
	}
	sources = append(sources, fromMicro)
	sources = append(sources, bylineNames(p.bylines, p.headline))
	weak := [][]string{placedNames(p.textBylines, p.headline), placedNames(p.authorLinks, p.headline), ld.orgAuthors}
	near := [][]string{placedNames(p.underHeadline(p.textBylines), p.headline), placedNames(p.underHeadline(p.authorLinks), p.headline)}
	chosen := chooseAuthors(sources, near, weak, site, host)
	// Structured data often names only the first of several authors; the
	// byline under the headline that names them too, and more people
	// besides, is the whole credit.
	if shown := shownByline(p); len(shown) > len(chosen) && len(chosen) > 0 && allNamedIn(chosen, shown) && allPeople(shown, site, host) {
		return shown
	}
	return chosen
}

// shownByline is the names of the first byline under the headline, within
// the line under it (shownUnder text runs).
func shownByline(p *page) []string {
	if p.headline < 0 {
		return nil
	}
	for i, b := range p.bylines {
		if b.order <= p.headline || len(b.text) > 200 {
			continue
		}
		if p.runsBetween(p.headline, b.order) > shownUnder {
			break
		}
		if found := cleanAuthors(b.text); len(found) > 0 {
			return innerNames(p.bylines[i+1:], b.text, found, cleanAuthors)
		}
	}
	return nil
}

// underHeadline keeps the candidates in the line under the headline:
// after it, within shownUnder text runs.
func (p *page) underHeadline(list []located) []located {
	if p.headline < 0 {
		return nil
	}
	var out []located
	for _, c := range list {
		if c.order > p.headline && p.runsBetween(p.headline, c.order) <= shownUnder {
			out = append(out, c)
		}
	}
	return out
}

// allPeople reports whether every name reads as a person's: personish,
// not the site's name, not a job title.
func allPeople(names []string, site, host string) bool {
	for _, n := range names {
		if !personish(n) || namesSite(n, site, host) || isRole(n) {
			return false
		}
	}
	return true
}

// allNamedIn reports whether each name in names is one of list's, or the
// end of one ("Ann Lee" in "Dr Ann Lee").
func allNamedIn(names, list []string) bool {
	for _, n := range names {
		k := norm(n)
		if k == "" || !slices.ContainsFunc(list, func(l string) bool { return strings.HasSuffix(norm(l), k) }) {
			return false
		}
	}
	return true
}

// chooseAuthors takes the first source that names a person; near holds the
// names found by their place in the line under the headline, weak those
// found by their place anywhere.
func chooseAuthors(sources, near, weak [][]string, site, host string) []string {
	// A name that is the site's own stands for no one in particular: any
	// person named by a later source is better.
	var siteNamed []string
	for _, names := range sources {
		var people, ownNames []string
		for _, n := range dedupe(names) {
			if namesSite(n, site, host) || handleLike(n) {
				ownNames = append(ownNames, n)
			} else {
				people = append(people, n)
			}
		}
		if len(people) > 0 {
			return people
		}
		// The site's name as the credit comes from the first source that
		// gives it; a later source's variant of it ("Acme Sponsored") is
		// the same credit, not a second author.
		if siteNamed == nil {
			siteNamed = ownNames
		}
	}
	// A person named in the line under the headline, though found only by
	// its place ("By Ann Lee", a link to her author page), is the byline
	// the reader sees; the site's own name or a login in the metadata is
	// a template's default.
	for _, names := range near {
		if names = dedupe(names); len(names) > 0 {
			return names
		}
	}
	if len(siteNamed) > 0 {
		return dedupe(siteNamed)
	}
	// Text found only by its place on the page comes last, before an
	// organisation credited as author.
	for _, names := range weak {
		if names = dedupe(names); len(names) > 0 {
			return names
		}
	}
	return nil
}

// bylineNames takes the byline element closest after the headline's <h1>
// at order h1 (or the first one when there is none) whose text reads as
// names.
func bylineNames(bylines []located, h1 int) []string {
	return pickByline(bylines, h1, cleanAuthors)
}

// placedNames is bylineNames for text found only by its place on the page:
// a candidate counts only for the names in it that read as a person's.
func placedNames(bylines []located, h1 int) []string {
	return pickByline(bylines, h1, func(s string) []string { return personishOnly(cleanAuthors(s)) })
}

// pickByline takes the names of the candidate closest after the headline
// at order h1 (or of the first one when none follows it) from which names
// yields any.
func pickByline(bylines []located, h1 int, names func(string) []string) []string {
	var fallback []string
	for i, b := range bylines {
		text := b.text
		if len(text) > 200 {
			if text = bioName(text); text == "" {
				continue
			}
		}
		found := names(text)
		if len(found) == 0 {
			continue
		}
		found = innerNames(bylines[i+1:], b.text, found, names)
		if b.order > h1 {
			return found
		}
		if fallback == nil {
			fallback = found
		}
	}
	return fallback
}

// innerNames narrows the names read from a byline element to those of an
// element inside it. A byline's text joins its children's ("Ann Lee" in a
// link, then "EdTech Content writer" in a span), so a role the cleaning
// does not know stays glued to the name ("Ann Lee EdTech"); the child
// holding the name alone says where the name ends. The candidates after
// the byline whose text lies within its text are its descendants (they
// follow it in document order); the first whose names each begin some
// name of the outer's and are shorter replaces them.
func innerNames(after []located, outer string, found []string, names func(string) []string) []string {
	for _, c := range after {
		if c.text == "" || !strings.Contains(outer, c.text) {
			break
		}
		inner := names(c.text)
		if len(inner) > 0 && allShorten(inner, found) {
			return inner
		}
	}
	return found
}

// allShorten reports whether each name in inner is the first words of some
// longer name in outer.
func allShorten(inner, outer []string) bool {
	for _, n := range inner {
		if !slices.ContainsFunc(outer, func(o string) bool { return strings.HasPrefix(o, n+" ") }) {
			return false
		}
	}
	return true
}

// bioName is the name an author box opens with when its biography follows
// and names the person again: "Ann Lee Ann Lee is a reporter...", "Ann Lee
// Ann is a reporter...". It returns "" for other text.
func bioName(text string) string {
	words := strings.Fields(text)
	if len(words) > 8 {
		words = words[:8]
	}
	for k := 2; k < len(words) && k <= 5; k++ {
		r, _ := utf8.DecodeRuneInString(words[k-1])
		if !unicode.IsUpper(r) {
			return ""
		}
		if words[k] != words[0] {
			continue
		}
		name := strings.Join(words[:k], " ")
		again := 2*k <= len(words) && strings.Join(words[k:2*k], " ") == name
		var next rune
		if k+1 < len(words) {
			next, _ = utf8.DecodeRuneInString(words[k+1])
		}
		if (again || unicode.IsLower(next)) && personish(name) {
			return name
		}
		return ""
	}
	return ""
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

// roleWords start a job title glued to a name by a byline's layout
// ("Ann Lee Senior Editor", "Ann LeeFounder").
var roleWords = map[string]bool{
	"former": true, "senior": true, "junior": true, "chief": true, "head": true, "lead": true, "deputy": true,
	"managing": true, "executive": true, "associate": true, "staff": true, "contributing": true, "content": true,
	"tech": true, "editor": true, "editorial": true, "writer": true, "reporter": true, "correspondent": true,
	"columnist": true, "contributor": true, "founder": true, "co-founder": true, "cofounder": true, "ceo": true,
	"cto": true, "director": true, "manager": true, "coordinator": true, "consultant": true, "specialist": true,
	"strategist": true, "analyst": true, "expert": true, "engineer": true, "designer": true, "developer": true,
	"president": true, "producer": true, "researcher": true, "professor": true, "freelance": true, "guest": true,
	"attorney": true, "lawyer": true, "officer": true, "advisor": true, "adviser": true, "team": true,
}

// cutRole drops a job title that follows a name of two or more words
// without punctuation between them, the shape a name and a title take when
// two block elements' text is joined.
func cutRole(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 || strings.EqualFold(words[len(words)-1], "team") {
		return s // "Great Day Editorial Team" is the credit itself
	}
	for i, w := range words {
		if i >= 2 && !strings.ContainsAny(words[i-1], ",.") && roleWords[strings.ToLower(strings.Trim(w, ",.:;"))] && personish(strings.Join(words[:i], " ")) {
			// The title may open earlier, after a comma ("Ann Lee, Trial
			// Attorney"): cut there, not inside the title.
			for j := i - 1; j >= 2; j-- {
				if strings.HasSuffix(words[j-1], ",") {
					return strings.TrimSuffix(strings.Join(words[:j], " "), ",")
				}
			}
			return strings.Join(words[:i], " ")
		}
		// "LeeFounder": a capital after a lower-case letter inside a word.
		if i >= 1 {
			r := []rune(w)
			for j := 3; j < len(r); j++ {
				if unicode.IsLower(r[j-1]) && unicode.IsUpper(r[j]) && roleWords[strings.ToLower(string(r[j:]))] {
					return strings.Join(append(append([]string{}, words[:i]...), string(r[:j])), " ")
				}
			}
		}
	}
	return s
}

// handleLike reports whether name is a login rather than a name: one word
// with a dot or underscore ("andrew.keaveney"), or all lower case letters
// and digits run together ("kffnirmitap"), or a template's placeholder.
func handleLike(name string) bool {
	if strings.ContainsAny(name, " ") {
		return false
	}
	if strings.ContainsAny(name, "._") {
		return true
	}
	return strings.ToLower(name) == name && len(name) > 6
}

// isRole reports whether a part split off a byline is a job title rather
// than a second name ("Ann Lee and CEO of Acme", "and Trial Attorney").
func isRole(part string) bool {
	words := strings.Fields(strings.ToLower(part))
	return len(words) > 0 && (roleWords[words[0]] || roleWords[words[len(words)-1]])
}

// cutRoleSegment drops what follows a dash, bar or comma after a name when
// it is a job title or a desk ("Ann Lee - Editorial Team", "Ann Lee, Head
// of Marketing and Community Development"), before "and" could split the
// title into a second name.
func cutRoleSegment(s string) string {
	for _, sep := range []string{" - ", " – ", " — ", " | ", ", "} {
		if i := strings.Index(s, sep); i > 0 && isRole(s[i+len(sep):]) && personish(s[:i]) {
			return s[:i]
		}
	}
	return s
}
