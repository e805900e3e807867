package websub

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// maxSignatureHeader bounds the header we look at: sha512 in hex is 128
// characters, so anything much longer is not a signature.
const maxSignatureHeader = 256

// signatureAlgorithms are the methods WebSub allows in X-Hub-Signature.
var signatureAlgorithms = map[string]func() hash.Hash{
	"sha1":   sha1.New,
	"sha256": sha256.New,
	"sha384": sha512.New384,
	"sha512": sha512.New,
}

var errNoSignature = errors.New("no X-Hub-Signature header")

// parseSignature splits "method=hexdigest" and checks that the digest has
// the method's length.
func parseSignature(header string) (func() hash.Hash, []byte, error) {
	header = strings.TrimSpace(header)
	if header == "" {
		return nil, nil, errNoSignature
	}
	if len(header) > maxSignatureHeader {
		return nil, nil, fmt.Errorf("X-Hub-Signature longer than %d bytes", maxSignatureHeader)
	}
	method, digest, ok := strings.Cut(header, "=")
	if !ok {
		return nil, nil, errors.New("X-Hub-Signature is not method=signature")
	}
	newHash, ok := signatureAlgorithms[strings.ToLower(strings.TrimSpace(method))]
	if !ok {
		return nil, nil, fmt.Errorf("X-Hub-Signature method %q is not sha1, sha256, sha384 or sha512", method)
	}
	sum, err := hex.DecodeString(strings.TrimSpace(digest))
	if err != nil {
		return nil, nil, fmt.Errorf("X-Hub-Signature digest is not hexadecimal: %w", err)
	}
	if len(sum) != newHash().Size() {
		return nil, nil, fmt.Errorf("X-Hub-Signature digest has %d bytes, want %d for %s", len(sum), newHash().Size(), method)
	}
	return newHash, sum, nil
}

// verifySignature checks header against the HMAC of body under secret, in
// constant time. An empty secret never verifies.
func verifySignature(header, secret string, body []byte) error {
	newHash, sum, err := parseSignature(header)
	if err != nil {
		return err
	}
	if secret == "" {
		return errors.New("the subscription has no secret")
	}
	mac := hmac.New(newHash, []byte(secret))
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), sum) {
		return errors.New("X-Hub-Signature does not match the body")
	}
	return nil
}

// Sign returns the X-Hub-Signature value for body under secret with
// method (sha1, sha256, sha384 or sha512): what a hub sends. Tests and
// local hubs use it.
func Sign(method, secret string, body []byte) (string, error) {
	newHash, ok := signatureAlgorithms[method]
	if !ok {
		return "", fmt.Errorf("sign: unknown method %q", method)
	}
	mac := hmac.New(newHash, []byte(secret))
	mac.Write(body)
	return method + "=" + hex.EncodeToString(mac.Sum(nil)), nil
}
