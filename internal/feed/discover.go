package feed

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// maxDiscoverTokens bounds the work on a hostile or enormous page.
const maxDiscoverTokens = 200_000

// feedTypes ranks the advertised types: lower is better. Plain
// application/json is left out: WordPress advertises its REST API with it.
var feedTypes = map[string]int{
	"application/rss+xml":   0,
	"application/atom+xml":  0,
	"application/rdf+xml":   1,
	"application/feed+json": 2,
}

type candidate struct {
	url  string
	rank int
}

// Discover returns the feed URLs an HTML page advertises with
// <link rel="alternate" type="...">, resolved against the page's <base> and
// pageURL, best first: RSS and Atom before RDF before JSON Feed, and site
// feeds before comment feeds; document order breaks ties.
func Discover(page []byte, pageURL string) []string {
	base, err := url.Parse(pageURL)
	if err != nil {
		base = nil
	}
	var found []candidate
	seen := map[string]bool{}
	baseSet := false
	z := html.NewTokenizer(bytes.NewReader(page))
	for range maxDiscoverTokens {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		attrs := readAttrs(z)
		switch string(name) {
		case "base":
			// Only the first <base> counts, as in browsers.
			if !baseSet && attrs["href"] != "" {
				baseSet = true
				if u, err := url.Parse(strings.TrimSpace(attrs["href"])); err == nil {
					if base != nil {
						u = base.ResolveReference(u)
					}
					base = u
				}
			}
		case "link":
			c, ok := linkCandidate(attrs, base)
			if ok && !seen[c.url] {
				seen[c.url] = true
				found = append(found, c)
			}
		}
	}
	slices.SortStableFunc(found, func(a, b candidate) int { return a.rank - b.rank })
	out := make([]string, len(found))
	for i, c := range found {
		out[i] = c.url
	}
	return out
}

func linkCandidate(attrs map[string]string, base *url.URL) (candidate, bool) {
	if !slices.Contains(strings.Fields(strings.ToLower(attrs["rel"])), "alternate") {
		return candidate{}, false
	}
	typ, _, _ := strings.Cut(strings.ToLower(attrs["type"]), ";")
	rank, ok := feedTypes[strings.TrimSpace(typ)]
	if !ok {
		return candidate{}, false
	}
	link := resolve(base, attrs["href"])
	if link == "" {
		return candidate{}, false
	}
	if strings.Contains(strings.ToLower(attrs["title"]+" "+link), "comment") {
		rank += 10
	}
	return candidate{url: link, rank: rank}, true
}

func readAttrs(z *html.Tokenizer) map[string]string {
	attrs := map[string]string{}
	for {
		key, val, more := z.TagAttr()
		if _, dup := attrs[string(key)]; !dup {
			attrs[string(key)] = string(val)
		}
		if !more {
			return attrs
		}
	}
}
