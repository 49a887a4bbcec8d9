package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"timeline/internal/corpus"
	"timeline/internal/linkcheck"
)

// TestKilledBuildsLeaveAWholeSite kills builds with SIGKILL at random
// moments, many times, alternating two versions of the site. After every
// kill the output folder holds one whole build (every page of the same
// version, every link resolving); the next build cleans up what the killed
// one left. From the second build on, each build writes into a workspace
// that already holds an older build, so kills land on a folder being
// updated, not made.
func TestKilledBuildsLeaveAWholeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 25 builds (about half a minute); run without -short")
	}
	iterations := 25
	if v, err := strconv.Atoi(os.Getenv("TIMELINE_KILL_ITERATIONS")); err == nil {
		iterations = v
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "timeline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src := filepath.Join(tmp, "site")
	if err := corpus.Write(src, 300, 5, "../.."); err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(src, "content", "site.yaml")
	orig, _ := os.ReadFile(settings)
	setVersion := func(v string) {
		os.WriteFile(settings, []byte(strings.Replace(string(orig), "title: \"", "title: \"Version "+v+" ", 1)), 0o644)
	}
	out := filepath.Join(tmp, "public")
	build := func() *exec.Cmd {
		cmd := exec.Command(bin, "build", "-src", src, "-out", out, "-base-url", "https://example.org/timeline/")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// Time one whole build, to spread the kills over it.
	setVersion("A")
	start := time.Now()
	if err := build().Wait(); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	rng := rand.New(rand.NewPCG(1, 2))
	killed, finished := 0, 0
	for i := range iterations {
		v := "A"
		if i%2 == 1 {
			v = "B"
		}
		setVersion(v)
		cmd := build()
		time.Sleep(time.Duration(rng.Int64N(int64(full) * 3 / 2)))
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err != nil {
			killed++
		} else {
			finished++
		}
		checkWhole(t, out, i)
	}
	setVersion("C")
	if err := build().Wait(); err != nil {
		t.Fatal(err)
	}
	checkWhole(t, out, iterations)
	// Beside the output only its state folder remains, holding the lock,
	// the manifests, the entry cache and the workspace, which is the
	// previous whole build: no temporary file of a killed build.
	state := filepath.Join(tmp, ".public.timeline")
	if left, _ := filepath.Glob(filepath.Join(tmp, ".public*")); len(left) != 1 || left[0] != state {
		t.Errorf("after a complete build, beside the output: %v, want only %s", left, state)
	}
	inside, _ := os.ReadDir(state)
	for _, e := range inside {
		kept := map[string]bool{"lock": true, "spare": true, entryCacheFile: true, fragmentsFile: true, bodiesFile: true}
		if n := e.Name(); !kept[n] && !strings.HasSuffix(n, ".manifest") {
			t.Errorf("after a complete build, leftover %s in %s", n, state)
		}
	}
	checkWhole(t, filepath.Join(state, "spare"), iterations)
	t.Logf("%d builds killed at random points and %d finished (a whole build takes %s); the output was whole every time", killed, finished, full.Round(time.Millisecond))
}

// checkWhole asserts that out holds one whole build.
func checkWhole(t *testing.T, out string, i int) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(out, ".timeline-output")); err != nil {
		t.Fatalf("iteration %d: output folder missing or unmarked: %v", i, err)
	}
	versions := map[string]int{}
	pages := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		for _, v := range []string{"A", "B", "C"} {
			if strings.Contains(string(data), "Version "+v+" ") {
				versions[v]++
			}
		}
		return nil
	})
	if len(versions) != 1 {
		t.Fatalf("iteration %d: pages of several builds mixed: %v", i, versions)
	}
	for _, n := range versions {
		if n != pages {
			t.Fatalf("iteration %d: %d of %d pages carry a version", i, n, pages)
		}
	}
	broken, _, err := linkcheck.Check(os.DirFS(out), "/timeline/")
	if err != nil || len(broken) > 0 {
		t.Fatalf("iteration %d: %v, %d broken links, first %v", i, err, len(broken), broken)
	}
}
