package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
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
