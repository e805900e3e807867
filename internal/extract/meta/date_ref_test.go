package meta

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// parseDateRef is ParseDate as it was before its prefilters: every layout
// and pattern tried in turn. ParseDate must answer exactly as it does.
func parseDateRef(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return plausible(t)
		}
	}
	if m := refISO.FindStringSubmatch(s); m != nil {
		return fromParts(m[1], m[2], m[3], m[4], m[5], m[6], m[7])
	}
	if m := refCompact.FindStringSubmatch(s); m != nil {
		return fromParts(m[1], m[2], m[3], m[4], m[5], m[6], "")
	}
	if refUnix.MatchString(s) {
		n, _ := strconv.ParseInt(s[:10], 10, 64)
		return plausible(time.Unix(n, 0).UTC())
	}
	if m := refSlashYMD.FindStringSubmatch(s); m != nil {
		return fromParts(m[1], m[2], m[3], "", "", "", "")
	}
	if m := refMonthDY.FindStringSubmatch(s); m != nil {
		return fromWords(m[3], m[1], m[2])
	}
	if m := refDayMY.FindStringSubmatch(s); m != nil {
		return fromWords(m[3], m[2], m[1])
	}
	if m := refDotDMY.FindStringSubmatch(s); m != nil {
		return fromParts(m[3], m[2], m[1], "", "", "", "")
	}
	if m := refSlashXY.FindStringSubmatch(s); m != nil {
		a, b := atoiPrefix(m[1]), atoiPrefix(m[2])
		switch {
		case a > 12 && b <= 12:
			return fromParts(m[3], m[2], m[1], "", "", "", "")
		case b > 12 && a <= 12:
			return fromParts(m[3], m[1], m[2], "", "", "", "")
		}
	}
	return time.Time{}, false
}

var (
	refISO      = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?`)
	refSlashYMD = regexp.MustCompile(`\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b`)
	refCompact  = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$`)
	refMonthDY  = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	refDayMY    = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	refSlashXY  = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	refDotDMY   = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	refUnix     = regexp.MustCompile(`^\d{10}(\d{3})?$`)
)

// dateAnswer renders ParseDate's answer so that two answers compare equal
// exactly when they are the same instant, zone offset and flag.
func dateAnswer(t time.Time, ok bool) string {
	_, off := t.Zone()
	return fmt.Sprintf("%v %s %d", ok, t.Format(time.RFC3339Nano), off)
}

// dateInputs are texts of the shapes pages hold around dates, with and
// without dates, in several cases and spacings.
func dateInputs() []string {
	base := []string{
		"", " ", "yesterday", "3 comments", "5 min read", "© 2025 The Courier", "Page 1 of 2034",
		"2025-03-04T23:30:00-05:00", "2025-03-04T23:30:00.123+0530", "2025-03-04 10:11", "2025-03-04",
		"2025-3-4T9:05:07,5 UTC", "2025-03-04T10:00GMT", "2025-03-04T10:00 +01", "1899-12-31", "2101-01-01",
		"Tue, 04 Mar 2025 10:00:00 GMT", "Tue, 04 Mar 2025 10:00:00 +0100", "Tue, 4 Mar 2025 10:00:00 -0700",
		"Tuesday, 04-Mar-25 10:00:00 UTC", "Tuesday, 04-Mar-70 10:00:00 UTC", "tuesday, 04-mar-25 10:00:00 utc",
		"Tue Mar  4 10:00:00 2025", "TUE, 04 MAR 2025 10:00:00 GMT", "Mon, 2 Jan 2006 15:04:05 MST",
		"March 4, 2025", "MARCH 4 2025", "mar. 4th, 2025", "Published Sept. 4th, 2025 at 9am", "Sept 31, 2025",
		"4 Mar 2025", "4th of March, 2025", "04. März 2025", "31 Feb 2024", "Feb 29, 2024", "Feb 29, 2023",
		"2025/03/04", "2025.3.4", "04.03.2025", "4.3.2025 12:00", "20250304", "20250304T1011", "2025030410",
		"1741082400", "1741082400123", "174108240", "0001-01-01T00:00:00Z", "2025-02-30", "03/04/2025",
		"Posted on the 15/12/2025 at 19:00", "Updated: 10/31/2024", "13/13/2025", "By Ann Lee, March 3, 2025",
		"Ann Lee | 2025-03-04", "Tom May 2025", "May 2025", "Dec 3", "12:30", "+2025-03-04", "-2025",
		"Monday, January 2, 2006", "ſept 4, 2025", "4 ſep 2025", "Kan 4, 2025", "İan 4, 2025",
		"ＭＡＲ 4, 2025", "２０２５-03-04", "2025\u00a0March 4", "March\u00a04, 2025", "Published\n\tMarch 4,\n2025",
		"1.2.3.4.2025", "2025-03-04-05", "99999-03-04", "12025/03/04", "9/11/2001 2001/9/11",
	}
	var out []string
	for _, s := range base {
		out = append(out, s, strings.ToUpper(s), strings.ToLower(s), "  "+s+"\n", "x"+s, s+"x", "Posted "+s+" by Ann")
	}
	return out
}

func TestParseDateMatchesReference(t *testing.T) {
	for _, s := range dateInputs() {
		got, want := dateAnswer(ParseDate(s)), dateAnswer(parseDateRef(s))
		if got != want {
			t.Errorf("ParseDate(%q) = %s, the reference says %s", s, got, want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range dateInputs() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := dateAnswer(ParseDate(s)), dateAnswer(parseDateRef(s))
		if got != want {
			t.Errorf("ParseDate(%q) = %s, the reference says %s", s, got, want)
		}
	})
}
