package selector

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnsupported is wrapped by Compile's error when the selector uses CSS
// this package does not implement (pseudo-classes, sibling combinators,
// other attribute operators, namespaces).
var ErrUnsupported = errors.New("unsupported selector syntax")

// Compile parses a selector list such as "article .body > p, div#main".
func Compile(s string) (*Selector, error) {
	if len(s) > maxSelectorLen {
		return nil, fmt.Errorf("compile selector: longer than %d bytes", maxSelectorLen)
	}
	p := &parser{src: s}
	sel := &Selector{source: s}
	for {
		c, err := p.complex()
		if err != nil {
			return nil, fmt.Errorf("compile selector %q: %w", s, err)
		}
		if len(sel.alternates) == maxAlternates {
			return nil, fmt.Errorf("compile selector %q: more than %d selectors in the list", s, maxAlternates)
		}
		sel.alternates = append(sel.alternates, c)
		p.skipSpace()
		if p.eof() {
			return sel, nil
		}
		if p.peek() != ',' {
			return nil, fmt.Errorf("compile selector %q: %w", s, p.unexpected())
		}
		p.pos++
	}
}

type parser struct {
	src string
	pos int
}

func (p *parser) eof() bool  { return p.pos >= len(p.src) }
func (p *parser) peek() byte { return p.src[p.pos] }

func (p *parser) skipSpace() bool {
	start := p.pos
	for !p.eof() && isSpace(p.peek()) {
		p.pos++
	}
	return p.pos > start
}

// unexpected describes the byte at pos, naming the CSS features that are
// deliberately left out.
func (p *parser) unexpected() error {
	if p.eof() {
		return errors.New("unexpected end")
	}
	switch c := p.peek(); c {
	case ':':
		return fmt.Errorf("%w: pseudo-class or pseudo-element at offset %d", ErrUnsupported, p.pos)
	case '+', '~':
		return fmt.Errorf("%w: sibling combinator %q at offset %d", ErrUnsupported, c, p.pos)
	case '|':
		return fmt.Errorf("%w: namespace at offset %d", ErrUnsupported, p.pos)
	case '\\':
		return fmt.Errorf("%w: escape at offset %d", ErrUnsupported, p.pos)
	default:
		return fmt.Errorf("unexpected %q at offset %d", c, p.pos)
	}
}

func (p *parser) complex() (complexSel, error) {
	var c complexSel
	p.skipSpace()
	for {
		comp, err := p.compound()
		if err != nil {
			return c, err
		}
		if len(c.compounds) == maxCompounds {
			return c, fmt.Errorf("more than %d compound selectors", maxCompounds)
		}
		c.compounds = append(c.compounds, comp)
		spaced := p.skipSpace()
		if p.eof() || p.peek() == ',' {
			return c, nil
		}
		switch {
		case p.peek() == '>':
			p.pos++
			p.skipSpace()
			c.combinators = append(c.combinators, '>')
		case spaced:
			c.combinators = append(c.combinators, ' ')
		default:
			return c, p.unexpected()
		}
	}
}

func (p *parser) compound() (compound, error) {
	var c compound
	start := p.pos
	if !p.eof() && p.peek() == '*' {
		p.pos++
	} else if name := p.ident(); name != "" {
		c.tag = strings.ToLower(name)
	}
	for !p.eof() {
		var cond condition
		switch p.peek() {
		case '.', '#':
			cond.kind = p.peek()
			p.pos++
			if cond.name = p.ident(); cond.name == "" {
				return c, fmt.Errorf("missing name after %q at offset %d", cond.kind, p.pos-1)
			}
		case '[':
			var err error
			if cond, err = p.attribute(); err != nil {
				return c, err
			}
		default:
			if p.pos == start {
				return c, p.unexpected()
			}
			return c, nil
		}
		if len(c.conds) == maxConditions {
			return c, fmt.Errorf("more than %d conditions in one compound", maxConditions)
		}
		c.conds = append(c.conds, cond)
	}
	if p.pos == start {
		return c, p.unexpected()
	}
	return c, nil
}

// attribute parses [name], [name=value] and [name*=value]; value is an
// identifier or a quoted string.
func (p *parser) attribute() (condition, error) {
	open := p.pos
	p.pos++ // '['
	p.skipSpace()
	cond := condition{kind: 'e', name: strings.ToLower(p.ident())}
	if cond.name == "" {
		return cond, fmt.Errorf("missing attribute name at offset %d", p.pos)
	}
	p.skipSpace()
	if p.eof() {
		return cond, fmt.Errorf("unclosed [ at offset %d", open)
	}
	switch p.peek() {
	case ']':
		p.pos++
		return cond, nil
	case '=':
		cond.kind = '='
		p.pos++
	case '*':
		if !strings.HasPrefix(p.src[p.pos:], "*=") {
			return cond, p.unexpected()
		}
		cond.kind = '*'
		p.pos += 2
	case '^', '$', '~', '|':
		return cond, fmt.Errorf("%w: attribute operator %q= at offset %d", ErrUnsupported, p.peek(), p.pos)
	default:
		return cond, p.unexpected()
	}
	p.skipSpace()
	v, err := p.value()
	if err != nil {
		return cond, err
	}
	cond.value = v
	p.skipSpace()
	if p.eof() || p.peek() != ']' {
		if !p.eof() && (p.peek() == 'i' || p.peek() == 's') {
			return cond, fmt.Errorf("%w: attribute flag at offset %d", ErrUnsupported, p.pos)
		}
		return cond, fmt.Errorf("unclosed [ at offset %d", open)
	}
	p.pos++
	return cond, nil
}

func (p *parser) value() (string, error) {
	if p.eof() {
		return "", errors.New("missing attribute value")
	}
	q := p.peek()
	if q != '"' && q != '\'' {
		if v := p.ident(); v != "" {
			return v, nil
		}
		return "", p.unexpected()
	}
	start := p.pos
	end := strings.IndexByte(p.src[p.pos+1:], q)
	if end < 0 {
		return "", fmt.Errorf("unclosed string at offset %d", start)
	}
	v := p.src[p.pos+1 : p.pos+1+end]
	if strings.ContainsRune(v, '\\') {
		return "", fmt.Errorf("%w: escape in string at offset %d", ErrUnsupported, start)
	}
	p.pos += end + 2
	return v, nil
}

// ident reads a CSS identifier without escapes: letters, digits, '-', '_'
// and any non-ASCII byte.
func (p *parser) ident() string {
	start := p.pos
	for !p.eof() {
		c := p.peek()
		if c == '\\' {
			break
		}
		if c == '-' || c == '_' || c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			p.pos++
			continue
		}
		break
	}
	return p.src[start:p.pos]
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
