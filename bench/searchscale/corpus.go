package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The source corpus is the Wikinews sample in ../shared/data: real news
// text, read at start-up and never committed. It is cut into templates the
// generator fills: paragraphs whose proper names are slots, so that every
// generated article can name new people, places and organisations.

// piece is one stretch of a template: literal text, or (ent >= 0) a slot
// for the article's entity number ent, written in form.
type piece struct {
	text string
	ent  int32
	form entForm
}

// entForm says how a slot is written.
type entForm uint8

const (
	formFull    entForm = iota // "Mira Kalodane", "Vesterburg", "Talomi Group"
	formSurname                // "Kalodane": a person named again
)

// entKind is the pool an entity's replacements come from.
type entKind uint8

const (
	kindPerson entKind = iota
	kindPlace
	kindOrg
	numKinds
)

// wordPos is a literal word of five letters or more, a place a misspelling
// can fall: the piece holding it and its byte range there.
type wordPos struct{ piece, start, end int32 }

type template struct {
	pieces []piece
	words  []wordPos
	size   int // bytes of the source text it was cut from
}

type srcArticle struct {
	title template
	paras []template // paras[0] is the lead
	kinds []entKind  // kind of each entity number
}

// sourceCorpus is the parsed source: its articles and the body length of
// each, the distribution generated lengths are drawn from.
type sourceCorpus struct {
	arts     []srcArticle
	bodyLens []int
	files    []string
}

// rawArticle is one CSV row with the dateline cut off and the body split
// into paragraphs.
type rawArticle struct {
	title string
	paras []string
}

var (
	dateline  = regexp.MustCompile(`^\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}[\s\x{a0}]*`)
	paraBreak = regexp.MustCompile(`[ \t\x{a0}]*\n[ \t\x{a0}]*\n[\s\x{a0}]*`)
)

// loadSource reads every wikinews_*.csv in dir.
func loadSource(dir string) (*sourceCorpus, error) {
	files, err := filepath.Glob(filepath.Join(dir, "wikinews_*.csv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no wikinews_*.csv in %s", dir)
	}
	sort.Strings(files)
	var raws []rawArticle
	for _, f := range files {
		rs, err := readCSV(f)
		if err != nil {
			return nil, err
		}
		raws = append(raws, rs...)
	}
	return buildSource(raws, files), nil
}

func readCSV(path string) ([]rawArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	ti, ok1 := col["title"]
	xi, ok2 := col["text"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("read %s: want columns title and text, have %v", path, head)
	}
	var out []rawArticle
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		text := dateline.ReplaceAllString(rec[xi], "")
		var paras []string
		for _, p := range paraBreak.Split(strings.TrimSpace(text), -1) {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
		if len(paras) == 0 || strings.TrimSpace(rec[ti]) == "" {
			continue
		}
		out = append(out, rawArticle{title: strings.TrimSpace(rec[ti]), paras: paras})
	}
	return out, nil
}

