package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// encodingDecl matches the encoding pseudo-attribute of an XML declaration.
var encodingDecl = regexp.MustCompile(`^(\s*<\?xml[^>]*?encoding\s*=\s*)["']([^"']*)["']`)

// declaredEncoding returns the lower-cased label of the XML declaration, or "".
func declaredEncoding(body []byte) string {
	m := encodingDecl.FindSubmatch(body[:min(len(body), 512)])
	if m == nil {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(string(m[2])))
}

// repairCharset returns the body as UTF-8 with a declaration that says so,
// when the declared charset is evidently wrong:
//   - declared (or defaulted to) UTF-8 but the bytes are not UTF-8: the
//     usual culprit is windows-1252 text, which we decode as such;
//   - declared a Latin single-byte charset but the bytes are valid UTF-8 with
//     non-ASCII characters: such bytes are almost never real Latin text;
//   - declared a charset nobody knows.
//
// With force it also rewrites any other non-UTF-8 declaration; Parse uses
// that after the declared charset made the parse fail.
func repairCharset(body []byte, force bool) ([]byte, bool) {
	label := declaredEncoding(body)
	valid := utf8.Valid(body)
	if label == "" || label == "utf-8" || label == "utf8" {
		if valid {
			return nil, false
		}
		return withUTF8Decl(fromWindows1252(body)), true
	}
	_, name := charset.Lookup(label)
	latin := strings.HasPrefix(name, "windows-125") || strings.HasPrefix(name, "iso-8859-")
	switch {
	case name == "", force, latin && valid && hasNonASCII(body):
	default:
		return nil, false
	}
	if !valid {
		body = fromWindows1252(body)
	}
	return withUTF8Decl(body), true
}

func fromWindows1252(body []byte) []byte {
	out, err := charmap.Windows1252.NewDecoder().Bytes(body)
	if err != nil {
		// Windows-1252 maps every byte, so this cannot happen; keep the
		// bytes rather than lose the feed if it ever does.
		return body
	}
	return out
}

func withUTF8Decl(body []byte) []byte {
	loc := encodingDecl.FindSubmatchIndex(body[:min(len(body), 512)])
	if loc == nil {
		return body
	}
	out := make([]byte, 0, len(body)+8)
	// loc[4]:loc[5] is the label; the quotes sit just outside it.
	out = append(out, body[:loc[4]-1]...)
	out = append(out, `"utf-8"`...)
	return append(out, body[loc[5]+1:]...)
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// closeTruncated keeps a cut-off XML feed up to its last complete item or
// entry and closes the elements still open there, so the items before the
// break survive.
func closeTruncated(body []byte) ([]byte, bool) {
	end := -1
	for _, tag := range []string{"</item>", "</entry>"} {
		if i := bytes.LastIndex(body, []byte(tag)); i >= 0 {
			end = max(end, i+len(tag))
		}
	}
	if end < 0 {
		return nil, false
	}
	open, err := openElements(body[:end])
	if err != nil {
		return nil, false
	}
	out := append([]byte(nil), body[:end]...)
	for i := len(open) - 1; i >= 0; i-- {
		out = append(out, "</"+open[i]+">"...)
	}
	return out, true
}

// openElements lists the elements left open at the end of doc, outermost
// first, with their prefixes as written.
func openElements(doc []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var stack []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return stack, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, rawName(t.Name))
		case xml.EndElement:
			// Pop to the matching element; an end tag matching nothing is ignored.
			name := rawName(t.Name)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == name {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
