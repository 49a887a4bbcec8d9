package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"timeline/internal/content"
	"timeline/internal/sourcecheck"
)

const sourcesUsage = `usage: timeline sources check [flags]

check requests every source's address over the network and writes a
Markdown report of the dead, moved and unchecked sources, with the files
that cite them and their archived copies. It is meant for a scheduled job,
not for every change: publishers' sites come and go by the hour.
`

// sources runs "timeline sources <subcommand>".
func (c *command) sources(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprint(c.stderr, sourcesUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return nil
		}
		return errUsage
	}
	fs := c.flags("sources check")
	src := fs.String("src", ".", "site folder, holding content/")
	out := fs.String("out", "", "file to write the report to (default: standard output)")
	concurrency := fs.Int("concurrency", 4, "requests in flight at once, across all hosts")
	delay := fs.Duration("delay", 2*time.Second, "pause between two requests to the same host")
	timeout := fs.Duration("timeout", 20*time.Second, "time allowed for one address, redirects included")
	drafts := fs.Bool("drafts", false, "include entries marked draft: true")
	if err := c.parse(fs, args[1:]); err != nil {
		return err
	}
	if *concurrency < 1 || *timeout <= 0 || *delay < 0 {
		fmt.Fprintln(c.stderr, "timeline sources check: -concurrency must be at least 1, -timeout above 0 and -delay not below 0")
		return errUsage
	}
	site, ps := content.Load(os.DirFS(*src), content.Options{Drafts: *drafts})
	if len(ps) > 0 {
		c.report(*src, ps, "error")
		return errReported
	}
	sources := sourcecheck.Cited(site)
	urls := make([]string, len(sources))
	for i, s := range sources {
		urls[i] = s.URL
	}
	checker := sourcecheck.New()
	checker.Concurrency, checker.HostDelay, checker.Timeout = *concurrency, *delay, *timeout
	fmt.Fprintf(c.stderr, "checking %d sources...\n", len(urls))
	report := sourcecheck.Report{Date: time.Now().UTC().Format(time.DateOnly), Sources: sources,
		Results: checker.Check(ctx, urls)}
	w := c.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := report.WriteMarkdown(w); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "%d answered, %d moved, %d dead, %d could not be checked\n",
		report.Count(sourcecheck.OK), report.Count(sourcecheck.Moved), report.Count(sourcecheck.Dead), report.Count(sourcecheck.Failed))
	return nil
}
