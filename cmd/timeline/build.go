package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"timeline/internal/build"
	"timeline/internal/content"
	"timeline/internal/output"
	"timeline/internal/render"
)

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
	opts.Reuse = b // pages whose inputs did not change since the workspace's build are kept
	if opts.Generator, err = build.GeneratorID(); err != nil {
		b.Abort()
		return 0, err
	}
	ec := c.openEntryCache(b, opts.Generator, src)
	defer ec.close()
	opts.Cache, opts.Bodies, opts.Memo = ec.cache, ec.Bodies(), ec.fragments
	res, err := runStoppable(ctx, os.DirFS(src), opts, b)
	if err == nil {
		c.keepEntryCache(b, ec, len(res.Problems) == 0)
	}
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
