package meta

import (
	"encoding/json"
	"html"
	"strings"
)

// ldData is what the page's JSON-LD says about its article, site and
// publisher. Lists keep the order in which values were found.
type ldData struct {
	headline    string
	authors     []string
	orgAuthors  []string // authors typed Organization: a last resort
	published   string
	modified    string
	images      []string
	lang        string
	description string
	siteName    string
	pageDate    string // datePublished of a WebPage, trusted less than an article's
	pageName    string
}

const (
	maxLDDepth   = 12
	maxLDObjects = 2000
)

func parseJSONLD(scripts []string) ldData {
	var d ldData
	var objs []map[string]any
	for _, s := range scripts {
		var v any
		if err := json.Unmarshal([]byte(cleanJSON(s)), &v); err != nil {
			continue
		}
		flattenLD(v, 0, &objs)
	}
	var article map[string]any
	bestRank := 0
	for _, o := range objs {
		types := ldTypes(o)
		if r := articleRank(types); r > bestRank {
			article, bestRank = o, r
		}
		switch {
		case hasType(types, "WebSite") || hasType(types, "Organization") || hasType(types, "NewsMediaOrganization"):
			if d.siteName == "" && hasType(types, "WebSite") {
				d.siteName = ldString(o["name"])
			}
		case hasType(types, "WebPage") || hasType(types, "ItemPage"):
			if d.pageDate == "" {
				d.pageDate = ldString(o["datePublished"])
			}
			if d.pageName == "" {
				d.pageName = ldString(o["name"])
			}
		}
	}
	if article == nil {
		return d
	}
	d.headline = ldString(article["headline"])
	if d.headline == "" {
		d.headline = ldString(article["name"])
	}
	d.authors, d.orgAuthors = splitOrgs(article["author"])
	if len(d.authors) == 0 && len(d.orgAuthors) == 0 {
		d.authors, d.orgAuthors = splitOrgs(article["creator"])
	}
	d.published = ldString(article["datePublished"])
	if d.published == "" {
		d.published = ldString(article["dateCreated"])
	}
	d.modified = ldString(article["dateModified"])
	d.images = ldURLs(article["image"], 0)
	if len(d.images) == 0 {
		d.images = ldURLs(article["thumbnailUrl"], 0)
	}
	d.lang = ldString(article["inLanguage"])
	d.description = ldString(article["description"])
	if pub, ok := article["publisher"].(map[string]any); ok {
		if n := ldString(pub["name"]); n != "" {
			d.siteName = n
		}
	}
	return d
}

// cleanJSON undoes the commonest ways pages break their JSON-LD: HTML
// comment or CDATA wrappers and raw control characters inside strings.
func cleanJSON(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"/*<![CDATA[*/", "/*]]>*/"}} {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, w[0]), w[1]))
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)
}

// flattenLD gathers every JSON-LD object: top level, arrays, @graph and
// objects nested as mainEntity or itemListElement.
func flattenLD(v any, depth int, out *[]map[string]any) {
	if depth > maxLDDepth || len(*out) >= maxLDObjects {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			flattenLD(e, depth+1, out)
		}
	case map[string]any:
		*out = append(*out, t)
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"} {
			if sub, ok := t[k]; ok {
				flattenLD(sub, depth+1, out)
			}
		}
	}
}

func ldTypes(o map[string]any) []string {
	switch t := o["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func hasType(types []string, want string) bool {
	for _, t := range types {
		if strings.EqualFold(trimSchema(t), want) {
			return true
		}
	}
	return false
}

func trimSchema(t string) string {
	if i := strings.LastIndexAny(t, "/:"); i >= 0 {
		return t[i+1:]
	}
	return t
}

// articleRank orders the schema.org types that describe the page's main
// work: news and blog articles first, then any creative work with a
// headline.
func articleRank(types []string) int {
	best := 0
	for _, t := range types {
		t = strings.ToLower(trimSchema(t))
		r := 0
		switch {
		case strings.HasSuffix(t, "newsarticle") || t == "blogposting" || t == "article" || t == "reportagenewsarticle":
			r = 4
		case strings.HasSuffix(t, "article") || strings.HasSuffix(t, "posting") || t == "report" || t == "review":
			r = 3
		case t == "recipe" || t == "howto" || t == "scholarlyarticle" || t == "creativework" || t == "medicalwebpage" || t == "qapage" || t == "liveblogposting":
			r = 2
		}
		if r > best {
			best = r
		}
	}
	return best
}

// ldString returns a string value, or the first string of an array, or the
// @value / name of an object.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return collapse(html.UnescapeString(t))
	case []any:
		for _, e := range t {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := ldString(t["@value"]); s != "" {
			return s
		}
		if s, ok := t["name"].(string); ok {
			return collapse(html.UnescapeString(s))
		}
	case float64:
		return ""
	}
	return ""
}

// ldNames returns the names in an author value: a string, an object with a
// name (or given and family names), or an array of either.
func ldNames(v any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch t := v.(type) {
	case string:
		if s := collapse(html.UnescapeString(t)); s != "" && !looksLikeURL(s) {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e, depth+1)...)
			if len(out) >= maxCandidates {
				break
			}
		}
		return out
	case map[string]any:
		if n := ldNames(t["name"], depth+1); len(n) > 0 {
			return n[:1]
		}
		given, family := ldString(t["givenName"]), ldString(t["familyName"])
		if s := strings.TrimSpace(given + " " + family); s != "" {
			return []string{s}
		}
	}
	return nil
}

// splitOrgs separates people from organizations in an author value: a
// publisher credited as author is rarely the byline readers see.
func splitOrgs(v any) (people, orgs []string) {
	list, ok := v.([]any)
	if !ok {
		list = []any{v}
	}
	for i, e := range list {
		if i >= maxCandidates {
			break
		}
		names := ldNames(e, 1)
		if o, ok := e.(map[string]any); ok && !hasType(ldTypes(o), "Person") && len(ldTypes(o)) > 0 {
			orgs = append(orgs, names...)
			continue
		}
		people = append(people, names...)
	}
	return people, orgs
}

// ldURLs returns the URLs of an image value: a string, an ImageObject
// (url or contentUrl), or an array of either.
func ldURLs(v any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldURLs(e, depth+1)...)
			if len(out) >= 4 {
				break
			}
		}
		return out
	case map[string]any:
		for _, k := range []string{"url", "contentUrl", "@id"} {
			if u := ldURLs(t[k], depth+1); len(u) > 0 {
				return u
			}
		}
	}
	return nil
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}
