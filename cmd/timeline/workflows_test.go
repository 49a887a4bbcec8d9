package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestWorkflows lints the GitHub Actions workflows with actionlint (a tool
// of the separate tools module, tools/go.mod, so that the product's go.mod
// lists only what the product uses) and checks the publishing workflow's
// shape.
func TestWorkflows(t *testing.T) {
	files, err := filepath.Glob("../../.github/workflows/*.yml")
	if err != nil || len(files) < 2 {
		t.Fatalf("workflows: %v %v", files, err)
	}
	cmd := exec.Command("go", append([]string{"tool", "-modfile=../../tools/go.mod", "actionlint", "-no-color"}, files...)...)
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

// workflow is the part of a GitHub Actions workflow these tests look at.
type workflow struct {
	Jobs map[string]struct {
		TimeoutMinutes int `yaml:"timeout-minutes"`
		Steps          []struct {
			Run  string `yaml:"run"`
			Uses string `yaml:"uses"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func readWorkflow(t *testing.T, path string) workflow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return w
}

// TestOneCI: the check workflow runs .ci/run, the script developers run, so
// that CI never runs fewer checks than the README promises, and .ci/run
// runs go vet, go mod tidy -diff and staticcheck; every job of
// every workflow has a timeout; Dependabot keeps actions and modules current.
func TestOneCI(t *testing.T) {
	files, _ := filepath.Glob("../../.github/workflows/*.yml")
	for _, f := range files {
		for name, job := range readWorkflow(t, f).Jobs {
			if job.TimeoutMinutes <= 0 || job.TimeoutMinutes > 60 {
				t.Errorf("%s: job %s: timeout-minutes is %d; give it one of at most 60", filepath.Base(f), name, job.TimeoutMinutes)
			}
		}
	}
	runsScript := false
	for _, job := range readWorkflow(t, "../../.github/workflows/check.yml").Jobs {
		for _, st := range job.Steps {
			runsScript = runsScript || strings.TrimSpace(st.Run) == ".ci/run"
		}
	}
	if !runsScript {
		t.Error("check.yml does not run .ci/run")
	}
	// The tools that guard the tree, pinned in tools/go.mod.
	script, err := os.ReadFile("../../.ci/run")
	lacks := slices.DeleteFunc([]string{
		"\ngo vet ./...\n", "\ngo mod tidy -diff\n", "\n(cd tools && go mod tidy -diff)\n",
		"\ngo tool -modfile=tools/go.mod staticcheck ./...\n",
	}, func(want string) bool { return strings.Contains(string(script), want) })
	if err != nil || len(lacks) > 0 {
		t.Errorf(".ci/run (%v) lacks the lines %q", err, lacks)
	}
	check, err := os.ReadFile("../../.github/workflows/check.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`timeline diff -format markdown "$BASE_SHA" >> "$GITHUB_STEP_SUMMARY"`,
		"actions/upload-artifact@", "fetch-depth: 0",
	} {
		if !strings.Contains(string(check), want) {
			t.Errorf("check.yml lacks %q: the pull request's summary and site preview", want)
		}
	}
	data, err := os.ReadFile("../../.github/dependabot.yml")
	if err != nil {
		t.Fatal(err)
	}
	var deps struct {
		Version int `yaml:"version"`
		Updates []struct {
			Ecosystem string `yaml:"package-ecosystem"`
			Directory string `yaml:"directory"`
			Schedule  struct {
				Interval string `yaml:"interval"`
			} `yaml:"schedule"`
		} `yaml:"updates"`
	}
	if err := yaml.Unmarshal(data, &deps); err != nil {
		t.Fatal(err)
	}
	var ecosystems []string
	for _, u := range deps.Updates {
		if u.Directory == "" || u.Schedule.Interval == "" {
			t.Errorf("dependabot.yml: %s needs a directory and a schedule", u.Ecosystem)
		}
		ecosystems = append(ecosystems, u.Ecosystem)
	}
	for _, want := range []string{"github-actions", "gomod"} {
		if deps.Version != 2 || !slices.Contains(ecosystems, want) {
			t.Errorf("dependabot.yml (version %d) does not update %s", deps.Version, want)
		}
	}
}

// TestWorkflowsKeepUntrustedTextOutOfShells: no run: script interpolates
// ${{ github.event... }} (an issue's or pull request's title or body, a
// branch name), which would let its author run commands; values reach
// scripts through environment variables or files. The event report
// workflow reads the issue from the event file.
func TestWorkflowsKeepUntrustedTextOutOfShells(t *testing.T) {
	files, _ := filepath.Glob("../../.github/workflows/*.yml")
	for _, f := range files {
		for name, job := range readWorkflow(t, f).Jobs {
			for _, st := range job.Steps {
				if strings.Contains(st.Run, "${{") && strings.Contains(st.Run, "github.event") {
					t.Errorf("%s: job %s: a run: script interpolates the event: %q", filepath.Base(f), name, st.Run)
				}
			}
		}
	}
	report, err := os.ReadFile("../../.github/workflows/event-report.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`timeline issue -event "$GITHUB_EVENT_PATH"`, "types: [labeled]", "github.event.label.name == 'event report'", "pull-requests: write"} {
		if !strings.Contains(string(report), want) {
			t.Errorf("event-report.yml lacks %q", want)
		}
	}
	form, err := os.ReadFile("../../.github/ISSUE_TEMPLATE/report-an-event.yml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Name   string
		Labels []string
		Body   []struct {
			Type       string
			ID         string
			Attributes struct {
				Label   string
				Options []string
			}
		}
	}
	if err := yaml.Unmarshal(form, &f); err != nil {
		t.Fatal(err)
	}
	var labels []string
	ops, _ := filepath.Glob("../../content/operations/*.md")
	for i, o := range ops {
		ops[i] = strings.TrimSuffix(filepath.Base(o), ".md")
	}
	for _, b := range f.Body {
		if b.Type != "markdown" {
			labels = append(labels, b.Attributes.Label)
		}
		if b.ID == "operation" && !slices.Equal(b.Attributes.Options, append(ops, "Not sure")) {
			t.Errorf("the form offers operations %q; content/operations has %q", b.Attributes.Options, ops)
		}
	}
	if want := []string{"Headline", "Date", "Operation", "Provinces", "Kind of event", "What happened", "Figures", "Sources"}; !slices.Equal(labels, want) {
		t.Errorf("the form's fields are %q; timeline issue reads %q", labels, want)
	}
	if f.Name != "Report an event" || !slices.Contains(f.Labels, "event report") {
		t.Errorf("form %q with labels %q", f.Name, f.Labels)
	}
}
