package sanitize

import "testing"

func TestIdentityKeyFoldsVariantHosts(t *testing.T) {
	same := []string{
		"https://example.com/news/a",
		"https://www.example.com/news/a",
		"https://m.example.com/news/a",
		"https://amp.example.com/news/a",
	}
	want := IdentityKey(same[0])
	for _, u := range same[1:] {
		if got := IdentityKey(u); got != want {
			t.Errorf("IdentityKey(%q) = %q, want %q", u, got, want)
		}
	}
	for _, u := range []string{"https://example.org/news/a", "https://example.com/news/b", "https://m.co/news/a"} {
		if IdentityKey(u) == want {
			t.Errorf("IdentityKey(%q) = %q, the key of another page", u, want)
		}
	}
	if IdentityKey("") != "" {
		t.Error(`IdentityKey("") is not ""`)
	}
}

func TestSameSite(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://www.example.com/a", "https://example.com/b", true},
		{"https://m.example.com/a", "https://example.com/a", true},
		{"https://example.com/a", "https://example.com.evil.test/a", false},
		{"https://evil.test/a", "https://example.com/a", false},
		{"not a url", "https://example.com/a", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := SameSite(tt.a, tt.b); got != tt.want {
			t.Errorf("SameSite(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
