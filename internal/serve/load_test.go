package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"timeline/internal/build"
)

// rss returns the resident memory of this process, in MiB.
func rss(t *testing.T) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(v)[0])
			return float64(kb) / 1024
		}
	}
	return 0
}

var versionRE = regexp.MustCompile(`Version (\d+) of the raid`)

// TestServeUnderLoad holds 200 concurrent connections to the preview
// server while an entry changes and the site rebuilds every 200 ms. Every
// response must be a whole page from one build (the edited page's title and
// heading name the same version), with no errors and no 5xx; requests that
// try to leave the output folder get 4xx and never a file from outside.
// TIMELINE_LOAD_SECONDS sets the duration (default 30).
func TestServeUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	seconds := 30
	if v, err := strconv.Atoi(os.Getenv("TIMELINE_LOAD_SECONDS")); err == nil {
		seconds = v
	}
	const conns = 200
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	for _, d := range []string{"content", "templates", "static"} {
		if err := os.CopyFS(filepath.Join(src, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			t.Fatal(err)
		}
	}
	// A file beside the output that must never be served.
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("TOPSECRET"), 0o644)
	entry := filepath.Join(src, "content/entries/2025/chbar-ampov-villa-raid.md")
	orig, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	setVersion := func(n int) {
		data := strings.Replace(string(orig), `title: "Villa raid in Chbar Ampov, Phnom Penh"`, fmt.Sprintf(`title: "Version %d of the raid"`, n), 1)
		tmp := entry + ".tmp"
		os.WriteFile(tmp, []byte(data), 0o644)
		os.Rename(tmp, entry)
	}
	setVersion(0)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/timeline/"
	srv := New(src, filepath.Join(dir, "public"), "/timeline/", build.Options{BaseURL: base}, io.Discard)
	if ps, err := srv.Rebuild(); err != nil || len(ps) > 0 {
		t.Fatal(err, ps)
	}
	ctx, cancel := context.WithCancel(context.Background())
	watchDone, err := srv.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); <-watchDone }() // no build may still write when the folder is removed
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	defer hs.Close()

	pages := []string{"entries/chbar-ampov-villa-raid/", "", "compare/", "operations/2025/", "provinces/phnom-penh/", "sources/", "feed.xml", "data/entries.json"}
	hostile := []string{"../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "%2e%2e%2fsecret.txt", "entries/..%2f..%2f..%2fsecret.txt",
		"..\\secret.txt", "%5c..%5csecret.txt", strings.Repeat("a/", 4000), "%00", "entries/%00/", "/../../../../etc/passwd"}

	startRSS := rss(t)
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	var requests, failures, server5xx, torn, hostileOK atomic.Int64
	var firstProblem atomic.Value
	problem := func(format string, args ...any) {
		failures.Add(1)
		firstProblem.CompareAndSwap(nil, fmt.Sprintf(format, args...))
	}
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}}
	var wg sync.WaitGroup
	for c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; time.Now().Before(deadline); i++ {
				var u string
				wantHostile := i%50 == 0
				if wantHostile {
					u = base + hostile[(i/50)%len(hostile)]
				} else {
					u = base + pages[i%len(pages)]
				}
				resp, err := client.Get(u)
				requests.Add(1)
				if err != nil {
					problem("GET %s: %v", u, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					problem("read %s: %v", u, err)
					continue
				}
				if resp.StatusCode >= 500 {
					server5xx.Add(1)
				}
				if wantHostile {
					if strings.Contains(string(body), "TOPSECRET") || strings.Contains(string(body), "root:") {
						problem("%s served a file outside the output", u)
					}
					if resp.StatusCode >= 400 && resp.StatusCode < 500 {
						hostileOK.Add(1)
					} else {
						problem("%s: status %d, want 4xx", u, resp.StatusCode)
					}
					continue
				}
				if resp.StatusCode != 200 {
					problem("%s: status %d", u, resp.StatusCode)
					continue
				}
				if strings.HasSuffix(u, "/") && !strings.Contains(string(body), "</html>") {
					torn.Add(1)
					problem("%s: page cut short (%d bytes)", u, len(body))
				}
				if strings.HasSuffix(u, "chbar-ampov-villa-raid/") {
					m := versionRE.FindAllStringSubmatch(string(body), -1)
					if len(m) < 2 {
						problem("%s: version missing from title or heading", u)
						continue
					}
					for _, x := range m[1:] {
						if x[1] != m[0][1] {
							torn.Add(1)
							problem("%s: page mixes versions %s and %s", u, m[0][1], x[1])
						}
					}
				}
			}
		}()
	}
	rebuilds := 0
	for n := 1; time.Now().Before(deadline); n++ {
		setVersion(n)
		rebuilds++
		time.Sleep(200 * time.Millisecond)
	}
	wg.Wait()
	endRSS := rss(t)
	t.Logf("%d s, %d connections: %d requests (%d hostile, all refused), %d failures, %d 5xx, %d torn pages; %d edits, %d builds; RSS %.0f MiB at start, %.0f MiB at end",
		seconds, conns, requests.Load(), hostileOK.Load(), failures.Load(), server5xx.Load(), torn.Load(), rebuilds, srv.Version(), startRSS, endRSS)
	if failures.Load() > 0 || server5xx.Load() > 0 {
		t.Errorf("%d failures, %d 5xx; first: %v", failures.Load(), server5xx.Load(), firstProblem.Load())
	}
	if srv.Version() < uint64(rebuilds/4) {
		t.Errorf("only %d builds for %d edits: the server did not keep up", srv.Version(), rebuilds)
	}
	if endRSS > startRSS*2+100 {
		t.Errorf("memory grew from %.0f MiB to %.0f MiB", startRSS, endRSS)
	}
}
