// Package output owns the output folder.
//
// A build never writes into the published folder. It writes into a second
// folder kept beside it (the "spare", which holds the build before the
// published one) and, only when everything succeeded, swaps the two in one
// step, so the published folder is always one whole build, old or new.
// Reusing the spare keeps a rebuild cheap on a disk: a file whose bytes did
// not change is not written again, a file no longer produced is removed, and
// no folder tree is made or deleted.
//
// Beside an output folder named public the package keeps one hidden folder,
// .public.timeline, holding:
//
//	lock           an advisory lock held by the process building or serving public
//	spare/         the workspace of the next build
//	N.manifest     what each buffer folder (by inode N) holds, written at commit
//	...            files the caller keeps for later builds (KeepState), such
//	               as the command's entry cache
//
// The package refuses to write outside the output folder and refuses to take
// over a folder it did not make (one without the Marker file).
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofrs/flock"
)

// Marker is the file that marks a folder as made by this generator. A build
// replaces only folders that hold it (or empty ones).
const Marker = ".timeline-output"

// ErrForeign is the error for a folder that the generator did not make and
// so will not write into.
var ErrForeign = errors.New("not made by timeline")

// ErrBusy is the error for an output folder that another process is
// building or serving.
var ErrBusy = errors.New("in use by another timeline process")

const markerText = "made by timeline build; safe to delete with the folder\n"

// Folder is an output folder held by this process: its lock is taken from
// Open to Close, so no other build or preview server writes it meanwhile.
type Folder struct {
	final string // the published folder, absolute
	shown string // the folder as the user named it, for messages
	state string // the hidden folder beside final
	spare string // the workspace, inside state
	lock  *flock.Flock
}

// Open takes the lock of the output folder dir, repairs what an interrupted
// build left behind and checks that dir may be replaced. When another
// process holds the lock, the error wraps ErrBusy and names that process.
func Open(dir string) (*Folder, error) {
	final, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	parent, base := filepath.Split(final)
	if base == "" || final == filepath.Dir(final) {
		return nil, fmt.Errorf("output folder %s: refusing to use a file system root", dir)
	}
	f := &Folder{final: final, shown: dir, state: filepath.Join(parent, "."+base+".timeline")}
	f.spare = filepath.Join(f.state, "spare")
	if err := os.MkdirAll(f.state, 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	if err := f.takeLock(); err != nil {
		return nil, err
	}
	if err := f.recover(); err != nil {
		f.Close()
		return nil, err
	}
	if err := checkReplaceable(final, dir); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// takeLock takes the folder's lock without waiting, and writes this
// process's id and command into the lock file so that a second process can
// say who holds it.
func (f *Folder) takeLock() error {
	info, err := os.Lstat(f.state)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", f.shown, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("output folder %s: %s is not a folder; remove it and build again", f.shown, f.state)
	}
	path := filepath.Join(f.state, "lock")
	if info, err := os.Lstat(path); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("output folder %s: %s is not a regular file; remove it and build again", f.shown, path)
	}
	f.lock = flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR))
	ok, err := f.lock.TryLock()
	if err != nil {
		return fmt.Errorf("output folder %s: lock %s: %w", f.shown, path, err)
	}
	if !ok {
		holder, _ := os.ReadFile(path)
		who := strings.TrimSpace(string(holder))
		if who == "" {
			who = "a process that did not say who it is"
		}
		return fmt.Errorf("output folder %s is %w (%s); wait for it to finish or stop it, or build into another folder with -out", f.shown, ErrBusy, sanitize(who))
	}
	cmd := strings.Join(os.Args, " ")
	if len(cmd) > 200 {
		cmd = cmd[:200] + "…"
	}
	// The lock is on the file, not its bytes: rewriting them is safe.
	return os.WriteFile(path, []byte("pid "+strconv.Itoa(os.Getpid())+": "+cmd+"\n"), 0o644)
}

// sanitize keeps control characters of a lock file out of a terminal.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}

// Close releases the folder's lock.
func (f *Folder) Close() error {
	if f.lock == nil {
		return nil
	}
	return f.lock.Close()
}

// recover puts back an output folder that a build killed mid-swap left
// aside, and removes the temporary folders of earlier versions of this
// package, when they carry the marker.
func (f *Folder) recover() error {
	old := filepath.Join(f.state, "old")
	if isOurs(old) {
		if _, err := os.Lstat(f.final); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(old, f.final); err != nil {
				return fmt.Errorf("restore %s from %s: %w", f.final, old, err)
			}
		} else if _, err := os.Lstat(f.spare); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(old, f.spare); err != nil {
				return fmt.Errorf("keep %s as the next workspace: %w", old, err)
			}
		} else if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove leftover %s: %w", old, err)
		}
	}
	parent, base := filepath.Split(f.final)
	leftovers, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	olds, _ := filepath.Glob(filepath.Join(parent, "."+base+".old-*"))
	for _, p := range append(leftovers, olds...) {
		if !isOurs(p) {
			continue // not ours to remove
		}
		if _, err := os.Lstat(f.final); errors.Is(err, fs.ErrNotExist) && strings.Contains(filepath.Base(p), ".old-") {
			if err := os.Rename(p, f.final); err != nil {
				return fmt.Errorf("restore %s from %s: %w", f.final, p, err)
			}
			continue
		}
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
