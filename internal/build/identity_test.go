package build

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/diff"

	"timeline/internal/corpus"
)

// TestOutputIdentity builds, minified as published, the fixture site and a
// 600-entry synthetic site with the project's theme, and compares every
// output file, byte for byte, with a stored copy of the recorded build. The
// first recording was made before the build was made parallel and
// incremental, and the speed-ups were checked against it, so a change that
// alters a single byte fails here. A failure names every file that is
// missing, extra or different and shows a line diff of the first few
// different ones, with lines broken after each tag (and after commas and
// braces in JSON, CSS and JavaScript), since minified files are long single
// lines.
//
// The stored copies, under testdata/identity:
//   - fixture/: the fixture site's files themselves (about 650 kB, a few
//     tens of kB once git compresses them);
//   - corpus600.tar.gz: the 600-entry site's files (15 MB of output,
//     about 850 kB compressed: too large to store as plain files), and
//     corpus600.sha256, a SHA-256 of each, so that a re-recording commit
//     shows in its diff which files changed. Each re-recording adds the
//     archive's size to the repository's history: re-record only for a
//     change that means to change the output.
//
// After a deliberate change to the theme or the output, run
// "go test ./internal/build -run Identity -update".
func TestOutputIdentity(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fsys  fs.FS
		store identityStore
	}{
		{"fixture", fixtureFS(t), identityDir("testdata/identity/fixture")},
		{"corpus600", identityCorpus(t), identityArchive("testdata/identity/corpus600")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := memWriter{}
			res, err := Run(tc.fsys, Options{BaseURL: "https://example.org/timeline/"}, got)
			if err != nil || len(res.Problems) > 0 {
				t.Fatal(err, res.Problems)
			}
			if *update {
				if err := tc.store.write(got); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := tc.store.read()
			if err != nil {
				t.Fatalf("%v (run with -update to record it)", err)
			}
			compareOutputs(t, want, got)
		})
	}
}

// identityCorpus writes the 600-entry synthetic site. Its entries sit on a
// frozen copy of the site's settings, operations and pages
// (testdata/identity/content), so that editing the real record does not
// change its output; the theme is the real one.
func identityCorpus(t *testing.T) fs.FS {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(dir, 600, 7, "../.."); err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"site.yaml", "provinces.yaml", "operations", "pages"} {
		if err := os.RemoveAll(filepath.Join(dir, "content", part)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("testdata/identity/content")); err != nil {
		t.Fatal(err)
	}
	return os.DirFS(dir)
}

// compareOutputs reports the files that are missing, extra or different,
// with a line diff of the first few different ones; past 20 files, only a
// count.
func compareOutputs(t *testing.T, want, got memWriter) {
	t.Helper()
	const diffs, named = 3, 20
	reported := 0
	for _, name := range sortedNames(want, got) {
		w, inWant := want[name]
		g, inGot := got[name]
		problem := ""
		switch {
		case !inGot:
			problem = "no longer written"
		case !inWant:
			problem = "written now but not by the recorded build"
		case bytes.Equal(w, g):
			continue
		case reported < diffs:
			problem = "differs from the recorded build (- recorded, + now):\n" +
				clip(diff.Diff("recorded", displayLines(name, w), "now", displayLines(name, g)), 60)
		default:
			problem = "differs from the recorded build"
		}
		if reported++; reported <= named {
			t.Errorf("%s: %s", name, problem)
		}
	}
	if reported > named {
		t.Errorf("... and %d more files (%d in all)", reported-named, reported)
	}
}

// sortedNames returns the names of the files of a and b, sorted, once each.
func sortedNames(a, b memWriter) []string {
	names := slices.AppendSeq(slices.Collect(maps.Keys(a)), maps.Keys(b))
	slices.Sort(names)
	return slices.Compact(names)
}

// displayLines breaks a minified file into lines for a readable diff: after
// every tag's ">", and in JSON, CSS and JavaScript after every "," and "}".
// It serves the display only; files are compared as they are.
func displayLines(name string, data []byte) []byte {
	breaks := ">"
	switch filepath.Ext(name) {
	case ".json", ".css", ".js":
		breaks = ">,}"
	}
	var b bytes.Buffer
	for _, c := range data {
		b.WriteByte(c)
		if strings.IndexByte(breaks, c) >= 0 {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// clip keeps the first max lines of a diff.
func clip(d []byte, max int) string {
	lines := strings.SplitAfter(string(d), "\n")
	if len(lines) <= max {
		return string(d)
	}
	return strings.Join(lines[:max], "") + fmt.Sprintf("... (%d more lines)\n", len(lines)-max)
}

// identityStore keeps the recorded build of one site.
type identityStore interface {
	read() (memWriter, error)
	write(memWriter) error
}

// identityDir stores the files themselves in a folder.
type identityDir string

func (d identityDir) read() (memWriter, error) {
	files := memWriter{}
	err := filepath.WalkDir(string(d), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(string(d), p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	return files, err
}

func (d identityDir) write(files memWriter) error {
	if err := os.RemoveAll(string(d)); err != nil {
		return err
	}
	for name, data := range files {
		p := filepath.Join(string(d), filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// identityArchive stores the files in base+".tar.gz", written the same way
// each time (sorted, no dates) so that an unchanged output re-records to
// the same bytes, and a list of their SHA-256 in base+".sha256" to review.
type identityArchive string

func (a identityArchive) read() (memWriter, error) {
	f, err := os.Open(string(a) + ".tar.gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	files := memWriter{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if files[h.Name], err = io.ReadAll(tr); err != nil {
			return nil, err
		}
	}
	// The list must describe the archive: a stale one misleads reviewers.
	list, err := os.ReadFile(string(a) + ".sha256")
	if err != nil {
		return nil, err
	}
	if string(list) != hashList(files) {
		return nil, fmt.Errorf("%s.sha256 does not match %s.tar.gz", a, a)
	}
	return files, nil
}

func (a identityArchive) write(files memWriter) error {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	tw := tar.NewWriter(zw)
	for _, name := range sortedNames(files, nil) {
		h := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(files[name])), ModTime: time.Unix(0, 0), Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(files[name]); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(string(a)+".tar.gz", buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(string(a)+".sha256", []byte(hashList(files)), 0o644)
}

// hashList returns a line "sha256  name" for every file, sorted by name.
func hashList(files memWriter) string {
	var b strings.Builder
	for _, name := range sortedNames(files, nil) {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(files[name]), name)
	}
	return b.String()
}
