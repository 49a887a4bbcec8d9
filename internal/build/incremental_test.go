package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"timeline/internal/corpus"
	"timeline/internal/output"
)

// readTree returns every file under dir by its slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// buildFresh builds src into a new folder and returns the folder.
func buildFresh(t *testing.T, src string) string {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "fresh")
	ob, err := output.Begin(fresh)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := Run(os.DirFS(src), Options{}, ob); err != nil || len(res.Problems) > 0 {
		t.Fatal(err, res.Problems)
	}
	if err := ob.Commit(); err != nil {
		t.Fatal(err)
	}
	return fresh
}

// sameAsFullBuild checks that dir holds exactly what a fresh build of src
// writes.
func sameAsFullBuild(t *testing.T, src, dir string) {
	t.Helper()
	want, got := readTree(t, buildFresh(t, src)), readTree(t, dir)
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a fresh build", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is left over; a fresh build does not write it", name)
		}
	}
}

func TestIncremental(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(src, 40, 3, "../.."); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	b := NewIncremental(os.DirFS(src), out, Options{})
	build := func(what string) Stats {
		t.Helper()
		res, st, err := b.Build()
		if err != nil || len(res.Problems) > 0 {
			t.Fatalf("%s: %v %v", what, err, res.Problems)
		}
		t.Logf("%s: %s", what, st)
		return st
	}
	if st := build("first"); !st.Full || st.Rendered != st.Pages {
		t.Fatalf("first build: %+v; want a full build of every page", st)
	}
	if st := build("unchanged"); st.Full || st.Parsed != 0 || st.Rendered != 0 || st.Changed != 0 {
		t.Errorf("unchanged rebuild: %+v; want nothing parsed, rendered or changed", st)
	}

	entries, _ := filepath.Glob(filepath.Join(src, "content/entries/*/*.md"))
	edited := entries[len(entries)/2]
	data, _ := os.ReadFile(edited)
	os.WriteFile(edited, bytes.Replace(data, []byte("## Details"), []byte("## Details, edited"), 1), 0o644)
	st := build("one body edited")
	if st.Parsed != 1 || st.Rendered == 0 || st.Rendered > st.Pages/2 {
		t.Errorf("after editing one entry: %+v; want 1 parsed and a few pages rendered", st)
	}
	sameAsFullBuild(t, src, out)

	os.WriteFile(edited, bytes.Replace(data, []byte("title: \""), []byte("title: \"Renamed "), 1), 0o644)
	build("one title edited")
	sameAsFullBuild(t, src, out)

	os.Remove(entries[0])
	if st := build("one entry deleted"); st.Removed == 0 {
		t.Errorf("after deleting an entry nothing was removed: %+v", st)
	}
	sameAsFullBuild(t, src, out)

	css := filepath.Join(src, "static/style.css")
	cssData, _ := os.ReadFile(css)
	os.WriteFile(css, append(cssData, []byte("\n.x{color:red}\n")...), 0o644)
	if st := build("stylesheet edited"); st.Rendered != st.Pages {
		t.Errorf("after a stylesheet change %d of %d pages were rendered; every page links to it", st.Rendered, st.Pages)
	}
	sameAsFullBuild(t, src, out)

	// A broken entry: problems come back and the folder is untouched.
	before := readTree(t, out)
	os.WriteFile(edited, []byte(strings.Replace(string(data), "provinces: [", "provinces: [Atlantis, ", 1)), 0o644)
	res, _, err := b.Build()
	if err != nil || len(res.Problems) != 1 {
		t.Fatalf("broken entry: %v, %v; want one problem", err, res.Problems)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Errorf("a failed build changed the output folder")
	}
	os.WriteFile(edited, data, 0o644)
	build("fixed")
	sameAsFullBuild(t, src, out)
}

