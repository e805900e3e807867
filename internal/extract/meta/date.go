package meta

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Plausible years for a page's dates: earlier or later values are template
// defaults (0001-01-01), typos or placeholders.
const (
	minYear = 1900
	maxYear = 2100
)

var (
	isoDate  = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?`)
	slashYMD = regexp.MustCompile(`\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b`)
	compactD = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$`)
	// "January 2, 2006", "Jan. 2 2006", "2 January 2006", "2nd Jan, 2006".
	monthDY = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dayMY   = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	// Day-first numeric dates with dots (European "02.01.2006"); slashed
	// numeric dates are left alone because their order is ambiguous.
	slashXY = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	dotDMY  = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	unix    = regexp.MustCompile(`^\d{10}(\d{3})?$`)
)

var months = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"may": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "sept": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

// ParseDate reads a date in the forms pages use: RFC 3339 and other ISO 8601
// shapes (with or without zone), RFC 1123, "January 2, 2006", "2 Jan 2006",
// "2006/01/02", "02.01.2006", compact "20060102" and Unix seconds. A time
// with an offset keeps it, so the calendar day is the publisher's. It
// reports false for text without a plausible date.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return time.Time{}, false
	}
	// Cheap looks at s decide which of the layouts and patterns below could
	// match at all; each test is a condition the layout or pattern cannot
	// match without, so the answer is the one trying them all would give.
	// Most text a page holds is ruled out by the first: every form needs
	// four digits in a row (the year), except RFC 850 with its two-digit
	// year.
	run := longestDigitRun(s)
	if run < 4 {
		if run >= 2 && weekdayFirst(s) {
			if t, err := time.Parse(time.RFC850, s); err == nil {
				return plausible(t)
			}
		}
		return time.Time{}, false
	}
	var layouts []string
	switch {
	case isDigit(s[0]):
		layouts = digitLayouts
	case weekdayFirst(s):
		layouts = weekdayLayouts
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return plausible(t)
		}
	}
	hyphen := strings.IndexByte(s, '-') >= 0
	slash := strings.IndexByte(s, '/') >= 0
	dot := strings.IndexByte(s, '.') >= 0
	if hyphen {
		if m := isoDate.FindStringSubmatch(s); m != nil {
			return fromParts(m[1], m[2], m[3], m[4], m[5], m[6], m[7])
		}
	}
	if isDigit(s[0]) {
		if m := compactD.FindStringSubmatch(s); m != nil {
			return fromParts(m[1], m[2], m[3], m[4], m[5], m[6], "")
		}
		if unix.MatchString(s) {
			n, _ := strconv.ParseInt(s[:10], 10, 64)
			return plausible(time.Unix(n, 0).UTC())
		}
	}
	if slash || dot {
		if m := slashYMD.FindStringSubmatch(s); m != nil {
			return fromParts(m[1], m[2], m[3], "", "", "", "")
		}
	}
	if mayNameMonth(s) {
		if m := monthDY.FindStringSubmatch(s); m != nil {
			return fromWords(m[3], m[1], m[2])
		}
		if m := dayMY.FindStringSubmatch(s); m != nil {
			return fromWords(m[3], m[2], m[1])
		}
	}
	if dot {
		if m := dotDMY.FindStringSubmatch(s); m != nil {
			return fromParts(m[3], m[2], m[1], "", "", "", "")
		}
	}
	if slash {
		if m := slashXY.FindStringSubmatch(s); m != nil {
			// 15/12/2025 or 12/15/2025: only when one number cannot be a month.
			a, b := atoiPrefix(m[1]), atoiPrefix(m[2])
			switch {
			case a > 12 && b <= 12:
				return fromParts(m[3], m[2], m[1], "", "", "", "")
			case b > 12 && a <= 12:
				return fromParts(m[3], m[1], m[2], "", "", "", "")
			}
		}
	}
	return time.Time{}, false
}

// The time.Parse layouts ParseDate tries, split by how they start: a
// four-digit year, or a weekday name.
var (
	digitLayouts   = []string{time.RFC3339Nano}
	weekdayLayouts = []string{time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"}
)

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// longestDigitRun is the length of the longest run of ASCII digits in s
// (what the patterns' \d and time.Parse's numbers accept).
func longestDigitRun(s string) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			run++
			if run > longest {
				longest = run
			}
		} else {
			run = 0
		}
	}
	return longest
}

// weekdayFirst reports whether s opens with a weekday's three-letter name
// in any ASCII case, as every weekday layout's value must (time.Parse
// matches names ignoring ASCII case).
func weekdayFirst(s string) bool {
	if len(s) < 3 {
		return false
	}
	switch string([]byte{lower(s[0]), lower(s[1]), lower(s[2])}) {
	case "mon", "tue", "wed", "thu", "fri", "sat", "sun":
		return true
	}
	return false
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// mayNameMonth reports whether s could hold a month name for monthDY and
// dayMY: three ASCII letters of one in any case. Under (?i) the patterns
// also fold some non-ASCII letters to ASCII ones (U+017F long s to s), so
// text with any non-ASCII byte is left to them.
func mayNameMonth(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return true
		}
		switch string([]byte{lower(c), lower(s[i+1]), lower(s[i+2])}) {
		case "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec":
			return true
		}
	}
	for i := max(len(s)-2, 0); i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

func fromWords(year, month, day string) (time.Time, bool) {
	mo, ok := months[strings.ToLower(month)[:3]]
	if strings.EqualFold(month, "sept") {
		mo, ok = time.September, true
	}
	if !ok {
		return time.Time{}, false
	}
	return fromParts(year, strconv.Itoa(int(mo)), day, "", "", "", "")
}

func fromParts(y, mo, d, h, mi, sec, zone string) (time.Time, bool) {
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	year, month, day := num(y), num(mo), num(d)
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	hour, minute, second := num(h), num(mi), num(sec)
	if hour > 23 || minute > 59 || second > 60 {
		hour, minute, second = 0, 0, 0
	}
	loc := time.UTC
	switch zone {
	case "", "Z", "UTC", "GMT":
	default:
		z := strings.ReplaceAll(zone[1:], ":", "")
		off := num(z[:2]) * 3600
		if len(z) >= 4 {
			off += num(z[2:4]) * 60
		}
		if zone[0] == '-' {
			off = -off
		}
		if off > 14*3600 || off < -14*3600 {
			off = 0
		}
		loc = time.FixedZone("", off)
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, loc)
	if t.Day() != day {
		return time.Time{}, false // 31 February and friends
	}
	return plausible(t)
}

func plausible(t time.Time) (time.Time, bool) {
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, false
	}
	return t, true
}
