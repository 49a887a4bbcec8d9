package build

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"timeline/internal/corpus"
)

// TestOutputIdentity builds, minified as published, the fixture site and a
// 600-entry synthetic site with the project's theme, and compares a SHA-256
// of every output file with testdata/identity. The hashes were first
// recorded before the build was made parallel and incremental, and the
// speed-ups were checked against them, so a change that alters a single
// byte fails here. After a deliberate change to the theme or the output,
// run "go test ./internal/build -run Identity -update".
func TestOutputIdentity(t *testing.T) {
	corpusDir := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(corpusDir, 600, 7, "../.."); err != nil {
		t.Fatal(err)
	}
	// The synthetic entries sit on a frozen copy of the site's settings,
	// operations and pages (testdata/identity/content), so that editing the
	// real record does not change these hashes; the theme is the real one.
	for _, part := range []string{"site.yaml", "provinces.yaml", "operations", "pages"} {
		if err := os.RemoveAll(filepath.Join(corpusDir, "content", part)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(corpusDir, "content"), os.DirFS("testdata/identity/content")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fsys fs.FS
	}{
		{"fixture", fixtureFS(t)},
		{"corpus600", os.DirFS(corpusDir)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := memWriter{}
			res, err := Run(tc.fsys, Options{BaseURL: "https://example.org/timeline/"}, out)
			if err != nil || len(res.Problems) > 0 {
				t.Fatal(err, res.Problems)
			}
			got := hashList(out)
			golden := filepath.Join("testdata", "identity", tc.name+".sha256")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := readLines(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to record it)", err)
			}
			compareHashLists(t, want, got)
		})
	}
}

// hashList returns "sha256  name" for every file, sorted by name.
func hashList(files memWriter) []string {
	var lines []string
	for name, data := range files {
		lines = append(lines, fmt.Sprintf("%x  %s", sha256.Sum256(data), name))
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[66:], b[66:]) })
	return lines
}

func readLines(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

// compareHashLists reports every file that is missing, extra or different.
func compareHashLists(t *testing.T, want, got []string) {
	t.Helper()
	index := func(lines []string) map[string]string {
		m := make(map[string]string, len(lines))
		for _, l := range lines {
			m[l[66:]] = l[:64]
		}
		return m
	}
	w, g := index(want), index(got)
	bad := 0
	for name, h := range w {
		switch gh, ok := g[name]; {
		case !ok:
			t.Errorf("%s: no longer written", name)
			bad++
		case gh != h:
			t.Errorf("%s: content differs from the recorded build", name)
			bad++
		}
		if bad > 20 {
			t.Fatal("too many differences; stopping")
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: written now but not by the recorded build", name)
		}
	}
}
