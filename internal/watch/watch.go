// Package watch watches the folders of a site that a build reads
// (content/, templates/ and static/) for "timeline serve" and "timeline
// check -watch": every folder below them, except hidden ones, and the new
// folders that appear while it runs.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// Inputs are the folders of a site, relative to it, whose changes make a
// new build.
var Inputs = []string{"content", "templates", "static"}

// Site returns a watcher of the Inputs of the site in src. A folder that
// does not exist is passed over.
func Site(src string) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	for _, dir := range Inputs {
		if err := Tree(w, filepath.Join(src, dir)); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

// Tree adds dir and every folder under it, except hidden ones, to w; call
// it for a folder that a Create event names.
func Tree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			return fs.SkipDir
		}
		if err := w.Add(p); err != nil {
			return fmt.Errorf("watch %s: %w", p, err)
		}
		return nil
	})
}
