package serve

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"timeline/internal/build"
)

// TestPreviewSurvivesDrafts: a draft never takes the preview down, whatever
// is wrong with it; with -drafts a draft with gaps is shown and marked; the
// warnings show in a panel on every page; a published entry with a problem
// still shows the problem page.
func TestPreviewSurvivesDrafts(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	for _, d := range []string{"content", "templates", "static"} {
		if err := os.CopyFS(filepath.Join(src, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(src, "content/entries/2025", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// As "timeline new" leaves it: placeholders everywhere.
	write("work-in-progress.md", `---
title: "A raid being written up"
date: 2025-07-20
operation: "2025"
provinces: [Kratie]
summary: "TODO: one sentence"
sources:
  - {title: "TODO: the title", publisher: "TODO: the outlet", url: "TODO: https://..."}
draft: true
---
TODO: write what happened.
`)
	// A YAML syntax error: not even readable as an entry.
	write("broken-draft.md", "---\ntitle: [A raid\ndraft: true\n---\nText.\n")
	srv := New(src, filepath.Join(dir, "public"), "/", build.Options{Drafts: true}, io.Discard)
	ps, err := srv.Rebuild()
	if err != nil || len(ps) > 0 {
		t.Fatalf("a draft stopped the preview: %v %v", err, ps)
	}
	get := func(path string) (int, string) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1"+path, nil))
		return rec.Code, rec.Body.String()
	}
	code, home := get("/")
	if code != 200 {
		t.Fatalf("home page: status %d", code)
	}
	for _, want := range []string{
		`<details class="timeline-warnings" open>`,
		`href="/__timeline/panel.css"`,
		`content/entries/2025/broken-draft.md:2</code> YAML syntax:`,
		`(this draft is left out of the preview until it is fixed)`,
		`content/entries/2025/work-in-progress.md:6</code> <strong>summary</strong>: still holds the template&#39;s placeholder`,
		`(allowed in a draft; an error once draft: true is removed)`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if code, page := get("/entries/work-in-progress/"); code != 200 || !strings.Contains(page, `class="draft-mark">Draft</strong>: not published`) {
		t.Errorf("the draft's page: status %d, marked as a draft: %v", code, strings.Contains(page, "draft-mark"))
	}
	if code, _ := get("/entries/broken-draft/"); code != 404 {
		t.Errorf("the broken draft's page: status %d, want 404 (left out)", code)
	}
	if code, css := get("/__timeline/panel.css"); code != 200 || !strings.Contains(css, ".timeline-warnings") {
		t.Errorf("panel.css: status %d", code)
	}

	// A published entry with the same gap is a problem again: every page
	// says so.
	write("broken-draft.md", "---\ntitle: [A raid\n---\nText.\n")
	if ps, _ := srv.Rebuild(); len(ps) != 1 {
		t.Fatalf("published with a syntax error: %d problems, want 1: %v", len(ps), ps)
	}
	if code, page := get("/"); code != 500 || !strings.Contains(page, "broken-draft.md") {
		t.Errorf("home page with a broken published entry: status %d", code)
	}
}
