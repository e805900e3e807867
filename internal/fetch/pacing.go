package fetch

import (
	"context"
	"sync"
	"time"
)

// pruneAbove is the number of known hosts past which idle hosts are
// forgotten, so a long-running process polling many hosts stays bounded.
const pruneAbove = 256

// hostPacer lets one request at a time reach each host and keeps at least gap
// between the end of one request and the start of the next.
type hostPacer struct {
	gap   time.Duration
	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	token chan struct{} // holds one token while the host is free
	last  time.Time     // when the previous request finished; guarded by the token
	gap   time.Duration // the gap owed after last; guarded by the token
	refs  int           // waiters and holders; guarded by hostPacer.mu
}

func newHostPacer(gap time.Duration) *hostPacer {
	return &hostPacer{gap: gap, hosts: make(map[string]*hostSlot)}
}

// acquire waits for the host's turn and returns the function that ends it.
// The gap before the next request is the pacer's, or hostGap when the host
// asked for more (robots.txt Crawl-delay). It gives up as soon as ctx is done.
func (p *hostPacer) acquire(ctx context.Context, host string, hostGap time.Duration) (release func(), err error) {
	slot := p.join(host)
	select {
	case <-slot.token:
	case <-ctx.Done():
		p.leave(slot)
		return nil, ctx.Err()
	}
	gap := max(p.gap, hostGap)
	if wait := gap - time.Since(slot.last); !slot.last.IsZero() && wait > 0 {
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			slot.token <- struct{}{}
			p.leave(slot)
			return nil, ctx.Err()
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			slot.last = time.Now()
			slot.gap = gap
			slot.token <- struct{}{}
			p.leave(slot)
		})
	}, nil
}

func (p *hostPacer) join(host string) *hostSlot {
	p.mu.Lock()
	defer p.mu.Unlock()
	slot, ok := p.hosts[host]
	if !ok {
		if len(p.hosts) >= pruneAbove {
			p.pruneLocked()
		}
		slot = &hostSlot{token: make(chan struct{}, 1)}
		slot.token <- struct{}{}
		p.hosts[host] = slot
	}
	slot.refs++
	return slot
}

func (p *hostPacer) leave(slot *hostSlot) {
	p.mu.Lock()
	slot.refs--
	p.mu.Unlock()
}

// pruneLocked forgets hosts nobody is waiting on whose gap has passed:
// forgetting them cannot shorten any gap.
func (p *hostPacer) pruneLocked() {
	for host, slot := range p.hosts {
		if slot.refs == 0 && time.Since(slot.last) >= max(p.gap, slot.gap) {
			delete(p.hosts, host)
		}
	}
}
