// Package render turns the planned pages into files: it parses the theme's
// templates once (html/template with sprig's hermetic functions and a few of
// our own), executes one template per page (bodies come rendered from the
// content package), and copies static files. Where the files go is the
// caller's [Writer].
package render

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"

	"timeline/internal/content"
	"timeline/internal/geo"
	"timeline/internal/memo"
	"timeline/internal/parallel"
	"timeline/internal/site"
	"timeline/internal/sitefs"
)

// maxPooledBuffer is the largest buffer kept for reuse: the data files of a
// large site (megabytes each) would otherwise stay in memory for the rest of
// the build, as the capacity of buffers that hold 10 KB pages.
const maxPooledBuffer = 1 << 20

// fileWriters is how many goroutines write output files at once.
const fileWriters = 4

// Folders of the site that hold the theme, relative to the site folder.
const (
	TemplatesDir = "templates"
	StaticDir    = "static"
)

// SearchIndexFile is the output name of the search index of every entry.
// Its name stays the same when entries change, so that the timeline's
// pages, which link to it, change only with their own entries; browsers
// check it for a newer version as they do every page.
const SearchIndexFile = "data/search.json"

// Writer receives the output files. Names are slash-separated and relative
// to the output root. Pages are rendered in parallel, so WriteFile is called
// from several goroutines at once, and data is only valid until it returns.
type Writer interface {
	WriteFile(name string, data []byte) error
}

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
	f["slug"] = geo.Slugify
	return f
}

// Options change how pages are written.
type Options struct {
	Only func(*site.Page) bool // when not nil, render only the pages it accepts
	// Assets, when not nil, are the output names of the static files that
	// an earlier Render (with the same NoMinify) returned, for a rebuild
	// that knows static/ has not changed since: they are not written again.
	Assets Assets
	// SamePlan says that the site has the pages it had when the output was
	// last written whole, under the same base URL: the files that only
	// list the pages (sitemap.xml, robots.txt) are not written again.
	SamePlan bool
	// Context, when not nil, stops the rendering of further pages once it
	// is done; Render then returns its error.
	Context context.Context
	// PageTimeout replaces the default PageTimeout when not zero.
	PageTimeout time.Duration
	// Memo, when not nil, keeps the fragments made from one entry (cards,
	// data rows) or from the layout (shared parts) from one Render to the
	// next, for a preview server; it must be begun (see memo.Memo.Begin)
	// with the layout the site is rendered in.
	Memo *memo.Memo
}

// Assets maps the names of the files of static/ ("style.css") to their
// output paths, which are fingerprinted ("static/style.0123456789.css").
type Assets map[string]string

