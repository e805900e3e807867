// Package selector owns the small CSS selector language of per-source
// extraction rules ("keep these elements", "drop those"): type selectors,
// .class, #id, [attr], [attr=value], [attr*=value], compounds (div.a.b),
// the descendant (space) and child (>) combinators and selector lists
// (a, b). Anything else is refused by Compile with an error naming it, so a
// rule never silently means something else.
//
// It matches golang.org/x/net/html nodes, does no I/O and holds no
// package-level mutable state. It imports only the standard library and
// golang.org/x/net/html, and must never import store, ingest or any other
// Newsdesk package.
package selector

import (
	"strings"

	"golang.org/x/net/html"
)

// Limits on a compiled rule, so a stored rule cannot make matching costly.
const (
	maxSelectorLen = 2048
	maxAlternates  = 32 // selectors in one list
	maxCompounds   = 16 // compounds in one complex selector
	maxConditions  = 16 // classes, ids and attributes in one compound
)

// Selector is a compiled selector list. It is immutable and safe for
// concurrent use.
type Selector struct {
	source     string
	alternates []complexSel
}

// complexSel is compounds joined by combinators; combinators[i] joins
// compounds[i] and compounds[i+1].
type complexSel struct {
	compounds   []compound
	combinators []byte // ' ' descendant, '>' child
}

type compound struct {
	tag   string // lower case; "" matches any element
	conds []condition
}

type condition struct {
	kind  byte // '.', '#', 'e' (attribute exists), '=' (equals), '*' (contains)
	name  string
	value string
}

// String returns the selector as it was compiled.
func (s *Selector) String() string { return s.source }

// Match reports whether the element n matches the selector.
func (s *Selector) Match(n *html.Node) bool {
	if s == nil || n == nil || n.Type != html.ElementNode {
		return false
	}
	for i := range s.alternates {
		if s.alternates[i].match(n) {
			return true
		}
	}
	return false
}

// MatchAll returns the elements under root (root included) that match, in
// document order.
func (s *Selector) MatchAll(root *html.Node) []*html.Node {
	var out []*html.Node
	if s == nil || root == nil {
		return nil
	}
	// An explicit stack: parsed pages can nest deeper than is wise to recurse.
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.Match(n) {
			out = append(out, n)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return out
}

func (c *complexSel) match(n *html.Node) bool {
	last := len(c.compounds) - 1
	if !c.compounds[last].match(n) {
		return false
	}
	// memo records (ancestor, compound index) pairs already known not to
	// match, which keeps descendant backtracking linear in depth × compounds.
	memo := map[memoKey]bool{}
	return c.matchFrom(n, last, memo)
}

type memoKey struct {
	n *html.Node
	i int
}

// matchFrom reports whether compounds[:i] match the ancestors of n, given
// that compounds[i] matches n.
func (c *complexSel) matchFrom(n *html.Node, i int, memo map[memoKey]bool) bool {
	if i == 0 {
		return true
	}
	key := memoKey{n, i}
	if v, ok := memo[key]; ok {
		return v
	}
	result := false
	want := &c.compounds[i-1]
	switch c.combinators[i-1] {
	case '>':
		if p := parentElement(n); p != nil && want.match(p) {
			result = c.matchFrom(p, i-1, memo)
		}
	default:
		for p := parentElement(n); p != nil; p = parentElement(p) {
			if want.match(p) && c.matchFrom(p, i-1, memo) {
				result = true
				break
			}
		}
	}
	memo[key] = result
	return result
}

func parentElement(n *html.Node) *html.Node {
	p := n.Parent
	if p == nil || p.Type != html.ElementNode {
		return nil
	}
	return p
}

func (c *compound) match(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if c.tag != "" && !strings.EqualFold(n.Data, c.tag) {
		return false
	}
	for _, cond := range c.conds {
		if !cond.match(n) {
			return false
		}
	}
	return true
}

func (c condition) match(n *html.Node) bool {
	switch c.kind {
	case '.':
		v, ok := attr(n, "class")
		return ok && hasField(v, c.name)
	case '#':
		v, ok := attr(n, "id")
		return ok && v == c.name
	case 'e':
		_, ok := attr(n, c.name)
		return ok
	case '=':
		v, ok := attr(n, c.name)
		return ok && v == c.value
	case '*':
		v, ok := attr(n, c.name)
		return ok && c.value != "" && strings.Contains(v, c.value)
	}
	return false
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, name) {
			return a.Val, true
		}
	}
	return "", false
}

func hasField(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}