// TestQuickRebuild follows the preview server's fast path: told which
// entry changed, the builder reads only that file and renders only the
// pages that show it, on the last build's plan. Every kind of edit it
// takes must leave the folder exactly as a fresh build would; the edits
// that move an entry (a new date, new tags), and new or broken files, must
// fall back to the general rebuild.
func TestQuickRebuild(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(src, 60, 5, "../.."); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	b := NewIncremental(os.DirFS(src), out, Options{})
	if _, _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(src, "content/entries/*/*.md"))
	target := entries[len(entries)/2]
	rel := func(p string) string {
		r, _ := filepath.Rel(src, p)
		return filepath.ToSlash(r)
	}
	original, _ := os.ReadFile(target)
	edit := func(old, new string) {
		t.Helper()
		data, _ := os.ReadFile(target)
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s holds no %q", target, old)
		}
		if err := os.WriteFile(target, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []struct {
		name    string
		change  func()
		changed []string // what the watcher reports; nil: nothing
		quick   bool
	}{
		{"body", func() { edit("## Details", "## Details, edited") }, []string{rel(target)}, true},
		{"summary", func() { edit(`summary: "`, `summary: "Edited. `) }, []string{rel(target)}, true},
		{"title, shown by its neighbours, the sources and the chart", func() { edit(`title: "`, `title: "Renamed `) }, []string{rel(target)}, true},
		{"a figure, summed on the compare page", func() { edit("arrested: ", "arrested: 1") }, []string{rel(target)}, true},
		{"a new source", func() {
			edit("sources:\n", "sources:\n  - title: \"Another report\"\n    publisher: Example Radio\n    url: https://example.org/radio/1\n")
		}, []string{rel(target)}, true},
		{"an end date", func() { edit("\noperation:", "\nend_date: 2099-01-01\noperation:") }, []string{rel(target)}, true},
		{"editor's files beside the entry are passed over", func() {
			edit("## Details", "## More details")
			os.WriteFile(target+".swp", []byte("swap"), 0o644)
		}, []string{rel(target), rel(target) + ".swp"}, true},
		{"a date moves the entry", func() {
			date := regexp.MustCompile(`\ndate: (\d{4})-\d\d-\d\d`)
			data, _ := os.ReadFile(target)
			os.WriteFile(target, date.ReplaceAll(data, []byte("\ndate: ${1}-01-01")), 0o644)
		}, []string{rel(target)}, false},
		{"back as it was, untold", func() { os.WriteFile(target, original, 0o644) }, nil, false},
		{"tags move the entry", func() { edit("tags: [", "tags: [moved, ") }, []string{rel(target)}, false},
		{"a new file", func() {
			os.WriteFile(filepath.Join(filepath.Dir(target), "new-entry.md"), original, 0o644)
		}, []string{rel(filepath.Join(filepath.Dir(target), "new-entry.md"))}, false},
	} {
		step.change()
		if step.changed != nil {
			b.Changed(step.changed)
		}
		res, st, err := b.Build()
		if err != nil || len(res.Problems) > 0 {
			t.Fatalf("%s: %v %v", step.name, err, res.Problems)
		}
		t.Logf("%s: %s", step.name, st)
		if st.Quick != step.quick {
			t.Errorf("%s: quick = %v, want %v", step.name, st.Quick, step.quick)
		}
		sameAsFullBuild(t, src, out)
	}

	// A broken entry: its problem comes back, the folder stays as it was,
	// and the build after the fix is a general one.
	before := readTree(t, out)
	edit("provinces: [", "provinces: [Atlantis, ")
	b.Changed([]string{rel(target)})
	res, st, err := b.Build()
	if err != nil || len(res.Problems) != 1 || !st.Quick {
		t.Fatalf("broken entry: %v, %v, %s; want one problem from a quick build", err, res.Problems, st)
	}
	if after := readTree(t, out); len(after) != len(before) || !bytes.Equal(after["index.html"], before["index.html"]) {
		t.Errorf("a failed build changed the output folder")
	}
	edit("provinces: [Atlantis, ", "provinces: [")
	b.Changed([]string{rel(target)})
	if res, st, err := b.Build(); err != nil || len(res.Problems) > 0 || st.Quick {
		t.Errorf("after the fix: %v, %v, %s; want a general build without problems", err, res.Problems, st)
	}
	sameAsFullBuild(t, src, out)
}

// A summary that looks like the stand-in the renderer puts for a card in a
// page before minifying it is only text: the build succeeds and shows it.
func TestCardPlaceholderCannotBeForged(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(src, 5, 1, "../.."); err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(src, "content/entries/*/*.md"))
	data, _ := os.ReadFile(entries[0])
	forged := `summary: '<li data-timeline-card="0"></li> and <li data-timeline-card="x-0"></li>'`
	data = regexp.MustCompile(`(?m)^summary: .*$`).ReplaceAll(data, []byte(forged))
	if err := os.WriteFile(entries[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	home, _ := os.ReadFile(filepath.Join(buildFresh(t, src), "index.html"))
	if bytes.Contains(home, []byte(`<li data-timeline-card=`)) || !bytes.Contains(home, []byte(`&lt;li data-timeline-card=`)) {
		t.Errorf("the forged placeholder is not shown as text on the home page")
	}
}

// A title or summary holding the mark that cards carry for the way back to
// the site's root is only text: it is shown as written, never rewritten
// into a link.
func TestRootMarkCannotBeForged(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(src, 5, 1, "../.."); err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(src, "content/entries/*/*.md"))
	data, _ := os.ReadFile(entries[0])
	forged := `summary: 'Look: href="__timeline-root__/x" and ="__timeline-root__/" here'`
	data = regexp.MustCompile(`(?m)^summary: .*$`).ReplaceAll(data, []byte(forged))
	data = regexp.MustCompile(`(?m)^title: .*$`).ReplaceAll(data, []byte(`title: 'A ="__timeline-root__/y title'`))
	if err := os.WriteFile(entries[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := buildFresh(t, src)
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, want := range []string{`__timeline-root__/x`, `__timeline-root__/y`} {
		if !bytes.Contains(home, []byte(want)) {
			t.Errorf("home page: the text %q was rewritten", want)
		}
	}
}
