// Package output owns the output folder: a build writes into a temporary
// folder beside it and, only when everything succeeded, swaps the two, so
// the published folder is always one whole build, old or new. It refuses to
// write outside the folder and refuses to take over a folder it did not make.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Marker is the file that marks a folder as made by this generator. A build
// replaces only folders that hold it (or empty ones).
const Marker = ".timeline-output"

// ErrForeign is the error for a folder that the generator did not make and
// so will not write into.
var ErrForeign = errors.New("not made by timeline")

// Build is an output folder being written.
type Build struct {
	final string // the output folder
	tmp   string // the folder being written, beside final
}

// Begin starts a build of the folder dir. It cleans up what an interrupted
// build left behind and checks that dir may be replaced.
func Begin(dir string) (*Build, error) {
	final, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	parent, base := filepath.Split(final)
	if base == "" || final == filepath.Dir(final) {
		return nil, fmt.Errorf("output folder %s: refusing to use a file system root", dir)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	if err := recoverInterrupted(parent, base, final); err != nil {
		return nil, err
	}
	if err := checkReplaceable(final, dir); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte("made by timeline build; safe to delete with the folder\n"), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	return &Build{final: final, tmp: tmp}, nil
}

// recoverInterrupted removes temporary folders of earlier builds and puts
// back an output folder that a build killed mid-swap left aside.
func recoverInterrupted(parent, base, final string) error {
	leftovers, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	olds, _ := filepath.Glob(filepath.Join(parent, "."+base+".old-*"))
	if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 && isOurs(olds[0]) {
		if err := os.Rename(olds[0], final); err != nil {
			return fmt.Errorf("restore %s from %s: %w", final, olds[0], err)
		}
		olds = olds[1:]
	}
	// Folders with these names beside the output are made only by this
	// package; a build killed while deleting one may already have deleted
	// its marker, so the name is what marks them.
	for _, p := range append(leftovers, olds...) {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("remove leftover %s: %w", p, err)
		}
	}
	return nil
}

// checkReplaceable refuses an output path that is a file, a link, or a
// non-empty folder without the marker.
func checkReplaceable(final, dir string) error {
	info, err := os.Lstat(final)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("output folder %s is a file or a link, not a folder; choose another -out", dir)
	}
	entries, err := os.ReadDir(final)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	if len(entries) > 0 && !isOurs(final) {
		return fmt.Errorf("output folder %s is not empty and was %w (no %s file); choose another -out, or empty the folder yourself", dir, ErrForeign, Marker)
	}
	return nil
}

func isOurs(dir string) bool {
	info, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && info.Mode().IsRegular()
}

// Dir returns the folder being written, for reading the build back before
// it is committed (to check its links, say).
func (b *Build) Dir() string { return b.tmp }

// WriteFile writes one output file. name must be a clean, slash-separated
// path inside the folder; anything else is refused.
func (b *Build) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	p := filepath.Join(b.tmp, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// CheckName reports whether name is a path that stays inside the output
// folder on every system: relative, clean, slash-separated, no "..", no
// backslashes or NUL bytes, and no reserved names.
func CheckName(name string) error {
	bad := func(why string) error { return fmt.Errorf("output path %q: %s", name, why) }
	switch {
	case name == "" || !fs.ValidPath(name) || name == ".":
		return bad("not a clean relative path")
	case path.Clean(name) != name:
		return bad("not a clean path")
	case strings.ContainsAny(name, "\\\x00:"):
		return bad("contains a backslash, colon or NUL byte")
	}
	for _, part := range strings.Split(name, "/") {
		if part == Marker || isReserved(part) {
			return bad("uses a reserved name")
		}
	}
	return nil
}

// isReserved reports names that Windows cannot create, so that a site that
// builds here also checks out and builds there.
func isReserved(part string) bool {
	stem, _, _ := strings.Cut(strings.ToUpper(part), ".")
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '1' && stem[3] <= '9' {
		return true
	}
	return false
}

// Commit replaces the output folder with the new build. On Linux the swap
// is one atomic rename; elsewhere it is two renames, and Begin repairs a
// build interrupted between them.
func (b *Build) Commit() error {
	if _, err := os.Lstat(b.final); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(b.tmp, b.final); err != nil {
			return fmt.Errorf("publish %s: %w", b.final, err)
		}
		return nil
	}
	if err := exchange(b.tmp, b.final); err == nil {
		// tmp now holds the previous output.
		return removeQuietly(b.tmp)
	}
	old := strings.Replace(b.tmp, ".tmp-", ".old-", 1)
	if err := os.Rename(b.final, old); err != nil {
		return fmt.Errorf("move aside %s: %w", b.final, err)
	}
	if err := os.Rename(b.tmp, b.final); err != nil {
		return fmt.Errorf("publish %s: %w", b.final, err)
	}
	return removeQuietly(old)
}

func removeQuietly(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("remove previous output %s: %w", dir, err)
	}
	return nil
}

// Abort discards the build; the output folder stays as it was.
func (b *Build) Abort() {
	os.RemoveAll(b.tmp)
}

// InPlace updates files of an existing output folder one by one, each
// replaced in a single rename, so that a reader (the preview server) sees
// every file whole, old or new, never half written. Files whose content is
// unchanged are left alone.
// It is safe for use by several goroutines at once.
type InPlace struct {
	dir     string
	mu      sync.Mutex
	Written map[string]bool // every name passed to WriteFile or Keep
	Changed int             // files actually replaced
}

// Keep records that the file name, already in the folder, stays as it is.
func (w *InPlace) Keep(name string) {
	w.mu.Lock()
	w.Written[name] = true
	w.mu.Unlock()
}

// NewInPlace returns a writer into dir, which must be an output folder made
// by this generator.
func NewInPlace(dir string) (*InPlace, error) {
	if !isOurs(dir) {
		return nil, fmt.Errorf("output folder %s was %w (no %s file)", dir, ErrForeign, Marker)
	}
	return &InPlace{dir: dir, Written: make(map[string]bool)}, nil
}

// WriteFile replaces one file, atomically, unless it already holds data.
func (w *InPlace) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	w.Keep(name)
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if info, err := os.Stat(p); err == nil && info.Size() == int64(len(data)) {
		if old, err := os.ReadFile(p); err == nil && string(old) == string(data) {
			return nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".write-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	w.mu.Lock()
	w.Changed++
	w.mu.Unlock()
	return nil
}

// Remove deletes an output file that a build no longer produces, and the
// folders it leaves empty.
func (w *InPlace) Remove(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for d := filepath.Dir(p); d != w.dir && strings.HasPrefix(d, w.dir); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			break // not empty
		}
	}
	return nil
}
