package feed

import (
	"bytes"
	"mime"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// ParseWithContentType reads a feed served with the given HTTP Content-Type
// header value. The character set is chosen as browsers do for XML:
//
//  1. a byte order mark (UTF-8, UTF-16, UTF-32) wins over everything;
//  2. else the charset parameter of the Content-Type header;
//  3. else the encoding of the XML declaration, or UTF-16/32 recognised
//     from the first bytes of "<?xml";
//  4. else UTF-8.
//
// A text/xml response without a charset is not taken as US-ASCII (the
// obsolete RFC 3023 rule): RFC 7303 and browsers let the document decide,
// and so do we. Text that is still not valid UTF-8 afterwards is repaired
// as Parse does (see repairCharset). An empty contentType is Parse.
func ParseWithContentType(body []byte, feedURL, contentType string) (*Feed, error) {
	decoded, changed := decodeCharset(body, headerCharset(contentType))
	f, err := parse(decoded, feedURL)
	if f != nil && changed == charsetOverridden {
		// The header contradicted the document: feedparser's
		// CharacterEncodingOverride, which it reports as bozo.
		f.Repaired = true
	}
	return f, err
}

// headerCharset returns the charset parameter of a Content-Type, or "".
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.ToLower(strings.Trim(strings.TrimSpace(params["charset"]), `"'`))
}

type charsetChange int

const (
	charsetKept charsetChange = iota
	charsetDecoded
	charsetOverridden // the header's charset differs from the declaration
)

// maxDecodedGrowth bounds decoding: UTF-16 text may double in UTF-8, a
// single-byte charset may triple; anything past 4x is not a real feed.
const maxDecodedGrowth = 4

// decodeCharset returns the body as UTF-8 with an XML declaration saying
// so, when a BOM, the header or a UTF-16/32 prefix says it is in another
// encoding. Otherwise it returns the body unchanged, for the XML
// declaration to be read by the parser.
func decodeCharset(body []byte, header string) ([]byte, charsetChange) {
	if enc, n := bomEncoding(body); enc != nil {
		return recode(body[n:], enc, body), charsetDecoded
	}
	if enc := sniffWideXML(body); enc != nil {
		return recode(body, enc, body), charsetDecoded
	}
	if header == "" {
		return body, charsetKept
	}
	enc, name := charset.Lookup(header)
	if enc == nil {
		return body, charsetKept // an unknown label: let the document decide
	}
	declared := declaredEncoding(body)
	change := charsetDecoded
	if declared != "" {
		if _, dname := charset.Lookup(declared); dname != name {
			change = charsetOverridden
		}
	}
	if name == "utf-8" {
		return withUTF8Decl(body), change
	}
	return recode(body, enc, body), change
}

// recode decodes src to UTF-8 and fixes the declaration, or returns
// fallback if the text cannot be decoded within bounds.
func recode(src []byte, enc encoding.Encoding, fallback []byte) []byte {
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil || len(out) > maxDecodedGrowth*len(src)+64 {
		return fallback
	}
	return withUTF8Decl(out)
}

// bomEncoding recognises a byte order mark and returns its length.
func bomEncoding(b []byte) (encoding.Encoding, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), 4
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), 4
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, 3
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	}
	return nil, 0
}

// sniffWideXML recognises "<?" written in UTF-16 or UTF-32 without a BOM
// (XML 1.0 appendix F).
func sniffWideXML(b []byte) encoding.Encoding {
	switch {
	case bytes.HasPrefix(b, []byte{0, 0, 0, '<'}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
	case bytes.HasPrefix(b, []byte{'<', 0, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
	case bytes.HasPrefix(b, []byte{0, '<', 0, '?'}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case bytes.HasPrefix(b, []byte{'<', 0, '?', 0}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	}
	return nil
}
