package fetch

import (
	"bytes"
	"strconv"
	"strings"
	"time"
)

// robotsToken is the product token Newsdesk answers to in robots.txt
// groups ("User-agent: newsdesk"), matched without regard to case.
const robotsToken = "newsdesk"

// Limits that keep a hostile robots.txt cheap: RFC 9309 asks crawlers to
// parse at least 500 KiB, and the pattern budget bounds the work of every
// later match to a few tens of millions of byte comparisons.
const (
	robotsMaxBytes        = 500 << 10
	robotsMaxPatternBytes = 32 << 10
	robotsMaxPattern      = 2 << 10
	maxCrawlDelay         = time.Minute
)

// robotsRule is one Allow or Disallow line, its path pattern normalised.
type robotsRule struct {
	allow   bool
	pattern string
}

// robotsRules is what one robots.txt says to Newsdesk: the rules of the
// groups naming "newsdesk", else those of "*", else none (all allowed).
type robotsRules struct {
	rules      []robotsRule
	crawlDelay time.Duration
}

// robotsGroupSet gathers the rules of every group for one kind of agent;
// RFC 9309 merges groups that name the same agent.
type robotsGroupSet struct {
	found      bool
	rules      []robotsRule
	crawlDelay time.Duration
	budget     int
}

func (g *robotsGroupSet) add(allow bool, pattern string) {
	if pattern == "" || len(pattern) > robotsMaxPattern || g.budget+len(pattern) > robotsMaxPatternBytes {
		// An empty Disallow allows everything, which is what no rule does.
		return
	}
	g.budget += len(pattern)
	g.rules = append(g.rules, robotsRule{allow: allow, pattern: pattern})
}

// parseRobots reads a robots.txt body. It never fails: lines it does not
// understand are skipped, as every crawler does.
func parseRobots(body []byte) robotsRules {
	if len(body) > robotsMaxBytes {
		body = body[:robotsMaxBytes]
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	var own, star robotsGroupSet
	inAgents := false // the previous rule-bearing line was a User-agent line
	forOwn, forStar := false, false
	for len(body) > 0 {
		var line []byte
		line, body, _ = bytes.Cut(body, []byte("\n"))
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(string(line), ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent", "useragent", "user agent":
			if !inAgents {
				forOwn, forStar = false, false
			}
			inAgents = true
			agent, _, _ := strings.Cut(strings.ToLower(value), "/")
			switch strings.TrimSpace(agent) {
			case robotsToken:
				forOwn, own.found = true, true
			case "*":
				forStar, star.found = true, true
			}
		case "allow", "disallow":
			inAgents = false
			pattern := normalizeRobotsPath(value)
			if forOwn {
				own.add(key == "allow", pattern)
			}
			if forStar {
				star.add(key == "allow", pattern)
			}
		case "crawl-delay":
			inAgents = false
			d := parseCrawlDelay(value)
			if forOwn && d > 0 {
				own.crawlDelay = d
			}
			if forStar && d > 0 {
				star.crawlDelay = d
			}
		}
	}
	g := star
	if own.found {
		g = own
	}
	return robotsRules{rules: g.rules, crawlDelay: g.crawlDelay}
}

func parseCrawlDelay(v string) time.Duration {
	secs, err := strconv.ParseFloat(v, 64)
	if err != nil || secs <= 0 || secs != secs {
		return 0
	}
	if secs >= maxCrawlDelay.Seconds() {
		return maxCrawlDelay
	}
	return time.Duration(secs * float64(time.Second))
}

// allowed applies the most specific (longest) matching rule; on a tie
// Allow wins, the least restrictive reading, as RFC 9309 and Google do.
// No matching rule means allowed. path is the escaped path with its query.
func (r robotsRules) allowed(path string) bool {
	if path == "/robots.txt" {
		return true
	}
	path = normalizeRobotsPath(path)
	best, allow := -1, true
	for _, rule := range r.rules {
		n := len(rule.pattern)
		if n < best || (n == best && allow) || !robotsMatch(rule.pattern, path) {
			continue
		}
		best, allow = n, rule.allow
	}
	return allow
}

// normalizeRobotsPath percent-encodes bytes outside printable ASCII and
// upper-cases existing escapes, so that a pattern written in UTF-8 and a
// URL's escaped path compare octet by octet.
func normalizeRobotsPath(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(s[i+1 : i+3]))
			i += 2
		case c <= ' ' || c >= 0x7f:
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// robotsMatch reports whether pattern matches a prefix of path ('*' is any
// run of bytes), or all of it when the pattern ends in '$'. It backtracks
// only to the last '*', so its cost is at most len(pattern)*len(path).
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	p, s := 0, 0
	starP, starS := -1, 0
	for {
		switch {
		case p == len(pattern):
			if !anchored || s == len(path) {
				return true
			}
		case pattern[p] == '*':
			starP, starS = p, s
			p++
			continue
		case s < len(path) && pattern[p] == path[s]:
			p++
			s++
			continue
		}
		if starP < 0 || starS >= len(path) {
			return false
		}
		starS++
		p, s = starP+1, starS
	}
}
