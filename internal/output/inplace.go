package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

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

// InPlace returns a writer into the published folder, which must have been
// made by this generator. The folder's manifest is dropped: once files are
// changed in place, the next build that reuses the folder writes it whole.
func (f *Folder) InPlace() (*InPlace, error) {
	if !isOurs(f.final) {
		return nil, fmt.Errorf("output folder %s was %w (no %s file)", f.shown, ErrForeign, Marker)
	}
	if p, ok := f.manifestPath(f.final); ok {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("output folder %s: %w", f.shown, err)
		}
	}
	return &InPlace{dir: f.final, Written: make(map[string]bool)}, nil
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
