package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
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
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer w.Close()
	for _, dir := range []string{"content", "templates", "static"} {
		if err := watchFolders(w, filepath.Join(src, dir)); err != nil {
			return err
		}
	}
	runOnce := func() {
		fmt.Fprintln(c.stdout, watchBegins)
		err := c.checkOnce(ctx, src, drafts)
		if err != nil && !errors.Is(err, errReported) && !errors.Is(err, errInterrupted) {
			fmt.Fprintf(c.stderr, "timeline check: %s\n", printableLines(err.Error()))
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
				watchFolders(w, ev.Name) // a new folder: watch it too
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

// watchFolders watches dir and every folder under it, except hidden ones.
func watchFolders(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			return fs.SkipDir
		}
		return w.Add(p)
	})
}
