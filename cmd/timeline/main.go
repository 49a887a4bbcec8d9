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
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"timeline/internal/build"
	"timeline/internal/content"
	"timeline/internal/linkcheck"
	"timeline/internal/output"
	"timeline/internal/render"
	"timeline/internal/site"
	"timeline/internal/sitefs"
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
		fmt.Fprintf(stderr, "timeline %s: %s\n", args[0], printableLines(err.Error()))
		return 1
	}
}

// printableLines escapes control characters in a message of several
// lines, keeping its line breaks.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = content.Printable(l)
	}
	return strings.Join(lines, "\n")
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

func (c *command) build(ctx context.Context, args []string) error {
	fs := c.flags("build")
	src := fs.String("src", ".", "site folder, holding content/, templates/ and static/")
	out := fs.String("out", "public", "output folder; replaced as a whole, and only when the build succeeds")
	baseURL := fs.String("base-url", "", "URL the site is published at, e.g. https://example.github.io/timeline/ (default: base_url in content/site.yaml)")
	repo := fs.String("repository", "", "repository URL for \"edit this page\" links, e.g. https://github.com/owner/timeline (default: repository in content/site.yaml)")
	drafts := fs.Bool("drafts", false, "include entries marked draft: true")
	minify := fs.Bool("minify", true, "minify HTML, CSS, JavaScript and SVG; -minify=false for readable output")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file, for go tool pprof")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if err := c.checkOut(*src, *out); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	n, err := c.buildTo(ctx, *src, *out, build.Options{BaseURL: *baseURL, Repository: *repo, Drafts: *drafts, NoMinify: !*minify})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "built %d pages into %s\n", n, *out)
	return nil
}

// buildTo builds the site in src into the folder out and returns the number
// of pages. On any problem the folder is left exactly as it was.
func (c *command) buildTo(ctx context.Context, src, out string, opts build.Options) (int, error) {
	b, err := output.Begin(out)
	if err != nil {
		return 0, err
	}
	res, err := runStoppable(ctx, os.DirFS(src), opts, b)
	if errors.Is(err, errInterrupted) {
		b.Abort()
		return 0, fmt.Errorf("%w; nothing was written, %s is unchanged", err, out)
	}
	if err != nil || len(res.Problems) > 0 {
		b.Abort()
		if err != nil {
			return 0, fmt.Errorf("%w\nnothing was written; %s is unchanged", err, out)
		}
		c.report(src, res.Problems, "error")
		fmt.Fprintf(c.stderr, "nothing was written; %s is unchanged\n", out)
		return 0, errReported
	}
	if err := b.Commit(); err != nil {
		return 0, err
	}
	return len(res.Site.Pages), nil
}

// runStoppable runs a build into w and returns what it found; once ctx
// is done it returns errInterrupted within stopWait, even when the build
// is stuck (in a template, say) and does not see ctx: the work left
// running then writes nowhere, and the process exits.
func runStoppable(ctx context.Context, fsys fs.FS, opts build.Options, w render.Writer) (build.Result, error) {
	type result struct {
		res build.Result
		err error
	}
	buildCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan result, 1)
	go func() {
		res, err := build.RunContext(buildCtx, fsys, opts, stoppableWriter{buildCtx, w})
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		if ctx.Err() != nil {
			return build.Result{}, errInterrupted
		}
		return r.res, r.err
	case <-ctx.Done():
	}
	cancel()
	select {
	case <-done:
	case <-time.After(stopWait):
	}
	return build.Result{}, errInterrupted
}

// untilStopped runs work and returns its error, or errInterrupted within
// stopWait once ctx is done (the work is then left to the process's exit).
func untilStopped(ctx context.Context, work func() error) error {
	done := make(chan error, 1)
	go func() { done <- work() }()
	select {
	case err := <-done:
		if ctx.Err() != nil {
			return errInterrupted
		}
		return err
	case <-ctx.Done():
		return errInterrupted
	}
}

// stoppableWriter refuses writes once its context is done, so that a build
// left running after a signal adds nothing to the folder being removed.
type stoppableWriter struct {
	ctx context.Context
	w   render.Writer
}

func (s stoppableWriter) WriteFile(name string, data []byte) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	return s.w.WriteFile(name, data)
}

