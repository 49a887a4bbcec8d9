package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"timeline/internal/build"
	"timeline/internal/corpus"
)

// BenchmarkReload measures the time from saving an entry to the reload
// event that open pages receive, on the real site and on the real site with
// 10,000 synthetic entries, for edits of several kinds:
//
//	go test ./internal/serve -run '^$' -bench Reload -benchtime 20x
func BenchmarkReload(b *testing.B) {
	for _, n := range []int{0, 10000} {
		b.Run(fmt.Sprintf("synthetic=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			src := filepath.Join(dir, "site")
			if err := corpus.Write(src, n, 1, "../.."); err != nil {
				b.Fatal(err)
			}
			if n == 0 {
				if err := os.CopyFS(filepath.Join(src, "content", "entries"), os.DirFS("../../content/entries")); err != nil {
					b.Fatal(err)
				}
			}
			srv := New(src, filepath.Join(dir, "public"), "/timeline/", build.Options{BaseURL: "http://127.0.0.1/timeline/"}, io.Discard)
			start := time.Now()
			if ps, err := srv.Rebuild(); err != nil || len(ps) > 0 {
				b.Fatal(err, ps)
			}
			b.Logf("first (full) build of %d synthetic entries: %s", n, time.Since(start).Round(time.Millisecond))
			ts := httptest.NewServer(srv)
			defer ts.Close()
			ctx, cancel := context.WithCancel(context.Background())
			watchDone, err := srv.Watch(ctx)
			if err != nil {
				b.Fatal(err)
			}
			defer func() { cancel(); <-watchDone }() // before ts.Close: it ends the event stream
			req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/timeline/__timeline/events", nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			lines := make(chan string, 64)
			go func() {
				sc := bufio.NewScanner(resp.Body)
				for sc.Scan() {
					if strings.HasPrefix(sc.Text(), "data: ") {
						lines <- sc.Text()
					}
				}
			}()
			<-lines
			entries, _ := filepath.Glob(filepath.Join(src, "content/entries/*/*.md"))
			target := entries[len(entries)/2]
			original, _ := os.ReadFile(target)
			// A comment changes the file but none of the pages; the summary
			// changes the entry's page and its lists; a figure also changes
			// the compare page.
			edits := []struct{ name, old, new string }{{"comment", "---\n", "---\n# edit %d\n"}}
			if n > 0 {
				edits = append(edits,
					struct{ name, old, new string }{"summary", "summary: \"A synthetic entry for benchmarks.\"", "summary: \"Edited %d.\""},
					struct{ name, old, new string }{"figure", "  arrested: ", "  arrested: 1%d"})
			}
			saves := 0 // every save differs from the one before
			for _, edit := range edits {
				b.Run("edit="+edit.name, func(b *testing.B) {
					var total time.Duration
					for range b.N {
						saves++
						edited := bytes.Replace(original, []byte(edit.old), []byte(fmt.Sprintf(edit.new, saves)), 1)
						t0 := time.Now()
						if err := os.WriteFile(target, edited, 0o644); err != nil {
							b.Fatal(err)
						}
						select {
						case <-lines:
						case <-time.After(60 * time.Second):
							b.Fatal("no reload event within 60s")
						}
						total += time.Since(t0)
					}
					b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "save-to-reload-ms")
				})
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.Logf("heap in use after the edits: %.0f MiB", float64(m.HeapInuse)/(1<<20))
		})
	}
}
