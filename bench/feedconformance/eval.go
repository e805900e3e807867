package main

import (
	"errors"
	"fmt"
	"reflect"
)

// Values are Python-like: nil, bool, int64, float64, string, titleText,
// htmlText, []any (list or tuple) and map[string]any (dict).

// errLookup is a KeyError or IndexError: the assertion fails.
var errLookup = errors.New("lookup failed")

// scope is what an Expect expression may name.
type scope map[string]any

func eval(n node, s scope) (any, error) {
	switch n := n.(type) {
	case litNode:
		return n.v, nil
	case nameNode:
		v, ok := s[n.name]
		if !ok {
			return nil, fmt.Errorf("%w: name %s", errUnsupported, n.name)
		}
		return v, nil
	case notNode:
		v, err := eval(n.x, s)
		return !truthy(v), err
	case negNode:
		v, err := eval(n.x, s)
		switch v := v.(type) {
		case int64:
			return -v, err
		case float64:
			return -v, err
		}
		return nil, fmt.Errorf("%w: negation", errUnsupported)
	case boolNode:
		var v any
		for _, x := range n.xs {
			var err error
			if v, err = eval(x, s); err != nil {
				return nil, err
			}
			if truthy(v) != n.and {
				return v, nil
			}
		}
		return v, nil
	case compareNode:
		return evalCompare(n, s)
	case addNode:
		l, err := eval(n.l, s)
		if err != nil {
			return nil, err
		}
		r, err := eval(n.r, s)
		if err != nil {
			return nil, err
		}
		ls, lok := asString(l)
		rs, rok := asString(r)
		if lok && rok {
			return ls + rs, nil
		}
		return nil, fmt.Errorf("%w: + on %T", errUnsupported, l)
	case indexNode:
		return evalIndex(n, s)
	case attrNode:
		x, err := eval(n.x, s)
		if err != nil {
			return nil, err
		}
		return lookup(x, n.name) // feedparser's dicts allow attribute access
	case callNode:
		return evalCall(n, s)
	case seqNode:
		out := make([]any, len(n.xs))
		for i, x := range n.xs {
			v, err := eval(x, s)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case dictNode:
		out := make(map[string]any, len(n.keys))
		for i := range n.keys {
			k, err := eval(n.keys[i], s)
			if err != nil {
				return nil, err
			}
			v, err := eval(n.vals[i], s)
			if err != nil {
				return nil, err
			}
			ks, ok := asString(k)
			if !ok {
				return nil, fmt.Errorf("%w: dict key", errUnsupported)
			}
			out[ks] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: node %T", errUnsupported, n)
}

func evalCompare(n compareNode, s scope) (any, error) {
	l, err := eval(n.xs[0], s)
	if err != nil {
		return nil, err
	}
	for i, op := range n.ops {
		r, err := eval(n.xs[i+1], s)
		if err != nil {
			return nil, err
		}
		var ok bool
		switch op {
		case "==":
			ok = equal(l, r)
		case "!=":
			ok = !equal(l, r)
		case "is":
			ok = identical(l, r)
		case "is not":
			ok = !identical(l, r)
		case "in", "not in":
			ok = contains(r, l)
			if op == "not in" {
				ok = !ok
			}
		default:
			return nil, fmt.Errorf("%w: operator %s", errUnsupported, op)
		}
		if !ok {
			return false, nil
		}
		l = r
	}
	return true, nil
}

func evalIndex(n indexNode, s scope) (any, error) {
	x, err := eval(n.x, s)
	if err != nil {
		return nil, err
	}
	k, err := eval(n.key, s)
	if err != nil {
		return nil, err
	}
	switch k := k.(type) {
	case int64:
		list, ok := x.([]any)
		if !ok {
			if str, ok := asString(x); ok {
				r := []rune(str)
				if i := pyIndex(k, len(r)); i >= 0 {
					return string(r[i]), nil
				}
				return nil, errLookup
			}
			return nil, fmt.Errorf("%w: index into %T", errLookup, x)
		}
		if i := pyIndex(k, len(list)); i >= 0 {
			return list[i], nil
		}
		return nil, errLookup
	default:
		ks, ok := asString(k)
		if !ok {
			return nil, fmt.Errorf("%w: key %T", errUnsupported, k)
		}
		return lookup(x, ks)
	}
}

func pyIndex(k int64, n int) int {
	if k < 0 {
		k += int64(n)
	}
	if k < 0 || k >= int64(n) {
		return -1
	}
	return int(k)
}

func lookup(x any, key string) (any, error) {
	m, ok := x.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: %q of %T", errLookup, key, x)
	}
	v, ok := m[key]
	if !ok {
		return nil, fmt.Errorf("%w: no %q", errLookup, key)
	}
	return v, nil
}

func evalCall(n callNode, s scope) (any, error) {
	args := make([]any, len(n.args))
	for i, a := range n.args {
		v, err := eval(a, s)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	if fn, ok := n.fn.(nameNode); ok {
		switch {
		case fn.name == "len" && len(args) == 1:
			switch v := args[0].(type) {
			case []any:
				return int64(len(v)), nil
			case map[string]any:
				return int64(len(v)), nil
			}
			if str, ok := asString(args[0]); ok {
				return int64(len([]rune(str))), nil
			}
		case fn.name == "ord" && len(args) == 1:
			if str, ok := asString(args[0]); ok && len([]rune(str)) == 1 {
				return int64([]rune(str)[0]), nil
			}
			return nil, errLookup
		}
		return nil, fmt.Errorf("%w: call %s", errUnsupported, fn.name)
	}
	if at, ok := n.fn.(attrNode); ok {
		x, err := eval(at.x, s)
		if err != nil {
			return nil, err
		}
		m, isMap := x.(map[string]any)
		key, isStr := "", false
		if len(args) > 0 {
			key, isStr = asString(args[0])
		}
		switch {
		case !isMap || !isStr:
		case at.name == "get" && (len(args) == 1 || len(args) == 2):
			if v, ok := m[key]; ok {
				return v, nil
			}
			if len(args) == 2 {
				return args[1], nil
			}
			return nil, nil
		case at.name == "has_key" && len(args) == 1:
			_, ok := m[key]
			return ok, nil
		}
	}
	return nil, fmt.Errorf("%w: call", errUnsupported)
}

func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case int64:
		return v != 0
	case float64:
		return v != 0
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	s, _ := asString(v)
	return s != ""
}

func asString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case titleText:
		return string(v), true
	case plainTitle:
		return string(v), true
	case htmlText:
		return string(v), true
	}
	return "", false
}

