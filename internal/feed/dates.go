package feed

import (
	"strings"
	"time"
)

// dateLayouts are the forms parseDate reads: W3C-DTF / RFC 3339 and its
// common relaxations, and RFC 822 / 1123 as RSS uses it. Named zones are
// turned into offsets first (see zoneOffsets), so no layout relies on Go's
// guess for an abbreviation.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"2006-01",
	"20060102T15:04:05Z07:00",
	"Mon, _2 Jan 2006 15:04:05 -0700",
	"Mon, _2 Jan 2006 15:04 -0700",
	"Mon, _2 Jan 06 15:04:05 -0700",
	"_2 Jan 2006 15:04:05 -0700",
	"_2 Jan 06 15:04:05 -0700",
	"Mon, _2 January 2006 15:04:05 -0700",
	"Mon, _2 Jan 2006",
	"_2 Jan 2006",
}

// zoneOffsets are the zone names RFC 822 allows, and the military "Z".
var zoneOffsets = map[string]string{
	"GMT": "+0000", "UT": "+0000", "UTC": "+0000", "Z": "+0000",
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
}

// parseDate reads a feed date. It reports false for anything it is not
// sure of, so that the caller can try another reader.
func parseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if off, ok := zoneOffsets[strings.ToUpper(s[i+1:])]; ok {
			s = s[:i+1] + off
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
