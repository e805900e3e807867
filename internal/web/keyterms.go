package web

import (
	"sort"
	"strings"
	"unicode"
)

// keyTerms stands in for text.KeyTerms(title, body, n), which another
// engineer is writing in internal/text.
//
// TODO(integrator): once internal/text exports KeyTerms, call it from
// article.go and delete this file.
func keyTerms(title, body string, n int) []string {
	counts := make(map[string]int)
	add := func(text string, weight int) {
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if len(w) < 4 || stopWords[w] {
				continue
			}
			counts[w] += weight
		}
	}
	add(title, 3) // a headline word says more than a body word
	add(body, 1)
	terms := make([]string, 0, len(counts))
	for w := range counts {
		terms = append(terms, w)
	}
	sort.Slice(terms, func(i, j int) bool {
		if counts[terms[i]] != counts[terms[j]] {
			return counts[terms[i]] > counts[terms[j]]
		}
		return terms[i] < terms[j]
	})
	return terms[:min(n, len(terms))]
}

var stopWords = map[string]bool{
	"about": true, "after": true, "also": true, "been": true, "before": true, "being": true,
	"could": true, "from": true, "have": true, "into": true, "more": true, "said": true,
	"says": true, "that": true, "their": true, "there": true, "these": true, "they": true,
	"this": true, "those": true, "were": true, "what": true, "when": true, "which": true,
	"while": true, "will": true, "with": true, "would": true, "your": true, "than": true,
}
