package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"timeline/internal/build"
	"timeline/internal/content"
	"timeline/internal/linkcheck"
	"timeline/internal/output"
	"timeline/internal/render"
	"timeline/internal/site"
	"timeline/internal/sitefs"
)

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

// brokenLinks checks the links of the site s built in dir, and reports
// each broken one in the content file (or the templates) of the site in
// src that it comes from.
func brokenLinks(src string, s *site.Site, dir string) (content.Problems, error) {
	sources := make(map[string]string, len(s.Pages))
	for _, p := range s.Pages {
		sources[p.File] = p.SourcePath
	}
	origin := linkcheck.Origin{Site: sitefs.New(os.DirFS(src)), Sources: sources, Templates: render.TemplatesDir}
	return linkcheck.Problems(os.DirFS(dir), s.BasePath, origin)
}
