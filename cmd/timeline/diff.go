package main

import (
	"archive/tar"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing/fstest"

	"timeline/internal/content"
	"timeline/internal/diff"
)

// diff compares two versions of the content: folders, or git revisions of
// the repository the site is in.
func (c *command) diff(args []string) error {
	fs := c.flags("diff")
	src := fs.String("src", ".", "site folder; a revision is looked up in its git repository")
	format := fs.String("format", "text", "text, or markdown for a pull request's job summary")
	fs.Usage = func() {
		fmt.Fprintln(c.stderr, "usage: timeline diff [-src DIR] [-format text|markdown] OLD [NEW]\n\nOLD and NEW are site folders or git revisions (main, HEAD~1, a commit); NEW is the site folder when left out.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() < 1 || fs.NArg() > 2 || *format != "text" && *format != "markdown" {
		fs.Usage()
		return errUsage
	}
	sides := []string{fs.Arg(0), *src}
	if fs.NArg() == 2 {
		sides[1] = fs.Arg(1)
	}
	var sites [2]*content.Site
	for i, side := range sides {
		fsys, err := contentAt(*src, side)
		if err != nil {
			return err
		}
		s, ps := content.Load(fsys, content.Options{Drafts: true})
		if len(ps) > 0 {
			fmt.Fprintf(c.stderr, "timeline diff: %s has %s; run timeline check on it (the comparison is of what could be read)\n", side, content.Quantity(len(ps), "problem", "problems"))
		}
		sites[i] = s
	}
	return diff.Compare(sites[0], sites[1]).Write(c.stdout, *format == "markdown")
}

// contentAt returns the site at where: a folder, or else a git revision
// of the repository at src, read with "git archive" (its content folder
// only, held in memory: content is text, and bounded in size per file).
func contentAt(src, where string) (fs.FS, error) {
	if info, err := os.Stat(where); err == nil && info.IsDir() {
		return os.DirFS(where), nil
	}
	if strings.HasPrefix(where, "-") || strings.ContainsAny(where, " \t\n") {
		return nil, fmt.Errorf("%q is neither a folder nor a git revision", where)
	}
	cmd := exec.Command("git", "-C", src, "archive", "--format=tar", where, "--", content.Dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%q is neither a folder nor a revision git can read: %v %s", where, err, strings.TrimSpace(stderr.String()))
	}
	return untar(out)
}

// untar reads the regular files of a tar archive into memory.
func untar(data []byte) (fs.FS, error) {
	m := fstest.MapFS{}
	r := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := r.Next()
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read git archive: %w", err)
		}
		name := path.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || !fs.ValidPath(name) {
			continue
		}
		body, err := io.ReadAll(io.LimitReader(r, content.MaxFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("read git archive: %w", err)
		}
		m[name] = &fstest.MapFile{Data: body, Mode: 0o644}
	}
}
