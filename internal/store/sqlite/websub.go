package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/websub"
)

var _ websub.Store = (*Store)(nil)

const subscriptionColumns = `source_id, hub, topic, secret, state, lease_seconds, lease_expires, requested_at, reason`

// SaveSubscription inserts or replaces the WebSub subscription of a
// source; store.ErrNotFound when there is no such source.
func (s *Store) SaveSubscription(ctx context.Context, sub websub.Subscription) error {
	_, err := s.writer.ExecContext(ctx, `INSERT INTO websub_subscriptions (`+subscriptionColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (source_id) DO UPDATE SET
			hub = excluded.hub, topic = excluded.topic, secret = excluded.secret,
			state = excluded.state, lease_seconds = excluded.lease_seconds,
			lease_expires = excluded.lease_expires, requested_at = excluded.requested_at,
			reason = excluded.reason`,
		sub.SourceID, sub.Hub, sub.Topic, sub.Secret, string(sub.State), sub.LeaseSeconds,
		toNanos(sub.LeaseExpires), toNanos(sub.RequestedAt), sub.Reason)
	if errorCode(err) == codeConstraintForeignKey {
		return fmt.Errorf("save subscription of source %d: %w", sub.SourceID, store.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("save subscription of source %d: %w", sub.SourceID, err)
	}
	return nil
}

// GetSubscription returns a source's subscription, or store.ErrNotFound.
func (s *Store) GetSubscription(ctx context.Context, sourceID int64) (websub.Subscription, error) {
	row := s.reader.QueryRowContext(ctx, `SELECT `+subscriptionColumns+`
		FROM websub_subscriptions WHERE source_id = ?`, sourceID)
	sub, err := scanSubscription(row)
	if errors.Is(err, sql.ErrNoRows) {
		return websub.Subscription{}, fmt.Errorf("subscription of source %d: %w", sourceID, store.ErrNotFound)
	}
	if err != nil {
		return websub.Subscription{}, fmt.Errorf("subscription of source %d: %w", sourceID, err)
	}
	return sub, nil
}

// DeleteSubscription removes a source's subscription, if any.
func (s *Store) DeleteSubscription(ctx context.Context, sourceID int64) error {
	if _, err := s.writer.ExecContext(ctx, `DELETE FROM websub_subscriptions WHERE source_id = ?`, sourceID); err != nil {
		return fmt.Errorf("delete subscription of source %d: %w", sourceID, err)
	}
	return nil
}

// DueSubscriptions returns active subscriptions expiring at or before
// leaseBefore and pending ones requested at or before pendingBefore,
// soonest first.
func (s *Store) DueSubscriptions(ctx context.Context, leaseBefore, pendingBefore time.Time, limit int) ([]websub.Subscription, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reader.QueryContext(ctx, `SELECT `+subscriptionColumns+` FROM (
			SELECT *, lease_expires AS due FROM websub_subscriptions WHERE state = 'active' AND lease_expires <= ?
			UNION ALL
			SELECT *, requested_at AS due FROM websub_subscriptions WHERE state = 'pending' AND requested_at <= ?
		) ORDER BY due, source_id LIMIT ?`, toNanos(leaseBefore), toNanos(pendingBefore), limit)
	if err != nil {
		return nil, fmt.Errorf("list due subscriptions: %w", err)
	}
	defer rows.Close()
	var out []websub.Subscription
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			return nil, fmt.Errorf("list due subscriptions: %w", err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list due subscriptions: %w", err)
	}
	return out, nil
}

func scanSubscription(row interface{ Scan(...any) error }) (websub.Subscription, error) {
	var sub websub.Subscription
	var state string
	var expires, requested int64
	err := row.Scan(&sub.SourceID, &sub.Hub, &sub.Topic, &sub.Secret, &state, &sub.LeaseSeconds,
		&expires, &requested, &sub.Reason)
	sub.State = websub.State(state)
	sub.LeaseExpires, sub.RequestedAt = fromNanos(expires), fromNanos(requested)
	return sub, err
}