// Render writes the static files, every page, the feeds and the data files
// to w. It returns the output names of the static files.
func Render(s *site.Site, t *Theme, fsys fs.FS, w Writer, opts Options) (Assets, error) {
	fsys = sitefs.New(fsys)
	if missing := t.Needs(s.Pages); len(missing) > 0 {
		return nil, fmt.Errorf("%s: missing page templates: %s", TemplatesDir, strings.Join(missing, ", "))
	}
	assets := opts.Assets
	if assets == nil {
		var err error
		if assets, err = copyStatic(fsys, t.minifier, w); err != nil {
			return nil, err
		}
	}
	index, err := s.SearchIndex()
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if err := w.WriteFile(SearchIndexFile, index); err != nil {
		return nil, err
	}
	var pages []*site.Page
	for _, p := range s.Pages {
		if opts.Only == nil || opts.Only(p) {
			pages = append(pages, p)
		}
	}
	// Work is handed out in this order: the costly pages (the compare
	// page), the feeds and data files (at 10,000 entries they take as long
	// as a few hundred pages), then the other pages; so the last piece to
	// finish is a small one, not a large one started late.
	slices.SortStableFunc(pages, func(a, b *site.Page) int {
		switch {
		case a.Costly() == b.Costly():
			return 0
		case a.Costly():
			return -1
		}
		return 1
	})
	first := 0 // costly pages
	for first < len(pages) && pages[first].Costly() {
		first++
	}
	// Entry cards and the shared parts of the layout are made once per
	// build, or once across builds when the site brings a memo.
	fragments := opts.Memo
	if fragments == nil {
		fragments = memo.New()
	}
	// Pages are independent: render them on every core. What they share
	// (the site, the theme, the assets) is only read; the memo has its own
	// lock. A few goroutines write the files, in the order they are done:
	// on a disk, creating files and folders waits on the file system, and
	// several writers keep it busy while the renderers go on. Buffers go
	// round from the renderers to the writers and back.
	buffers := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	done := make(chan renderedPage, 2*runtime.GOMAXPROCS(0))
	var writeErr error
	var writeMu sync.Mutex
	var writers sync.WaitGroup
	var abandoned atomic.Bool // set when a page ran out of time
	for range fileWriters {
		writers.Go(func() {
			for p := range done {
				writeMu.Lock()
				failed := writeErr != nil
				writeMu.Unlock()
				if !failed && !abandoned.Load() {
					if err := w.WriteFile(p.file, p.data.Bytes()); err != nil {
						writeMu.Lock()
						writeErr = cmp.Or(writeErr, err)
						writeMu.Unlock()
					}
				}
				if p.data.Cap() <= maxPooledBuffer {
					buffers.Put(p.data)
				}
			}
		})
	}
	var data []dataFile
	for _, f := range []dataFile{
		{"feed.xml", s.Atom, false},
		{"feed.json", s.JSONFeed, false},
		{"corrections.xml", s.CorrectionsAtom, false},
		{"sitemap.xml", s.Sitemap, true},
		{"robots.txt", func() ([]byte, error) { return s.Robots(), nil }, true},
		{"data/entries.json", func() ([]byte, error) { return s.EntriesJSON(fragments) }, false},
		{"data/entries.csv", func() ([]byte, error) { return s.EntriesCSV(fragments) }, false},
		{"data/operations.json", s.OperationsJSON, false},
		{"data/tallies.csv", s.TalliesCSV, false},
		{"data/sources.csv", s.SourcesCSV, false},
		{"data/sources.json", s.SourcesJSON, false},
	} {
		if !f.planOnly || !opts.SamePlan {
			data = append(data, f)
		}
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	timeouts := make(chan error, 1)
	limit := cmp.Or(opts.PageTimeout, PageTimeout)
	renderPage := func(p *site.Page) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		buf := buffers.Get().(*bytes.Buffer)
		buf.Reset()
		v := &View{Site: s, Page: p, root: relativeRoot(p.File), assets: assets, tmpl: t.pages[p.Template], memo: fragments}
		if p.Template == "404.html" {
			// Served at any missing address, so its links must not be relative.
			v.root = s.BasePath
		}
		if err := t.pages[p.Template].Execute(buf, v); err != nil {
			buffers.Put(buf)
			return fmt.Errorf("render /%s: %w", p.URL, err)
		}
		done <- renderedPage{p.File, buf}
		return nil
	}
	makeData := func(d dataFile) error {
		b, err := d.make()
		if err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
		done <- renderedPage{d.name, bytes.NewBuffer(b)}
		return nil
	}
	timedPage := func(p *site.Page) error {
		stop := watch(timeouts, p, limit)
		defer stop()
		return renderPage(p)
	}
	type outcome struct {
		err   error
		crash any // a panic, passed on to the caller's goroutine
	}
	finished := make(chan outcome, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				finished <- outcome{crash: v}
			}
		}()
		err := parallel.ForErr(len(data)+len(pages), func(i int) error {
			switch {
			case i < first:
				return timedPage(pages[i])
			case i < first+len(data):
				return makeData(data[i-first])
			}
			return timedPage(pages[i-len(data)])
		})
		close(done)
		writers.Wait()
		finished <- outcome{err: cmp.Or(err, writeErr)}
	}()
	select {
	case o := <-finished:
		if o.crash != nil {
			panic(o.crash)
		}
		if o.err != nil {
			return nil, o.err
		}
		return assets, nil
	case err := <-timeouts:
		// The page's goroutine cannot be stopped: it is left to run, and
		// nothing more is written.
		abandoned.Store(true)
		return nil, err
	}
}

// watch starts the clock on rendering p: past limit, an error naming
// its template goes to timeouts. The returned func stops the clock.
func watch(timeouts chan<- error, p *site.Page, limit time.Duration) (stop func()) {
	t := time.AfterFunc(limit, func() {
		select {
		case timeouts <- fmt.Errorf("%s/%s: rendering /%s took more than %s; a loop (range) in this template or one it uses runs too long", TemplatesDir, p.Template, p.URL, limit):
		default:
		}
	})
	return func() { t.Stop() }
}

// dataFile is a file of the output that is not a page.
type dataFile struct {
	name     string
	make     func() ([]byte, error)
	planOnly bool // it lists only the pages, so it changes only with the plan
}

// relativeRoot returns the path from an output file's folder back to the
// site root: "" for "index.html", "../../" for "entries/x/index.html".
func relativeRoot(file string) string {
	return strings.Repeat("../", strings.Count(file, "/"))
}

