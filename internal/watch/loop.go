package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Loop calls build after each burst of events from w, once no event has
// come for quiet (an editor saving by rename makes several), until ctx is
// done or w is closed. It passes the paths the burst named, relative to
// root and slash-separated, sorted (nil when there are none), and lost,
// true when they may be incomplete: the watcher reported an error since
// the last call, or an event named a path outside root. Each watcher error
// goes to onError. New folders are watched as they appear.
func Loop(ctx context.Context, w *fsnotify.Watcher, root string, quiet time.Duration, onError func(error), build func(changed []string, lost bool)) {
	timer := time.NewTimer(quiet)
	timer.Stop()
	defer timer.Stop()
	changed := make(map[string]bool)
	lost := false
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					Tree(w, ev.Name) // files made in it before it was watched are caught by the build
				}
			}
			if rel, err := filepath.Rel(root, ev.Name); err == nil {
				changed[filepath.ToSlash(rel)] = true
			} else {
				lost = true
			}
			timer.Reset(quiet)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			onError(err)
			lost = true // events may have been lost
		case <-timer.C:
			var paths []string
			for p := range changed {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			clear(changed)
			build(paths, lost)
			lost = false
		}
	}
}
