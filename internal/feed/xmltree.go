package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html/charset"
)

// node is one element of a feed document, or a run of text when name is "".
// Namespaces are reduced to short keys (see nsKey) so that the format
// readers need not care which prefix, or which of a namespace's historical
// URIs, a feed used.
type node struct {
	ns    string // namespace key: "atom", "dc", ... or the URI itself if unknown
	uri   string // the namespace URI as resolved, for serialising XHTML
	local string // local name as written
	name  string // local name lower-cased, for matching
	attrs []xml.Attr
	kids  []*node
	text  string   // text of a text node
	buf   []byte   // text while the tree is read: appending to a string is quadratic
	base  *url.URL // effective xml:base (document URL when none)
	lang  string   // effective xml:lang
	// open means the document broke off inside this element: its content
	// is incomplete, and readers skip it (a channel excepted).
	open bool
}

// Bounds on the tree: past them the rest of the document is dropped, which
// is taken as damage (the feed is then marked repaired).
const (
	maxTreeNodes = 500_000
	maxTreeDepth = 256
)

// docTree is the result of reading a document into nodes.
type docTree struct {
	root       *node
	wellFormed bool // no XML error, nothing dropped, no undeclared prefix
	// broken means the XML had an error: what follows it is lost.
	broken bool
	// cutContent means the document broke off inside an element other
	// than the root or a channel: some of its content is lost.
	cutContent bool
}

// buildTree reads body as XML. It tries a strict reading first, which also
// tells whether the document is well-formed, then a lenient one that keeps
// what came before an error.
func buildTree(body []byte, base *url.URL) docTree {
	root, err := readTree(body, base, true)
	if err == nil && root != nil {
		return docTree{root: root, wellFormed: !undeclaredPrefix(root)}
	}
	root, _ = readTree(body, base, false)
	return docTree{root: root, broken: true, cutContent: cutInside(root)}
}

// entityDecl matches an internal DTD entity declaration.
var entityDecl = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')`)

func readTree(body []byte, base *url.URL, strict bool) (*node, error) {
	root, err := readNodes(body, base, strict)
	settleText(root)
	return root, err
}

// settleText turns the text buffers into strings once reading is done.
func settleText(n *node) {
	if n == nil {
		return
	}
	for _, k := range n.kids {
		if k.name == "" {
			k.text, k.buf = string(k.buf), nil
		} else {
			settleText(k)
		}
	}
}

func readNodes(body []byte, base *url.URL, strict bool) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = strict
	d.Entity = xml.HTMLEntity // HTML entities in XML are common and harmless
	d.CharsetReader = charset.NewReaderLabel
	var root *node
	var stack []*node
	count := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) && len(stack) == 0 {
			return root, nil
		}
		if err != nil {
			markOpen(stack)
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return root, err
		}
		if count++; count > maxTreeNodes {
			markOpen(stack)
			return root, errors.New("the document has too many nodes")
		}
		switch t := tok.(type) {
		case xml.Directive:
			if root == nil {
				addDTDEntities(d, string(t), body)
			}
		case xml.StartElement:
			if len(stack) >= maxTreeDepth {
				markOpen(stack)
				return root, errors.New("the document nests too deeply")
			}
			parent := &node{base: base}
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			n := newElement(t, parent)
			if len(stack) == 0 {
				if root != nil {
					return root, errors.New("a second root element")
				}
				root = n
			} else {
				parent.kids = append(parent.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if k := len(top.kids); k > 0 && top.kids[k-1].name == "" {
					top.kids[k-1].buf = append(top.kids[k-1].buf, t...)
				} else {
					top.kids = append(top.kids, &node{buf: append([]byte(nil), t...)})
				}
			}
		}
	}
}

// cutInside reports an open element below the root other than a channel.
func cutInside(n *node) bool {
	if n == nil {
		return false
	}
	for _, k := range n.kids {
		if k.open {
			return k.name != "channel" || cutInside(k)
		}
	}
	return false
}

func markOpen(stack []*node) {
	for _, n := range stack {
		n.open = true
	}
}

