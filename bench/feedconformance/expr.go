package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reads and evaluates the subset of Python expressions that the
// feedparser suite's "Expect:" lines use: or/and/not, chained comparisons
// (==, !=, in, not in, is, is not), +, unary minus, subscripts, attributes,
// calls (len, ord, .get, .has_key, datetime.timedelta, locals), string,
// number, tuple, list and dict literals, None/True/False.

// node is one parsed expression.
type node interface{}

type (
	nameNode struct{ name string }
	litNode  struct{ v any }
	notNode  struct{ x node }
	negNode  struct{ x node }
	boolNode struct {
		and bool
		xs  []node
	}
	compareNode struct {
		ops []string
		xs  []node
	}
	addNode   struct{ l, r node }
	indexNode struct{ x, key node }
	attrNode  struct {
		x    node
		name string
	}
	callNode struct {
		fn   node
		args []node
	}
	seqNode  struct{ xs []node } // tuple or list
	dictNode struct{ keys, vals []node }
)

type token struct {
	kind string // "name", "str", "num", "op", "eof"
	text string
	val  any
}

// errUnsupported marks an expression shape the evaluator does not read.
var errUnsupported = errors.New("unsupported expression")

func tokenize(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == '#':
			return append(toks, token{kind: "eof"}), nil
		case isNameStart(c):
			j := i
			for j < len(src) && (isNameStart(src[j]) || (src[j] >= '0' && src[j] <= '9')) {
				j++
			}
			word := src[i:j]
			// String prefixes: u'', b'', r''.
			if j < len(src) && (src[j] == '\'' || src[j] == '"') && len(word) <= 2 && strings.Trim(strings.ToLower(word), "ubr") == "" {
				s, n, err := readString(src[j:], strings.ContainsAny(strings.ToLower(word), "r"))
				if err != nil {
					return nil, err
				}
				toks = append(toks, token{kind: "str", val: s})
				i = j + n
				continue
			}
			toks = append(toks, token{kind: "name", text: word})
			i = j
		case c >= '0' && c <= '9' || (c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9'):
			j := i
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' || src[j] == 'L' || src[j] == 'e') {
				j++
			}
			text := strings.TrimSuffix(src[i:j], "L")
			if n, err := strconv.ParseInt(text, 10, 64); err == nil {
				toks = append(toks, token{kind: "num", val: n})
			} else if f, err := strconv.ParseFloat(text, 64); err == nil {
				toks = append(toks, token{kind: "num", val: f})
			} else {
				return nil, fmt.Errorf("%w: number %q", errUnsupported, text)
			}
			i = j
		case c == '\'' || c == '"':
			s, n, err := readString(src[i:], false)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: "str", val: s})
			i += n
		default:
			op := string(c)
			if i+1 < len(src) && (src[i:i+2] == "==" || src[i:i+2] == "!=" || src[i:i+2] == "<=" || src[i:i+2] == ">=") {
				op = src[i : i+2]
			}
			if !strings.Contains("()[]{},.:+-<>", op) && op != "==" && op != "!=" && op != "<=" && op != ">=" {
				return nil, fmt.Errorf("%w: character %q", errUnsupported, op)
			}
			toks = append(toks, token{kind: "op", text: op})
			i += len(op)
		}
	}
	return append(toks, token{kind: "eof"}), nil
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// readString reads a Python string literal at the start of s and returns
// its value and length in bytes.
func readString(s string, raw bool) (string, int, error) {
	q := s[0]
	triple := strings.HasPrefix(s, strings.Repeat(string(q), 3))
	start := 1
	if triple {
		start = 3
	}
	var b strings.Builder
	for i := start; i < len(s); {
		c := s[i]
		if c == q && (!triple || strings.HasPrefix(s[i:], strings.Repeat(string(q), 3))) {
			if triple {
				return b.String(), i + 3, nil
			}
			return b.String(), i + 1, nil
		}
		if c != '\\' || raw {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(s) {
			break
		}
		n, err := readEscape(&b, s[i+1:])
		if err != nil {
			return "", 0, err
		}
		i += 1 + n
	}
	return "", 0, fmt.Errorf("%w: unterminated string", errUnsupported)
}

// readEscape writes the character of the escape after a backslash and
// returns how many bytes it used.
func readEscape(b *strings.Builder, s string) (int, error) {
	simple := map[byte]string{'n': "\n", 't': "\t", 'r': "\r", '\\': "\\", '\'': "'", '"': "\"", '0': "\x00", 'a': "\a", 'b': "\b", 'f': "\f", 'v': "\v", '\n': ""}
	if v, ok := simple[s[0]]; ok && !(s[0] == '0' && len(s) > 1 && s[1] >= '0' && s[1] <= '7') {
		b.WriteString(v)
		return 1, nil
	}
	width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[0]]
	if width == 0 {
		if s[0] >= '0' && s[0] <= '7' { // octal
			j := 0
			for j < 3 && j < len(s) && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(s[:j], 8, 32)
			b.WriteRune(rune(n))
			return j, nil
		}
		b.WriteByte('\\')
		return 0, nil
	}
	if len(s) < 1+width {
		return 0, fmt.Errorf("%w: short escape", errUnsupported)
	}
	n, err := strconv.ParseUint(s[1:1+width], 16, 32)
	if err != nil {
		return 0, fmt.Errorf("%w: bad escape", errUnsupported)
	}
	if !utf8.ValidRune(rune(n)) && n < 0xD800 || n > 0x10FFFF {
		return 0, fmt.Errorf("%w: bad code point", errUnsupported)
	}
	b.WriteRune(rune(n))
	return 1 + width, nil
}

type exprParser struct {
	toks []token
	pos  int
}

