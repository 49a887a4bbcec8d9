package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const okOperation = `---
name: "2025 crackdown"
start: 2025-06-27
end: ongoing
sources:
  - {title: "Report", publisher: "Example News", url: "https://example.org/report"}
---
`

// smallSite writes a site of one operation and one entry, with the
// project's templates, static files and province list, and returns its
// folder.
func smallSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	prov, err := os.ReadFile("../../content/provinces.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"content/provinces.yaml":         string(prov),
		"content/site.yaml":              "title: \"Small site\"\nbase_url: \"https://example.org/\"\n",
		"content/operations/2025.md":     okOperation,
		"content/entries/2025/a-raid.md": okEntry,
	}
	for name, data := range files {
		writeFile(t, filepath.Join(dir, name), data)
	}
	return dir
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// moveAndLink moves the site's file or folder rel out of the site and puts
// a symbolic link to it in its place, as a pull request can.
func moveAndLink(t *testing.T, dir, rel string) {
	t.Helper()
	outside := filepath.Join(t.TempDir(), filepath.Base(rel))
	if err := os.Rename(filepath.Join(dir, rel), outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, rel)); err != nil {
		t.Fatal(err)
	}
}

// runIn runs the command with args and returns its exit code and output.
func runIn(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr, func(string) string { return "" })
	return code, stdout.String(), stderr.String()
}

// TestHostileSiteFiles: links anywhere in the site (the top folders, the
// single files, templates, static files), files that are not regular, an
// operation file in a subfolder, and static files that could run script
// or hide: check refuses each with a message naming it, and build writes
// nothing.
func TestHostileSiteFiles(t *testing.T) {
	link := "is a symbolic link; links are not followed"
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"content is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "content") }, "content/site.yaml: cannot read: content " + link},
		{"entries is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "content/entries") }, "content/entries: cannot read: content/entries " + link},
		{"operations is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "content/operations") }, "content/operations: cannot read: content/operations " + link},
		{"site.yaml is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "content/site.yaml") }, "content/site.yaml: cannot read: content/site.yaml " + link},
		{"provinces.yaml is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "content/provinces.yaml") }, "content/provinces.yaml: cannot read: content/provinces.yaml " + link},
		{"templates is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "templates") }, "templates " + link},
		{"a template is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "templates/base.html") }, "templates/base.html " + link},
		{"static is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "static") }, "static: cannot read: static " + link},
		{"a static file is a link", func(t *testing.T, dir string) { moveAndLink(t, dir, "static/style.css") }, "static/style.css: symbolic links are not allowed in static/"},
		{"site.yaml is a pipe", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "content/site.yaml"))
			if err := syscall.Mkfifo(filepath.Join(dir, "content/site.yaml"), 0o644); err != nil {
				t.Skip("no named pipes here:", err)
			}
		}, "content/site.yaml: cannot read: content/site.yaml is not a regular file"},
		{"operation in a subfolder", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "content/operations/old/2025.md"), strings.Replace(okOperation, "2025 crackdown", "Impostor", 1))
		}, "content/operations/old/2025.md: files of content/operations/ live at its top, not in a folder below; move it to content/operations/2025.md or remove it"},
		{"page in a subfolder", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "content/pages/x/about.md"), "---\ntitle: About\n---\nText.\n")
		}, "content/pages/x/about.md: files of content/pages/ live at its top"},
		{"SVG in static", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "static/logo.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
		}, "static/logo.svg: SVG files are not published from static/: opened at their own address they can run script on the site"},
		{"HTML in static", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "static/x/page.HTML"), `<script>alert(1)</script>`)
		}, "static/x/page.HTML: HTML files are not published from static/"},
		{"unknown type in static", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "static/run.sh"), "echo") }, "static/run.sh: only stylesheets (.css)"},
		{"bad name in static", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "static/My Photo.png"), "png") }, `static/My Photo.png: file name "My Photo.png" must be lower-case letters`},
		{"control character in a static name", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "static/a\x1b[2Jb.png"), "png") }, `static/a\x1b[2Jb.png: file name "a\x1b[2Jb.png" must be lower-case letters`},
		{"a template that includes itself", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "templates/_parts.html"), "\n{{define \"loop\"}}{{template \"loop\" .}}{{end}}\n")
		}, `template "loop" calls itself (through "loop" at templates/_parts.html:`},
		{"a range over a huge number", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "templates/home.html"), "\n{{define \"spin\"}}{{range 9000000000}}{{end}}{{end}}\n")
		}, `range over 9000000000; templates may count to 10000 at most`},
		{"a random function", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "templates/home.html"), "\n{{define \"r\"}}{{randInt 1 9}}{{shuffle \"abc\"}}{{end}}\n")
		}, `function "randInt" not defined`},
		{"device name in static", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "static/aux.css"), "a{}") }, `static/aux.css: file name "aux.css" is a reserved device name on Windows`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := smallSite(t)
			c.setup(t, dir)
			code, _, stderr := runIn(t, "check", "-src", dir)
			if code != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("check: exit %d, want 1 and a line containing %q; stderr:\n%s", code, c.want, stderr)
			}
			if strings.Contains(stderr, "\x1b") {
				t.Errorf("an escape code reached the terminal: %q", stderr)
			}
			out := filepath.Join(t.TempDir(), "public")
			if code, _, _ := runIn(t, "build", "-src", dir, "-out", out); code == 0 {
				t.Errorf("build succeeded")
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("build wrote %s", out)
			}
		})
	}
}

