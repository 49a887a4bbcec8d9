package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSourcesCheck runs "timeline sources check" on a site whose sources
// are on a local server that answers 200, 301, 404, 410 and 500, a slow
// response and a closed port, and reads the report it writes.
func TestSourcesCheck(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("article")) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusMovedPermanently) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/article"
	l.Close()

	dir := t.TempDir()
	provinces, err := os.ReadFile("../../content/provinces.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := srv.URL
	files := map[string]string{
		"content/provinces.yaml": string(provinces),
		"content/site.yaml":      "title: Test\nbase_url: https://example.org/\n",
		"content/operations/2025.md": "---\nname: \"2025 crackdown\"\nstart: 2025-06-27\nend: ongoing\nsources:\n" +
			"  - {title: \"Totals\", publisher: \"Wire\", url: \"" + u + "/gone\", date: 2025-10-14}\n---\n",
		"content/entries/2025/raid.md": "---\ntitle: \"Raid in Snuol\"\ndate: 2025-07-16\noperation: \"2025\"\nprovinces: [Kratie]\nsources:\n" +
			"  - {title: \"Fine\", publisher: \"Wire\", url: \"" + u + "/ok\"}\n" +
			"  - {title: \"Moved\", publisher: \"Wire\", url: \"" + u + "/moved\"}\n" +
			"  - {title: \"Missing\", publisher: \"Wire\", url: \"" + u + "/missing\", date: 2025-07-17}\n" +
			"  - {title: \"Totals\", publisher: \"Wire\", url: \"" + u + "/gone\", archive: \"https://archive.example/totals\"}\n" +
			"  - {title: \"Broken\", publisher: \"Wire\", url: \"" + u + "/error\"}\n" +
			"  - {title: \"Slow\", publisher: \"Wire\", url: \"" + u + "/slow\"}\n" +
			"  - {title: \"Closed\", publisher: \"Elsewhere\", url: \"" + closed + "\"}\n" +
			"---\nPolice raided a compound [1].\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	report := filepath.Join(t.TempDir(), "report.md")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"sources", "check", "-src", dir, "-out", report, "-delay", "10ms", "-timeout", "500ms"},
		&stdout, &stderr, func(string) string { return "" })
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	if want := "1 answered, 1 moved, 2 dead, 3 could not be checked\n"; !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("stderr %q, want it to end with %q", stderr.String(), want)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	for _, want := range []string{
		"Checked 7 sources: 1 answered, 1 moved, 2 dead, 3 could not be checked.",
		"## Dead (2)",
		// A source cited twice lists both files, with the line of its url,
		// and the archived copy a contributor gave in one of them.
		"| [Totals](" + u + "/gone), Wire | 410 Gone | 2025 crackdown (`content/operations/2025.md:6`)<br>Raid in Snuol (`content/entries/2025/raid.md:10`) | [archived copy](https://archive.example/totals) |",
		"| [Missing](" + u + "/missing), Wire | 404 Not Found | Raid in Snuol (`content/entries/2025/raid.md:9`) | [Wayback Machine](https://web.archive.org/web/20250717/" + u + "/missing) (may hold no copy) |",
		"## Moved (1)",
		"| 301 from `" + u + "/moved` → 200 OK at `" + u + "/ok` |",
		"## Could not be checked (3)",
		"| 500 Internal Server Error |",
		"| timed out after 500ms |",
		"| connection refused |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "[Fine]") {
		t.Errorf("report lists a source that answered:\n%s", md)
	}
}

func TestSourcesUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"sources"}, &stdout, &stderr, os.Getenv); code != exitUsage {
		t.Errorf("timeline sources: exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr.String(), "usage: timeline sources check") {
		t.Errorf("no usage text: %q", stderr.String())
	}
	stderr.Reset()
	if code := run(context.Background(), []string{"sources", "check", "-concurrency", "0"}, &stdout, &stderr, os.Getenv); code != exitUsage {
		t.Errorf("-concurrency 0: exit %d, want %d (%s)", code, exitUsage, stderr.String())
	}
}
