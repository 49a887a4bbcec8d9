package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
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
	siblings, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public*"))
	if want := []string{filepath.Join(filepath.Dir(out), ".public.timeline")}; !slices.Equal(siblings, want) {
		t.Errorf("beside the output: %v, want only %v", siblings, want)
	}
	if got := read(t, filepath.Join(filepath.Dir(out), ".public.timeline", "spare", "index.html")); got != "one" {
		t.Errorf("the workspace holds %q, want the previous build's %q", got, "one")
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

// tree lists the files of dir with their contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// publish builds files into out and returns the build's counts.
func publish(t *testing.T, out string, files map[string]string) *Build {
	t.Helper()
	b, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(mapsKeys(files)) {
		write(t, b, name, files[name])
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{Marker: markerText}
	for k, v := range files {
		want[k] = v
	}
	if got := tree(t, out); !equalMaps(got, want) {
		t.Fatalf("published %v, want %v", got, want)
	}
	return b
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestRebuildWritesOnlyChanges: the third build reuses the first one's
// folder, writing only what differs and removing what is gone, including
// a file where a folder now goes and a folder where a file now goes.
func TestRebuildWritesOnlyChanges(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, map[string]string{"a.html": "1", "b.html": "1", "old/x.html": "1", "f": "file", "d/y.html": "in a folder"})
	publish(t, out, map[string]string{"a.html": "1", "b.html": "2"})
	b := publish(t, out, map[string]string{"a.html": "1", "b.html": "2", "c.html": "3", "f/index.html": "now a folder", "d": "now a file"})
	if b.Kept != 1 || b.Written != 4 {
		t.Errorf("kept %d and wrote %d files, want 1 kept (a.html) and 4 written", b.Kept, b.Written)
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder of a removed file survived: %v", err)
	}
}

// TestChangedFilesAreWrittenAgain: a file of the workspace changed by
// anyone else (replaced, or rewritten in place with the same size) is not
// trusted to hold the bytes the manifest lists.
func TestChangedFilesAreWrittenAgain(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"a.html": "same", "b.html": "same"}
	publish(t, out, files)
	publish(t, out, files)
	spare := filepath.Join(filepath.Dir(out), ".public.timeline", "spare")
	replaced := filepath.Join(spare, "a.html")
	os.Remove(replaced)
	if err := os.WriteFile(replaced, []byte("hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(spare, "b.html")
	if err := os.WriteFile(edited, []byte("hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	os.Chtimes(edited, later, later)
	b := publish(t, out, files)
	if b.Written != 2 {
		t.Errorf("wrote %d files, want both changed files written again", b.Written)
	}
	if b := publish(t, out, files); b.Kept != 2 {
		t.Errorf("kept %d files, want 2: the manifest should be trusted again", b.Kept)
	}
}

// TestInterruptedBuildIsCleanedUp: a build that never committed leaves a
// workspace of unknown content; the next build writes every file and
// removes everything else.
func TestInterruptedBuildIsCleanedUp(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, map[string]string{"a.html": "1"})
	publish(t, out, map[string]string{"a.html": "2"})
	f, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.Begin()
	if err != nil {
		t.Fatal(err)
	}
	write(t, b, "half/written.html", "x")
	write(t, b, "a.html", "3")
	f.Close() // as a killed process would: no Commit, no Abort
	if got := read(t, filepath.Join(out, "a.html")); got != "2" {
		t.Fatalf("published a.html = %q after an interrupted build, want %q", got, "2")
	}
	b = publish(t, out, map[string]string{"a.html": "3", "c.html": "4"})
	if b.Kept != 0 || b.Removed != 1 {
		t.Errorf("kept %d and removed %d, want nothing trusted and half/written.html removed", b.Kept, b.Removed)
	}
}

// TestWorkspaceLinksAreNotFollowed: a link planted in the workspace is
// replaced, and what it points at is left alone.
func TestWorkspaceLinksAreNotFollowed(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	publish(t, out, map[string]string{"a.html": "1"})
	publish(t, out, map[string]string{"a.html": "2"})
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("precious"), 0o644)
	link := filepath.Join(dir, ".public.timeline", "spare", "a.html")
	os.Remove(link)
	if err := os.Symlink(victim, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	publish(t, out, map[string]string{"a.html": "3"})
	if got := read(t, victim); got != "precious" {
		t.Errorf("a build wrote through a link in its workspace: %q", got)
	}
}

// TestWorkspaceFolderLinksAreNotFollowed: a link planted in the workspace
// where a folder goes is replaced by a folder, even when the file written
// into it could be opened through the link, and what the link points at is
// left alone.
func TestWorkspaceFolderLinksAreNotFollowed(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	publish(t, out, map[string]string{"entries/a/index.html": "1"})
	publish(t, out, map[string]string{"entries/a/index.html": "2"})
	victim := filepath.Join(dir, "victim")
	os.MkdirAll(filepath.Join(victim, "a"), 0o755)
	os.WriteFile(filepath.Join(victim, "a", "index.html"), []byte("precious"), 0o644)
	link := filepath.Join(dir, ".public.timeline", "spare", "entries")
	os.RemoveAll(link)
	if err := os.Symlink(victim, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	publish(t, out, map[string]string{"entries/a/index.html": "3"})
	if got := read(t, filepath.Join(victim, "a", "index.html")); got != "precious" {
		t.Errorf("a build wrote through a link in its workspace: %q", got)
	}
	if got := read(t, filepath.Join(out, "entries", "a", "index.html")); got != "3" {
		t.Errorf("published %q, want %q", got, "3")
	}
}

// TestSecondProcessIsRefused: while one build or preview holds the
// folder, another is refused with a message naming the holder, and leaves
// everything as it was.
func TestSecondProcessIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, map[string]string{"a.html": "1"})
	f, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Begin(out)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "pid ") || !strings.Contains(err.Error(), "-out") {
		t.Fatalf("second build: err = %v, want ErrBusy naming the holder and suggesting -out", err)
	}
	f.Close()
	publish(t, out, map[string]string{"a.html": "2"})
}

// TestInPlaceDropsManifest: a folder changed in place by the preview is
// written whole when it is next reused.
func TestInPlaceDropsManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, map[string]string{"a.html": "1", "b.html": "1"})
	f, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	w, err := f.InPlace()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFile("new.html", []byte("made by the preview")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	publish(t, out, map[string]string{"a.html": "1", "b.html": "1"})
	b := publish(t, out, map[string]string{"a.html": "1", "b.html": "1"})
	if b.Kept != 0 || b.Removed != 1 {
		t.Errorf("kept %d, removed %d: want the folder changed in place written whole and new.html removed", b.Kept, b.Removed)
	}
}

// TestUnchangedKeepsFilesMadeFromTheSameInputs: a file written with an
// input (SetInputs) is kept two builds later, in the same workspace, when
// the input is the same and the file is as it was written; a new input, no
// input, or a file changed by hand means it must be written again.
func TestUnchangedKeepsFilesMadeFromTheSameInputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	inputs := map[string]string{"a.html": "in1", "b.html": "in1", "c.html": "in1"}
	for range 2 { // the output, then the workspace
		b, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		b.SetInputs(inputs)
		for _, name := range []string{"a.html", "b.html", "c.html", "d.html"} {
			write(t, b, name, "made from in1")
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	spare := filepath.Join(filepath.Dir(out), ".public.timeline", "spare")
	edited := filepath.Join(spare, "c.html")
	os.WriteFile(edited, []byte("by hand"), 0o644)
	later := time.Now().Add(time.Second)
	os.Chtimes(edited, later, later)
	b, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, input string
		want        bool
	}{
		{"a.html", "in1", true},  // same input, file as written
		{"b.html", "in2", false}, // new input
		{"c.html", "in1", false}, // changed by hand
		{"d.html", "in1", false}, // written without an input
		{"e.html", "in1", false}, // not in the workspace
	} {
		if got := b.Unchanged(tc.name, tc.input); got != tc.want {
			t.Errorf("Unchanged(%s, %s) = %v, want %v", tc.name, tc.input, got, tc.want)
		}
	}
	for _, name := range []string{"b.html", "c.html", "d.html", "e.html"} {
		write(t, b, name, "made from in2")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{Marker: markerText, "a.html": "made from in1", "b.html": "made from in2",
		"c.html": "made from in2", "d.html": "made from in2", "e.html": "made from in2"}
	if got := tree(t, out); !equalMaps(got, want) {
		t.Errorf("published %v, want %v", got, want)
	}
	if b.Kept != 1 {
		t.Errorf("kept %d files, want 1 (a.html)", b.Kept)
	}
}
