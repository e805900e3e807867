package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/store"
)

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command func(ctx context.Context, e env, args []string) error

var commands = map[string]command{
	"demo":     runDemo,
	"serve":    runServe,
	"fetch":    runFetch,
	"sources":  runSources,
	"picks":    runPicks,
	"articles": runArticles,
	"config":   runConfig,
	"parse":    runParse,
	"cluster":  runCluster,
	"extract":  runExtract,
	"stories":  runStories,
	"reindex":  runReindex,
	"search":   runSearch,
}

// parsed is a command line after flags: the configuration and the
// positional arguments.
type parsed struct {
	cfg  config.Config
	args []string
}

// parse reads flags wherever they appear among the arguments, so that
// "sources add URL --name N" works as well as "sources add --name N URL".
func parse(name string, e env, args []string, extra func(fs *flag.FlagSet)) (parsed, error) {
	fs := flag.NewFlagSet("newsdesk "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	build := config.Flags(fs, e.getenv)
	if extra != nil {
		extra(fs)
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return parsed{}, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	cfg, err := build()
	if err != nil {
		return parsed{}, fmt.Errorf("configuration: %w", err)
	}
	return parsed{cfg: cfg, args: positional}, nil
}

func (p parsed) logger(e env) *slog.Logger { return app.NewLogger(e.stderr, p.cfg.LogLevel) }

// withStore opens the configured database for one command.
func withStore(ctx context.Context, cfg config.Config, fn func(st store.Store) error) error {
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

func wantArgs(p parsed, n int, what string) error {
	if len(p.args) != n {
		return usageError{fmt.Sprintf("expected %s", what)}
	}
	return nil
}

// parseOneID parses a command line that takes exactly one ID.
func parseOneID(name string, e env, args []string, what string, extra func(fs *flag.FlagSet)) (parsed, int64, error) {
	p, err := parse(name, e, args, extra)
	if err != nil {
		return p, 0, err
	}
	if err := wantArgs(p, 1, "one "+what+" ID"); err != nil {
		return p, 0, err
	}
	id, err := parseID(p.args[0], what)
	return p, id, err
}

func parseID(s, what string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageError{fmt.Sprintf("%s %q is not an ID (a positive number)", what, s)}
	}
	return id, nil
}

func runDemo(ctx context.Context, e env, args []string) error {
	var dir string
	var publisherPort int
	p, err := parse("demo", e, args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "dir", "", "keep the demo database in this directory between runs")
		fs.IntVar(&publisherPort, "publisher-port", 0, "first port of the sample publishers (default: free ports, or 18101 with --dir)")
	})
	if err != nil {
		return err
	}
	if err := wantArgs(p, 0, "no arguments"); err != nil {
		return err
	}
	return app.Demo(ctx, p.cfg, p.logger(e), app.DemoOptions{Dir: dir, PublisherPort: publisherPort, Out: e.stdout})
}

func runServe(ctx context.Context, e env, args []string) error {
	p, err := parse("serve", e, args, nil)
	if err != nil {
		return err
	}
	if err := wantArgs(p, 0, "no arguments"); err != nil {
		return err
	}
	return app.Serve(ctx, p.cfg, p.logger(e))
}

func runFetch(ctx context.Context, e env, args []string) error {
	p, err := parse("fetch", e, args, nil)
	if err != nil {
		return err
	}
	if err := wantArgs(p, 0, "no arguments"); err != nil {
		return err
	}
	return withStore(ctx, p.cfg, func(st store.Store) error {
		in := app.NewIngester(p.cfg, st, app.NewFetcher(p.cfg), p.logger(e))
		if err := in.LoadStories(ctx); err != nil {
			return err
		}
		return app.FetchNow(ctx, st, in, e.stdout, isTerminal(e.stdout))
	})
}

func runParse(ctx context.Context, e env, args []string) error {
	p, err := parse("parse", e, args, nil)
	if err != nil {
		return err
	}
	if len(p.args) == 0 {
		return usageError{"parse needs one or more feed files"}
	}
	return app.ParseFiles(e.stdout, p.args)
}

func runConfig(ctx context.Context, e env, args []string) error {
	p, err := parse("config", e, args, nil)
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, p.cfg.Dump())
	return nil
}

