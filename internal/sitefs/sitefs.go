// Package sitefs reads a site folder without following links: every path
// the generator opens is checked with Lstat from the site's root down, so
// that a symbolic link anywhere (content/ itself, a template, a file of
// static/) is an error naming it, and a file that is not a regular file (a
// device, a pipe, a socket) is refused before it is read.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// MaxFileSize is the most read from one file, whatever its kind: a bound
// for files that grow while they are read.
const MaxFileSize = 64 << 20

// ErrLink and ErrNotRegular are the reasons a path is refused.
var (
	ErrLink       = errors.New("is a symbolic link; links are not followed, so put the file or folder itself there")
	ErrNotRegular = errors.New("is not a regular file or folder (a device, a pipe or a socket); remove it")
)

// FS is a site folder read without following links.
type FS struct {
	fsys fs.FS
}

// New returns fsys read without following links; a fsys already wrapped is
// returned as it is. fsys should implement fs.ReadLinkFS (os.DirFS and
// fstest.MapFS do); one that does not has no links to follow.
func New(fsys fs.FS) fs.FS {
	if _, ok := fsys.(FS); ok {
		return fsys
	}
	return FS{fsys: fsys}
}

// check Lstats every prefix of name, from the root down, and refuses a link
// anywhere and anything that is neither a folder nor a regular file.
func (f FS) check(op, name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return nil
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := path.Join(parts[:i+1]...)
		info, err := fs.Lstat(f.fsys, p)
		if err != nil {
			return &fs.PathError{Op: op, Path: name, Err: unwrap(err)}
		}
		switch mode := info.Mode(); {
		case mode&fs.ModeSymlink != 0:
			return &fs.PathError{Op: op, Path: name, Err: linkError{p, ErrLink}}
		case mode.IsDir():
		case !mode.IsRegular():
			return &fs.PathError{Op: op, Path: name, Err: linkError{p, ErrNotRegular}}
		case i < len(parts)-1:
			return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
	}
	return nil
}

// linkError names the path that was refused, which may be a folder above
// the one asked for.
type linkError struct {
	path string
	err  error
}

func (e linkError) Error() string { return fmt.Sprintf("%s %v", e.path, e.err) }
func (e linkError) Unwrap() error { return e.err }

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Open opens name after checking its path.
func (f FS) Open(name string) (fs.File, error) {
	if err := f.check("open", name); err != nil {
		return nil, err
	}
	return f.fsys.Open(name)
}

// ReadFile reads name after checking its path, and at most MaxFileSize
// bytes of it.
func (f FS) ReadFile(name string) ([]byte, error) {
	if err := f.check("read", name); err != nil {
		return nil, err
	}
	file, err := f.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() { // swapped since the check
		return nil, &fs.PathError{Op: "read", Path: name, Err: linkError{name, ErrNotRegular}}
	}
	data, err := readAll(file, info.Size())
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unwrap(err)}
	}
	if len(data) > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("larger than %d bytes", MaxFileSize)}
	}
	return data, nil
}

// readAll reads r to its end, or to one byte past MaxFileSize, into a
// buffer made for size bytes, as os.ReadFile does: one read for a file that
// did not change since its size was taken, not a growing series.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, min(size, MaxFileSize)+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) > MaxFileSize {
			return data, nil
		}
	}
}

// ReadDir lists the folder name after checking its path.
func (f FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.check("readdir", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(f.fsys, name)
}

// Stat describes name after checking its path; it never follows a link.
func (f FS) Stat(name string) (fs.FileInfo, error) {
	if err := f.check("stat", name); err != nil {
		return nil, err
	}
	return fs.Lstat(f.fsys, name)
}

// Lstat describes name without following a link at its end; links in the
// folders above it are refused.
func (f FS) Lstat(name string) (fs.FileInfo, error) {
	if dir := path.Dir(name); dir != "." {
		if err := f.check("lstat", dir); err != nil {
			return nil, err
		}
	}
	return fs.Lstat(f.fsys, name)
}

// ReadLink refuses to read links: the site has none.
func (f FS) ReadLink(name string) (string, error) {
	return "", &fs.PathError{Op: "readlink", Path: name, Err: linkError{name, ErrLink}}
}
