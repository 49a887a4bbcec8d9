package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

type vscodeMatcher struct {
	Pattern struct {
		Regexp                                string
		Severity, File, Line, Column, Message int
	}
	Background *struct{ BeginsPattern, EndsPattern string }
}

func vscodeTasks(t *testing.T) map[string]vscodeMatcher {
	t.Helper()
	data, err := os.ReadFile("../../.vscode/tasks.json")
	if err != nil {
		t.Fatal(err)
	}
	var tasks struct {
		Tasks []struct {
			Label          string
			Args           []string
			ProblemMatcher json.RawMessage
		}
	}
	if err := json.Unmarshal(data, &tasks); err != nil {
		t.Fatalf("tasks.json: %v", err)
	}
	out := map[string]vscodeMatcher{}
	for _, task := range tasks.Tasks {
		var m vscodeMatcher
		if json.Unmarshal(task.ProblemMatcher, &m) == nil && m.Pattern.Regexp != "" {
			out[strings.Join(task.Args, " ")] = m
		}
	}
	return out
}

// TestEditorProblemMatcher runs check on a site with problems of every
// shape (with and without a column, a warning, a syntax error with its
// quoted line) and checks that the VS Code problem matcher finds each one
// with its file, line, column and severity, and nothing else.
func TestEditorProblemMatcher(t *testing.T) {
	dir := copySite(t)
	entries := filepath.Join(dir, "content/entries/2025")
	os.WriteFile(filepath.Join(entries, "quote.md"), []byte(strings.Replace(okEntry, `title: "A raid"`, `title: "A "raid""`, 1)), 0o644)
	os.WriteFile(filepath.Join(entries, "province.md"), []byte(strings.Replace(okEntry, "[Kratie]", "[Kratei]", 1)), 0o644)
	os.WriteFile(filepath.Join(entries, "draft.md"), []byte(strings.Replace(okEntry, `title: "A raid"`, "title: \"TODO: a title\"\ndraft: true", 1)), 0o644)
	var stdout, stderr bytes.Buffer
	run(context.Background(), []string{"check", "-src", dir}, &stdout, &stderr, func(string) string { return "" })
	type found struct{ file, line, col, severity string }
	want := []found{
		{"content/entries/2025/draft.md", "2", "", "warning"},
		{"content/entries/2025/province.md", "5", "", ""},
		{"content/entries/2025/quote.md", "2", "11", ""},
	}
	tasks := vscodeTasks(t)
	for _, args := range []string{"run ./cmd/timeline check", "run ./cmd/timeline check -watch -drafts"} {
		m, ok := tasks[args]
		if !ok {
			t.Fatalf("no task runs go %s with a problem matcher", args)
		}
		re := regexp.MustCompile(m.Pattern.Regexp)
		var got []found
		for _, l := range strings.Split(stdout.String()+stderr.String(), "\n") {
			if g := re.FindStringSubmatch(l); g != nil {
				got = append(got, found{g[m.Pattern.File], g[m.Pattern.Line], g[m.Pattern.Column], g[m.Pattern.Severity]})
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%s: matched %v in:\n%s", args, got, stderr.String())
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: match %d = %+v, want %+v", args, i, got[i], want[i])
			}
		}
	}
	bg := tasks["run ./cmd/timeline check -watch -drafts"].Background
	if bg == nil || !regexp.MustCompile(bg.BeginsPattern).MatchString(watchBegins) || !regexp.MustCompile(bg.EndsPattern).MatchString(watchEnds) {
		t.Errorf("the background task's patterns do not match check -watch's lines: %+v", bg)
	}
}

// TestCheckWatch: check -watch checks once, then again after a save.
func TestCheckWatch(t *testing.T) {
	dir := copySite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"check", "-watch", "-src", dir}, &out, &out, func(string) string { return "" })
	}()
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for strings.Count(out.String(), watchEnds) < n {
			if time.Now().After(deadline) {
				t.Fatalf("no run %d of check:\n%s", n, out.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor(1)
	if !strings.Contains(out.String(), "ok: ") {
		t.Fatalf("first run:\n%s", out.String())
	}
	os.WriteFile(filepath.Join(dir, "content/entries/2025/province.md"), []byte(strings.Replace(okEntry, "[Kratie]", "[Kratei]", 1)), 0o644)
	waitFor(2)
	if !strings.Contains(out.String(), `content/entries/2025/province.md:5: provinces: unknown province "Kratei"`) {
		t.Errorf("second run:\n%s", out.String())
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}
