package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/extract/selector"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
)

// RemoveSource deletes a source with its articles. When WebSub is on
// (cfg.PublicURL set) it first asks the hub to stop pushing; a hub that
// cannot be reached does not stop the removal, and its later pushes are
// refused because the subscription is gone with the source.
func RemoveSource(ctx context.Context, cfg config.Config, st store.Store, id int64, log *slog.Logger) error {
	if subs, ok := SubscriptionStore(st); ok && cfg.PublicURL != "" {
		fetcher := NewFetcher(cfg)
		ws, err := StartWebSub(WebSubOptions{Config: cfg, Store: st, Subscriptions: subs, Fetcher: fetcher,
			Ingester: NewIngester(cfg, st, fetcher, log), Logger: log})
		if err == nil {
			if err := ws.Unsubscribe(ctx, id); err != nil && !errors.Is(err, store.ErrNotFound) && log != nil {
				log.Warn("websub unsubscribe before removing the source", "source_id", id, "error", err)
			}
		}
	}
	if err := st.RemoveSource(ctx, id); err != nil {
		return notFoundHint(fmt.Errorf("remove source %d: %w", id, err), "sources list")
	}
	return nil
}

// PauseSource stops polling a source until ResumeSource; the reason is
// shown by `sources list`.
func PauseSource(ctx context.Context, st store.Store, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		reason = "paused by an operator"
	}
	return setPaused(ctx, st, id, true, reason)
}

// ResumeSource polls a paused source again at once, with its errors cleared.
func ResumeSource(ctx context.Context, st store.Store, id int64) error {
	return setPaused(ctx, st, id, false, "")
}

func setPaused(ctx context.Context, st store.Store, id int64, paused bool, reason string) error {
	what := "resume"
	if paused {
		what = "pause"
	}
	if err := st.SetSourcePaused(ctx, id, paused, reason); err != nil {
		return notFoundHint(fmt.Errorf("%s source %d: %w", what, id, err), "sources list")
	}
	return nil
}

// PinArticle adds an article to Editor's Pick.
func PinArticle(ctx context.Context, st store.Store, id int64, position int, until time.Time) error {
	a, err := st.GetArticle(ctx, id)
	if err != nil {
		return notFoundHint(fmt.Errorf("pick article %d: %w", id, err), "the article URLs on the site")
	}
	if a.Status != model.StatusPublished {
		return fmt.Errorf("article %d is hidden: unhide it first with `newsdesk articles unhide %d`", id, id)
	}
	if err := st.AddPick(ctx, model.Pick{ArticleID: id, Position: position, Until: until, CreatedAt: time.Now().UTC()}); err != nil {
		return fmt.Errorf("pick article %d: %w", id, err)
	}
	return nil
}

// UnpinArticle removes an article from Editor's Pick.
func UnpinArticle(ctx context.Context, st store.Store, id int64) error {
	if err := st.RemovePick(ctx, id); err != nil {
		return notFoundHint(fmt.Errorf("remove pick %d: %w", id, err), "the home page")
	}
	return nil
}

// SetArticleHidden takes an article down everywhere, or restores it.
func SetArticleHidden(ctx context.Context, st store.Store, id int64, hidden bool, reason string) error {
	status := model.StatusPublished
	if hidden {
		status = model.StatusHidden
	} else {
		reason = ""
	}
	if err := st.SetArticleStatus(ctx, id, status, reason); err != nil {
		return notFoundHint(fmt.Errorf("set article %d %s: %w", id, status, err), "the article URLs on the site")
	}
	return nil
}

func notFoundHint(err error, where string) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w (find IDs in %s)", err, where)
	}
	return err
}

// SetSourceRules stores a source's extraction rules after checking that
// every selector compiles, so a bad rule is refused when it is given.
func SetSourceRules(ctx context.Context, st store.Store, id int64, keep, drop []string) error {
	for _, s := range append(append([]string(nil), keep...), drop...) {
		if _, err := selector.Compile(s); err != nil {
			return fmt.Errorf("rule %q: %w", s, err)
		}
	}
	if err := st.SetSourceRules(ctx, id, keep, drop); err != nil {
		return notFoundHint(fmt.Errorf("set rules of source %d: %w", id, err), "sources list")
	}
	return nil
}

// RebuildStories re-clusters the whole history, reporting progress.
func RebuildStories(ctx context.Context, cfg config.Config, st store.Store, out io.Writer, log *slog.Logger) error {
	cfg.Stories = true
	in := NewIngester(cfg, st, nil, log)
	total, err := st.ListArticles(ctx, store.ArticleQuery{Limit: 1})
	if err != nil {
		return fmt.Errorf("rebuild stories: %w", err)
	}
	err = in.RebuildStories(ctx, func(done int) {
		fmt.Fprintf(out, "%d articles placed\n", done)
	})
	if err != nil {
		return err
	}
	stories, err := st.TopStories(ctx, time.Time{}, 1)
	if err != nil {
		return fmt.Errorf("rebuild stories: %w", err)
	}
	summary := "no story has articles yet"
	if len(stories) > 0 {
		summary = fmt.Sprintf("the largest story has %d articles from %d sources", stories[0].Articles, stories[0].Sources)
	}
	fmt.Fprintf(out, "Stories rebuilt over %d published articles; %s\n", total.Total, summary)
	return nil
}

// Reindex rebuilds the search index, printing progress.
func Reindex(ctx context.Context, st store.Store, out io.Writer) error {
	err := st.Reindex(ctx, func(done, total int) {
		fmt.Fprintf(out, "%d of %d articles indexed\n", done, total)
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Search index rebuilt")
	return nil
}
