// Package render turns the planned pages into files: it parses the theme's
// templates once (html/template with sprig's hermetic functions and a few of
// our own), executes one template per page (bodies come rendered from the
// content package), and copies static files. Where the files go is the
// caller's [Writer].
//
// # Templates
//
// templates/base.html and the partials (files starting with "_") are shared;
// every other file is a page template, named by the Template of the pages
// that use it (site.Page.Template: "entry.html", "home.html"...). Each page
// is rendered by executing its page template with a [View] as ".":
//
//   - .Page is the site.Page: its URL, title, description, paging, and the
//     one thing it is about (Entry, Operation, Province, Tag, Kind, Timeline,
//     Free, Sources, or the comparison through .Page.Comparison);
//   - .Site is the site.Site: settings, entries, operations and the indexes
//     (OperationGroups, ProvinceGroups, TagGroups, KindGroups, SourceGroups);
//   - View's methods make links relative to the page (Link, Asset, EntryURL
//     and the like), absolute ones for feeds and previews (Abs), and render
//     shared fragments once (Card, Cached).
//
// Links are relative, so the site works under any sub-path and from a
// folder on disk; a template must build every link with Link or Asset.
//
// # What the incremental builder assumes
//
// The preview server renders only the pages whose inputs changed. What a
// page is made from is declared in one place, site.Site.Inputs: the entries
// it shows whole, what it shows of every entry (a site.View), and the other
// facts of the site it shows. A template may show of the site only:
//
//   - the layout: the templates, static files, settings, operations and free
//     pages, which every page may show (a change to any re-renders all);
//   - anything of the entries its Inputs name, and of its own page;
//   - for a timeline page, the counts and filter choices of the whole site;
//   - for a page that shows a view of every entry, that view's fields only
//     (site.ComparedEntries for the comparison and the overview,
//     site.CitedEntries for the sources pages).
//
// A template that reads more (the summary of every entry on the compare
// page, say) must have its page's Inputs say so, or the preview server will
// show it stale; TestIncrementalMatchesFreshBuild in internal/build edits
// every field and compares the result with a fresh build to catch this.
//
// Card and Cached fragments are kept in a memo.Memo across builds: a card
// may show only its entry (it is keyed by the entry's file and bytes), and
// a Cached part only the layout and the page's depth.
package render

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"timeline/internal/memo"
	"timeline/internal/parallel"
	"timeline/internal/site"
	"timeline/internal/sitefs"
)

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
	// SameSources says that, in addition, the sources index of the site
	// (its SourceGroups) is the one the output was last written with: the
	// data files of the sources are not written again.
	SameSources bool
	// Unchanged, when not nil, reports whether the output already holds
	// the data file of this name as it would be made now (from the same
	// DataInputs under the same layout); such a file is not made again.
	Unchanged func(name string) bool
	// Context, when not nil, stops the rendering of further pages once it
	// is done; Render then returns its error.
	Context context.Context
	// PageTimeout replaces the default PageTimeout when not zero.
	PageTimeout time.Duration
	// Memo, when not nil, keeps the fragments made from one entry (cards,
	// data rows) or from the layout (shared parts) from one Render to the
	// next, for a preview server or, spilled to a file, for the next build;
	// it must be begun (see memo.Memo.Begin) with the layout the site is
	// rendered in.
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
	index, err := s.SearchIndex(opts.Memo)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if err := w.WriteFile(SearchIndexFile, index); err != nil {
		return nil, err
	}
	j := &job{site: s, theme: t, assets: assets, fragments: opts.Memo, ctx: opts.Context,
		limit: cmp.Or(opts.PageTimeout, PageTimeout), timeouts: make(chan error, 1)}
	if j.fragments == nil {
		j.fragments = memo.New()
	}
	if j.ctx == nil {
		j.ctx = context.Background()
	}
	if err := j.run(selectPages(s.Pages, opts.Only), dataFiles(s, opts.Memo, opts), w); err != nil {
		return nil, err
	}
	return assets, nil
}

// selectPages returns the pages that only accepts (all when it is nil) in
// the order their work is handed out: the costly pages (the compare page)
// first, then the rest; see job.run for where the data files go.
func selectPages(all []*site.Page, only func(*site.Page) bool) []*site.Page {
	var pages []*site.Page
	for _, p := range all {
		if only == nil || only(p) {
			pages = append(pages, p)
		}
	}
	slices.SortStableFunc(pages, func(a, b *site.Page) int {
		switch {
		case a.Costly() == b.Costly():
			return 0
		case a.Costly():
			return -1
		}
		return 1
	})
	return pages
}

// dataFiles returns the files of the output that are not pages, leaving out
// those that opts say cannot have changed. Their rows are kept in fragments
// only when it is a memo kept across builds (nil otherwise): within one
// build each row is used once, and keeping 10,000 of them costs memory.
func dataFiles(s *site.Site, fragments *memo.Memo, opts Options) []dataFile {
	var data []dataFile
	for _, f := range allDataFiles(s, fragments) {
		switch {
		case f.only == planOnly && opts.SamePlan:
		case f.only == sourcesOnly && opts.SamePlan && opts.SameSources:
		case opts.Unchanged != nil && opts.Unchanged(f.name):
		default:
			data = append(data, f)
		}
	}
	return data
}