func parseExpr(src string) (node, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != "eof" {
		return nil, fmt.Errorf("%w: trailing %q", errUnsupported, p.peek().text)
	}
	return n, nil
}

func (p *exprParser) peek() token { return p.toks[p.pos] }
func (p *exprParser) next() token { t := p.toks[p.pos]; p.pos++; return t }

func (p *exprParser) isWord(w string) bool {
	t := p.peek()
	return t.kind == "name" && t.text == w
}

func (p *exprParser) isOp(op string) bool {
	t := p.peek()
	return t.kind == "op" && t.text == op
}

func (p *exprParser) expectOp(op string) error {
	if !p.isOp(op) {
		return fmt.Errorf("%w: expected %q", errUnsupported, op)
	}
	p.pos++
	return nil
}

func (p *exprParser) or() (node, error)  { return p.boolOp("or", false, p.and) }
func (p *exprParser) and() (node, error) { return p.boolOp("and", true, p.not) }

func (p *exprParser) boolOp(word string, and bool, sub func() (node, error)) (node, error) {
	x, err := sub()
	if err != nil {
		return nil, err
	}
	xs := []node{x}
	for p.isWord(word) {
		p.pos++
		y, err := sub()
		if err != nil {
			return nil, err
		}
		xs = append(xs, y)
	}
	if len(xs) == 1 {
		return x, nil
	}
	return boolNode{and: and, xs: xs}, nil
}

func (p *exprParser) not() (node, error) {
	if p.isWord("not") {
		p.pos++
		x, err := p.not()
		return notNode{x}, err
	}
	return p.compare()
}

func (p *exprParser) compare() (node, error) {
	x, err := p.sum()
	if err != nil {
		return nil, err
	}
	c := compareNode{xs: []node{x}}
	for {
		var op string
		switch t := p.peek(); {
		case t.kind == "op" && (t.text == "==" || t.text == "!=" || t.text == "<" || t.text == ">" || t.text == "<=" || t.text == ">="):
			op = t.text
			p.pos++
		case p.isWord("in"):
			op = "in"
			p.pos++
		case p.isWord("not") && p.toks[p.pos+1].kind == "name" && p.toks[p.pos+1].text == "in":
			op = "not in"
			p.pos += 2
		case p.isWord("is"):
			op = "is"
			p.pos++
			if p.isWord("not") {
				op = "is not"
				p.pos++
			}
		}
		if op == "" {
			break
		}
		y, err := p.sum()
		if err != nil {
			return nil, err
		}
		c.ops = append(c.ops, op)
		c.xs = append(c.xs, y)
	}
	if len(c.ops) == 0 {
		return x, nil
	}
	return c, nil
}

func (p *exprParser) sum() (node, error) {
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.isOp("+") {
		p.pos++
		y, err := p.unary()
		if err != nil {
			return nil, err
		}
		x = addNode{x, y}
	}
	return x, nil
}

func (p *exprParser) unary() (node, error) {
	if p.isOp("-") {
		p.pos++
		x, err := p.unary()
		return negNode{x}, err
	}
	return p.postfix()
}

func (p *exprParser) postfix() (node, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.isOp("["):
			p.pos++
			k, err := p.or()
			if err != nil {
				return nil, err
			}
			if err := p.expectOp("]"); err != nil {
				return nil, err
			}
			x = indexNode{x, k}
		case p.isOp("."):
			p.pos++
			t := p.next()
			if t.kind != "name" {
				return nil, fmt.Errorf("%w: attribute", errUnsupported)
			}
			x = attrNode{x, t.text}
		case p.isOp("("):
			p.pos++
			args, err := p.list(")")
			if err != nil {
				return nil, err
			}
			x = callNode{x, args}
		default:
			return x, nil
		}
	}
}

// list reads comma-separated expressions up to the closing op.
func (p *exprParser) list(closing string) ([]node, error) {
	var xs []node
	for !p.isOp(closing) {
		x, err := p.or()
		if err != nil {
			return nil, err
		}
		xs = append(xs, x)
		if !p.isOp(",") {
			break
		}
		p.pos++
	}
	return xs, p.expectOp(closing)
}

func (p *exprParser) primary() (node, error) {
	t := p.next()
	switch {
	case t.kind == "str":
		s := t.val.(string)
		for p.peek().kind == "str" { // implicit concatenation
			s += p.next().val.(string)
		}
		return litNode{s}, nil
	case t.kind == "num":
		return litNode{t.val}, nil
	case t.kind == "name":
		switch t.text {
		case "None":
			return litNode{nil}, nil
		case "True":
			return litNode{true}, nil
		case "False":
			return litNode{false}, nil
		}
		return nameNode{t.text}, nil
	case t.kind == "op" && t.text == "(":
		xs, err := p.list(")")
		if err != nil {
			return nil, err
		}
		// (x) is x; (x,) and (x, y) are tuples.
		if len(xs) == 1 && p.toks[p.pos-2].text != "," {
			return xs[0], nil
		}
		return seqNode{xs}, nil
	case t.kind == "op" && t.text == "[":
		xs, err := p.list("]")
		return seqNode{xs}, err
	case t.kind == "op" && t.text == "{":
		return p.dict()
	}
	return nil, fmt.Errorf("%w: token %q", errUnsupported, t.text)
}

func (p *exprParser) dict() (node, error) {
	var d dictNode
	for !p.isOp("}") {
		k, err := p.or()
		if err != nil {
			return nil, err
		}
		if err := p.expectOp(":"); err != nil {
			return nil, err
		}
		v, err := p.or()
		if err != nil {
			return nil, err
		}
		d.keys, d.vals = append(d.keys, k), append(d.vals, v)
		if !p.isOp(",") {
			break
		}
		p.pos++
	}
	return d, p.expectOp("}")
}