// keepCapitalised are capitalised words that are never names to replace.
var keepCapitalised = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday
		january february march april may june july august september october november december
		wikinews english`) {
		keepCapitalised[w] = true
	}
}

// placeWords precede a name that is most likely a place.
var placeWords = map[string]bool{"in": true, "at": true, "from": true, "near": true, "across": true, "throughout": true, "into": true}

func buildSource(raws []rawArticle, files []string) *sourceCorpus {
	// A capitalised word is a name when the corpus never writes it in
	// lower case: "President" is not ("the president"), "Putin" is.
	lower := map[string]bool{}
	for _, a := range raws {
		for _, p := range append([]string{a.title}, a.paras...) {
			forWords(p, func(w string, _, _ int) {
				if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
					lower[w] = true
				}
			})
		}
	}
	sc := &sourceCorpus{files: files}
	for _, a := range raws {
		sc.arts = append(sc.arts, cutArticle(a, lower))
		n := 0
		for i, p := range a.paras {
			if i > 0 {
				n += 2
			}
			n += len(p)
		}
		sc.bodyLens = append(sc.bodyLens, n)
	}
	return sc
}

// forWords calls fn for each run of letters (with inner apostrophes) in s.
func forWords(s string, fn func(w string, start, end int)) {
	start := -1
	for i, r := range s {
		letter := unicode.IsLetter(r)
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			fn(s[start:i], start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(s[start:], start, len(s))
	}
}

// span is a name found in a text: byte range, words, and the word before.
type span struct {
	start, end int
	words      []string
	prev       string
}

func isName(w string, lower map[string]bool) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 3 {
		return false
	}
	hasLower := false
	for _, r := range w[size:] {
		if unicode.IsLower(r) {
			hasLower = true
			break
		}
	}
	lw := strings.ToLower(w)
	return hasLower && !lower[lw] && !keepCapitalised[lw]
}

// findNames returns the runs of name words separated by single spaces.
func findNames(s string, lower map[string]bool) []span {
	var (
		out  []span
		cur  *span
		prev string
	)
	forWords(s, func(w string, start, end int) {
		if isName(w, lower) {
			if cur != nil && s[cur.end:start] == " " {
				cur.end = end
				cur.words = append(cur.words, w)
				return
			}
			out = append(out, span{start: start, end: end, words: []string{w}, prev: strings.ToLower(prev)})
			cur = &out[len(out)-1]
		} else {
			cur = nil
		}
		prev = w
	})
	return out
}

// cutArticle turns an article into templates, numbering its entities so
// that every mention of one name becomes the same replacement, and a
// person's surname alone refers to the same person.
func cutArticle(a rawArticle, lower map[string]bool) srcArticle {
	texts := append([]string{a.title}, a.paras...)
	found := make([][]span, len(texts))
	ids := map[string]int32{}
	var kinds []entKind
	surnames := map[string]int32{}
	// People named in full first, so a later lone surname finds them.
	for i, t := range texts {
		found[i] = findNames(t, lower)
		for _, sp := range found[i] {
			key := strings.Join(sp.words, " ")
			if len(sp.words) < 2 || placeWords[sp.prev] {
				continue
			}
			if _, ok := ids[key]; !ok {
				ids[key] = int32(len(kinds))
				kinds = append(kinds, kindPerson)
				surnames[sp.words[len(sp.words)-1]] = ids[key]
			}
		}
	}
	idOf := func(sp span) (int32, entForm) {
		key := strings.Join(sp.words, " ")
		if id, ok := ids[key]; ok {
			if kinds[id] == kindPerson && len(sp.words) == 1 {
				return id, formSurname
			}
			return id, formFull
		}
		if id, ok := surnames[key]; ok && len(sp.words) == 1 {
			return id, formSurname
		}
		kind := kindPerson
		switch {
		case placeWords[sp.prev]:
			kind = kindPlace
		case fnv32(key)%3 == 0:
			kind = kindOrg
		}
		id := int32(len(kinds))
		ids[key] = id
		kinds = append(kinds, kind)
		if kind == kindPerson {
			return id, formSurname
		}
		return id, formFull
	}
	out := srcArticle{}
	for i, t := range texts {
		var tp template
		tp.size = len(t)
		last := 0
		for _, sp := range found[i] {
			if sp.start > last {
				tp.pieces = append(tp.pieces, piece{text: t[last:sp.start], ent: -1})
			}
			id, form := idOf(sp)
			tp.pieces = append(tp.pieces, piece{ent: id, form: form})
			last = sp.end
		}
		if last < len(t) {
			tp.pieces = append(tp.pieces, piece{text: t[last:], ent: -1})
		}
		for pi, p := range tp.pieces {
			if p.ent >= 0 {
				continue
			}
			forWords(p.text, func(w string, start, end int) {
				if len(w) >= 5 && isASCIILower(w) {
					tp.words = append(tp.words, wordPos{int32(pi), int32(start), int32(end)})
				}
			})
		}
		if i == 0 {
			out.title = tp
		} else {
			out.paras = append(out.paras, tp)
		}
	}
	out.kinds = kinds
	return out
}

func isASCIILower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