// checkOut refuses an output folder that a build would put inside the
// site's own inputs (where the next build would read it as content, or
// refuse it) or that holds the site (which replacing it would delete).
func (c *command) checkOut(src, out string) error {
	absSrc, err1 := filepath.Abs(src)
	absOut, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if within(absSrc, absOut) {
		fmt.Fprintf(c.stderr, "-out %s holds the site folder %s; replacing it would delete the site: choose a folder beside it, such as public\n", out, src)
		return errUsage
	}
	for _, d := range []string{content.Dir, render.TemplatesDir, render.StaticDir} {
		if within(absOut, filepath.Join(absSrc, d)) {
			fmt.Fprintf(c.stderr, "-out %s is inside %s, which the build reads; choose a folder outside it, such as public\n", out, filepath.Join(src, d))
			return errUsage
		}
	}
	return nil
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func (c *command) check(ctx context.Context, args []string) error {
	fs := c.flags("check")
	src := fs.String("src", ".", "site folder, holding content/, templates/ and static/")
	drafts := fs.Bool("drafts", false, "include entries marked draft: true")
	watch := fs.Bool("watch", false, "check again whenever a file under content/, templates/ or static/ changes, for editors (see .vscode/tasks.json)")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if *watch {
		return c.watchCheck(ctx, *src, *drafts)
	}
	return c.checkOnce(ctx, *src, *drafts)
}

// checkOnce checks the site in src: every problem, then the links of the
// built pages.
func (c *command) checkOnce(ctx context.Context, src string, drafts bool) error {
	// Build into a temporary folder, to check the links of the real output,
	// then throw it away.
	tmp, err := os.MkdirTemp("", "timeline-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	b, err := output.Begin(filepath.Join(tmp, "public"))
	if err != nil {
		return err
	}
	defer b.Abort()
	res, err := runStoppable(ctx, os.DirFS(src), build.Options{Drafts: drafts}, b)
	if errors.Is(err, errInterrupted) {
		return err
	}
	if err != nil {
		if c.getenv("GITHUB_ACTIONS") == "true" {
			fmt.Fprintf(c.stdout, "::error::%s\n", escapeData(err.Error()))
		}
		return err
	}
	c.report(src, res.Warnings, "warning")
	if len(res.Problems) > 0 {
		c.report(src, res.Problems, "error")
		return errReported
	}
	if err := b.Complete(); err != nil {
		return err
	}
	var problems content.Problems
	err = untilStopped(ctx, func() (err error) {
		problems, err = brokenLinks(src, res.Site, b.Dir())
		return err
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		c.report(src, problems, "error")
		return errReported
	}
	fmt.Fprintf(c.stdout, "ok: %s, %s, %s, no broken links\n", content.Quantity(len(res.Site.Content.Entries), "entry", "entries"),
		content.Quantity(len(res.Site.Content.Operations), "operation", "operations"), content.Quantity(len(res.Site.Pages), "page", "pages"))
	return nil
}

// brokenLinks checks the built site in dir and turns each broken link into
// a problem of the content file the page comes from (or of the templates,
// for generated pages).
func brokenLinks(src string, s *site.Site, dir string) (content.Problems, error) {
	broken, _, err := linkcheck.Check(os.DirFS(dir), s.BasePath)
	if err != nil {
		return nil, err
	}
	from := make(map[string]string)
	for _, p := range s.Pages {
		from[p.File] = p.SourcePath
	}
	var ps content.Problems
	for _, b := range broken {
		path, field := from[b.Page], "body"
		if path == "" {
			path, field = render.TemplatesDir, ""
		}
		ps.Add(path, lineOf(src, path, b.Link), field, "link %q on page /%s leads nowhere (%s); fix or remove it", b.Link, strings.TrimSuffix(b.Page, "index.html"), b.Why)
	}
	ps.Sort()
	return ps, nil
}

// lineOf returns the line of the file p of the site in src where link is
// written, or 0 when it is not found there as written (a template's link).
func lineOf(src, p, link string) int {
	data, err := fs.ReadFile(sitefs.New(os.DirFS(src)), p)
	if err != nil {
		return 0
	}
	for _, l := range []string{"(" + link + ")", "(<" + link + ">)", "]: " + link, link} {
		if i := strings.Index(string(data), l); i >= 0 {
			return strings.Count(string(data[:i]), "\n") + 1
		}
	}
	return 0
}

// report prints every problem (level "error") or warning, a count, and
// under GitHub Actions an annotation for each, so that it shows on the
// changed line of a pull request.
func (c *command) report(src string, ps content.Problems, level string) {
	if len(ps) == 0 {
		return
	}
	files := make(map[string]bool)
	for _, p := range ps {
		if level == "warning" {
			fmt.Fprintln(c.stderr, "warning: "+p.String())
		} else {
			fmt.Fprintln(c.stderr, p.String())
		}
		if caret := p.Caret("    "); caret != "" {
			fmt.Fprintln(c.stderr, caret)
		}
		files[p.Path] = true
	}
	what := content.Quantity(len(ps), "problem", "problems")
	if level == "warning" {
		what = content.Quantity(len(ps), "warning", "warnings")
	}
	fmt.Fprintf(c.stderr, "%s in %s\n", what, content.Quantity(len(files), "file", "files"))
	if c.getenv("GITHUB_ACTIONS") != "true" {
		return
	}
	prefix := ""
	if src != "." && src != "" {
		prefix = strings.TrimSuffix(src, "/") + "/"
	}
	for _, p := range ps {
		props := "file=" + escapeProperty(prefix+p.Path)
		if p.Line > 0 {
			props += fmt.Sprintf(",line=%d", p.Line)
			if p.Column > 0 {
				props += fmt.Sprintf(",col=%d", p.Column)
			}
		}
		if p.Field != "" {
			props += ",title=" + escapeProperty(p.Field)
		}
		msg := p.Msg
		if caret := p.Caret("  "); caret != "" {
			msg += "\n" + caret
		}
		fmt.Fprintf(c.stdout, "::%s %s::%s\n", level, props, escapeData(msg))
	}
}

// escapeData and escapeProperty follow GitHub's workflow-command encoding.
// Text from content has its other control characters escaped first (see
// content.Printable), so that an annotation cannot carry escape codes.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(printableLines(s))
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(content.Printable(s))
}
