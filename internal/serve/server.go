package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

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
	switch {
	case err != nil:
		fmt.Fprintf(s.log, "build failed: %s\n", printableLines(err.Error()))
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
	s.broadcast(v)
	return res.Problems, err
}

// Close releases the output folder, for another build to write it.
func (s *Server) Close() error { return s.builder.Close() }

// Version returns the number of builds so far.
func (s *Server) Version() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}

func (s *Server) broadcast(v uint64) {
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- v:
		default: // a slow client gets the next version instead
		}
	}
}

// Watch starts watching content/, templates/ and static/ and returns once
// they are watched, so that no save made after it returns is missed. From
// then on it rebuilds the site whenever a file changes, until ctx is done;
// the returned channel then receives the watcher's final error (nil) and is
// closed, after any rebuild in progress has finished. New folders are
// watched as they appear; saves by rename (write a temporary file, rename it
// over the old) are seen as changes like any other.
func (s *Server) Watch(ctx context.Context) (<-chan error, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	for _, dir := range []string{"content", "templates", "static"} {
		if err := watchTree(w, filepath.Join(s.src, dir)); err != nil {
			w.Close()
			return nil, err
		}
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
					watchTree(w, ev.Name) // files made before the watch started are caught by the rebuild
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

// watchTree watches dir and every folder under it.
func watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return fs.SkipDir
			}
			if err := w.Add(p); err != nil {
				return fmt.Errorf("watch %s: %w", p, err)
			}
		}
		return nil
	})
}

// ServeHTTP serves the site, the reload events and script, and the problem
// page while the site does not build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case s.basePath + eventsPath:
		s.serveEvents(w, r)
		return
	case s.basePath + scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadScript)
		return
	case s.basePath + panelPath:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, panelStyle)
		return
	}
	s.mu.RLock()
	problems, panel, buildErr, version := s.problems, s.panel, s.buildErr, s.version
	s.mu.RUnlock()
	if (len(problems) > 0 || buildErr != nil) && looksLikePage(r.URL.Path) {
		s.serveProblems(w, problems, buildErr, version)
		return
	}
	// Serve the file, and add the reload script to HTML pages. A range of
	// a page would count bytes of the file, not of the page as served, so
	// pages are always sent whole (a server may ignore Range).
	if looksLikePage(r.URL.Path) {
		r = withoutRange(r)
	}
	rec := &bufferedResponse{header: make(http.Header), status: http.StatusOK}
	s.files.ServeHTTP(rec, r)
	if isHTML(rec.header) && rec.status == http.StatusPartialContent {
		r = withoutRange(r)
		rec = &bufferedResponse{header: make(http.Header), status: http.StatusOK}
		s.files.ServeHTTP(rec, r)
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	body := rec.body.Bytes()
	if isHTML(rec.header) {
		body = injectWarnings(body, panel)
		body = injectReload(body, s.basePath, version)
		w.Header().Del("Content-Length")
		w.Header().Del("Accept-Ranges")
		w.Header().Set("Cache-Control", "no-store")
	}
	w.WriteHeader(rec.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func isHTML(h http.Header) bool { return strings.HasPrefix(h.Get("Content-Type"), "text/html") }

// withoutRange returns r without its Range and If-Range headers.
func withoutRange(r *http.Request) *http.Request {
	if r.Header.Get("Range") == "" && r.Header.Get("If-Range") == "" {
		return r
	}
	r = r.Clone(r.Context())
	r.Header.Del("Range")
	r.Header.Del("If-Range")
	return r
}

// looksLikePage reports whether a request is for an HTML page rather than
// an asset.
func looksLikePage(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	return base == "" || strings.HasSuffix(base, ".html") || !strings.Contains(base, ".")
}

func injectReload(page []byte, basePath string, version uint64) []byte {
	tag := fmt.Sprintf(`<script src="%s%s" data-version="%d"></script>`, basePath, scriptPath, version)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		return append(page[:i:i], append([]byte(tag), page[i:]...)...)
	}
	return append(page, tag...)
}

// reloadScript reloads the page when the server reports a build newer than
// the one the page came from.
const reloadScript = `(function () {
  "use strict";
  var me = document.currentScript;
  var version = me.getAttribute("data-version");
  var events = new EventSource(me.src.replace(/reload\.js.*$/, "events"));
  events.onmessage = function (e) {
    if (e.data !== version) {
      events.close();
      location.reload();
    }
  };
})();
`

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming not supported", http.StatusInternalServerError)
		return
	}
	ch := make(chan uint64, 1)
	s.subsMu.Lock()
	if len(s.subs) >= MaxStreams {
		s.subsMu.Unlock()
		w.Header().Set("Retry-After", "5")
		http.Error(w, "too many live-reload streams open; close some tabs of the preview", http.StatusServiceUnavailable)
		return
	}
	s.subs[ch] = struct{}{}
	s.subsMu.Unlock()
	// An event stream stays open for as long as the page: lift the
	// server's write timeout for it alone.
	http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	defer func() {
		s.subsMu.Lock()
		delete(s.subs, ch)
		s.subsMu.Unlock()
	}()
	fmt.Fprintf(w, "retry: 500\ndata: %d\n\n", s.Version())
	flusher.Flush()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case v := <-ch:
			fmt.Fprintf(w, "data: %d\n\n", v)
			flusher.Flush()
		case <-keepAlive.C:
			io.WriteString(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}

var problemPage = template.Must(template.New("problems").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site does not build</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; background: #fff; }
h1 { color: #a11; font-size: 1.5rem; }
li { margin: .4rem 0; }
code { background: #f3f3f3; padding: .1rem .3rem; }
pre { background: #f3f3f3; padding: .4rem .6rem; overflow-x: auto; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #151515; } h1 { color: #f88; } code, pre { background: #2a2a2a; } }
</style>
</head>
<body>
<main>
<h1>The site does not build</h1>
{{if .Err}}<p><code>{{.Err}}</code></p>{{end}}
{{if .Problems}}<p>{{len .Problems}} {{if eq (len .Problems) 1}}problem{{else}}problems{{end}} to fix. Each line gives the file, the line in it, the field, what is wrong and how to fix it:</p>
<ol>{{range .Problems}}
<li><code>{{.Path}}{{if .Line}}:{{.Line}}{{if .Column}}:{{.Column}}{{end}}{{end}}</code>{{if .Field}} <strong>{{.Field}}</strong>:{{end}} {{.Msg}}{{with .Caret ""}}<pre>{{.}}</pre>{{end}}</li>{{end}}
</ol>{{end}}
<p>Fix the file and save it: this page reloads by itself, and the site comes back.</p>
</main>
</body>
</html>
`))

func (s *Server) serveProblems(w http.ResponseWriter, ps content.Problems, err error, version uint64) {
	var buf bytes.Buffer
	data := struct {
		Problems content.Problems
		Err      string
	}{Problems: ps}
	if err != nil {
		data.Err = err.Error()
	}
	if e := problemPage.Execute(&buf, data); e != nil {
		http.Error(w, e.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(injectReload(buf.Bytes(), s.basePath, version))
}

// bufferedResponse keeps a response in memory, so that the server can add
// the reload script to HTML before sending it.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }

// Address formats the URL of the site served at addr ("127.0.0.1:8080").
func Address(addr, basePath string) string {
	return "http://" + addr + basePath
}

// printableLines escapes control characters in a message of several
// lines, keeping its line breaks: it may quote content.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = content.Printable(l)
	}
	return strings.Join(lines, "\n")
}
