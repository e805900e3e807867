package websub

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/store"
)

// MaxPushBytes bounds a pushed body, as the fetcher bounds a fetched feed.
const MaxPushBytes = 10 << 20

// maxChallenge bounds the challenge we echo; hubs send a few dozen bytes.
const maxChallenge = 1024

// PushFunc receives a verified push: the new content of the source's feed.
type PushFunc func(ctx context.Context, sourceID int64, body []byte, contentType string) error

// Handler answers the hub at /websub/{id}: GET for intent verification and
// denial, POST for content distribution. Mount it at "/websub/".
type Handler struct {
	opts Options
	push PushFunc
	mux  *http.ServeMux
}

// NewHandler returns the callback handler; Store and push are required.
func NewHandler(opts Options, push PushFunc) (*Handler, error) {
	opts = opts.withDefaults()
	if opts.Store == nil || push == nil {
		return nil, errors.New("websub: Store and a push function are required")
	}
	h := &Handler{opts: opts, push: push, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET /websub/{id}", h.verify)
	h.mux.HandleFunc("POST /websub/{id}", h.receive)
	return h, nil
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

func sourceID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// verify answers the hub's intent verification (WebSub 5.3) and records
// denials (5.2). Anything we did not ask for is answered 404, which tells
// the hub the subscriber does not agree.
func (h *Handler) verify(w http.ResponseWriter, r *http.Request) {
	id, ok := sourceID(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	log := h.opts.Logger.With("source_id", id, "mode", q.Get("hub.mode"))
	sub, err := h.opts.Store.GetSubscription(r.Context(), id)
	missing := errors.Is(err, store.ErrNotFound)
	if err != nil && !missing {
		log.Error("websub verification: read subscription", "error", err)
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return
	}
	topicOK := !missing && q.Get("hub.topic") == sub.Topic
	challenge := q.Get("hub.challenge")
	switch q.Get("hub.mode") {
	case "subscribe":
		if !topicOK || (sub.State != StatePending && sub.State != StateActive) || !validChallenge(challenge) {
			log.Warn("websub verification refused", "topic", q.Get("hub.topic"))
			http.NotFound(w, r)
			return
		}
		lease, _ := strconv.Atoi(q.Get("hub.lease_seconds"))
		sub.State = StateActive
		sub.LeaseSeconds = lease
		sub.LeaseExpires = leaseExpiry(h.opts.Now(), lease, h.opts.LeaseSeconds)
		sub.Reason = ""
		if !h.save(r.Context(), w, log, sub) {
			return
		}
		log.Info("websub subscription verified", "lease_expires", sub.LeaseExpires)
		echo(w, challenge)
	case "unsubscribe":
		// With no subscription we want none, so agreeing is safe; with
		// one, only when we asked to stop.
		if !validChallenge(challenge) || (!missing && (!topicOK || sub.State != StateUnsubscribing)) {
			http.NotFound(w, r)
			return
		}
		if !missing {
			if err := h.opts.Store.DeleteSubscription(r.Context(), id); err != nil {
				log.Error("websub unsubscribe: delete", "error", err)
				http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
				return
			}
		}
		echo(w, challenge)
	case "denied":
		if !topicOK {
			http.NotFound(w, r)
			return
		}
		sub.State = StateDenied
		sub.Reason = "the hub denied the subscription"
		if reason := q.Get("hub.reason"); reason != "" {
			sub.Reason += ": " + truncate(reason, 300)
		}
		if !h.save(r.Context(), w, log, sub) {
			return
		}
		log.Warn("websub subscription denied", "reason", sub.Reason)
		w.WriteHeader(http.StatusOK)
	default:
		http.NotFound(w, r)
	}
}

func (h *Handler) save(ctx context.Context, w http.ResponseWriter, log *slog.Logger, sub Subscription) bool {
	if err := h.opts.Store.SaveSubscription(ctx, sub); err != nil {
		log.Error("websub: save subscription", "error", err)
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return false
	}
	return true
}

func validChallenge(c string) bool { return c != "" && len(c) <= maxChallenge }

// echo returns the challenge as plain text that no browser will sniff
// into HTML: the value comes from whoever called the URL.
func echo(w http.ResponseWriter, challenge string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, challenge)
}

// receive handles a push (WebSub 7). A push without a valid signature is
// acknowledged with 202, as the spec allows, so that the sender learns
// nothing and the hub does not retry, but it is not ingested.
func (h *Handler) receive(w http.ResponseWriter, r *http.Request) {
	id, ok := sourceID(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	log := h.opts.Logger.With("source_id", id)
	sub, err := h.opts.Store.GetSubscription(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && sub.State != StateActive && sub.State != StatePending) {
		// 410 tells the hub it may drop a subscription we no longer hold.
		http.Error(w, "no such subscription", http.StatusGone)
		return
	}
	if err != nil {
		log.Error("websub push: read subscription", "error", err)
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxPushBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			log.Warn("websub push refused: body too large", "limit", MaxPushBytes)
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	if err := verifySignature(r.Header.Get("X-Hub-Signature"), sub.Secret, body); err != nil {
		log.Warn("websub push ignored: bad signature", "error", err, "remote_addr", r.RemoteAddr)
		w.WriteHeader(http.StatusAccepted)
		return
	}
	if err := h.push(r.Context(), id, body, r.Header.Get("Content-Type")); err != nil {
		log.Error("websub push: ingest", "error", err)
		// 500 lets the hub retry later, as WebSub expects.
		http.Error(w, "could not ingest the push", http.StatusInternalServerError)
		return
	}
	log.Debug("websub push ingested", "bytes", len(body))
	w.WriteHeader(http.StatusAccepted)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
