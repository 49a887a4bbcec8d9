package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// Build is an output folder being written: the files go into the spare
// folder, and Commit publishes it.
type Build struct {
	folder *Folder
	owned  bool   // Commit and Abort close the folder
	dir    string // the workspace
	old    manifest
	inputs map[string]string // set by SetInputs: what each file is made from
	mu     sync.Mutex
	now    manifest
	done   bool // Complete has run
	// Written and Kept count the files written and the files left as they
	// were because their bytes were already there; Removed counts files of
	// an older build deleted from the workspace.
	Written, Kept, Removed int
}

// Begin opens the output folder dir and starts a build of it. Commit or
// Abort releases the folder.
func Begin(dir string) (*Build, error) {
	f, err := Open(dir)
	if err != nil {
		return nil, err
	}
	b, err := f.Begin()
	if err != nil {
		f.Close()
		return nil, err
	}
	b.owned = true
	return b, nil
}

// Begin starts a build in the folder's workspace.
func (f *Folder) Begin() (*Build, error) {
	if info, err := os.Lstat(f.spare); err == nil && !info.IsDir() {
		if err := os.Remove(f.spare); err != nil {
			return nil, fmt.Errorf("output folder %s: %w", f.shown, err)
		}
	}
	if err := os.MkdirAll(f.spare, 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", f.shown, err)
	}
	b := &Build{folder: f, dir: f.spare, old: f.readManifest(f.spare), now: make(manifest)}
	if !isOurs(f.spare) {
		if err := os.WriteFile(filepath.Join(f.spare, Marker), []byte(markerText), 0o644); err != nil {
			return nil, fmt.Errorf("output folder %s: %w", f.shown, err)
		}
	}
	return b, nil
}

// SetInputs gives, for the files this build will write, a name for what
// each is made from (a hash of its inputs, say), to be recorded with the
// file. Call it before writing; a file made from the same inputs in a later
// build may then be kept by Unchanged.
func (b *Build) SetInputs(inputs map[string]string) { b.inputs = inputs }

// Unchanged keeps the file name as the workspace holds it, and reports true,
// when it was made from input (see SetInputs) and is on disk as it was
// written then; otherwise it reports false and the file must be written.
func (b *Build) Unchanged(name, input string) bool {
	old, ok := b.old[name]
	if !ok || old.input == "" || old.input != input {
		return false
	}
	info, err := os.Lstat(filepath.Join(b.dir, filepath.FromSlash(name)))
	if err != nil {
		return false
	}
	if st, ok := stateOf(info); !ok || st.ino != old.ino || st.size != old.size || st.mtime != old.mtime {
		return false
	}
	b.record(name, old, false)
	return true
}

// Dir returns the folder being written, for reading the build back before
// it is committed (to check its links, say); call Complete first, or it
// still holds files of an older build.
func (b *Build) Dir() string { return b.dir }

// WriteFile writes one output file, unless the workspace already holds
// those bytes. name must be a clean, slash-separated path inside the
// folder; anything else is refused. It is safe for use by several
// goroutines at once.
func (b *Build) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	h := sum(data)
	p := filepath.Join(b.dir, filepath.FromSlash(name))
	if old, ok := b.old[name]; ok && old.sum == h && old.size == int64(len(data)) {
		if info, err := os.Lstat(p); err == nil {
			if st, ok := stateOf(info); ok && st.ino == old.ino && st.size == old.size && st.mtime == old.mtime {
				b.record(name, old, false)
				return nil
			}
		}
	}
	st, err := b.write(p, data)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	st.sum = h
	b.record(name, st, true)
	return nil
}

func (b *Build) record(name string, st fileState, written bool) {
	st.input = b.inputs[name]
	b.mu.Lock()
	b.now[name] = st
	if written {
		b.Written++
	} else {
		b.Kept++
	}
	b.mu.Unlock()
}

// write replaces the file p in place (the workspace is not published),
// making its folder or clearing what stands in the way when needed.
func (b *Build) write(p string, data []byte) (fileState, error) {
	f, err := openForWrite(p)
	if err != nil {
		if err := b.makeWay(p); err != nil {
			return fileState{}, err
		}
		if f, err = openForWrite(p); err != nil {
			return fileState{}, err
		}
	}
	_, err = f.Write(data)
	var info fs.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fileState{}, err
	}
	st, _ := stateOf(info)
	return st, nil
}

func openForWrite(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|noFollow, 0o644)
}

