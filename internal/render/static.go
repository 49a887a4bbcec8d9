package render

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"timeline/internal/content"
	"timeline/internal/sitefs"
)

// staticTypes are the kinds of file that static/ may publish, by extension:
// the theme's stylesheets and scripts, images, fonts, icons and text. SVG
// and HTML are left out on purpose: opened at their own address, they run
// script on the site's origin, and GitHub Pages cannot send the header
// that would stop it.
var staticTypes = map[string]bool{
	".css": true, ".js": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".ico": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true,
	".txt": true,
}

// activeTypes are refused with their own explanation.
var activeTypes = map[string]bool{
	".svg": true, ".svgz": true, ".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".xml": true, ".xsl": true, ".xslt": true,
	".mht": true, ".mhtml": true, ".shtml": true, ".swf": true, ".pdf": true,
}

// CheckStatic reports every file of static/ that would not be published:
// links, files that are not regular, names that do not follow the rules of
// content file names, and types other than staticTypes. Hidden files and
// folders (".git", ".DS_Store") are left out of the site, as in content/.
func CheckStatic(fsys fs.FS) content.Problems {
	var ps content.Problems
	walkStatic(sitefs.New(fsys), func(p string, d fs.DirEntry) { checkStaticFile(p, d, &ps) }, &ps)
	ps.Sort()
	return ps
}

// walkStatic calls fn for each file of static/ that is not hidden, and
// records what cannot be read.
func walkStatic(fsys fs.FS, fn func(p string, d fs.DirEntry), ps *content.Problems) {
	fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != StaticDir || !errors.Is(err, fs.ErrNotExist) {
				ps.Add(p, 0, "", "cannot read: %v", unwrapPathError(err))
			}
			return nil
		}
		if p != StaticDir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != StaticDir {
			fn(p, d)
		}
		return nil
	})
}

func checkStaticFile(p string, d fs.DirEntry, ps *content.Problems) {
	switch {
	case d.Type()&fs.ModeSymlink != 0:
		ps.Add(p, 0, "", "symbolic links are not allowed in %s/; put the file itself there", StaticDir)
		return
	case d.IsDir():
		content.CheckSlug(p, d.Name(), ps)
		return
	case !d.Type().IsRegular():
		ps.Add(p, 0, "", "not a regular file; remove it")
		return
	}
	ext := path.Ext(d.Name())
	switch {
	case activeTypes[strings.ToLower(ext)]:
		ps.Add(p, 0, "", "%s files are not published from %s/: opened at their own address they can run script on the site; use a PNG, JPEG or WebP image, or put the content in a page", strings.ToUpper(strings.TrimPrefix(ext, ".")), StaticDir)
	case !staticTypes[ext]:
		ps.Add(p, 0, "", "only stylesheets (.css), scripts (.js), images (.png, .jpg, .jpeg, .gif, .webp, .avif, .ico), fonts (.woff, .woff2, .ttf, .otf) and text (.txt) are published from %s/, with lower-case extensions; remove it or convert it", StaticDir)
	default:
		content.CheckSlug(p, strings.TrimSuffix(d.Name(), ext), ps)
	}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
