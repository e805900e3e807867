// Command newsdesk runs a news network: it pulls publishers' feeds into a
// database and serves a public, searchable news site that credits every
// origin. This file only parses arguments; the work is in internal/app.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Newsdesk runs a news network site from publishers' feeds.

Usage:
  newsdesk demo [--addr A] [--dir D]      run the sample network and the site
  newsdesk serve [--db F]                 serve the site and keep sources fresh
  newsdesk fetch                          refresh every source once now
  newsdesk sources add URL [--name N] [--section S] [--policy full|excerpt|link]
                           [--license-name L --license-url U]
  newsdesk sources add URL --list         list the feeds found at URL, add nothing
  newsdesk sources list [--json]
  newsdesk sources import FILE.opml / sources export [--out FILE]
  newsdesk sources remove ID
  newsdesk sources pause ID [--reason R] / sources resume ID
  newsdesk sources rules ID [--keep SEL]... [--drop SEL]... [--clear]
  newsdesk picks add ARTICLE_ID [--position N] [--until 2026-12-31]
  newsdesk picks remove ARTICLE_ID
  newsdesk articles hide ARTICLE_ID --reason R
  newsdesk articles unhide ARTICLE_ID
  newsdesk parse FILE...                  print each feed file as a JSON line
  newsdesk stories rebuild                re-cluster every stored article, with progress
  newsdesk reindex                        rebuild the search index, with progress
  newsdesk cluster < lines.jsonl          assign stories to JSON lines, online
  newsdesk extract [--url URL] FILE|-     print a page's article as JSON
  newsdesk extract --batch < lines.jsonl  one answer per {"file", "url"} line
  newsdesk search QUERY [--section S] [--json]  search published articles
  newsdesk config                         print the effective configuration

Every command accepts --db PATH, --config FILE and the options that
"newsdesk config" lists; flags win over NEWSDESK_* environment variables,
which win over the config file. "newsdesk COMMAND --help" lists them.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "newsdesk:", err)
		}
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	var ue usageError
	if errors.Is(err, flag.ErrHelp) || errors.As(err, &ue) {
		return 2
	}
	return 1
}

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg + ` (see "newsdesk help")` }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	handler, ok := commands[cmd]
	if !ok {
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
	return handler(ctx, env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}, rest)
}