// TestHiddenStaticFilesAreNotPublished: hidden files and folders of
// static/ (a .git folder, .DS_Store) stay out of the site.
func TestHiddenStaticFilesAreNotPublished(t *testing.T) {
	dir := smallSite(t)
	writeFile(t, filepath.Join(dir, "static/.git/config"), "[remote]\n")
	writeFile(t, filepath.Join(dir, "static/.git/objects/ab/cdef"), "x")
	writeFile(t, filepath.Join(dir, "static/.DS_Store"), "x")
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runIn(t, "build", "-src", dir, "-out", out); code != 0 {
		t.Fatalf("build: %d %s", code, stderr)
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") && d.Name() != ".timeline-output" {
			t.Errorf("published %s", p)
		}
		return err
	})
}

// TestExitCodes: a wrong command line and an output folder the build would
// read or delete are usage errors (64), told apart from problems (1) and
// from a crash (2, or 70 for a recovered panic).
func TestExitCodes(t *testing.T) {
	dir := smallSite(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, exitUsage, "usage: timeline <command>"},
		{[]string{"frobnicate\x1b[2J"}, exitUsage, `unknown command "frobnicate\x1b[2J"`},
		{[]string{"build", "-nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"build", "-src", dir, "-out", filepath.Join(dir, "content", "public")}, exitUsage, "is inside " + filepath.Join(dir, "content") + ", which the build reads"},
		{[]string{"build", "-src", dir, "-out", filepath.Join(dir, "static")}, exitUsage, "which the build reads"},
		{[]string{"build", "-src", dir, "-out", dir}, exitUsage, "holds the site folder"},
		{[]string{"build", "-src", dir, "-out", filepath.Dir(dir)}, exitUsage, "holds the site folder"},
		{[]string{"serve", "-src", dir, "-out", filepath.Join(dir, "templates", "x")}, exitUsage, "which the build reads"},
		{[]string{"build", "-src", dir, "-out", filepath.Join(dir, "public")}, 0, ""},
	}
	for _, c := range cases {
		code, _, stderr := runIn(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, want %d and %q in:\n%s", c.args, code, c.code, c.want, stderr)
		}
		if strings.Contains(stderr, "\x1b") {
			t.Errorf("%q: escape code printed raw", c.args)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "public")); err == nil {
		t.Errorf("a build wrote inside content/")
	}
}

func appendFile(t *testing.T, p, data string) {
	t.Helper()
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, string(old)+data)
}

// TestControlCharactersNeverReachTheTerminal: keys and values with escape
// codes, carriage returns, bells and direction controls are printed
// escaped by check, on the terminal and in GitHub annotations, so they
// cannot erase the path:line, fake a success line or retitle the terminal.
func TestControlCharactersNeverReachTheTerminal(t *testing.T) {
	dir := smallSite(t)
	bad := strings.Replace(okEntry, `title: "A raid"`,
		"title: \"A raid\"\n\"x\\e]0;pwned\\a\": 1\nkind: \"\\e[2K\\rok: 0 problems\\u202e\"", 1)
	writeFile(t, filepath.Join(dir, "content/entries/2025/a-raid.md"), bad)
	var stdout, stderr bytes.Buffer
	env := func(k string) string {
		if k == "GITHUB_ACTIONS" {
			return "true"
		}
		return ""
	}
	if code := run(context.Background(), []string{"check", "-src", dir}, &stdout, &stderr, env); code != 1 {
		t.Fatalf("exit %d", code)
	}
	all := stdout.String() + stderr.String()
	for _, c := range []string{"\x1b", "\a", "\r", "\u202e"} {
		if strings.Contains(all, c) {
			t.Errorf("%q printed raw:\n%q", c, all)
		}
	}
	for _, want := range []string{`x\x1b]0;pwned\x07: unknown field`, `kind: unknown kind "\x1b[2K\rok: 0 problems\u202e"`, "::error file="} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in:\n%s", want, all)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if strings.HasPrefix(l, "ok") {
			t.Errorf("a line that looks like success: %q", l)
		}
	}
}