func runSources(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return usageError{"sources needs add, list, remove, pause, resume, rules, import or export"}
	}
	switch args[0] {
	case "add":
		var req app.NewSource
		var list bool
		p, err := parse("sources add", e, args[1:], func(fs *flag.FlagSet) {
			fs.BoolVar(&list, "list", false, "list the feeds found at the URL, best first, and add nothing")
			fs.StringVar(&req.Name, "name", "", "name shown on the site (default: the feed's title)")
			fs.StringVar(&req.Section, "section", "", "default section for items whose categories name none")
			fs.StringVar(&req.Policy, "policy", "excerpt", "how much text to republish: full, excerpt or link")
			fs.StringVar(&req.LicenseName, "license-name", "", "licence of the source's content, e.g. \"CC BY 4.0\"")
			fs.StringVar(&req.LicenseURL, "license-url", "", "URL of that licence")
		})
		if err != nil {
			return err
		}
		if err := wantArgs(p, 1, "one feed or site URL"); err != nil {
			return err
		}
		req.URL = p.args[0]
		if list {
			return app.ListFeedCandidates(ctx, app.NewFetcher(p.cfg), req.URL, e.stdout)
		}
		return withStore(ctx, p.cfg, func(st store.Store) error {
			src, err := app.AddSource(ctx, p.cfg, st, app.NewFetcher(p.cfg), req)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Added source %d: %s (%s), section %s, policy %s\n", src.ID, src.Name, src.FeedURL, src.Section, src.Policy)
			return nil
		})
	case "list":
		var asJSON bool
		p, err := parse("sources list", e, args[1:], func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print a JSON array")
		})
		if err != nil {
			return err
		}
		return withStore(ctx, p.cfg, func(st store.Store) error { return app.ListSources(ctx, st, e.stdout, asJSON) })
	case "import":
		p, err := parse("sources import", e, args[1:], nil)
		if err != nil {
			return err
		}
		if err := wantArgs(p, 1, "one OPML file"); err != nil {
			return err
		}
		return withStore(ctx, p.cfg, func(st store.Store) error { return app.ImportOPML(ctx, p.cfg, st, p.args[0], e.stdout) })
	case "export":
		var outPath string
		p, err := parse("sources export", e, args[1:], func(fs *flag.FlagSet) {
			fs.StringVar(&outPath, "out", "", "write the OPML to this file instead of standard output")
		})
		if err != nil {
			return err
		}
		return withStore(ctx, p.cfg, func(st store.Store) error { return exportOPML(ctx, p.cfg, st, outPath, e.stdout) })
	case "rules":
		var keep, drop []string
		var clear bool
		p, id, err := parseOneID("sources rules", e, args[1:], "source", func(fs *flag.FlagSet) {
			fs.Func("keep", "CSS selector of the article body on this source's pages (repeatable)", func(v string) error { keep = append(keep, v); return nil })
			fs.Func("drop", "CSS selector of elements never part of the body (repeatable)", func(v string) error { drop = append(drop, v); return nil })
			fs.BoolVar(&clear, "clear", false, "remove the source's rules")
		})
		if err != nil {
			return err
		}
		if !clear && len(keep)+len(drop) == 0 {
			return usageError{"sources rules needs --keep, --drop or --clear"}
		}
		return withStore(ctx, p.cfg, func(st store.Store) error {
			if err := app.SetSourceRules(ctx, st, id, keep, drop); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Source %d: %d keep and %d drop rules\n", id, len(keep), len(drop))
			return nil
		})
	case "pause", "resume":
		var reason string
		p, id, err := parseOneID("sources "+args[0], e, args[1:], "source", func(fs *flag.FlagSet) {
			if args[0] == "pause" {
				fs.StringVar(&reason, "reason", "", "why the source is paused (shown by sources list)")
			}
		})
		if err != nil {
			return err
		}
		return withStore(ctx, p.cfg, func(st store.Store) error {
			if args[0] == "resume" {
				if err := app.ResumeSource(ctx, st, id); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Source %d resumed; it will be checked now\n", id)
				return nil
			}
			if err := app.PauseSource(ctx, st, id, reason); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Source %d paused\n", id)
			return nil
		})
	case "remove":
		p, id, err := parseOneID("sources remove", e, args[1:], "source", nil)
		if err != nil {
			return err
		}
		return withStore(ctx, p.cfg, func(st store.Store) error {
			if err := app.RemoveSource(ctx, p.cfg, st, id, p.logger(e)); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Removed source %d and its articles\n", id)
			return nil
		})
	}
	return usageError{fmt.Sprintf("unknown sources command %q: use add, list, remove, pause, resume, rules, import or export", args[0])}
}

