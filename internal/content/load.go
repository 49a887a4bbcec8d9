package content

import (
	"bytes"
	"context"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"timeline/internal/geo"
	"timeline/internal/markdown"
	"timeline/internal/parallel"
	"timeline/internal/sitefs"
)

// Paths of the content folder's parts, relative to the site folder.
const (
	Dir           = "content"
	SettingsFile  = "content/site.yaml"
	ProvincesFile = "content/provinces.yaml"
	EntriesDir    = "content/entries"
	OperationsDir = "content/operations"
	PagesDir      = "content/pages"
)

// Options change what Load keeps.
type Options struct {
	Drafts bool   // keep entries marked draft: true
	Cache  *Cache // when not nil, entries whose files have not changed are not parsed again
	Bodies Bodies // when not nil, keeps the rendered bodies of entries out of memory
	// Preview makes every problem of a draft a warning, for a preview
	// server that must not go down while someone works on one: the draft
	// is left out until it is fixed.
	Preview bool
}

// Load reads and checks the content folder of the site in fsys. It returns
// the site and every problem found; the site is only fit to render when
// there are no problems.
func Load(fsys fs.FS, opts Options) (*Site, Problems) {
	return LoadContext(context.Background(), fsys, opts)
}

// LoadContext is Load that stops reading entries once ctx is done; what it
// returns then is incomplete, and the caller should look at ctx.Err().
func LoadContext(ctx context.Context, fsys fs.FS, opts Options) (*Site, Problems) {
	fsys = sitefs.New(fsys)
	var ps Problems
	s := &Site{}
	md := markdown.New()
	opts.Cache.begin()
	defer opts.Cache.end()
	defer opts.Cache.trustEnds()
	seen, ok := checkTreeSize(fsys, &ps)
	if !ok {
		s.Provinces, _ = geo.NewGazetteer(nil)
		return s, ps
	}
	s.Settings = loadSettings(fsys, &ps)
	s.Provinces = loadProvinces(fsys, &ps)
	if s.Provinces == nil {
		s.Provinces, _ = geo.NewGazetteer(nil)
	}
	operations := loadOperations(fsys, s.Provinces, md, &ps)
	for _, id := range slices.Sorted(maps.Keys(operations)) {
		s.Operations = append(s.Operations, operations[id])
	}
	slices.SortStableFunc(s.Operations, func(a, b *Operation) int { return a.Start.Time().Compare(b.Start.Time()) })

	// What an entry's checks depend on beyond its own bytes: the provinces
	// and the operations. A cached entry is reused only while they stay.
	ec := &entryContext{fsys: fsys, key: contextKey(fsys, operations), provinces: s.Provinces, operations: operations, md: md, cache: opts.Cache, bodies: opts.Bodies}
	files := listEntries(fsys, &ps, opts.Cache, seen)
	var errs Problems
	s.Entries, errs, s.Warnings = ec.loadAll(ctx, files, opts)
	ps = append(ps, errs...)
	s.Pages = loadPages(fsys, md, &ps)
	ps.Sort()
	return s, ps.capPerFile()
}

// loadOperations reads, checks and renders every operation, by id.
func loadOperations(fsys fs.FS, gaz *geo.Gazetteer, md *markdown.Converter, ps *Problems) map[string]*Operation {
	operations := make(map[string]*Operation)
	for _, f := range markdownFiles(fsys, OperationsDir, ps) {
		id := strings.TrimSuffix(path.Base(f.path), ".md")
		if !checkSlug(f.path, id, ps) {
			continue
		}
		if doc := splitDocument(f.path, f.data, ps); doc != nil {
			o := decodeOperation(doc, id, gaz, ps)
			o.HTML = renderBody(md, o.Path, doc.body, o.BodyLine, len(o.Sources), ps)
			operations[id] = o
		}
	}
	if len(operations) == 0 && !hasProblemIn(*ps, OperationsDir) {
		ps.Add(OperationsDir, 0, "", "no operations found; add at least one file such as content/operations/2025.md")
	}
	return operations
}

// entryFile is an entry's file, with what its path says of it.
type entryFile struct {
	file contentFile
	slug string
	year int // of the folder
}

