package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkflows lints the GitHub Actions workflows with actionlint (a tool
// of this module, see go.mod) and checks the publishing workflow's shape.
func TestWorkflows(t *testing.T) {
	files, err := filepath.Glob("../../.github/workflows/*.yml")
	if err != nil || len(files) < 2 {
		t.Fatalf("workflows: %v %v", files, err)
	}
	cmd := exec.Command("go", append([]string{"tool", "actionlint", "-no-color"}, files...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint:\n%s", out)
	}
	pages, err := os.ReadFile("../../.github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@",
		"go-version-file: go.mod",
		`-base-url "${{ steps.pages.outputs.base_url }}/"`,
		"pages: write", "id-token: write", "concurrency:",
	} {
		if !strings.Contains(string(pages), want) {
			t.Errorf("pages.yml lacks %q", want)
		}
	}
	sources, err := os.ReadFile("../../.github/workflows/sources.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"schedule:", "cron:", "workflow_dispatch:", "contents: read",
		"go run ./cmd/timeline sources check -out source-report.md", `>> "$GITHUB_STEP_SUMMARY"`,
		"continue-on-error: true", "if: always()",
	} {
		if !strings.Contains(string(sources), want) {
			t.Errorf("sources.yml lacks %q", want)
		}
	}
	// The weekly check makes requests to other people's sites: it must
	// never run on, nor fail, a pull request.
	if strings.Contains(string(sources), "pull_request") {
		t.Error("sources.yml runs on pull requests")
	}
}
