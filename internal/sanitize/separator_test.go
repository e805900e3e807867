package sanitize

import (
	"testing"
	"unicode/utf8"
)

// TestSeparatorAt checks the byte-level fast path against isSeparator for
// every rune, and that stray bytes of broken UTF-8 never count as
// separators (they are part of the word they sit in, as before).
func TestSeparatorAt(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r) + "x"
		want := 0
		if isSeparator(r) {
			want = utf8.RuneLen(r)
		}
		if got := separatorAt(s, 0); got != want {
			t.Fatalf("separatorAt(%q, 0) = %d, want %d", s, got, want)
		}
	}
	for _, tc := range []struct {
		in   string
		at   int
		want int
	}{
		{"\x80", 0, 0},         // lone continuation byte
		{"\xc2", 0, 0},         // truncated two-byte rune
		{"\xc2\x85", 1, 0},     // continuation of NEL, not its start
		{"\xc2\x85", 0, 2},     // NEL itself
		{"\xe2\x80\xa8", 0, 3}, // LINE SEPARATOR
		{"\xff", 0, 0},
	} {
		if got := separatorAt(tc.in, tc.at); got != tc.want {
			t.Errorf("separatorAt(%q, %d) = %d, want %d", tc.in, tc.at, got, tc.want)
		}
	}
}