// listEntries lists the entry files, without reading them, and reports the
// ones whose folder is not a year or whose name cannot be an address or is
// taken.
func listEntries(fsys fs.FS, ps *Problems, cache *Cache, seen tree) []entryFile {
	bySlug := make(map[string]string) // slug -> path of the entry that has it
	var files []entryFile
	for _, f := range listMarkdown(fsys, EntriesDir, ps, cache, seen) {
		rel := strings.TrimPrefix(f.path, EntriesDir+"/")
		dir, file := path.Split(rel)
		dir = strings.TrimSuffix(dir, "/")
		slug := strings.TrimSuffix(file, ".md")
		if !yearRE.MatchString(dir) {
			ps.Add(f.path, 0, "", "entries live in a folder named after their year; move it to %s/YYYY/%s", EntriesDir, file)
			continue
		}
		if !checkSlug(f.path, slug, ps) {
			continue
		}
		if other, dup := bySlug[slug]; dup {
			ps.Add(f.path, 0, "", "file name %q is already used by %s; entry URLs use the file name, so rename one of them", file, other)
			continue
		}
		bySlug[slug] = f.path
		year, _ := strconv.Atoi(dir)
		files = append(files, entryFile{f, slug, year})
	}
	return files
}

// loadAll reads every entry of files and returns those to show, by date
// then slug, with the errors and the (sorted) warnings found in them.
// Entries are independent of each other: they are read, parsed and
// rendered on every core, then gathered in file order.
func (c *entryContext) loadAll(ctx context.Context, files []entryFile, opts Options) (shown []*Entry, errs, warnings Problems) {
	entries := make([]*Entry, len(files))
	problems := make([]Problems, len(files))
	parallel.For(len(files), func(i int) {
		if ctx.Err() == nil {
			entries[i], problems[i] = c.load(files[i].file, files[i].slug, files[i].year)
		}
	})
	for i, e := range entries {
		eps, show := problems[i], e != nil
		if e != nil && e.Draft {
			eps, show = draftProblems(eps, e, opts)
		}
		es, ws := eps.Split()
		errs = append(errs, es...)
		warnings = append(warnings, ws...)
		if show {
			shown = append(shown, e)
		}
	}
	warnings.Sort()
	slices.SortStableFunc(shown, func(a, b *Entry) int {
		if c := a.Date.Time().Compare(b.Date.Time()); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return shown, errs, warnings
}

// loadPages reads, checks and renders the free pages, by slug.
func loadPages(fsys fs.FS, md *markdown.Converter, ps *Problems) []*Page {
	var pages []*Page
	for _, f := range markdownFiles(fsys, PagesDir, ps) {
		slug := strings.TrimSuffix(path.Base(f.path), ".md")
		if !checkSlug(f.path, slug, ps) {
			continue
		}
		if slices.Contains(ReservedSlugs, slug) {
			ps.Add(f.path, 0, "", "%q is the address of a generated page; rename the file", slug)
			continue
		}
		if doc := splitDocument(f.path, f.data, ps); doc != nil {
			p := decodePage(doc, slug, ps)
			p.HTML = renderBody(md, p.Path, doc.body, p.BodyLine, 0, ps)
			pages = append(pages, p)
		}
	}
	return pages
}

// renderBody checks a body and renders it, parsing it once.
func renderBody(md *markdown.Converter, path string, body []byte, bodyLine, nSources int, ps *Problems) template.HTML {
	html, issues, err := md.Convert(body, nSources)
	for _, is := range issues {
		ps.Add(path, bodyLine+is.Line-1, "body", "%s", is.Msg)
	}
	if err != nil {
		ps.Add(path, bodyLine, "body", "%v", err)
	}
	checkPlaceholder(path, body, bodyLine, ps)
	checkDirectionControls(path, body, bodyLine, ps)
	return html
}

// checkDirectionControls reports the first invisible direction control in
// a body (see directionControl).
func checkDirectionControls(path string, body []byte, bodyLine int, ps *Problems) {
	r, ok := directionControl(string(body))
	if !ok {
		return
	}
	i := bytes.IndexRune(body, r)
	ps.Add(path, bodyLine+bytes.Count(body[:i], []byte("\n")), "body", "holds the invisible direction control U+%04X, which can make text read in a different order than it is stored; remove it (right-to-left text needs none)", r)
}

// entryContext is what reading an entry needs beyond its own file.
type entryContext struct {
	fsys       fs.FS
	key        string // identifies provinces and operations, for the cache
	provinces  *geo.Gazetteer
	operations map[string]*Operation
	md         *markdown.Converter
	cache      *Cache
	bodies     Bodies // nil: bodies stay in memory
}

// load reads, checks and renders the entry in f, or takes it from the
// cache when its file has not changed. year is that of its folder.
func (c *entryContext) load(f contentFile, slug string, year int) (*Entry, Problems) {
	var ps Problems
	if !c.cache.fresh(f.path, f.stamp) {
		var ok bool
		if f.data, ok = readContentFile(c.fsys, f.path, &ps); !ok {
			return nil, ps
		}
	}
	e, cached, ok := c.cache.lookup(f, c.key)
	if ok {
		return e, cached
	}
	if f.data == nil { // unchanged, but the context changed
		if f.data, ok = readContentFile(c.fsys, f.path, &ps); !ok {
			return nil, ps
		}
	}
	if doc := splitDocument(f.path, f.data, &ps); doc != nil {
		e = decodeEntry(doc, slug, c.provinces, c.operations, &ps)
		e.keepBody(renderBody(c.md, e.Path, doc.body, e.BodyLine, len(e.Sources), &ps), c.bodies)
		if e.Date.Year != 0 && e.Date.Year != year {
			ps.Add(f.path, e.Lines["date"], "date", "entry dated %d is in the folder for %d; move it to %s/%d/", e.Date.Year, year, EntriesDir, e.Date.Year)
		}
	} else if draftLineRE.Match(f.data) {
		e = &Entry{Path: f.path, Slug: slug, Draft: true, Lines: map[string]int{}} // to be checked as a draft; never shown
	}
	c.cache.store(f, c.key, e, ps)
	return e, ps
}

// draftProblems checks a draft leniently: what is not filled in yet (a
// missing field, a placeholder) is a warning, and in a preview so is
// everything else, the draft being left out until it is fixed. show is
// whether the draft goes on the site: only when drafts are asked for, and
// it has no other problem, a date and an operation.
func draftProblems(ps Problems, e *Entry, opts Options) (out Problems, show bool) {
	blocked := false
	for _, p := range ps {
		switch {
		case p.gap:
			p.Warning = true
			p.Msg += " (allowed in a draft; an error once draft: true is removed)"
		case opts.Preview:
			p.Warning, blocked = true, true
			p.Msg += " (this draft is left out of the preview until it is fixed)"
		default:
			blocked = true
		}
		out = append(out, p)
	}
	if !opts.Drafts || blocked {
		return out, false
	}
	if e.Date.Year == 0 || e.Operation == "" {
		out = append(out, Problem{Path: e.Path, Line: e.Lines["draft"], Field: "draft", Warning: true,
			Msg: "this draft is left out of the preview until it has a date and an operation"})
		return out, false
	}
	return out, true
}

// draftLineRE finds "draft: true" (or "draft = true") in a file that could
// not be read as an entry, so that a draft with a syntax error is still
// known for one.
var draftLineRE = regexp.MustCompile(`(?m)^draft\s*[:=]\s*["']?true["']?\s*(?:#.*)?$`)

// checkPlaceholder reports a body that still holds the template's TODO.
func checkPlaceholder(path string, body []byte, bodyLine int, ps *Problems) {
	if i := bytes.Index(body, []byte(Placeholder)); i >= 0 {
		ps.addGap(path, bodyLine+bytes.Count(body[:i], []byte("\n")), "body", "still holds the template's placeholder %s; write the entry's text in its place", Placeholder)
	}
}

func hasProblemIn(ps Problems, dir string) bool {
	for _, p := range ps {
		if strings.HasPrefix(p.Path, dir) {
			return true
		}
	}
	return false
}
