package extract

import (
	"fmt"

	"golang.org/x/net/html"

	"github.com/newsdesk/newsdesk/internal/extract/selector"
)

// matcher is what a compiled per-source selector offers.
type matcher interface {
	Match(n *html.Node) bool
}

// rules are a source's compiled Keep and Drop selectors.
type rules struct {
	keep, drop []matcher
}

// compileRules compiles opts.Keep and opts.Drop; a rule that does not
// compile is an error naming it, so a bad rule is seen, not ignored.
func compileRules(opts Options) (rules, error) {
	var r rules
	for _, list := range []struct {
		src []string
		dst *[]matcher
		why string
	}{{opts.Keep, &r.keep, "keep"}, {opts.Drop, &r.drop, "drop"}} {
		for _, s := range list.src {
			sel, err := selector.Compile(s)
			if err != nil {
				return rules{}, fmt.Errorf("%s rule %q: %w", list.why, s, err)
			}
			*list.dst = append(*list.dst, sel)
		}
	}
	return r, nil
}

func matchAny(ms []matcher, n *html.Node) bool {
	for _, m := range ms {
		if m.Match(n) {
			return true
		}
	}
	return false
}