// entityBudget bounds the text that declared entities may add to a
// document: the document's own size, and never more than this.
const entityBudget = 64 << 10

// addDTDEntities makes the entities an internal DTD declares known to the
// decoder, on a copy of its table.
//
// Entities that refer to others are never expanded (billion laughs), and
// a flat entity counts against a budget of what its references would
// expand to, so a short document cannot reference a long entity
// thousands of times; an entity over budget stays undeclared, which the
// lenient pass keeps as literal text.
func addDTDEntities(d *xml.Decoder, directive string, body []byte) {
	decls := entityDecl.FindAllStringSubmatch(directive, 64)
	if len(decls) == 0 {
		return
	}
	budget := min(len(body), entityBudget)
	ents := maps.Clone(d.Entity)
	for _, m := range decls {
		v := m[2] + m[3]
		if strings.ContainsAny(v, "<&") {
			continue
		}
		uses := bytes.Count(body, []byte("&"+m[1]+";"))
		if cost := uses * len(v); cost <= budget {
			budget -= cost
			ents[m[1]] = v
		}
	}
	d.Entity = ents
}

func newElement(t xml.StartElement, parent *node) *node {
	n := &node{uri: t.Name.Space, local: t.Name.Local, name: strings.ToLower(t.Name.Local),
		base: parent.base, lang: parent.lang}
	n.ns = nsKey(t.Name.Space)
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		if a.Name.Space == nsXML || a.Name.Space == "xml" {
			switch a.Name.Local {
			case "base":
				n.base = joinBase(parent.base, a.Value)
			case "lang":
				n.lang = strings.TrimSpace(a.Value)
			}
			continue
		}
		n.attrs = append(n.attrs, a)
	}
	return n
}

func joinBase(base *url.URL, ref string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return base
	}
	if base == nil {
		if u.IsAbs() {
			return u
		}
		return nil
	}
	return base.ResolveReference(u)
}

// undeclaredPrefix reports an element whose prefix was never bound to a
// namespace: the lenient decoder leaves the bare prefix as its space.
func undeclaredPrefix(n *node) bool {
	if n.name != "" && n.uri != "" && !strings.Contains(n.uri, ":") && !strings.Contains(n.uri, "/") {
		return true
	}
	for _, k := range n.kids {
		if k.name != "" && undeclaredPrefix(k) {
			return true
		}
	}
	return false
}

// attr returns the value of the attribute with the given lower-case local
// name, in any namespace, or "".
func (n *node) attr(name string) string {
	for _, a := range n.attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return a.Value
		}
	}
	return ""
}

// child returns the first element child in one of the given namespaces
// with the given lower-case name, or nil.
func (n *node) child(name string, nss ...string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name && nsIn(k.ns, nss) && k.complete() {
			return k
		}
	}
	return nil
}

// children returns every such child.
func (n *node) children(name string, nss ...string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.name == name && nsIn(k.ns, nss) && k.complete() {
			out = append(out, k)
		}
	}
	return out
}

// complete reports whether the element may be read: a channel cut off by
// a break still holds complete items, any other element is damaged.
func (n *node) complete() bool {
	return !n.open || n.name == "channel"
}

func nsIn(ns string, nss []string) bool {
	for _, s := range nss {
		if s == ns {
			return true
		}
	}
	return false
}

// textOf is the element's character data, its child elements' included.
func (n *node) textOf() string {
	if n == nil {
		return ""
	}
	if len(n.kids) == 1 && n.kids[0].name == "" {
		return n.kids[0].text
	}
	var b strings.Builder
	n.appendText(&b)
	return b.String()
}

func (n *node) appendText(b *strings.Builder) {
	for _, k := range n.kids {
		if k.name == "" {
			b.WriteString(k.text)
		} else {
			k.appendText(b)
		}
	}
}

// hasElements reports whether the element contains child elements.
func (n *node) hasElements() bool {
	for _, k := range n.kids {
		if k.name != "" {
			return true
		}
	}
	return false
}
