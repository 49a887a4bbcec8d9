package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fsnotify/fsnotify"

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
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				watch.Tree(w, ev.Name) // a new folder: watch it too
			}
			fire = time.After(200 * time.Millisecond) // wait for the editor to finish saving
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(c.stderr, "timeline check: watch: %v\n", err)
		case <-fire:
			fire = nil
			runOnce()
		}
	}
}
