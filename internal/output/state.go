package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// OpenState opens the file name kept beside the output folder, in its
// hidden state folder, for later builds (a cache), with the flags of
// os.OpenFile; a link there is not followed.
func (b *Build) OpenState(name string, flag int) (*os.File, error) {
	p, err := b.folder.statePath(name)
	if err != nil {
		return nil, err
	}
	return os.OpenFile(p, flag|noFollow, 0o644)
}

// ReadState reads the state file name whole, in one read.
func (b *Build) ReadState(name string) ([]byte, error) {
	f, err := b.OpenState(name, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return data, nil
}

// KeepState writes the file name beside the output folder, in its hidden
// state folder, for later builds (a cache). write gets the file's content
// to write; the file is replaced in one rename once write succeeded, so a
// reader finds the old file or the new one, whole.
func (b *Build) KeepState(name string, write func(io.Writer) error) error {
	p, err := b.folder.statePath(name)
	if err != nil {
		return err
	}
	pattern := name + ".*.tmp"
	leftovers, _ := filepath.Glob(filepath.Join(b.folder.state, pattern)) // of a process killed while keeping name
	for _, l := range leftovers {
		os.Remove(l)
	}
	tmp, err := os.CreateTemp(b.folder.state, pattern)
	if err != nil {
		return fmt.Errorf("keep %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // fails once renamed
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		return fmt.Errorf("keep %s: %w", name, err)
	}
	return nil
}

// statePath is the path of the state file name, which must be a plain
// file name that the package does not use itself.
func (f *Folder) statePath(name string) (string, error) {
	if name == "" || name == "lock" || name == "spare" || name == "old" || strings.ContainsAny(name, `/\`) ||
		strings.HasPrefix(name, ".") || strings.Contains(name, "manifest") {
		return "", fmt.Errorf("state file %q: not a name the output folder can keep", name)
	}
	return filepath.Join(f.state, name), nil
}

// RenameState renames the state file from to to, replacing to.
func (b *Build) RenameState(from, to string) error {
	pf, err := b.folder.statePath(from)
	if err != nil {
		return err
	}
	pt, err := b.folder.statePath(to)
	if err != nil {
		return err
	}
	if err := os.Rename(pf, pt); err != nil {
		return fmt.Errorf("keep %s: %w", to, err)
	}
	return nil
}
