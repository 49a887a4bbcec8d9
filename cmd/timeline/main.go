// Timeline builds the static site of the timeline of Cambodia's crackdowns
// on online-scam compounds from Markdown entries, templates and static files.
//
// Usage:
//
//	timeline build [-src DIR] [-out DIR] [-base-url URL] [-repository URL] [-drafts]
//	timeline check [-src DIR] [-drafts] [-watch]
//	timeline serve [-src DIR] [-out DIR] [-addr HOST:PORT] [-drafts]
//	timeline new "Title" -date YYYY-MM-DD -operation ID -province NAME [-kind KIND]
//	timeline diff [-src DIR] [-format text|markdown] OLD [NEW]
//	timeline issue [-src DIR] (-event FILE | -body FILE [-number N])
//	timeline sources check [-src DIR] [-out FILE] [-concurrency N] [-delay D] [-timeout D]
//
// build writes the site to -out (default "public"), replacing the folder only
// when the whole build succeeded. check validates everything and writes
// nothing. serve builds the site and serves it for preview on the loopback
// interface. sources check requests every cited address over the network and
// writes a Markdown report of dead and moved sources; it is the only command
// that uses the network.
//
// Problems in the content are printed one per line as
// "path:line: field: message". Exit status: 0 success; 1 problems in the
// site (or a failure such as a full disk); 64 a wrong command line; 70 an
// internal error (a bug: please report it); 2 a crash of the Go runtime;
// 130 and 143 stopped by SIGINT (Ctrl-C) and SIGTERM, with the output left
// as it was.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"timeline/internal/content"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if os.Getenv("GOMEMLIMIT") == "" {
		governMemory(ctx)
	}
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// Exit statuses other than 0 and 1 (see the package comment).
const (
	exitUsage       = 64  // EX_USAGE: a wrong command line
	exitInternal    = 70  // EX_SOFTWARE: a bug, recovered from a panic
	exitInterrupted = 130 // 128 + SIGINT
	exitTerminated  = 143 // 128 + SIGTERM
)

// stopWait is how long build and check wait, after a signal, for the work
// in progress to notice it, before they give up on it and clean up.
const stopWait = 800 * time.Millisecond

// interruptedCode returns the exit status for a context that a signal
// ended: 143 for SIGTERM, 130 otherwise.
func interruptedCode(ctx context.Context) int {
	if cause := context.Cause(ctx); cause != nil && strings.HasPrefix(cause.Error(), syscall.SIGTERM.String()+" ") {
		return exitTerminated
	}
	return exitInterrupted
}

const usage = `usage: timeline <command> [flags]

commands:
  build   build the site into a folder (default "public")
  check   check the content and templates without writing anything
  serve   build the site and serve it for preview on http://127.0.0.1:8080/
  new     start a new entry: timeline new "Title" -date 2025-07-15 -operation 2025 -province Kratie
  schema  regenerate schema/entry.schema.json, the front-matter schema for editors
  diff    what changed between two versions of the content: timeline diff main
  issue   turn a "Report an event" issue into a draft entry: timeline issue -body issue.md
  sources check: request every source's address and report the dead and moved ones (network)

Run "timeline <command> -h" for the flags of a command.
`

// SchemaFile is the JSON Schema of an entry's front matter, relative to
// the site folder.
const SchemaFile = "schema/entry.schema.json"

// errUsage marks a command-line mistake (exit status 64).
var errUsage = errors.New("usage")

// errInterrupted means a signal stopped the command; the output is as it
// was before.
var errInterrupted = errors.New("interrupted")

// run is the whole program, with its world passed in for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) (code int) {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return exitUsage
		}
		return 0
	}
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "timeline %s: internal error; this is a bug, please report it with this message:\n%s\n", args[0], content.Printable(fmt.Sprint(v)))
			code = exitInternal
		}
	}()
	cmd := &command{stdout: stdout, stderr: stderr, getenv: getenv}
	var err error
	switch args[0] {
	case "build":
		err = cmd.build(ctx, args[1:])
	case "check":
		err = cmd.check(ctx, args[1:])
	case "serve":
		err = cmd.serve(ctx, args[1:])
	case "new":
		err = cmd.newEntry(args[1:])
	case "schema":
		err = cmd.schema(args[1:])
	case "diff":
		err = cmd.diff(args[1:])
	case "issue":
		err = cmd.issue(args[1:])
	case "sources":
		err = cmd.sources(ctx, args[1:])
	default:
		fmt.Fprintf(stderr, "timeline: unknown command \"%s\"\n\n%s", content.Printable(args[0]), usage)
		return exitUsage
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, errInterrupted):
		fmt.Fprintf(stderr, "timeline %s: %v\n", args[0], err)
		return interruptedCode(ctx)
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintf(stderr, "timeline %s: %s\n", args[0], content.PrintableLines(err.Error()))
		return 1
	}
}

// errReported means the problems have been printed already.
var errReported = errors.New("problems reported")

type command struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func (c *command) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("timeline "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	return fs
}

func (c *command) parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return errUsage
	}
	return nil
}
