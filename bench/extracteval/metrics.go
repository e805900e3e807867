package main

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// tokens is Python's re.findall(r"\w+", s) on a str: runs of letters,
// numbers (Nd, Nl, No) and underscores. Python's \w does not take combining
// marks, and neither does this.
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// shingles counts the 4-token shingles of s, as the Scrapinghub evaluate.py:
// a text of fewer than 4 tokens is one shorter shingle, an empty one none.
func shingles(s string) map[string]int {
	toks := tokens(s)
	out := make(map[string]int, len(toks))
	if len(toks) < 4 {
		if len(toks) > 0 {
			out[strings.Join(toks, "\x00")]++
		}
		return out
	}
	for i := 0; i+4 <= len(toks); i++ {
		out[strings.Join(toks[i:i+4], "\x00")]++
	}
	return out
}

// shinglePR is the Scrapinghub per-document precision and recall.
func shinglePR(expected, predicted string) (float64, float64) {
	e, p := shingles(expected), shingles(predicted)
	var tp, fp, fn int
	for k, pc := range p {
		ec := e[k]
		tp += min(pc, ec)
		fp += max(pc-ec, 0)
	}
	for k, ec := range e {
		fn += max(ec-p[k], 0)
	}
	total := float64(tp + fp + fn)
	if total == 0 {
		return 1, 1
	}
	t, f, n := float64(tp)/total, float64(fp)/total, float64(fn)/total
	prec, rec := 1.0, 1.0
	if fp > 0 {
		prec = t / (t + f)
	}
	if fn > 0 {
		rec = t / (t + n)
	}
	return prec, rec
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// wordPRF is WCXB's per-page bag-of-words precision, recall and F1 over
// lowercased \w+ tokens.
func wordPRF(predicted, reference string) (float64, float64, float64) {
	pred, ref := tokens(strings.ToLower(predicted)), tokens(strings.ToLower(reference))
	if len(ref) == 0 {
		if len(pred) == 0 {
			return 1, 1, 1
		}
		return 0, 0, 0
	}
	if len(pred) == 0 {
		return 0, 0, 0
	}
	counts := make(map[string]int, len(ref))
	for _, t := range ref {
		counts[t]++
	}
	overlap := 0
	for _, t := range pred {
		if counts[t] > 0 {
			counts[t]--
			overlap++
		}
	}
	p, r := float64(overlap)/float64(len(pred)), float64(overlap)/float64(len(ref))
	return p, r, f1(p, r)
}

// normWS collapses runs of whitespace and trims, as score_wcxb.norm_ws.
func normWS(s string) string { return strings.Join(strings.Fields(s), " ") }

var datePattern = regexp.MustCompile(`(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?`)

// dateParts is the (year, month, day) of the first ISO-like date in s; 0 for a missing part.
func dateParts(s string) ([3]int, bool) {
	m := datePattern.FindStringSubmatch(s)
	if m == nil {
		return [3]int{}, false
	}
	var out [3]int
	for i := range 3 {
		if m[i+1] != "" {
			out[i], _ = strconv.Atoi(m[i+1])
		} else {
			out[i] = -1
		}
	}
	return out, true
}

// dateMatch is score_wcxb.date_match: same date at the ground truth's precision.
func dateMatch(pred, gt string) bool {
	g, ok := dateParts(gt)
	if !ok {
		return false
	}
	p, ok := dateParts(pred)
	if !ok {
		return false
	}
	for i := range 3 {
		if g[i] >= 0 && g[i] != p[i] {
			return false
		}
	}
	return true
}
