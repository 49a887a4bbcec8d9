package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"timeline/internal/build"
)

// TestHostGuard: only the server's own addresses pass; a name an attacker
// controls (DNS rebinding), another port or no Host at all gets 421.
func TestHostGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	tests := []struct {
		addr, host string
		allowed    bool
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"127.0.0.1:8080", "localhost:8080", true},
		{"127.0.0.1:8080", "preview.localhost:8080", true},
		{"127.0.0.1:8080", "[::1]:8080", true},
		{"127.0.0.1:8080", "evil.example:8080", false},
		{"127.0.0.1:8080", "127.0.0.1.evil.example:8080", false},
		{"127.0.0.1:8080", "localhost.evil.example:8080", false},
		{"127.0.0.1:8080", "127.0.0.1:9090", false},
		{"127.0.0.1:8080", "127.0.0.1", false},
		{"127.0.0.1:8080", "", false},
		{"mybox.lan:8080", "mybox.lan:8080", true},
		{"mybox.lan:8080", "MYBOX.LAN.:8080", true},
		{"mybox.lan:8080", "other.lan:8080", false},
		{":8080", "192.168.1.20:8080", true},
		{":8080", "attacker.example:8080", false},
	}
	for _, tt := range tests {
		h := HostGuard(tt.addr, strings.Replace(tt.addr, "mybox.lan", "10.0.0.2", 1), ok)
		req := httptest.NewRequest("GET", "http://x/", nil)
		req.Host = tt.host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Code == 200; got != tt.allowed {
			t.Errorf("-addr %s, Host %q: status %d, want allowed=%v", tt.addr, tt.host, rec.Code, tt.allowed)
		}
		if !tt.allowed && rec.Code != http.StatusMisdirectedRequest {
			t.Errorf("-addr %s, Host %q: status %d, want 421", tt.addr, tt.host, rec.Code)
		}
	}
}

// previewServer builds a small site and serves it as the serve command
// does, on loopback; it returns the server, its base URL and a counter of
// connections the server accepted and has not closed.
func previewServer(t *testing.T) (*Server, string, *atomic.Int64) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(src, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS("../e2e/testdata/hostile/content")); err != nil {
		t.Fatal(err)
	}
	prov, _ := os.ReadFile("../../content/provinces.yaml")
	os.WriteFile(filepath.Join(src, "content", "provinces.yaml"), prov, 0o644)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(src, filepath.Join(t.TempDir(), "public"), "/", build.Options{}, io.Discard)
	if ps, err := s.Rebuild(); err != nil || len(ps) > 0 {
		t.Fatalf("build: %v %v", err, ps)
	}
	hs, limited := NewHTTPServer(ln, HostGuard(ln.Addr().String(), ln.Addr().String(), s))
	var open atomic.Int64
	hs.ConnState = func(c net.Conn, st http.ConnState) {
		switch st {
		case http.StateNew:
			open.Add(1)
		case http.StateClosed, http.StateHijacked:
			open.Add(-1)
		}
	}
	go hs.Serve(limited)
	t.Cleanup(func() { hs.Close() })
	return s, "http://" + ln.Addr().String() + "/", &open
}

// TestRangeOnPagesIsWhole: a Range request for a page gets the whole page,
// with the reload script, never bytes counted on the file on disk; assets
// keep their ranges.
func TestRangeOnPagesIsWhole(t *testing.T) {
	_, base, _ := previewServer(t)
	for _, u := range []string{base, base + "index.html", base + "sources/"} {
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("Range", "bytes=0-99")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Range") != "" || resp.Header.Get("Accept-Ranges") != "" {
			t.Errorf("%s: status %d, Content-Range %q, Accept-Ranges %q; want 200 and the whole page", u, resp.StatusCode, resp.Header.Get("Content-Range"), resp.Header.Get("Accept-Ranges"))
		}
		if !strings.Contains(string(body), "__timeline/reload.js") || !strings.Contains(string(body), "</html>") {
			t.Errorf("%s: not the whole page with the reload script (%d bytes)", u, len(body))
		}
	}
	req, _ := http.NewRequest("GET", base+"robots.txt", nil)
	req.Header.Set("Range", "bytes=0-3")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent {
		t.Errorf("robots.txt with Range: status %d, want 206", resp.StatusCode)
	}
}

// TestStreamsAreCapped: past MaxStreams live-reload streams, the next one
// gets 503; closing one lets a new one in.
func TestStreamsAreCapped(t *testing.T) {
	_, base, _ := previewServer(t)
	var bodies []io.Closer
	defer func() {
		for _, b := range bodies {
			b.Close()
		}
	}()
	open := func() int {
		resp, err := http.Get(base + eventsPath)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode == 200 {
			bufio.NewReader(resp.Body).ReadString('\n') // the stream is registered
			bodies = append(bodies, resp.Body)
		} else {
			resp.Body.Close()
		}
		return resp.StatusCode
	}
	for i := range MaxStreams {
		if code := open(); code != 200 {
			t.Fatalf("stream %d: status %d", i+1, code)
		}
	}
	if code := open(); code != http.StatusServiceUnavailable {
		t.Errorf("stream %d: status %d, want 503", MaxStreams+1, code)
	}
	bodies[0].Close()
	bodies = bodies[1:]
	deadline := time.Now().Add(2 * time.Second)
	for open() != 200 {
		if time.Now().After(deadline) {
			t.Fatal("a closed stream did not free its place")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestIdleConnectionsAreCapped opens many more idle connections than
// MaxConnections: the server accepts no more than the cap (the rest wait
// in the kernel's queue, holding none of its descriptors), and once they
// go it answers again at once.
func TestIdleConnectionsAreCapped(t *testing.T) {
	_, base, open := previewServer(t)
	addr := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	var conns []net.Conn
	for range MaxConnections + 200 {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break // the kernel's queue is full: that is the point
		}
		conns = append(conns, c)
	}
	time.Sleep(300 * time.Millisecond)
	if n := open.Load(); n > MaxConnections {
		t.Errorf("%d connections accepted at once, want at most %d", n, MaxConnections)
	}
	t.Logf("%d idle connections opened; %d accepted", len(conns), open.Load())
	for _, c := range conns {
		c.Close()
	}
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(base)
	if err != nil {
		t.Fatalf("no answer after the idle connections went: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
}

// TestServerTimeouts: a client that sends half a request and stops is
// cut off instead of holding its connection for ever.
func TestServerTimeouts(t *testing.T) {
	hs, _ := NewHTTPServer(nil, http.NotFoundHandler())
	if hs.ReadHeaderTimeout == 0 || hs.ReadTimeout == 0 || hs.WriteTimeout == 0 || hs.IdleTimeout == 0 {
		t.Fatalf("a timeout is unset: %+v", hs)
	}
	hs.ReadHeaderTimeout = 200 * time.Millisecond // the same mechanism, quicker
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go hs.Serve(ln)
	defer hs.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n") // and never the blank line
	c.SetReadDeadline(time.Now().Add(3 * time.Second))
	_, err = io.ReadAll(c)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the server kept a half-sent request open")
	}
}