// makeWay makes the folders of p, removing an older build's file that
// stands where a folder goes, or an older folder (or anything that is not
// a regular file) where p goes.
func (b *Build) makeWay(p string) error {
	rel, err := filepath.Rel(b.dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s is outside the workspace", p)
	}
	at := b.dir
	parts := strings.Split(rel, string(filepath.Separator))
	for i, part := range parts {
		at = filepath.Join(at, part)
		info, err := os.Lstat(at)
		last := i == len(parts)-1
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if last {
				return nil
			}
			if err := os.Mkdir(at, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return err // another writer may have made it meanwhile
			}
			continue
		case err != nil:
			return err
		case last && info.Mode().IsRegular(), !last && info.IsDir():
			continue
		}
		if err := os.RemoveAll(at); err != nil {
			return err
		}
		if !last {
			if err := os.Mkdir(at, 0o755); err != nil {
				return err
			}
		}
	}
	return nil
}

// Complete removes from the workspace the files that this build did not
// produce, so that it holds exactly this build. Commit calls it.
func (b *Build) Complete() error {
	if b.done {
		return nil
	}
	var err error
	if b.old != nil {
		err = b.removeStale()
	} else {
		err = b.removeUnknown()
	}
	if err != nil {
		return fmt.Errorf("clear the workspace %s: %w", b.dir, err)
	}
	b.done = true
	return nil
}

// removeStale deletes the files the manifest lists and this build did not
// write, and the folders they leave empty.
func (b *Build) removeStale() error {
	for _, name := range slices.Sorted(maps.Keys(b.old)) {
		if _, ok := b.now[name]; ok {
			continue
		}
		p := filepath.Join(b.dir, filepath.FromSlash(name))
		info, err := os.Lstat(p)
		if err != nil || info.IsDir() {
			continue // gone already, or a folder this build made there
		}
		if err := os.Remove(p); err != nil {
			return err
		}
		b.Removed++
		for d := filepath.Dir(p); d != b.dir && strings.HasPrefix(d, b.dir); d = filepath.Dir(d) {
			if syscall.Rmdir(d) != nil {
				break // not empty, or not a folder
			}
		}
	}
	return nil
}

// removeUnknown walks a workspace whose content is not known (a build was
// interrupted, or it is new) and deletes everything this build did not
// write.
func (b *Build) removeUnknown() error {
	var dirs []string
	err := filepath.WalkDir(b.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == b.dir {
			return nil
		}
		rel, _ := filepath.Rel(b.dir, p)
		name := filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			dirs = append(dirs, p)
			return nil
		case name == Marker:
			return nil
		}
		if _, ok := b.now[name]; ok && d.Type().IsRegular() {
			return nil
		}
		b.Removed++
		return os.Remove(p)
	})
	if err != nil {
		return err
	}
	for _, d := range slices.Backward(dirs) {
		syscall.Rmdir(d) // only succeeds when empty
	}
	return nil
}

// Commit publishes the build: it completes the workspace, records what it
// holds and swaps it with the output folder. On Linux the swap is one
// atomic rename; elsewhere it is three, and Open repairs a build
// interrupted between them. The previous output becomes the next build's
// workspace.
func (b *Build) Commit() error {
	if b.owned {
		defer b.folder.Close()
	}
	if err := b.Complete(); err != nil {
		return err
	}
	if err := b.folder.writeManifest(b.dir, b.now); err != nil {
		return err
	}
	f := b.folder
	defer f.pruneManifests()
	if _, err := os.Lstat(f.final); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(b.dir, f.final); err != nil {
			return fmt.Errorf("publish %s: %w", f.final, err)
		}
		return nil
	}
	if err := exchange(b.dir, f.final); err == nil {
		return nil
	}
	old := filepath.Join(f.state, "old")
	if err := os.Rename(f.final, old); err != nil {
		return fmt.Errorf("move aside %s: %w", f.final, err)
	}
	if err := os.Rename(b.dir, f.final); err != nil {
		return fmt.Errorf("publish %s: %w", f.final, err)
	}
	if err := os.Rename(old, f.spare); err != nil {
		return fmt.Errorf("keep %s as the next workspace: %w", old, err)
	}
	return nil
}

// Abort gives up the build; the output folder stays as it was. The
// workspace is kept for the next build, which finds it marked as unknown.
func (b *Build) Abort() {
	if b.owned {
		b.folder.Close()
	}
}
