package serve

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"timeline/internal/build"
	"timeline/internal/content"
)

// Server is the preview server. It builds the site into an output folder,
// serves it under the site's base path, rebuilds when a file under
// content/, templates/ or static/ changes, and tells open pages to reload
// (server-sent events; the small reload script is added to pages as they
// are served, never written into the output). While the site has problems,
// every page shows them, and the last good build stays on disk.
type Server struct {
	src      string
	basePath string
	builder  *build.Incremental
	files    http.Handler
	log      io.Writer

	mu       sync.RWMutex
	problems content.Problems
	panel    []byte // the warnings, rendered to show on every page (see renderWarnings)
	buildErr error
	version  uint64 // counts builds, good or bad; pages reload when it changes

	subsMu sync.Mutex
	subs   map[chan uint64]struct{}
}

// Paths under the base path that belong to the server, not the site.
const (
	eventsPath = "__timeline/events"
	scriptPath = "__timeline/reload.js"
	panelPath  = "__timeline/panel.css"
)

// Debounce is how long the server waits after a change for more changes
// (an editor saving by rename makes several events) before rebuilding.
const Debounce = 20 * time.Millisecond

// New returns a server of the site in src, built into out, served under
// basePath. It does not build yet; call Rebuild. A preview never goes
// down because of a draft: opts.Preview is set, so a draft's problems are
// warnings.
func New(src, out, basePath string, opts build.Options, log io.Writer) *Server {
	opts.Preview = true
	return &Server{
		src:      src,
		basePath: basePath,
		builder:  build.NewIncremental(os.DirFS(src), out, opts),
		files:    Handler(out, basePath),
		log:      log,
		subs:     make(map[chan uint64]struct{}),
	}
}

// Rebuild brings the output up to date and tells open pages to reload. It
// returns the build's problems and error, which pages also show.
func (s *Server) Rebuild() (content.Problems, error) {
	res, st, err := s.builder.Build()
	panel := renderWarnings(s.basePath, res.Warnings)
	s.mu.Lock()
	s.problems, s.panel, s.buildErr = res.Problems, panel, err
	s.version++
	v := s.version
	s.mu.Unlock()
	s.logBuild(res, st, err)
	s.broadcast(v)
	return res.Problems, err
}

// logBuild prints the outcome of a build: its error, its problems, or its
// statistics and warnings.
func (s *Server) logBuild(res build.Result, st build.Stats, err error) {
	switch {
	case err != nil:
		fmt.Fprintf(s.log, "build failed: %s\n", content.PrintableLines(err.Error()))
	case len(res.Problems) > 0:
		fmt.Fprintf(s.log, "%s; the pages show them until they are fixed:\n", content.Quantity(len(res.Problems), "problem", "problems"))
		for _, p := range res.Problems {
			fmt.Fprintf(s.log, "  %s\n", p)
			if caret := p.Caret("      "); caret != "" {
				fmt.Fprintf(s.log, "%s\n", caret)
			}
		}
	default:
		fmt.Fprintf(s.log, "%s\n", st)
		if len(res.Warnings) > 0 {
			fmt.Fprintf(s.log, "%s, shown on every page:\n", content.Quantity(len(res.Warnings), "warning", "warnings"))
			for _, p := range res.Warnings {
				fmt.Fprintf(s.log, "  warning: %s\n", p)
			}
		}
	}
}

// Close releases the output folder, for another build to write it.
func (s *Server) Close() error { return s.builder.Close() }

// Version returns the number of builds so far.
func (s *Server) Version() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}
