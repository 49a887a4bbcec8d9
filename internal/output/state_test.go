package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStateFilesAreKeptBesideTheOutput: a state file is written whole in
// one rename, read back by the next build, never published, never
// followed through a link, and only under a name the package does not use.
func TestStateFilesAreKeptBesideTheOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	b, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(filepath.Dir(out), ".public.timeline")
	os.WriteFile(filepath.Join(state, "cache.1234.tmp"), []byte("left by a killed build"), 0o644)
	if err := b.KeepState("cache", func(w io.Writer) error { _, err := io.WriteString(w, "one"); return err }); err != nil {
		t.Fatal(err)
	}
	failed := b.KeepState("cache", func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("disk full") })
	if failed == nil || !strings.Contains(failed.Error(), "disk full") {
		t.Errorf("a failed write: %v, want its error", failed)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(state, "cache.*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	write(t, b, "index.html", "page")
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "cache")); err == nil {
		t.Errorf("a state file was published")
	}

	next, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	defer next.Abort()
	data, err := next.ReadState("cache")
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "one" {
		t.Errorf("state file = %q, want what the last successful write kept", data)
	}
	if err := next.RenameState("cache", "cache2"); err != nil || read(t, filepath.Join(state, "cache2")) != "one" {
		t.Errorf("rename: %v", err)
	}
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("outside"), 0o644)
	os.Symlink(secret, filepath.Join(state, "linked"))
	if f, err := next.OpenState("linked", os.O_RDWR); err == nil {
		f.Close()
		t.Errorf("a link in the state folder was followed")
	}
	for _, name := range []string{"", "lock", "spare", "old", "../x", "a/b", ".hidden", "1.manifest"} {
		if _, err := next.OpenState(name, os.O_RDONLY); err == nil || !strings.Contains(err.Error(), "not a name") {
			t.Errorf("state file %q: %v, want it refused", name, err)
		}
	}
}
