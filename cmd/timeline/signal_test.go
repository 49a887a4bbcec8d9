package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"timeline/internal/corpus"
)

// TestSignalsStopBuildAndCheck sends SIGINT and SIGTERM to build and check
// in the middle of their work, including a build stuck in a template that
// never looks up: each stops within a second, with status 130 or 143, and
// leaves the previous output exactly as it was.
func TestSignalsStopBuildAndCheck(t *testing.T) {
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "timeline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src := filepath.Join(tmp, "site")
	if err := corpus.Write(src, 1500, 5, "../.."); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "public")
	if b, err := exec.Command(bin, "build", "-src", src, "-out", out).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	before := treeHash(t, out)
	// A copy of the site whose home page loops for minutes without writing.
	stuck := filepath.Join(tmp, "stuck")
	if err := os.CopyFS(stuck, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(stuck, "templates", "home.html")
	tmpl, _ := os.ReadFile(home)
	os.WriteFile(home, []byte(strings.Replace(string(tmpl), `{{define "main"}}`, `{{define "main"}}{{range until 10000}}{{range until 10000}}{{range until 10000}}{{end}}{{end}}{{end}}`, 1)), 0o644)

	cases := []struct {
		name string
		args []string
		sig  syscall.Signal
		want int
	}{
		{"build, SIGINT", []string{"build", "-src", src, "-out", out}, syscall.SIGINT, 130},
		{"build, SIGTERM", []string{"build", "-src", src, "-out", out}, syscall.SIGTERM, 143},
		{"stuck build, SIGTERM", []string{"build", "-src", stuck, "-out", out}, syscall.SIGTERM, 143},
		{"check, SIGINT", []string{"check", "-src", src}, syscall.SIGINT, 130},
		{"stuck check, SIGINT", []string{"check", "-src", stuck}, syscall.SIGINT, 130},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(bin, c.args...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Well inside the work (a build of this site takes 2 s or more
			// of processor time), however loaded the machine.
			waitForWork(t, cmd.Process.Pid, 400*time.Millisecond)
			sent := time.Now()
			cmd.Process.Signal(c.sig)
			err := cmd.Wait()
			took := time.Since(sent)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != c.want {
				t.Errorf("exit %v, want status %d; stderr:\n%s", err, c.want, stderr.String())
			}
			if took > time.Second {
				t.Errorf("stopped %v after the signal, want within a second", took.Round(time.Millisecond))
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr does not say it was interrupted:\n%s", stderr.String())
			}
			if after := treeHash(t, out); after != before {
				t.Errorf("the output changed")
			}
		})
	}
}

// waitForWork returns once the process pid has used cpu of processor time
// (read from /proc), so that a signal finds it at work, past its start,
// however loaded the machine; without /proc it waits 1.5 s.
func waitForWork(t *testing.T, pid int, cpu time.Duration) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			time.Sleep(1500 * time.Millisecond)
			return
		}
		// Fields after the command name, which is in parentheses:
		// utime and stime are the 12th and 13th, in clock ticks (1/100 s).
		fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
		if len(fields) > 12 {
			utime, _ := strconv.Atoi(fields[11])
			stime, _ := strconv.Atoi(fields[12])
			if time.Duration(utime+stime)*10*time.Millisecond >= cpu {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d did not start working within 30 s", pid)
}
