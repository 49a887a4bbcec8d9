package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
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

// sameAsFullBuild checks that dir holds exactly what a fresh build of src
// writes.
func sameAsFullBuild(t *testing.T, src, dir string) {
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
	want, got := readTree(t, fresh), readTree(t, dir)
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
