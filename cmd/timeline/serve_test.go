package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is an io.Writer safe to read while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// saveByRename writes a file the way many editors do: a temporary file,
// renamed over the old one.
func saveByRename(t *testing.T, path, data string) {
	t.Helper()
	tmp := path + ".swp~"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// events reads server-sent event data lines.
type events struct {
	lines chan string
}

func subscribe(t *testing.T, ctx context.Context, url string) *events {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	ev := &events{lines: make(chan string, 16)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ev.lines <- data
			}
		}
		close(ev.lines)
	}()
	return ev
}

func (e *events) next(t *testing.T, what string) string {
	t.Helper()
	select {
	case v, ok := <-e.lines:
		if !ok {
			t.Fatalf("%s: event stream closed", what)
		}
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no reload event within 10s", what)
	}
	return ""
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

const serveEntry = `---
title: "%s"
date: 2025-07-16
operation: "2025"
provinces: [%s]
sources:
  - {title: "Report", publisher: "Example News", url: "https://example.org/report"}
---
Police raided a compound [1].
`

// TestServe drives the preview server end to end: it starts on a free
// port, serves a page with the reload script, sees an edit saved by rename
// (reload event and new content), shows a broken entry's problem on every
// page, comes back when the file is fixed, picks up a new folder, and stops
// cleanly when cancelled. It logs the time from each save to its reload
// event.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"content/site.yaml":                  "title: Preview test\nbase_url: https://example.org/timeline/\n",
		"content/operations/2025.md":         "---\nname: \"2025 crackdown\"\nstart: 2025-06-27\nend: ongoing\nsources:\n  - {title: Report, publisher: Example News, url: \"https://example.org/report\"}\n---\n",
		"content/entries/2025/snuol-raid.md": fmt.Sprintf(serveEntry, "Raid in Snuol", "Kratie"),
	}
	provinces, _ := os.ReadFile("../../content/provinces.yaml")
	files["content/provinces.yaml"] = string(provinces)
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, []string{"serve", "-src", dir, "-out", filepath.Join(dir, "public"), "-addr", addr}, &stdout, &stderr, func(string) string { return "" })
	}()
	base := "http://" + addr + "/timeline/"
	page := base + "entries/snuol-raid/"
	deadline := time.Now().Add(20 * time.Second)
	for {
		if resp, err := http.Get(page); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not come up: %s %s", stdout.String(), stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "Raid in Snuol") || !strings.Contains(body, "__timeline/reload.js") {
		t.Fatalf("first page: %d, reload script present %v", code, strings.Contains(body, "__timeline/reload.js"))
	}
	// A page on another site whose name an attacker points at 127.0.0.1
	// (DNS rebinding) is turned away.
	req, _ := http.NewRequest("GET", page, nil)
	req.Host = "rebind.attacker.example:" + strings.Split(addr, ":")[1]
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Errorf("request with a foreign Host: %v", err)
	} else {
		resp.Body.Close()
		if resp.StatusCode != http.StatusMisdirectedRequest {
			t.Errorf("request with a foreign Host: status %d, want 421", resp.StatusCode)
		}
	}
	if on, _ := os.ReadFile(filepath.Join(dir, "public/entries/snuol-raid/index.html")); strings.Contains(string(on), "__timeline") {
		t.Errorf("the reload script was written into the output; it belongs to serve mode only")
	}

	ev := subscribe(t, ctx, base+"__timeline/events")
	first := ev.next(t, "connect")
	entry := filepath.Join(dir, "content/entries/2025/snuol-raid.md")
	timed := func(what string, change func()) string {
		t.Helper()
		start := time.Now()
		change()
		v := ev.next(t, what)
		t.Logf("%s: reload event %s after the save", what, time.Since(start).Round(time.Millisecond))
		return v
	}

	v1 := timed("edit saved by rename", func() { saveByRename(t, entry, fmt.Sprintf(serveEntry, "Raid in Snuol, updated", "Kratie")) })
	if v1 == first {
		t.Errorf("reload event repeats version %s", v1)
	}
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "Raid in Snuol, updated") {
		t.Errorf("after the edit: %d, new title shown %v", code, strings.Contains(body, "updated"))
	}

	timed("broken entry", func() { saveByRename(t, entry, fmt.Sprintf(serveEntry, "Raid in Snuol", "Sihanoukvile")) })
	code, body = get(t, page)
	want := `content/entries/2025/snuol-raid.md:5</code> <strong>provinces</strong>: unknown province &#34;Sihanoukvile&#34;; did you mean &#34;Preah Sihanouk&#34;?`
	if code != 500 || !strings.Contains(body, want) {
		t.Errorf("broken entry: status %d, problem shown %v:\n%s", code, strings.Contains(body, want), body)
	}
	if code, _ := get(t, base); code != 500 {
		t.Errorf("home page while broken: status %d, want the problem page (500)", code)
	}
	if code, _ := get(t, base+"feed.xml"); code != 200 {
		t.Errorf("feed.xml while broken: status %d, want the last good file (200)", code)
	}

	timed("fixed entry", func() { saveByRename(t, entry, fmt.Sprintf(serveEntry, "Raid in Snuol, fixed", "Kratie")) })
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "Raid in Snuol, fixed") {
		t.Errorf("after the fix: %d", code)
	}

	// The watcher says what changed: an edit that keeps the entry in place
	// is read on its own and only the pages that show it are rendered.
	timed("edit in place", func() { saveByRename(t, entry, fmt.Sprintf(serveEntry, "Raid in Snuol, again", "Kratie")) })
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "Raid in Snuol, again") {
		t.Errorf("after an edit in place: %d", code)
	}
	if !strings.Contains(stdout.String(), "quick build") {
		t.Errorf("an edit in place did not take the quick path:\n%s", stdout.String())
	}

	timed("new folder with a new entry", func() {
		os.MkdirAll(filepath.Join(dir, "content/entries/2026"), 0o755)
		os.WriteFile(filepath.Join(dir, "content/entries/2026/bavet-raid.md"), []byte(strings.Replace(fmt.Sprintf(serveEntry, "Raid in Bavet", "Bavet"), "2025-07-16", "2026-01-31", 1)), 0o644)
	})
	// os.WriteFile creates the file before it writes it: a rebuild may
	// catch it empty and show that problem until the write's own event
	// brings the next rebuild, as an open browser would see.
	for tries := 0; ; tries++ {
		code, body := get(t, base+"entries/bavet-raid/")
		if code == 200 && strings.Contains(body, "Raid in Bavet") {
			break
		}
		if tries == 2 {
			t.Errorf("entry in a new folder: %d after %d reloads", code, tries+1)
			break
		}
		ev.next(t, "the new entry, written")
	}

	// Renaming a file moves its page: every page links to the new address.
	renamed := filepath.Join(dir, "content/entries/2025/snuol-compound-raid.md")
	timed("entry renamed", func() {
		if err := os.Rename(entry, renamed); err != nil {
			t.Fatal(err)
		}
	})
	for tries := 0; ; tries++ {
		_, home := get(t, base)
		if strings.Contains(home, "entries/snuol-compound-raid/") && !strings.Contains(home, "entries/snuol-raid/") {
			break
		}
		if tries == 2 {
			t.Errorf("after a rename the home page still links to the old address")
			break
		}
		ev.next(t, "the rename, second event")
	}
	if code, _ := get(t, page); code != 404 {
		t.Errorf("the renamed entry's old address: status %d, want 404", code)
	}
	timed("entry deleted", func() { os.Remove(filepath.Join(dir, "content/entries/2026/bavet-raid.md")) })
	if code, _ := get(t, base+"entries/bavet-raid/"); code != 404 {
		t.Errorf("a deleted entry's page: status %d, want 404", code)
	}
	if _, home := get(t, base); strings.Contains(home, "bavet-raid") {
		t.Errorf("the home page still links to a deleted entry")
	}

	cancel()
	select {
	case code := <-exited:
		if code != 0 {
			t.Errorf("serve exited with %d after cancel: %s", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Errorf("serve did not stop within 5s of Ctrl-C")
	}
	if !strings.Contains(stdout.String(), "incremental build") {
		t.Errorf("serve output does not report incremental builds:\n%s", stdout.String())
	}
}

// TestServePortTaken: a second serve on a port in use says what to do
// instead of only "address already in use".
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"serve", "-src", t.TempDir(), "-addr", addr}, io.Discard, &stderr, func(string) string { return "" })
	n := 0
	fmt.Sscan(port, &n)
	want := fmt.Sprintf("timeline serve: %s is already in use, perhaps by another timeline serve; stop that one, or preview on another port: timeline serve -addr 127.0.0.1:%d\n", addr, n+1)
	if code != 1 || stderr.String() != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr.String(), want)
	}
}
