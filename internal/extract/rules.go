package extract

import (
	"errors"

	"golang.org/x/net/html"
)

// matcher is what a compiled per-source selector offers.
type matcher interface {
	Match(n *html.Node) bool
}

// rules are a source's compiled Keep and Drop selectors.
type rules struct {
	keep, drop []matcher
}

var errNoSelectors = errors.New("per-source selectors are not supported yet")

// compileRules compiles opts.Keep and opts.Drop.
func compileRules(opts Options) (rules, error) {
	if len(opts.Keep)+len(opts.Drop) > 0 {
		return rules{}, errNoSelectors
	}
	return rules{}, nil
}

func matchAny(ms []matcher, n *html.Node) bool {
	for _, m := range ms {
		if m.Match(n) {
			return true
		}
	}
	return false
}
