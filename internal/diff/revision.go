package diff

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing/fstest"

	"timeline/internal/content"
)

// ContentAt returns the site at where: a folder, or else a git revision
// of the repository at src, read with "git archive" (its content folder
// only, held in memory: content is text, and bounded in size per file).
func ContentAt(src, where string) (fs.FS, error) {
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
