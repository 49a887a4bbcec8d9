package content

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// isEditorTemp reports the temporary and backup files that editors leave
// beside the file being saved (vim's 4913, "name~", "#name#", "name.swp",
// "name.tmp"...). They are skipped, so that a preview rebuilt mid-save does
// not stumble on them; they still should not be committed.
func isEditorTemp(name string) bool {
	if name == "4913" || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") {
		return true
	}
	switch path.Ext(name) {
	case ".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".crdownload":
		return true
	}
	return false
}

type contentFile struct {
	path  string
	data  []byte // nil when the cache already holds this version
	stamp stamp  // the file's version, or the zero stamp when unknown
}

// markdownFiles reads every .md file at the top of dir, in lexical order
// (see listMarkdown). A file in a folder below is a problem: its name is
// its id, so it would silently replace the file of the same name.
func markdownFiles(fsys fs.FS, dir string, ps *Problems) []contentFile {
	files := listMarkdown(fsys, dir, ps, nil, nil)
	out := files[:0]
	for _, f := range files {
		if path.Dir(f.path) != dir {
			ps.Add(f.path, 0, "", "files of %s/ live at its top, not in a folder below; move it to %s/%s or remove it", dir, dir, path.Base(f.path))
			continue
		}
		if data, ok := readContentFile(fsys, f.path, ps); ok {
			f.data = data
			out = append(out, f)
		}
	}
	return out
}

func readContentFile(fsys fs.FS, p string, ps *Problems) ([]byte, bool) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		ps.Add(p, 0, "", "cannot read: %v", unwrapPathError(err))
		return nil, false
	}
	return data, true
}

// listMarkdown lists every .md file under dir, in lexical order, without
// reading them; with a cache, each carries its size and modification time
// (the cached ones for files that Cache.Trust lets it take as unchanged,
// or those seen gives).
// Other files are problems, except hidden files, README.md and editors'
// temporary files; symbolic links are refused so that content cannot pull in
// files from outside the site.
func listMarkdown(fsys fs.FS, dir string, ps *Problems, cache *Cache, seen tree) []contentFile {
	var out []contentFile
	err := fs.WalkDir(fsys, dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			ps.Add(p, 0, "", "cannot read: %v", unwrapPathError(err))
			return nil
		}
		name := de.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if de.Type()&fs.ModeSymlink != 0 {
			ps.Add(p, 0, "", "symbolic links are not allowed in %s/; put the file itself here", Dir)
			return nil
		}
		if de.IsDir() {
			return nil
		}
		if !de.Type().IsRegular() {
			ps.Add(p, 0, "", "not a regular file; remove it")
			return nil
		}
		if name == "README.md" || isEditorTemp(name) {
			return nil
		}
		if !strings.HasSuffix(name, ".md") {
			ps.Add(p, 0, "", "only Markdown files (.md) belong in %s/; rename or remove it", dir)
			return nil
		}
		f := contentFile{path: p}
		if stamp, ok := cache.trusted(p); ok {
			f.stamp = stamp
		} else if info, ok := seen[p]; ok && cache != nil {
			f.stamp = fileStamp(info)
		} else if cache != nil {
			if info, err := de.Info(); err == nil {
				f.stamp = fileStamp(info)
			}
		}
		out = append(out, f)
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		ps.Add(dir, 0, "", "cannot read: %v", err)
	}
	return out
}

// readDataFile parses a YAML data file (not front matter) into a document.
func readDataFile(fsys fs.FS, p string, ps *Problems) *document {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		ps.Add(p, 0, "", "cannot read: %v; every site needs this file", unwrapPathError(err))
		return nil
	}
	if !isText(p, data, ps) {
		return nil
	}
	var root yaml.Node
	if err := unmarshalYAML(data, &root); err != nil {
		sp := diagnoseSyntax(data, 1, err)
		*ps = append(*ps, Problem{Path: p, Line: sp.line, Column: sp.col, Msg: sp.msg, Excerpt: sp.excerpt})
		return nil
	}
	n := &root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	doc := &document{path: p, root: n, openLine: 1}
	if !checkTree(doc, n, ps) {
		return nil
	}
	return doc
}

func isText(p string, data []byte, ps *Problems) bool {
	var tmp Problems
	// Reuse the entry checks for encoding and size; a data file has no
	// front matter, so only those problems apply.
	if len(data) > MaxFileSize || firstInvalidUTF8Line(data) > 0 {
		splitDocument(p, data, &tmp)
		*ps = append(*ps, tmp...)
		return false
	}
	return true
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