func runPicks(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "remove") {
		return usageError{"picks needs add or remove"}
	}
	var position int
	var until string
	p, id, err := parseOneID("picks "+args[0], e, args[1:], "article", func(fs *flag.FlagSet) {
		fs.IntVar(&position, "position", 0, "order among the picks, lower first")
		fs.StringVar(&until, "until", "", "last day of the pick (YYYY-MM-DD) or a duration such as 72h")
	})
	if err != nil {
		return err
	}
	return withStore(ctx, p.cfg, func(st store.Store) error {
		if args[0] == "remove" {
			if err := app.UnpinArticle(ctx, st, id); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Article %d is no longer an Editor's Pick\n", id)
			return nil
		}
		end, err := parseUntil(until, time.Now())
		if err != nil {
			return err
		}
		if err := app.PinArticle(ctx, st, id, position, end); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Article %d is now an Editor's Pick\n", id)
		return nil
	})
}

// parseUntil reads a day (the pick lasts to its end) or a duration from now.
func parseUntil(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(d).UTC(), nil
	}
	if day, err := time.Parse("2006-01-02", s); err == nil {
		return day.Add(24*time.Hour - time.Second).UTC(), nil
	}
	return time.Time{}, usageError{fmt.Sprintf("--until %q: give a day such as 2026-12-31 or a duration such as 72h", s)}
}

func runArticles(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || (args[0] != "hide" && args[0] != "unhide") {
		return usageError{"articles needs hide or unhide"}
	}
	hide := args[0] == "hide"
	var reason string
	p, id, err := parseOneID("articles "+args[0], e, args[1:], "article", func(fs *flag.FlagSet) {
		fs.StringVar(&reason, "reason", "", "why the article is taken down (kept for the record)")
	})
	if err != nil {
		return err
	}
	if hide && strings.TrimSpace(reason) == "" {
		return usageError{"articles hide needs --reason"}
	}
	return withStore(ctx, p.cfg, func(st store.Store) error {
		if err := app.SetArticleHidden(ctx, st, id, hide, reason); err != nil {
			return err
		}
		if hide {
			fmt.Fprintf(e.stdout, "Article %d is hidden from every page, list and search\n", id)
		} else {
			fmt.Fprintf(e.stdout, "Article %d is published again\n", id)
		}
		return nil
	})
}

// exportOPML writes the sources as OPML to path, or to stdout when path is
// empty; a file is written whole or not at all.
func exportOPML(ctx context.Context, cfg config.Config, st store.Store, path string, stdout io.Writer) error {
	if path == "" {
		return app.ExportOPML(ctx, st, stdout, cfg)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".newsdesk-export-*")
	if err != nil {
		return fmt.Errorf("export sources: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := app.ExportOPML(ctx, st, tmp, cfg); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export sources: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export sources: %w", err)
	}
	return nil
}

func runExtract(ctx context.Context, e env, args []string) error {
	var pageURL string
	var batch bool
	p, err := parse("extract", e, args, func(fs *flag.FlagSet) {
		fs.StringVar(&pageURL, "url", "", "the page's URL, the base of its relative links")
		fs.BoolVar(&batch, "batch", false, `read lines of {"file": PATH, "url": URL} on standard input and answer one line each`)
	})
	if err != nil {
		return err
	}
	if batch {
		if err := wantArgs(p, 0, "no file with --batch"); err != nil {
			return err
		}
		return app.ExtractBatch(e.stdin, e.stdout)
	}
	if err := wantArgs(p, 1, "one HTML file, or - for standard input"); err != nil {
		return err
	}
	return app.ExtractFile(e.stdin, e.stdout, p.args[0], pageURL)
}

func runReindex(ctx context.Context, e env, args []string) error {
	p, err := parse("reindex", e, args, nil)
	if err != nil {
		return err
	}
	if err := wantArgs(p, 0, "no arguments"); err != nil {
		return err
	}
	return withStore(ctx, p.cfg, func(st store.Store) error { return app.Reindex(ctx, st, e.stdout) })
}

func runStories(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "rebuild" {
		return usageError{"stories needs rebuild"}
	}
	p, err := parse("stories rebuild", e, args[1:], nil)
	if err != nil {
		return err
	}
	if err := wantArgs(p, 0, "no arguments"); err != nil {
		return err
	}
	return withStore(ctx, p.cfg, func(st store.Store) error {
		return app.RebuildStories(ctx, p.cfg, st, e.stdout, p.logger(e))
	})
}

func runCluster(ctx context.Context, e env, args []string) error {
	p, err := parse("cluster", e, args, nil)
	if err != nil {
		return err
	}
	if err := wantArgs(p, 0, "no arguments (JSON lines on standard input)"); err != nil {
		return err
	}
	return app.ClusterStream(e.stdin, e.stdout)
}

// isTerminal reports whether w is a character device, to decide whether
// to print progress as it happens.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
