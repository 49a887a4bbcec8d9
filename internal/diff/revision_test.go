package diff

import (
	"archive/tar"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestUntar(t *testing.T) {
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	add := func(name string, typ byte, body string) {
		if err := w.WriteHeader(&tar.Header{Name: name, Typeflag: typ, Size: int64(len(body)), Mode: 0o644}); err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	add("content/", tar.TypeDir, "")
	add("content/site.yaml", tar.TypeReg, "title: T\n")
	add("../escape.md", tar.TypeReg, "no")
	add("content/link.md", tar.TypeSymlink, "")
	w.Close()
	fsys, err := untar(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if data, err := fs.ReadFile(fsys, "content/site.yaml"); err != nil || string(data) != "title: T\n" {
		t.Errorf("content/site.yaml: %q, %v", data, err)
	}
	if m := fsys.(fstest.MapFS); len(m) != 1 {
		t.Errorf("read %d files, want content/site.yaml alone (no path out of the tree, no link): %v", len(m), m)
	}
}

func TestContentAt(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := ContentAt(".", dir)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := fs.ReadFile(fsys, "x"); err != nil || string(data) != "y" {
		t.Errorf("a folder is read as it is: %q, %v", data, err)
	}
	for _, where := range []string{"-o", "main --output=x"} {
		if _, err := ContentAt(".", where); err == nil {
			t.Errorf("ContentAt(%q): no error", where)
		}
	}
}
