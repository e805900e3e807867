package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text returns the plain text of HTML: entities decoded, tags dropped, block
// elements separated by one blank line ("\n\n"), <br> as a single newline,
// runs of whitespace inside a paragraph collapsed to one space. The content
// of script, style and other non-prose elements is dropped.
func Text(htmlText string) string {
	w := textWriter{limit: -1}
	w.html(htmlText)
	return w.b.String()
}

// textWriter accumulates plain text, deferring separators until the next
// word so that the result never starts or ends with whitespace.
type textWriter struct {
	b     strings.Builder
	space bool // a space is owed before the next word
	brk   int  // newlines owed before the next word: 1 for <br>, 2 for a block
	runes int  // runes written so far, each separator counted as one as Excerpt collapses them
	limit int  // stop once runes exceed limit; negative means no limit
}

// html tokenizes rather than parses: text needs no tree, and the parser
// refuses documents nested deeper than 512 elements.
func (w *textWriter) html(s string) {
	z := html.NewTokenizer(strings.NewReader(cleanInput(s)))
	skip := 0 // depth inside elements whose content is not prose
	for !w.full() {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipText(a) {
				if tt == html.StartTagToken && !isVoid(a) {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if skip == 0 {
				w.tag(a, tt == html.EndTagToken)
			}
		}
	}
}

// full reports whether the limit has been passed and the walk may stop.
func (w *textWriter) full() bool {
	return w.limit >= 0 && w.runes > w.limit
}

// tag records the separator an opening or closing tag implies.
func (w *textWriter) tag(a atom.Atom, closing bool) {
	switch {
	case isBlock(a):
		w.brk = 2
	case a == atom.Br && !closing:
		w.brk = max(w.brk, 1)
	case a == atom.Td || a == atom.Th || a == atom.Img:
		w.space = true
	}
}

func (w *textWriter) text(s string) {
	i := 0
	for i < len(s) && !w.full() {
		size := separatorAt(s, i)
		if size > 0 {
			w.space = true
			i += size
			continue
		}
		j := i + 1
		for j < len(s) && separatorAt(s, j) == 0 {
			j++
		}
		w.word(s[i:j])
		i = j
	}
}

// separatorAt returns the byte length of the separator rune starting at
// s[i], or 0 when that byte does not start one. ASCII, nearly all of the
// text ingest sees, is decided without decoding a rune (profiles showed
// decoding and the unicode tables as most of Text's time); continuation
// bytes of a multi-byte rune are never separators, so a word can be
// scanned a byte at a time.
func separatorAt(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		// The ASCII runes for which isSeparator is true: C0 controls,
		// space and DEL.
		if c <= ' ' || c == 0x7f {
			return 1
		}
		return 0
	}
	if !utf8.RuneStart(c) {
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if isSeparator(r) {
		return size
	}
	return 0
}

// isSeparator reports runes that end a word. Control characters count as
// space: they have no business in text a reader sees.
func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

func (w *textWriter) word(s string) {
	if w.b.Len() > 0 {
		switch {
		case w.brk == 2:
			w.b.WriteString("\n\n")
		case w.brk == 1:
			w.b.WriteByte('\n')
		case w.space:
			w.b.WriteByte(' ')
		}
		if w.brk > 0 || w.space {
			w.runes++
		}
	}
	w.brk, w.space = 0, false
	w.b.WriteString(s)
	w.runes += utf8.RuneCountInString(s)
}

// skipText reports elements whose content is not prose a reader sees.
func skipText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe,
		atom.Object, atom.Head, atom.Title, atom.Select, atom.Textarea,
		atom.Button, atom.Canvas, atom.Audio, atom.Video, atom.Svg, atom.Math,
		atom.Noembed, atom.Noframes, atom.Xmp, atom.Datalist:
		return true
	}
	return false
}

// isVoid reports elements that never have an end tag, so their start tag
// must not open a skipped region.
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote,
		atom.Pre, atom.Table, atom.Tr, atom.Caption, atom.Figure, atom.Figcaption,
		atom.Section, atom.Article, atom.Aside, atom.Header, atom.Footer,
		atom.Main, atom.Nav, atom.Address, atom.Hr, atom.Details, atom.Summary,
		atom.Hgroup, atom.Fieldset, atom.Body, atom.Html:
		return true
	}
	return false
}