// View is what a template sees as ".": the site, the page, and helpers that
// need to know where the page is.
type View struct {
	Site   *site.Site
	Page   *site.Page
	root   string
	assets Assets
	tmpl   *template.Template
	memo   *memo.Memo
	depth  int // of calls to Cached and Card inside each other
}

// nested returns a copy of v for a template that Cached or Card runs, or
// an error past MaxNesting: a template that includes itself that way would
// otherwise recurse until the stack overflows.
func (v *View) nested() (*View, error) {
	if v.depth >= MaxNesting {
		return nil, fmt.Errorf("Cached and Card are nested more than %d deep; a template may not include itself", MaxNesting)
	}
	inner := *v
	inner.depth++
	return &inner, nil
}

// SearchIndex returns a link to the search index of every entry, which the
// timeline's filters load when the timeline has more than one page.
func (v *View) SearchIndex() string { return v.Link(SearchIndexFile) }

// renderedPage is a page ready to be written.
type renderedPage struct {
	file string
	data *bytes.Buffer // from the build's pool; returned there once written
}

// Cached renders the template name with this view once per build and page
// depth, and gives every later page of that depth the same bytes, like
// Hugo's partialCached. It is for the parts of the layout that thousands of
// pages share (the site's header and footer links), so the template must
// not depend on anything of the page but its depth.
func (v *View) Cached(name string) (template.HTML, error) {
	inner, err := v.nested()
	if err != nil {
		return "", err
	}
	c, err := v.memo.Get(memo.Key{Kind: "part", Name: name, Version: v.root}, func() (string, error) {
		var buf bytes.Buffer
		err := v.tmpl.ExecuteTemplate(&buf, name, inner)
		return buf.String(), err
	})
	return template.HTML(c), err // #nosec: produced by html/template
}

// Asset returns a link to a file of static/ by its name there
// ("style.css"), under its fingerprinted output name.
func (v *View) Asset(name string) (string, error) {
	out, ok := v.assets[name]
	if !ok {
		return "", fmt.Errorf("no file %s/%s", StaticDir, name)
	}
	return v.Link(out), nil
}

// Link returns a link from this page to a site-relative URL.
func (v *View) Link(u string) string {
	if l := v.root + u; l != "" {
		return l
	}
	return "./"
}

// Abs returns the absolute URL of a site-relative URL, for canonical links,
// feeds and link previews.
func (v *View) Abs(u string) string { return v.Site.Abs(u) }

// EntryURL returns the site-relative URL of an entry's page, for use with
// Link (as do OperationURL, ProvinceURL, TagURL and KindURL).
func (v *View) EntryURL(e *content.Entry) string { return site.EntryURL(e) }

// OperationURL returns the URL of the operation with the given id.
func (v *View) OperationURL(id string) string { return site.OperationURL(id) }

// ProvinceURL returns the URL of the province with the given official name.
func (v *View) ProvinceURL(name string) string {
	p, _ := v.Site.Content.Provinces.Lookup(name)
	return site.ProvinceURL(p)
}

// TagURL returns the URL of a tag's page.
func (v *View) TagURL(tag string) string { return site.TagURL(tag) }

// KindURL returns the URL of a kind's page.
func (v *View) KindURL(kind string) string { return site.KindURL(kind) }

// OGType is the Open Graph type of the page.
func (v *View) OGType() string {
	if v.Page.Entry != nil {
		return "article"
	}
	return "website"
}

// Operation returns the operation with the given id.
func (v *View) Operation(id string) *site.OperationGroup {
	for _, g := range v.Site.OperationGroups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// EditURL links to the page's source file in the repository's web editor,
// or returns "" when there is no repository or no single source file.
func (v *View) EditURL() string {
	st := v.Site.Content.Settings
	if st.Repository == "" || v.Page.SourcePath == "" {
		return ""
	}
	return st.Repository + "/edit/" + st.Branch + "/" + v.Page.SourcePath
}

// CorrectionURL opens a new issue about this page in the repository, or
// returns "" when there is no repository.
func (v *View) CorrectionURL() string {
	st := v.Site.Content.Settings
	if st.Repository == "" {
		return ""
	}
	title := "Correction: " + v.Page.Title
	body := "Page: " + v.Abs(v.Page.URL) + "\n\nWhat is wrong, and the source that shows it:\n"
	return st.Repository + "/issues/new?title=" + url.QueryEscape(title) + "&body=" + url.QueryEscape(body)
}
