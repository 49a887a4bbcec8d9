package serve

import (
	"context"
	"fmt"

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

// watchLoop rebuilds after each burst of changes, telling the builder what
// changed so that it looks at only that. The first build after the watch
// began looks at everything (the site may have changed between the first
// build and the watch), and so does a build after the watcher lost events.
func (s *Server) watchLoop(ctx context.Context, w *fsnotify.Watcher) error {
	first := true
	logError := func(err error) { fmt.Fprintf(s.log, "watch: %v\n", err) }
	watch.Loop(ctx, w, s.src, Debounce, logError, func(changed []string, lost bool) {
		if !first && !lost {
			s.builder.Changed(changed)
		}
		first = false
		s.Rebuild()
	})
	return nil
}
