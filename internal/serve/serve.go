// Package serve is the preview server: it serves a built output folder under
// the site's base path, the way GitHub Pages will, with the site's 404 page
// for anything missing.
//
// Its parts: serve.go serves an output folder (Handler); server.go is the
// Server that builds into it and keeps the last result; watch.go rebuilds
// when a file changes; http.go serves pages with the reload script and the
// warning panel added; events.go tells open pages to reload (server-sent
// events); problems.go and warnings.go show the site's problems and
// warnings; guard.go keeps the server on loopback and its load bounded;
// assets/ holds the HTML, CSS and JavaScript the server adds.
package serve

import (
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
)

// Handler serves the output folder dir under basePath ("/timeline/").
// Requests outside basePath are redirected into it when they are for "/",
// and get the 404 page otherwise. Folders are served by their index.html,
// never as listings.
func Handler(dir, basePath string) http.Handler {
	root := os.DirFS(dir)
	files := http.FileServerFS(root)
	notFound := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if b, err := fs.ReadFile(root, "404.html"); err == nil {
			w.Write(b)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if p == "/" && basePath != "/" {
			http.Redirect(w, r, basePath, http.StatusFound)
			return
		}
		rel, ok := strings.CutPrefix(p, basePath)
		if !ok {
			notFound(w)
			return
		}
		name := strings.TrimSuffix(rel, "/")
		if name == "" {
			name = "."
		}
		if !fs.ValidPath(name) || strings.Contains(name, "\\") {
			notFound(w)
			return
		}
		info, err := fs.Stat(root, name)
		switch {
		case err != nil:
			notFound(w)
			return
		case info.IsDir():
			if _, err := fs.Stat(root, path.Join(name, "index.html")); err != nil {
				notFound(w)
				return
			}
			if !strings.HasSuffix(p, "/") {
				http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
				return
			}
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + rel
		files.ServeHTTP(w, r2)
	})
}
