// Timeline builds the static site of the timeline of Cambodia's crackdowns
// on online-scam compounds from Markdown entries, templates and static files.
//
// Usage:
//
//	timeline build [-src DIR] [-out DIR] [-base-url URL] [-repository URL] [-drafts]
//	timeline check [-src DIR] [-drafts]
//	timeline serve [-src DIR] [-out DIR] [-addr HOST:PORT] [-drafts]
//	timeline new "Title" -date YYYY-MM-DD -operation ID -province NAME [-kind KIND]
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
// "path:line: field: message"; the exit status is 1 when there are any, and
// 2 for a wrong command line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"timeline/internal/build"
	"timeline/internal/content"
	"timeline/internal/linkcheck"
	"timeline/internal/output"
	"timeline/internal/render"
	"timeline/internal/site"
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

const usage = `usage: timeline <command> [flags]

commands:
  build   build the site into a folder (default "public")
  check   check the content and templates without writing anything
  serve   build the site and serve it for preview on http://127.0.0.1:8080/
  new     start a new entry: timeline new "Title" -date 2025-07-15 -operation 2025 -province Kratie
  schema  regenerate schema/entry.schema.json, the front-matter schema for editors
  sources check: request every source's address and report the dead and moved ones (network)

Run "timeline <command> -h" for the flags of a command.
`

// SchemaFile is the JSON Schema of an entry's front matter, relative to
// the site folder.
const SchemaFile = "schema/entry.schema.json"

// errUsage marks a command-line mistake (exit status 2).
var errUsage = errors.New("usage")

// run is the whole program, with its world passed in for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd := &command{stdout: stdout, stderr: stderr, getenv: getenv}
	var err error
	switch args[0] {
	case "build":
		err = cmd.build(args[1:])
	case "check":
		err = cmd.check(args[1:])
	case "serve":
		err = cmd.serve(ctx, args[1:])
	case "new":
		err = cmd.newEntry(args[1:])
	case "schema":
		err = cmd.schema(args[1:])
	case "sources":
		err = cmd.sources(ctx, args[1:])
	default:
		fmt.Fprintf(stderr, "timeline: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintf(stderr, "timeline %s: %v\n", args[0], err)
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

func (c *command) build(args []string) error {
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
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	n, err := c.buildTo(*src, *out, build.Options{BaseURL: *baseURL, Repository: *repo, Drafts: *drafts, NoMinify: !*minify})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "built %d pages into %s\n", n, *out)
	return nil
}

// buildTo builds the site in src into the folder out and returns the number
// of pages. On any problem the folder is left exactly as it was.
func (c *command) buildTo(src, out string, opts build.Options) (int, error) {
	b, err := output.Begin(out)
	if err != nil {
		return 0, err
	}
	res, err := build.Run(os.DirFS(src), opts, b)
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
	return len(res.Site.Outputs), nil
}

func (c *command) check(args []string) error {
	fs := c.flags("check")
	src := fs.String("src", ".", "site folder, holding content/, templates/ and static/")
	drafts := fs.Bool("drafts", false, "include entries marked draft: true")
	if err := c.parse(fs, args); err != nil {
		return err
	}
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
	res, err := build.Run(os.DirFS(*src), build.Options{Drafts: *drafts}, b)
	if err != nil {
		if c.getenv("GITHUB_ACTIONS") == "true" {
			fmt.Fprintf(c.stdout, "::error::%s\n", escapeData(err.Error()))
		}
		return err
	}
	if len(res.Problems) > 0 {
		c.report(*src, res.Problems, "error")
		return errReported
	}
	if err := b.Complete(); err != nil {
		return err
	}
	problems, err := brokenLinks(res.Site, b.Dir())
	if err != nil {
		return err
	}
	c.report(*src, content.Lint(res.Site.Site), "warning")
	if len(problems) > 0 {
		c.report(*src, problems, "error")
		return errReported
	}
	fmt.Fprintf(c.stdout, "ok: %d entries, %d operations, %d pages, no broken links\n", len(res.Site.Entries), len(res.Site.Operations), len(res.Site.Outputs))
	return nil
}

// brokenLinks checks the built site in dir and turns each broken link into
// a problem of the content file the page comes from (or of the templates,
// for generated pages).
func brokenLinks(s *site.Site, dir string) (content.Problems, error) {
	broken, _, err := linkcheck.Check(os.DirFS(dir), s.BasePath)
	if err != nil {
		return nil, err
	}
	from := make(map[string]string)
	for _, p := range s.Outputs {
		from[p.File] = p.SourcePath
	}
	var ps content.Problems
	for _, b := range broken {
		path, field := from[b.Page], "body"
		if path == "" {
			path, field = render.TemplatesDir, ""
		}
		ps.Add(path, 0, field, "link %q on page /%s leads nowhere (%s); fix or remove it", b.Link, strings.TrimSuffix(b.Page, "index.html"), b.Why)
	}
	ps.Sort()
	return ps, nil
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
		files[p.Path] = true
	}
	what := plural(len(ps), "problem", "problems")
	if level == "warning" {
		what = plural(len(ps), "warning", "warnings")
	}
	fmt.Fprintf(c.stderr, "%d %s in %d %s\n", len(ps), what, len(files), plural(len(files), "file", "files"))
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
		}
		if p.Field != "" {
			props += ",title=" + escapeProperty(p.Field)
		}
		fmt.Fprintf(c.stdout, "::%s %s::%s\n", level, props, escapeData(p.Msg))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// escapeData and escapeProperty follow GitHub's workflow-command encoding.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
