package content

import (
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"timeline/internal/markdown"
	"timeline/internal/sitefs"
)

// ReloadEntries reads again the entry files at paths (slash-separated,
// relative to the site folder) of a site that Load returned, for a preview
// server that knows which files changed since (see Cache.Trust). It returns
// the new version of each, parsed and checked as Load would, with the
// problems Load would find in them; editors' temporary files in paths are
// passed over. ok is false, and nothing is read, when a path is anything
// else than an entry of prev that is still a regular file: a new, deleted
// or renamed file, a folder, or a file outside content/entries/. Only Load
// can tell what the site is then.
func ReloadEntries(fsys fs.FS, prev *Site, paths []string, opts Options) (fresh []*Entry, ps Problems, ok bool) {
	fsys = sitefs.New(fsys)
	type change struct {
		file contentFile
		old  *Entry
	}
	var changes []change
	for _, p := range slices.Compact(slices.Sorted(slices.Values(paths))) {
		name := path.Base(p)
		if isEditorTemp(name) || strings.HasPrefix(name, ".") && strings.HasPrefix(p, EntriesDir+"/") {
			continue
		}
		i := slices.IndexFunc(prev.Entries, func(e *Entry) bool { return e.Path == p })
		if i < 0 {
			return nil, nil, false
		}
		info, err := fs.Lstat(fsys, p)
		if err != nil || !info.Mode().IsRegular() {
			return nil, nil, false
		}
		changes = append(changes, change{contentFile{path: p, stamp: fileStamp(info)}, prev.Entries[i]})
	}
	operations := make(map[string]*Operation, len(prev.Operations))
	for _, o := range prev.Operations {
		operations[o.ID] = o
	}
	ctx := &entryContext{fsys: fsys, key: contextKey(fsys, operations), provinces: prev.Provinces, operations: operations, md: markdown.New(), cache: opts.Cache}
	for _, c := range changes {
		year, _ := strconv.Atoi(path.Base(path.Dir(c.file.path)))
		e, eps := ctx.load(c.file, c.old.Slug, year)
		if c.old.Draft || e != nil && e.Draft {
			return nil, nil, false // a draft's problems depend on Options; Load sorts them
		}
		ps = append(ps, eps...)
		if e != nil {
			fresh = append(fresh, e)
		}
	}
	ps.Sort()
	return fresh, ps, true
}
