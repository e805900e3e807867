// Package websub is the subscriber side of W3C WebSub (formerly
// PubSubHubbub): it asks the hub a feed names to push new versions of the
// feed to a callback on this site, answers the hub's intent verification,
// accepts pushes only when their X-Hub-Signature is a valid HMAC made with
// the subscription's own secret, and renews leases before they expire.
//
// It owns the protocol only: subscriptions are kept through the Store
// interface, hubs are reached through an HTTPDoer the caller builds (so the
// caller's address guard applies), and a verified push is handed to a
// callback. It imports store (for its sentinel errors) and the standard
// library; it must never import a concrete store, fetch, ingest or web.
package websub
