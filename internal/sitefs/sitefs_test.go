package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRefusesLinksAnywhere: a link at any level of a path, and a file that
// is not regular, is refused with an error naming it; plain files and
// folders read as usual.
func TestRefusesLinksAnywhere(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644)
	os.MkdirAll(filepath.Join(dir, "content", "entries"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "entries", "a.md"), []byte("ok"), 0o644)
	os.Symlink(outside, filepath.Join(dir, "static"))
	os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "content", "site.yaml"))
	fsys := New(os.DirFS(dir))
	if New(fsys) != fsys {
		t.Errorf("New wraps twice")
	}
	if data, err := fs.ReadFile(fsys, "content/entries/a.md"); err != nil || string(data) != "ok" {
		t.Errorf("plain file: %q %v", data, err)
	}
	for _, tt := range []struct {
		name string
		read func() error
		link string
	}{
		{"read under a linked folder", func() error { _, err := fs.ReadFile(fsys, "static/secret.txt"); return err }, "static"},
		{"read a linked file", func() error { _, err := fs.ReadFile(fsys, "content/site.yaml"); return err }, "content/site.yaml"},
		{"list a linked folder", func() error { _, err := fs.ReadDir(fsys, "static"); return err }, "static"},
		{"stat a linked folder", func() error { _, err := fs.Stat(fsys, "static"); return err }, "static"},
		{"open under a linked folder", func() error { _, err := fsys.Open("static/secret.txt"); return err }, "static"},
		{"walk a linked folder", func() error {
			return fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error { return err })
		}, "static"},
	} {
		err := tt.read()
		if !errors.Is(err, ErrLink) || !strings.Contains(err.Error(), tt.link+" is a symbolic link") {
			t.Errorf("%s: %v, want an error naming %s as a link", tt.name, err, tt.link)
		}
	}
	mem := New(fstest.MapFS{
		"dev":   {Mode: fs.ModeDevice},
		"a/b":   {Data: []byte("x")},
		"a/dir": {Mode: fs.ModeDir},
	})
	if _, err := fs.ReadFile(mem, "dev"); !errors.Is(err, ErrNotRegular) {
		t.Errorf("device: %v, want ErrNotRegular", err)
	}
	if _, err := fs.ReadFile(mem, "a/b/c"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file used as a folder: %v", err)
	}
}
