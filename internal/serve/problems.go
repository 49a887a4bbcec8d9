package serve

import (
	"bytes"
	"net/http"

	"timeline/internal/content"
)

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
