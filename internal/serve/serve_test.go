package serve

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html":           "home",
		"entries/x/index.html": "entry x",
		"404.html":             "not found page",
		"static/style.css":     "body{}",
		"empty/.keep":          "",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	// A file beside the output folder that must never be served.
	os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.txt"), []byte("secret"), 0o644)
	h := Handler(dir, "/timeline/")
	tests := []struct {
		method, path string
		code         int
		body         string
	}{
		{"GET", "/timeline/", 200, "home"},
		{"GET", "/timeline/entries/x/", 200, "entry x"},
		{"GET", "/timeline/entries/x", 301, ""},
		{"GET", "/timeline/static/style.css", 200, "body{}"},
		{"GET", "/", 302, ""},
		{"GET", "/timeline/missing/", 404, "not found page"},
		{"GET", "/elsewhere/", 404, "not found page"},
		{"GET", "/timeline/empty/", 404, "not found page"},
		{"GET", "/timeline/../secret.txt", 404, "not found page"},
		{"GET", "/timeline/%2e%2e/secret.txt", 404, "not found page"},
		{"GET", "/timeline/entries/..%2f..%2fsecret.txt", 404, "not found page"},
		{"GET", "/timeline/" + strings.Repeat("a/", 5000), 404, "not found page"},
		{"POST", "/timeline/", 405, ""},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, "http://127.0.0.1"+tt.path[:min(len(tt.path), 40)], nil)
		req.URL.Path = mustUnescape(t, tt.path)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.code {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, rec.Code, tt.code)
		}
		if tt.body != "" && rec.Body.String() != tt.body {
			t.Errorf("%s %s: body %q, want %q", tt.method, tt.path, rec.Body.String(), tt.body)
		}
		if strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("%s %s served a file outside the output folder", tt.method, tt.path)
		}
	}
}

func mustUnescape(t *testing.T, p string) string {
	t.Helper()
	r, err := http.NewRequest("GET", "http://x"+p, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r.URL.Path
}
