package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestSite(t *testing.T) {
	src := t.TempDir()
	for _, d := range []string{"content/entries/2025", "content/.git/objects", "templates", "public/entries"} {
		if err := os.MkdirAll(filepath.Join(src, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Site(src) // static/ is missing: passed over
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var got []string
	for _, p := range w.WatchList() {
		rel, _ := filepath.Rel(src, p)
		got = append(got, filepath.ToSlash(rel))
	}
	slices.Sort(got)
	want := []string{"content", "content/entries", "content/entries/2025", "templates"}
	if !slices.Equal(got, want) {
		t.Errorf("watched %q, want %q", got, want)
	}
}

// TestLoop checks that a burst of saves makes one build with the paths it
// named, and that a file made in a new folder is seen.
func TestLoop(t *testing.T) {
	src := t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := Site(src)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	type call struct {
		changed []string
		lost    bool
	}
	calls := make(chan call, 10)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		Loop(ctx, w, src, 50*time.Millisecond, func(err error) { t.Errorf("watch error: %v", err) },
			func(changed []string, lost bool) { calls <- call{changed, lost} })
	}()
	defer func() { cancel(); <-done }()
	next := func() call {
		t.Helper()
		select {
		case c := <-calls:
			return c
		case <-time.After(5 * time.Second):
			t.Fatal("no build after a change")
			return call{}
		}
	}
	for _, name := range []string{"a.md", "b.md"} {
		if err := os.WriteFile(filepath.Join(src, "content", name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if c := next(); !slices.Equal(c.changed, []string{"content/a.md", "content/b.md"}) || c.lost {
		t.Errorf("first build: %q lost=%v; want both files, nothing lost", c.changed, c.lost)
	}
	if err := os.Mkdir(filepath.Join(src, "content", "2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	next() // the new folder
	time.Sleep(100 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(src, "content", "2026", "c.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c := next(); !slices.Contains(c.changed, "content/2026/c.md") {
		t.Errorf("a file in a new folder: %q, want content/2026/c.md", c.changed)
	}
}
