package serve

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
)

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
		w.Write(reloadScript)
		return
	case s.basePath + panelPath:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(panelStyle)
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

// bufferedResponse keeps a response in memory, so that the server can add
// the reload script to HTML before sending it.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

func (b *bufferedResponse) WriteHeader(status int) { b.status = status }

// Address formats the URL of the site served at addr ("127.0.0.1:8080").
func Address(addr, basePath string) string {
	return "http://" + addr + basePath
}
