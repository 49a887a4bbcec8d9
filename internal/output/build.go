package output

import (
	"cmp"
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
	// fresh says that the workspace was empty when the build began, so
	// that it holds nothing this build did not write.
	fresh bool
	// dirs are the folders of the workspace this build made or found to
	// be folders (not links): a file's folder made inside one of them
	// needs no more checks.
	dirs sync.Map
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
	b := &Build{folder: f, dir: f.spare, old: f.readManifest(f.spare), now: make(manifest), fresh: isEmpty(f.spare)}
	b.dirs.Store(b.dir, true)
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
	if err := b.makeFolder(filepath.Dir(p)); err != nil {
		return fileState{}, err
	}
	f, err := openForWrite(p)
	if err != nil {
		// What stands at p is not a regular file: a folder of an older
		// build, a link.
		if err := clearWay(p); err != nil {
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

// makeFolder makes the folder dir of the workspace and those above it, or
// checks that they are folders, not links: a file or a link that an older
// build or someone else left where a folder goes is removed, so that
// nothing is written through it. Each folder is made or checked once per
// build. In a workspace that was empty, a folder is made without asking
// first whether it is there.
func (b *Build) makeFolder(dir string) error {
	if _, ok := b.dirs.Load(dir); ok {
		return nil
	}
	if !strings.HasPrefix(dir, b.dir+string(filepath.Separator)) {
		return fmt.Errorf("%s is outside the workspace", dir)
	}
	if err := b.makeFolder(filepath.Dir(dir)); err != nil {
		return err
	}
	if b.fresh {
		if err := os.Mkdir(dir, 0o755); err == nil {
			b.dirs.Store(dir, true)
			return nil
		}
	}
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case info.IsDir():
		b.dirs.Store(dir, true)
		return nil
	default:
		if err := os.RemoveAll(dir); err != nil { // removes a link, not what it points at
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); errors.Is(err, fs.ErrExist) {
		// Another writer made it meanwhile, or put something else there.
		if info, err := os.Lstat(dir); err != nil || !info.IsDir() {
			return fmt.Errorf("make the folder %s: %w", dir, cmp.Or(err, fs.ErrExist))
		}
	} else if err != nil {
		return err
	}
	b.dirs.Store(dir, true)
	return nil
}

// clearWay removes what stands at p when it is not a regular file: a folder
// of an older build, a link.
func clearWay(p string) error {
	info, err := os.Lstat(p)
	if err != nil || info.Mode().IsRegular() {
		return err
	}
	return os.RemoveAll(p)
}

// isEmpty reports whether the folder dir holds nothing.
func isEmpty(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	names, _ := f.Readdirnames(1)
	return len(names) == 0
}

// Complete removes from the workspace the files that this build did not
// produce, so that it holds exactly this build. Commit calls it.
func (b *Build) Complete() error {
	if b.done {
		return nil
	}
	var err error
	switch {
	case b.old != nil:
		err = b.removeStale()
	case !b.fresh: // an empty workspace holds only what this build wrote
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
