package sanitize

import (
	"net/url"
	"strings"
)

// variantHostPrefixes are the host labels that name another rendering of
// the same site: its mobile, AMP or "www" host.
var variantHostPrefixes = [...]string{"www.", "m.", "mobile.", "amp."}

// siteHost is u's host with one variant prefix folded away, as long as a
// dotted name remains ("m.example.com" is example.com; "m.co" stays).
func siteHost(host string) string {
	host = strings.ToLower(host)
	for _, p := range variantHostPrefixes {
		if rest, ok := strings.CutPrefix(host, p); ok && strings.Contains(rest, ".") {
			return rest
		}
	}
	return host
}

// IdentityKey is the key under which canonical URLs (CanonicalURL's
// results) name the same page: the desktop, mobile and AMP hosts of a site
// give one key. It is for recognising duplicates only; a stored canonical
// URL keeps the host its publisher used. "" stays "".
func IdentityKey(canonical string) string {
	u, err := url.Parse(canonical)
	if err != nil || u.Host == "" {
		return canonical
	}
	u.Host = siteHost(u.Host)
	return u.String()
}

// SameSite reports whether two absolute URLs are on one site, comparing
// their hosts with a mobile, AMP or www prefix folded away. A page's claim
// about its canonical address is believed only for its own site: another
// site's page must not be able to pass itself off as the original.
func SameSite(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	if errA != nil || errB != nil || ua.Hostname() == "" {
		return false
	}
	return siteHost(ua.Hostname()) == siteHost(ub.Hostname())
}
