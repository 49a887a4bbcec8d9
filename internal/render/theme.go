package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"

	"timeline/internal/content"
	"timeline/internal/site"
	"timeline/internal/sitefs"
	"timeline/internal/slug"
)

// Theme is the parsed set of templates.
type Theme struct {
	pages map[string]*template.Template // "entry.html" -> base + partials + that page
	// minifier, when not nil, minified the templates' text as they were
	// parsed, and minifies the static files; pages are then minified as
	// they are made, at no cost per page.
	minifier *minify.M
	textMin  *minify.M // minifies the templates' text
}

// LoadTheme parses every template in templates/. base.html and the partials
// (files starting with "_") are shared; every other file is a page template
// named by its file name. Errors name the file, line and column.
//
// With minify, each template's text is minified before it is parsed, its
// actions kept as they are (see minifyTemplate), so every page comes out
// minified without minifying any page.
func LoadTheme(fsys fs.FS, minify bool) (*Theme, error) {
	fsys = sitefs.New(fsys)
	if _, err := fs.ReadDir(fsys, TemplatesDir); err != nil { // Glob passes over errors
		return nil, err
	}
	names, err := fs.Glob(fsys, TemplatesDir+"/*.html")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	t := &Theme{pages: make(map[string]*template.Template)}
	if minify {
		// Check the templates as written, so that the lines of problems
		// are the files' lines (minified text runs lines together).
		if _, err := LoadTheme(fsys, false); err != nil {
			return nil, err
		}
		t.minifier, t.textMin = newMinifier(), templateMinifier()
	}
	root := template.New("").Funcs(funcs())
	var pages []string
	for _, n := range names {
		base := path.Base(n)
		if base != "base.html" && !strings.HasPrefix(base, "_") {
			pages = append(pages, n)
			continue
		}
		if err := t.parseFile(fsys, root, n); err != nil {
			return nil, err
		}
	}
	for _, n := range pages {
		clone, err := root.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone templates for %s: %w", n, err)
		}
		if err := t.parseFile(fsys, clone, n); err != nil {
			return nil, err
		}
		if t.textMin == nil {
			if err := checkTemplates(clone); err != nil {
				return nil, err
			}
		}
		t.pages[path.Base(n)] = clone.Lookup(n)
	}
	return t, nil
}

func (t *Theme) parseFile(fsys fs.FS, into *template.Template, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read template: %w", err)
	}
	// A template that does not parse is reported on its own text, so that
	// the error's line is the line in the file.
	if _, err := template.New(name).Funcs(funcs()).Parse(string(b)); err != nil {
		return err // already "template: templates/x.html:3: ..."
	}
	if t.textMin != nil {
		if b, err = minifyTemplate(t.textMin, b); err != nil {
			return fmt.Errorf("%s: minify: %w", name, err)
		}
	}
	if _, err := into.New(name).Parse(string(b)); err != nil {
		return err
	}
	return nil
}

// Needs returns the page templates the site needs that the theme lacks.
func (t *Theme) Needs(pages []*site.Page) []string {
	var missing []string
	for _, p := range pages {
		if _, ok := t.pages[p.Template]; !ok && !slices.Contains(missing, p.Template) {
			missing = append(missing, p.Template)
		}
	}
	return missing
}

func funcs() template.FuncMap {
	f := sprigFuncs()
	f["plural"] = func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	f["figureLabel"] = func(key string) string { return content.FigureLabels[key] }
	f["slug"] = slug.Make
	return f
}