func identical(a, b any) bool {
	switch a.(type) {
	case nil, bool:
		return a == b
	}
	return false
}

func contains(container, item any) bool {
	switch c := container.(type) {
	case map[string]any:
		k, ok := asString(item)
		_, found := c[k]
		return ok && found
	case []any:
		for _, x := range c {
			if equal(x, item) {
				return true
			}
		}
	}
	return false
}

// equal is Python ==, except that titles compare as text and HTML as
// normalised markup (see model.go for why).
func equal(a, b any) bool {
	if t, ok := a.(plainTitle); ok {
		s, ok := asString(b)
		return ok && noSpace(string(t)) == noSpace(normText(s))
	}
	if t, ok := b.(plainTitle); ok {
		return equal(t, a)
	}
	if t, ok := a.(titleText); ok {
		s, ok := asString(b)
		return ok && normText(string(t)) == normText(s)
	}
	if t, ok := b.(titleText); ok {
		return equal(t, a)
	}
	if h, ok := a.(htmlText); ok {
		s, ok := asString(b)
		return ok && sameHTML(string(h), s)
	}
	if h, ok := b.(htmlText); ok {
		return equal(h, a)
	}
	switch av := a.(type) {
	case int64:
		switch bv := b.(type) {
		case int64:
			return av == bv
		case float64:
			return float64(av) == bv
		case bool:
			return (av == 1) == bv && (av == 0 || av == 1)
		}
		return false
	case float64:
		if bv, ok := b.(int64); ok {
			return av == float64(bv)
		}
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for i := range av {
			if !equal(av[i], bv[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for k, x := range av {
			y, ok := bv[k]
			if !ok || !equal(x, y) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}
