package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"timeline/internal/content"
	"timeline/internal/output"
)

// treeHash hashes every file (path and bytes) under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	sort.Strings(names)
	for _, p := range names {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// copySite copies the repository's site (content, templates, static) to a
// new folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const okEntry = `---
title: "A raid"
date: 2025-07-16
operation: "2025"
provinces: [Kratie]
sources:
  - {title: "Report", publisher: "Example News", url: "https://example.org/report"}
---
Text [1].
`

// TestBadInputLeavesOutputUnchanged adds one broken file of every kind to
// the real site: one build reports every one of them, exits non-zero, and
// leaves the previous output byte for byte as it was.
func TestBadInputLeavesOutputUnchanged(t *testing.T) {
	dir := copySite(t)
	out := filepath.Join(dir, "public")
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run(context.Background(), []string{"build", "-src", dir, "-out", out}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("good build: %d %s", code, stderr.String())
	}
	before := treeHash(t, out)
	bad := map[string]struct{ data, want string }{
		"yaml-syntax.md":      {strings.Replace(okEntry, `title: "A raid"`, "title: A raid: at night", 1), ":2:14: YAML syntax: a \": \" in a value makes YAML read a new field"},
		"toml-syntax.md":      {"+++\ntitle = \"A raid\ndate = 2025-07-16\n+++\n", ":2:16: TOML syntax: strings cannot contain newlines; the quote that starts this text is never closed"},
		"unterminated.md":     {strings.TrimSuffix(okEntry, "---\nText [1].\n"), ":1: front matter opened with \"---\" is never closed"},
		"wrong-type.md":       {strings.Replace(okEntry, `title: "A raid"`, "title: [a, b]", 1), `:2: title: want text, got a list`},
		"impossible-date.md":  {strings.Replace(okEntry, "2025-07-16", "2025-02-30", 1), `:3: date: "2025-02-30" is not a day of the calendar`},
		"unknown-field.md":    {strings.Replace(okEntry, "provinces:", "provnces:", 1), `:5: provnces: unknown field; did you mean "provinces"?`},
		"unknown-province.md": {strings.Replace(okEntry, "[Kratie]", "[Kratei]", 1), `:5: provinces: unknown province "Kratei"; did you mean "Kratie"?`},
		"negative-figure.md":  {strings.Replace(okEntry, "sources:", "figures: {arrested: -3}\nsources:", 1), `:6: figures.arrested: "-3" is negative`},
		"absurd-figure.md":    {strings.Replace(okEntry, "sources:", "figures: {arrested: 99999999999}\nsources:", 1), `:6: figures.arrested: "99999999999" is larger than 10,000,000`},
		"missing-sources.md":  {strings.Split(okEntry, "sources:")[0] + "---\n", `:1: sources: missing`},
		"not-utf8.md":         {strings.Replace(okEntry, "A raid", "A r\xe9id", 1), `:2: file is not valid UTF-8`},
		"empty.md":            {"", `: file is empty`},
		"huge.md":             {okEntry + strings.Repeat("word ", 250_000), `: file is 1250`},
	}
	for name, c := range bad {
		if err := os.WriteFile(filepath.Join(dir, "content/entries/2025", name), []byte(c.data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout.Reset()
	stderr.Reset()
	time.Sleep(10 * time.Millisecond)
	code := run(context.Background(), []string{"build", "-src", dir, "-out", out}, &stdout, &stderr, noEnv)
	if code == 0 {
		t.Fatalf("build with bad files succeeded")
	}
	for name, c := range bad {
		if !strings.Contains(stderr.String(), "content/entries/2025/"+name+c.want) {
			t.Errorf("%s: no %q in:\n%s", name, c.want, stderr.String())
		}
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("problems in %d files", len(bad))) {
		t.Errorf("summary does not count %d files:\n%s", len(bad), stderr.String())
	}
	if after := treeHash(t, out); after != before {
		t.Errorf("the failed build changed the previous output")
	}
	t.Logf("%d kinds of bad input reported in one run; output unchanged", len(bad))
}

// TestBuildsAreIdentical builds the real site twice, into different folders
// and at different times, and compares every byte.
func TestBuildsAreIdentical(t *testing.T) {
	dir := copySite(t)
	var outs []string
	for i := range 2 {
		out := filepath.Join(t.TempDir(), fmt.Sprintf("public-%d", i))
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"build", "-src", dir, "-out", out}, &stdout, &stderr, func(string) string { return "" }); code != 0 {
			t.Fatal(stderr.String())
		}
		outs = append(outs, out)
		time.Sleep(1100 * time.Millisecond) // a second apart: any clock in the output would show
	}
	if a, b := treeHash(t, outs[0]), treeHash(t, outs[1]); a != b {
		t.Errorf("two builds of the same input differ")
	}
}

// TestReusedWorkspaceMatchesFreshBuild builds three versions of the real
// site into one folder, each reusing an older build's folder, and compares
// the last with a fresh build of the same input, byte for byte.
func TestReusedWorkspaceMatchesFreshBuild(t *testing.T) {
	dir := copySite(t)
	noEnv := func(string) string { return "" }
	build := func(out string, flags ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args := append([]string{"build", "-src", dir, "-out", out}, flags...)
		if code := run(context.Background(), args, &stdout, &stderr, noEnv); code != 0 {
			t.Fatal(stderr.String())
		}
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "content/entries/*/*.md"))
	edit := func(p, old, new string) {
		t.Helper()
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), old) {
			t.Fatalf("%s: %v, or no %q", p, err, old)
		}
		os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
	}
	// Builds alternate between the output and its workspace, which keeps
	// the pages whose inputs did not change since it was written: each
	// step builds twice, so that both folders have been reused.
	reused := filepath.Join(t.TempDir(), "public")
	state := filepath.Join(filepath.Dir(reused), ".public.timeline")
	for _, step := range []struct {
		name   string
		change func()
		flags  []string
	}{
		{"first", func() {}, nil},
		{"a title", func() { edit(entries[0], "title: ", "title: Edited ") }, nil},
		{"a deleted and a new entry, a new site title", func() {
			os.Remove(entries[1])
			os.WriteFile(filepath.Join(dir, "content/entries/2025/a-new-raid.md"), []byte(okEntry), 0o644)
			edit(filepath.Join(dir, "content/site.yaml"), "title: ", "title: Renamed ")
		}, nil},
		{"a template", func() { edit(filepath.Join(dir, "templates/entry.html"), "<h1>", "<h1 class=\"t\">") }, nil},
		{"an entry's text", func() { edit(entries[2], "\n---\n", "\n---\nA new first paragraph.\n\n") }, nil},
		{"a source's publisher, which the sources' data files show", func() {
			edit(entries[4], "publisher: Focus Gaming News", "publisher: Focus Gaming")
		}, nil},
		{"the provinces, which every entry is checked against and maps show", func() {
			edit(filepath.Join(dir, "content/provinces.yaml"), "label: OMC,", "label: ODM,")
		}, nil},
		{"a damaged entry cache and bodies file", func() {
			idx := filepath.Join(state, entryCacheFile)
			data, _ := os.ReadFile(idx)
			os.WriteFile(idx, data[:len(data)/2], 0o644)
			bodies, _ := os.OpenFile(filepath.Join(state, bodiesFile), os.O_WRONLY, 0)
			bodies.WriteAt([]byte("XXXX"), 0)
			bodies.Close()
		}, nil},
		{"a bodies file mostly of old bodies, compacted", func() {
			bodies, _ := os.OpenFile(filepath.Join(state, bodiesFile), os.O_WRONLY|os.O_APPEND, 0)
			bodies.Write(make([]byte, 3<<20))
			bodies.Close()
			edit(entries[2], "A new first paragraph.", "Another first paragraph.")
		}, nil},
		{"a bodies file to compact, and only a template edited", func() {
			bodies, _ := os.OpenFile(filepath.Join(state, bodiesFile), os.O_WRONLY|os.O_APPEND, 0)
			bodies.Write(make([]byte, 3<<20))
			bodies.Close()
			edit(filepath.Join(dir, "templates/entry.html"), "<h1 class=\"t\">", "<h1 class=\"u\">")
		}, nil},
		{"unminified", func() {}, []string{"-minify=false"}},
		{"minified again", func() {}, nil},
	} {
		step.change()
		build(reused, step.flags...)
		checkEntryCache(t, state, len(entries))
		build(reused, step.flags...)
		fresh := filepath.Join(t.TempDir(), "public")
		build(fresh, step.flags...)
		if a, b := treeHash(t, reused), treeHash(t, fresh); a != b {
			t.Errorf("%s: a build into a reused folder differs from a fresh build of the same input", step.name)
		}
		checkEntryCache(t, state, len(entries))
	}
}

// checkEntryCache checks that the entry cache beside an output folder holds
// every entry, and that its bodies file is not mostly old bodies.
func checkEntryCache(t *testing.T, state string, entries int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(state, entryCacheFile))
	if err != nil {
		t.Fatal(err)
	}
	var header struct{ Key string }
	first, _, _ := strings.Cut(string(data), "\n")
	if err := json.Unmarshal([]byte(first), &header); err != nil {
		t.Fatalf("entry cache header %q: %v", first, err)
	}
	cache, err := content.ParseCache(data, header.Key, nil)
	if err == nil {
		err = cache.Err()
	}
	if err != nil {
		t.Errorf("the entry cache does not read back: %v", err)
	} else if n := cache.Len(); n != entries {
		t.Errorf("the entry cache holds %d entries, want %d", n, entries)
	}
	bodies, err := os.ReadFile(filepath.Join(state, bodiesFile))
	if err != nil || len(bodies) > 2<<20 {
		t.Errorf("bodies file: %v, size %d: not compacted", err, len(bodies))
	}
	// The cache points into the bodies file it was saved with.
	id, _, _ := strings.Cut(strings.TrimPrefix(string(bodies), "timeline bodies 1 "), "\n")
	if header, _, _ := strings.Cut(string(data), "\n"); len(id) != 32 || !strings.Contains(header, id) {
		t.Errorf("the entry cache (%s) was not saved for the bodies file %q", header, id)
	}
}

// TestBusyFolderIsRefused: while another process holds the output folder
// (a build, or serve), build says who holds it and changes nothing.
func TestBusyFolderIsRefused(t *testing.T) {
	dir := copySite(t)
	out := filepath.Join(dir, "public")
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run(context.Background(), []string{"build", "-src", dir, "-out", out}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatal(stderr.String())
	}
	before := treeHash(t, out)
	holder, err := output.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	stderr.Reset()
	if code := run(context.Background(), []string{"build", "-src", dir, "-out", out}, &stdout, &stderr, noEnv); code == 0 {
		t.Fatal("a build of a folder in use succeeded")
	}
	want := fmt.Sprintf("is in use by another timeline process (pid %d: ", os.Getpid())
	if !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "-out") {
		t.Errorf("message does not name the holder (%q) or suggest -out:\n%s", want, stderr.String())
	}
	if treeHash(t, out) != before {
		t.Errorf("the refused build changed the output")
	}
	// serve stops at once too, instead of serving the refusal as a page.
	stderr.Reset()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if code := run(ctx, []string{"serve", "-src", dir, "-out", out, "-addr", "127.0.0.1:0"}, &stdout, &stderr, noEnv); code == 0 || ctx.Err() != nil {
		t.Fatalf("serve of a folder in use: exit %d, %v", code, ctx.Err())
	}
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("serve does not name the holder (%q):\n%s", want, stderr.String())
	}
}