// allDataFiles returns every file of the output that is not a page.
func allDataFiles(s *site.Site, fragments *memo.Memo) []dataFile {
	return []dataFile{
		{"feed.xml", s.Atom, anyInput},
		{"feed.json", s.JSONFeed, anyInput},
		{"corrections.xml", s.CorrectionsAtom, anyInput},
		{"sitemap.xml", s.Sitemap, planOnly},
		{"robots.txt", func() ([]byte, error) { return s.Robots(), nil }, planOnly},
		{"data/entries.json", func() ([]byte, error) { return s.EntriesJSON(fragments) }, anyInput},
		{"data/entries.csv", func() ([]byte, error) { return s.EntriesCSV(fragments) }, anyInput},
		{"data/operations.json", s.OperationsJSON, anyInput},
		{"data/tallies.csv", s.TalliesCSV, anyInput},
		{"data/sources.csv", s.SourcesCSV, sourcesOnly},
		{"data/sources.json", s.SourcesJSON, sourcesOnly},
	}
}

// DataInputs returns, by output name, what each file of the output that
// is not a page is made from besides the layout (see site.Inputs): the
// plan for the files that list the pages, the sources index (the cited
// view of every entry) for the data files of the sources, every entry
// whole for the rest. From these an incremental build tells which data
// files it can keep (see Options.Unchanged).
func DataInputs(s *site.Site) map[string]site.Inputs {
	inputs := make(map[string]site.Inputs)
	var plan []byte
	for _, f := range allDataFiles(s, nil) {
		in := site.Inputs{Facts: []byte(f.name + "\x00")}
		switch f.only {
		case planOnly:
			if plan == nil {
				plan = s.Plan()
			}
			in.Facts = append(in.Facts, plan...)
		case sourcesOnly:
			in.Every = site.CitedEntries
		default:
			in.Every = site.WholeEntries
		}
		inputs[f.name] = in
	}
	return inputs
}

// job is one Render's work: what every page reads (the site, the theme,
// the assets, the memo of fragments), and how long a page may take.
type job struct {
	site      *site.Site
	theme     *Theme
	assets    Assets
	fragments *memo.Memo
	ctx       context.Context
	limit     time.Duration // per page
	timeouts  chan error    // the first page that ran out of time
	files     *fileWriter
}

// run renders pages and makes the data files on every core, and has them
// written to w. Pages are independent: what they share is only read, and
// the memo has its own lock. Work is handed out in this order: the costly
// pages, the feeds and data files (at 10,000 entries they take as long as a
// few hundred pages), then the other pages; so the last piece to finish is
// a small one, not a large one started late.
func (j *job) run(pages []*site.Page, data []dataFile, w Writer) error {
	costly := 0
	for costly < len(pages) && pages[costly].Costly() {
		costly++
	}
	j.files = startWriters(w)
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
			case i < costly:
				return j.timedPage(pages[i])
			case i < costly+len(data):
				return j.makeData(data[i-costly])
			}
			return j.timedPage(pages[i-len(data)])
		})
		finished <- outcome{err: cmp.Or(err, j.files.close())}
	}()
	select {
	case o := <-finished:
		if o.crash != nil {
			panic(o.crash)
		}
		return o.err
	case err := <-j.timeouts:
		// The page's goroutine cannot be stopped: it is left to run, and
		// nothing more is written.
		j.files.abandon()
		return err
	}
}

// timedPage renders p against the clock (see watch).
func (j *job) timedPage(p *site.Page) error {
	stop := watch(j.timeouts, p, j.limit)
	defer stop()
	return j.renderPage(p)
}

// renderPage executes p's template and hands the result to the writers.
func (j *job) renderPage(p *site.Page) error {
	if err := j.ctx.Err(); err != nil {
		return err
	}
	tmpl := j.theme.pages[p.Template]
	v := &View{Site: j.site, Page: p, root: relativeRoot(p.File), assets: j.assets, tmpl: tmpl, memo: j.fragments}
	if p.Template == "404.html" {
		// Served at any missing address, so its links must not be relative.
		v.root = j.site.BasePath
	}
	buf := j.files.buffer()
	if err := tmpl.Execute(buf, v); err != nil {
		j.files.recycle(buf)
		return fmt.Errorf("render /%s: %w", p.URL, err)
	}
	j.files.write(p.File, buf)
	return nil
}

// makeData makes a data file and hands it to the writers.
func (j *job) makeData(d dataFile) error {
	b, err := d.make()
	if err != nil {
		return fmt.Errorf("%s: %w", d.name, err)
	}
	j.files.write(d.name, bytes.NewBuffer(b))
	return nil
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
	name string
	make func() ([]byte, error)
	only dataInput // what it is made from, when that is less than everything
}

// dataInput is what a data file is made from, when less than everything.
type dataInput int

const (
	anyInput    dataInput = iota // the entries and the layout
	planOnly                     // the list of pages: it changes only with the plan
	sourcesOnly                  // the sources index and the layout
)
