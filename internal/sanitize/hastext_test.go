package sanitize

import "testing"

func TestHasText(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"   \n\t", false},
		{"<p> </p><br><div>&nbsp;</div>", false},
		{"<script>alert(1)</script><style>p{}</style>", false},
		{"\x00\x01\x7f", false},
		{"<img src=x alt=photo>", false},
		{"word", true},
		{"<p><em>Hello</em></p>", true},
		{"&amp;", true},
		{"<script>x</script>after", true},
	}
	for _, tc := range tests {
		if got := HasText(tc.in); got != tc.want {
			t.Errorf("HasText(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func FuzzHasText(f *testing.F) {
	for _, s := range []string{"", "<p> </p>", "<p>x</p>", "<script>x</script>", "&nbsp;", "\xc2\x85a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := HasText(in), Text(in) != ""; got != want {
			t.Fatalf("HasText(%q) = %v, but Text gives %q", in, got, Text(in))
		}
	})
}
