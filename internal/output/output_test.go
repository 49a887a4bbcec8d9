package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, b *Build, name, data string) {
	t.Helper()
	if err := b.WriteFile(name, []byte(data)); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestCommitReplacesWhole(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	b, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, b, "index.html", "one")
	write(t, b, "old/index.html", "gone next time")
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	b, err = Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, b, "index.html", "two")
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Errorf("index.html = %q, want %q", got, "two")
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Errorf("a file of the previous build survived the swap")
	}
	siblings, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.*"))
	if len(siblings) > 0 {
		t.Errorf("temporary folders left behind: %v", siblings)
	}
}

func TestAbortKeepsPrevious(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	b, _ := Begin(out)
	write(t, b, "index.html", "one")
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	b, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, b, "index.html", "half-built")
	b.Abort()
	if got := read(t, filepath.Join(out, "index.html")); got != "one" {
		t.Errorf("after Abort index.html = %q, want the previous %q", got, "one")
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "thesis.docx"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Begin(out)
	if err == nil || !strings.Contains(err.Error(), "is not empty and was not made by timeline") {
		t.Fatalf("Begin on a foreign folder: err = %v, want a refusal", err)
	}
	if got := read(t, filepath.Join(out, "thesis.docx")); got != "precious" {
		t.Errorf("foreign file changed")
	}
}

func TestRecoversInterruptedSwap(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	// A build killed between its two renames leaves only the old folder aside,
	// and a half-written temporary folder.
	old := filepath.Join(dir, ".public.old-123")
	tmp := filepath.Join(dir, ".public.tmp-456")
	for _, d := range []string{old, tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, Marker), nil, 0o644)
	}
	os.WriteFile(filepath.Join(old, "index.html"), []byte("previous"), 0o644)
	b, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	b.Abort()
	if got := read(t, filepath.Join(out, "index.html")); got != "previous" {
		t.Errorf("output not restored: index.html = %q", got)
	}
	for _, d := range []string{old, tmp} {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s left behind", d)
		}
	}
}

func TestCheckName(t *testing.T) {
	good := []string{"index.html", "entries/x/index.html", "static/style.css", "feed.xml"}
	bad := []string{"", ".", "/etc/passwd", "../x", "a/../../x", "a//b", "a\\b", "a\x00b", "c:x", "entries/con/index.html", "aux.html", "COM1", Marker, "a/./b"}
	for _, n := range good {
		if err := CheckName(n); err != nil {
			t.Errorf("CheckName(%q) = %v, want nil", n, err)
		}
	}
	for _, n := range bad {
		if err := CheckName(n); err == nil {
			t.Errorf("CheckName(%q) = nil, want an error", n)
		}
	}
}
