package serve

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"

	"timeline/internal/watch"
)

// Watch starts watching content/, templates/ and static/ and returns once
// they are watched, so that no save made after it returns is missed. From
// then on it rebuilds the site whenever a file changes, until ctx is done;
// the returned channel then receives the watcher's final error (nil) and is
// closed, after any rebuild in progress has finished. New folders are
// watched as they appear; saves by rename (write a temporary file, rename it
// over the old) are seen as changes like any other.
func (s *Server) Watch(ctx context.Context) (<-chan error, error) {
	w, err := watch.Site(s.src)
	if err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() {
		defer close(done)
		defer w.Close()
		done <- s.watchLoop(ctx, w)
	}()
	return done, nil
}

func (s *Server) watchLoop(ctx context.Context, w *fsnotify.Watcher) error {
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	// What changed since the last build, for the builder to look at only
	// that. The first build after the watch began looks at everything (the
	// site may have changed between the first build and the watch), and so
	// does the build after the watcher lost events.
	changed := make(map[string]bool)
	trusted := false
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					watch.Tree(w, ev.Name) // files made before the watch started are caught by the rebuild
				}
			}
			if rel, err := filepath.Rel(s.src, ev.Name); err == nil {
				changed[filepath.ToSlash(rel)] = true
			} else {
				trusted = false
			}
			if timer == nil {
				timer = time.AfterFunc(Debounce, func() {
					select {
					case fire <- struct{}{}:
					default:
					}
				})
			} else {
				timer.Reset(Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.log, "watch: %v\n", err)
			trusted = false // events may have been lost
		case <-fire:
			if trusted {
				s.builder.Changed(slices.Collect(maps.Keys(changed)))
			}
			clear(changed)
			s.Rebuild()
			trusted = true
		}
	}
}
