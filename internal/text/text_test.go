package text

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"punctuation only", " ,.;!? ", nil},
		{"lowercase", "Hello WORLD", []string{"hello", "world"}},
		{"punctuation splits", "storm-hit coast, again.", []string{"storm", "hit", "coast", "again"}},
		{"digits", "COVID-19 in 2024", []string{"covid", "19", "in", "2024"}},
		{"decimal splits", "3.5 percent", []string{"3", "5", "percent"}},
		{"apostrophe joins", "don't", []string{"dont"}},
		{"curly apostrophe", "won’t", []string{"wont"}},
		{"possessive dropped", "Biden's plan", []string{"biden", "plan"}},
		{"possessive curly", "NASA’s rocket", []string{"nasa", "rocket"}},
		{"name with apostrophe", "O'Brien", []string{"obrien"}},
		{"quotes are not apostrophes", "'quoted' words'", []string{"quoted", "words"}},
		{"diacritics folded", "Pokémon naïve São Paulo", []string{"pokemon", "naive", "sao", "paulo"}},
		{"decomposed input folded", "Poke\u0301mon", []string{"pokemon"}},
		{"non latin kept", "Москва Αθήνα 東京", []string{"москва", "αθηνα", "東京"}},
		{"overlong token dropped", "ok " + strings.Repeat("x", MaxTokenRunes+1) + " fine", []string{"ok", "fine"}},
		{"longest token kept", strings.Repeat("y", MaxTokenRunes), []string{strings.Repeat("y", MaxTokenRunes)}},
		{"invalid utf8", "a\xffb", []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got, want := AppendTokenHashes(nil, tt.in), hashAll(tt.want); !slices.Equal(got, want) {
				t.Errorf("AppendTokenHashes(%q) = %v, want the hashes of %q", tt.in, got, tt.want)
			}
			if got := tokenStrings(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("TokenBytes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func tokenStrings(s string) []string {
	var out []string
	for w := range TokenBytes(s) {
		out = append(out, string(w))
	}
	return out
}

func hashAll(words []string) []uint64 {
	var out []uint64
	for _, w := range words {
		out = append(out, Hash64(w))
	}
	return out
}

// TestTokenHashesAndBytesAgreeWithTokens checks AppendTokenHashes and
// TokenBytes against Tokens on random strings drawn from the characters
// their rules treat apart: ASCII and other letters and digits, the two
// apostrophes, "s", combining marks, letters whose lowercase is ASCII (the
// Kelvin sign, dotted I), invalid UTF-8 and separators, with words near
// MaxTokenRunes.
func TestTokenHashesAndBytesAgreeWithTokens(t *testing.T) {
	pieces := []string{"a", "Z", "s", "S", "7", "'", "’", " ", "-", "\n", "é", "E\u0301", "\u0301", "\u212a", "\u0130",
		"Ж", "東", "٣", "\xff", "'s", "’S ", strings.Repeat("x", MaxTokenRunes-1), strings.Repeat("é", MaxTokenRunes-2)}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := AppendTokenHashes(nil, s), hashAll(Tokens(s)); !slices.Equal(got, want) {
			t.Fatalf("AppendTokenHashes(%q) = %v, want the hashes of %q", s, got, Tokens(s))
		}
		if got := tokenStrings(s); !slices.Equal(got, Tokens(s)) {
			t.Fatalf("TokenBytes(%q) = %q, want %q", s, got, Tokens(s))
		}
	}
}

func TestIsStopword(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"the", true}, {"and", true}, {"of", true}, {"said", true}, {"according", true},
		{"dont", true}, {"storm", false}, {"election", false}, {"The", false}, {"", false},
	}
	for _, tt := range tests {
		if got := IsStopword(tt.w); got != tt.want {
			t.Errorf("IsStopword(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

func TestKeyTerms(t *testing.T) {
	tests := []struct {
		name        string
		title, body string
		n           int
		want        []string
	}{
		{"zero", "Storm", "storm storm", 0, nil},
		{"negative", "Storm", "storm", -1, nil},
		{"empty", "", "", 5, []string{}},
		{"frequency", "", "flood river flood bridge flood river", 5, []string{"flood", "river", "bridge"}},
		{"ties by first appearance", "", "zebra apple mango", 2, []string{"zebra", "apple"}},
		{"title counts double", "Bridge", "flood flood bridge", 2, []string{"bridge", "flood"}},
		{"title tie goes to title", "Bridge", "flood flood", 2, []string{"bridge", "flood"}},
		{"stopwords numbers and short words dropped", "The 2024 EU vote", "it was said that 2024 vote 1st", 5, []string{"vote", "1st"}},
		{"folded forms merge", "Pokémon", "pokemon POKEMON", 1, []string{"pokemon"}},
		{"limit", "", "aaa bbb ccc ddd", 2, []string{"aaa", "bbb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := KeyTerms(tt.title, tt.body, tt.n)
			if !slices.Equal(got, tt.want) || (tt.want == nil) != (got == nil) {
				t.Errorf("KeyTerms(%q, %q, %d) = %q, want %q", tt.title, tt.body, tt.n, got, tt.want)
			}
		})
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("Biden's don't Pokémon COVID-19")
	f.Add("a\xff'\u0301s")
	f.Add("’’s's'")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokens(s) {
			if tok == "" || !utf8.ValidString(tok) || utf8.RuneCountInString(tok) > MaxTokenRunes*2 {
				t.Fatalf("Tokens(%q) produced bad token %q", s, tok)
			}
			if strings.ContainsAny(tok, " '’-.") {
				t.Fatalf("Tokens(%q) produced token with a separator %q", s, tok)
			}
		}
		if terms := KeyTerms(s, s, 5); len(terms) > 5 {
			t.Fatalf("KeyTerms returned %d terms", len(terms))
		}
	})
}

func benchText() string {
	para := "The storm hit the Florida coast on Monday, officials said, forcing thousands of residents to flee their homes as the river burst its banks. "
	return strings.Repeat(para, 200) // ~28 KB, a long article
}

func BenchmarkTokens(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Tokens(s)
	}
}

func BenchmarkTokenHashes(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	var buf []uint64
	for b.Loop() {
		buf = AppendTokenHashes(buf[:0], s)
	}
}

func BenchmarkKeyTerms(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		KeyTerms("Storm floods Florida coast", s, 10)
	}
}
