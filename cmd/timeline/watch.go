package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"timeline/internal/content"
	"timeline/internal/watch"
)

// Lines that frame each run of check -watch, for editors' problem matchers
// (.vscode/tasks.json): a run's problems are the lines between them.
const (
	watchBegins = "timeline check: checking"
	watchEnds   = "timeline check: done; watching for changes"
)

// watchCheck checks the site, then again after every change under
// content/, templates/ and static/, until ctx is done.
func (c *command) watchCheck(ctx context.Context, src string, drafts bool) error {
	w, err := watch.Site(src)
	if err != nil {
		return err
	}
	defer w.Close()
	runOnce := func() {
		fmt.Fprintln(c.stdout, watchBegins)
		err := c.checkOnce(ctx, src, drafts)
		if err != nil && !errors.Is(err, errReported) && !errors.Is(err, errInterrupted) {
			fmt.Fprintf(c.stderr, "timeline check: %s\n", content.PrintableLines(err.Error()))
		}
		fmt.Fprintln(c.stdout, watchEnds)
	}
	runOnce()
	logError := func(err error) { fmt.Fprintf(c.stderr, "timeline check: watch: %v\n", err) }
	// Wait for the editor to finish saving before checking again.
	watch.Loop(ctx, w, src, 200*time.Millisecond, logError, func([]string, bool) { runOnce() })
	return nil
}
