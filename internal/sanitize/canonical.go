package sanitize

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
)

// ErrNotWebURL is wrapped by CanonicalURL's error for input that is not an
// absolute http(s) URL with a host.
var ErrNotWebURL = errors.New("not an absolute http(s) URL")

// CanonicalURL cleans a URL for identity, so that the same article reached
// through different links gets one key: scheme and host lowercased, default
// ports, user info and the fragment dropped, tracking parameters (utm_*,
// fbclid, gclid, ...) and AMP markers (a trailing "/amp", "amp=1",
// "outputType=amp") removed, remaining query parameters sorted, an empty
// query removed, an empty path written as "/". Input that is invalid or not
// http(s) returns "" and an error.
func CanonicalURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if len(s) > maxURLBytes {
		return "", fmt.Errorf("canonical URL: %d bytes is too long", len(s))
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("canonical URL: %w", err)
	}
	if !isWebScheme(u.Scheme) || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("canonical URL %q: %w", s, ErrNotWebURL)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = canonicalHost(u)
	if u.Host == "" {
		return "", fmt.Errorf("canonical URL %q: %w", s, ErrNotWebURL)
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = canonicalQuery(u.RawQuery)
	u.ForceQuery = false
	canonicalPath(u)
	out := u.String()
	if len(out) > maxURLBytes {
		// Escaping can make the result longer than the input; refuse it
		// here so that a canonical URL is always one CanonicalURL accepts.
		return "", fmt.Errorf("canonical URL: %d bytes once escaped is too long", len(out))
	}
	return out, nil
}

func canonicalHost(u *url.URL) string {
	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		return net.JoinHostPort(host, port)
	}
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// canonicalPath resolves dot segments, strips a trailing AMP segment and
// writes an empty path as "/". A trailing slash is kept: whether it matters
// is the publisher's business.
func canonicalPath(u *url.URL) {
	if strings.Contains(u.Path, "/.") {
		ref := &url.URL{Path: u.Path, RawPath: u.RawPath}
		clean := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}).ResolveReference(ref)
		u.Path, u.RawPath = clean.Path, clean.RawPath
	}
	for _, suffix := range [...]string{"/amp/", "/amp"} {
		if strings.HasSuffix(strings.ToLower(u.Path), suffix) {
			u.Path = u.Path[:len(u.Path)-len(suffix)]
			if suffix == "/amp/" {
				u.Path += "/"
			}
			u.RawPath = ""
			break
		}
	}
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
}

// canonicalQuery drops tracking and AMP parameters and sorts the rest. Pairs
// are decoded and re-encoded so that equivalent spellings compare equal;
// a pair that does not decode is kept as written.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, text string }
	var kept []pair
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == '&' || r == ';' }) {
		k, v, hasValue := strings.Cut(part, "=")
		// A '%' that starts no escape is a literal percent sign: written
		// as %25, the part decodes, and is then written like any other
		// (a raw "a% " kept as it was would end the URL in a space that
		// the next pass trims, so the result would not be canonical).
		dk, errK := url.QueryUnescape(escapeStrayPercents(k))
		dv, errV := url.QueryUnescape(escapeStrayPercents(v))
		if errK != nil || errV != nil {
			continue // cannot happen once stray percents are escaped
		}
		if k == "" || isTracking(dk, dv) {
			continue
		}
		text := url.QueryEscape(dk)
		if hasValue {
			text += "=" + url.QueryEscape(dv)
		}
		kept = append(kept, pair{dk, text})
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].key != kept[j].key {
			return kept[i].key < kept[j].key
		}
		return kept[i].text < kept[j].text
	})
	texts := make([]string, len(kept))
	for i, p := range kept {
		texts[i] = p.text
	}
	return strings.Join(texts, "&")
}

// escapeStrayPercents writes each '%' not followed by two hex digits as
// "%25".
func escapeStrayPercents(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			b.WriteString("%25")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isTracking reports query parameters that identify a campaign, a click or
// an AMP rendering rather than the article.
func isTracking(key, value string) bool {
	k := strings.ToLower(key)
	if strings.HasPrefix(k, "utm_") || strings.HasPrefix(k, "__twitter") || strings.HasPrefix(k, "guce_") {
		return true
	}
	switch k {
	case "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
		"twclid", "igshid", "mc_cid", "mc_eid", "ref", "ref_src", "ref_url",
		"referrer", "cmpid", "cmp", "ncid", "ocid", "smid", "smtyp", "s_cid",
		"_ga", "_gl", "mkt_tok", "oly_anon_id", "oly_enc_id", "guccounter",
		"sr_share", "at_medium", "at_campaign", "wt.mc_id", "rss", "taid", "ito":
		return true
	case "amp":
		v := strings.ToLower(value)
		return v == "" || v == "1" || v == "true"
	case "outputtype":
		return strings.EqualFold(value, "amp")
	}
	return false
}
