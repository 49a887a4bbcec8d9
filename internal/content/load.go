package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"timeline/internal/geo"
	"timeline/internal/markdown"
	"timeline/internal/parallel"
	"timeline/internal/sitefs"
	"timeline/internal/slug"
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
	// Preview makes every problem of a draft a warning, for a preview
	// server that must not go down while someone works on one: the draft
	// is left out until it is fixed.
	Preview bool
}

// ReservedSlugs are URL segments the generator uses for its own pages, so a
// free page may not take them.
var ReservedSlugs = []string{"entries", "operations", "provinces", "tags", "kinds", "sources", "static", "data", "compare", "feed", "page", "schema", "404"}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	yearRE = regexp.MustCompile(`^\d{4}$`)
)

// maxSlugLen keeps URLs and file names well inside every file system's limit.
const maxSlugLen = 80

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
	if !checkTreeSize(fsys, &ps) {
		s.Provinces, _ = geo.NewGazetteer(nil)
		return s, ps
	}
	s.Settings = loadSettings(fsys, &ps)
	s.Provinces = loadProvinces(fsys, &ps)
	if s.Provinces == nil {
		s.Provinces, _ = geo.NewGazetteer(nil)
	}

	operations := make(map[string]*Operation)
	for _, f := range markdownFiles(fsys, OperationsDir, &ps) {
		id := strings.TrimSuffix(path.Base(f.path), ".md")
		if !checkSlug(f.path, id, &ps) {
			continue
		}
		if doc := splitDocument(f.path, f.data, &ps); doc != nil {
			o := decodeOperation(doc, id, s.Provinces, &ps)
			o.HTML = renderBody(md, o.Path, doc.body, o.BodyLine, len(o.Sources), &ps)
			operations[id] = o
		}
	}
	if len(operations) == 0 && !hasProblemIn(ps, OperationsDir) {
		ps.Add(OperationsDir, 0, "", "no operations found; add at least one file such as content/operations/2025.md")
	}
	for _, id := range slices.Sorted(maps.Keys(operations)) {
		s.Operations = append(s.Operations, operations[id])
	}
	slices.SortStableFunc(s.Operations, func(a, b *Operation) int { return a.Start.Time().Compare(b.Start.Time()) })

	// What an entry's checks depend on beyond its own bytes: the provinces
	// and the operations. A cached entry is reused only while they stay.
	contextID := contextKey(fsys, operations)
	bySlug := make(map[string]string) // slug -> path of the entry that has it
	type entryFile struct {
		file contentFile
		slug string
		year int // of the folder
	}
	var files []entryFile
	for _, f := range listMarkdown(fsys, EntriesDir, &ps, opts.Cache) {
		rel := strings.TrimPrefix(f.path, EntriesDir+"/")
		dir, file := path.Split(rel)
		dir = strings.TrimSuffix(dir, "/")
		slug := strings.TrimSuffix(file, ".md")
		if !yearRE.MatchString(dir) {
			ps.Add(f.path, 0, "", "entries live in a folder named after their year; move it to %s/YYYY/%s", EntriesDir, file)
			continue
		}
		if !checkSlug(f.path, slug, &ps) {
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
	// Entries are independent of each other: read, parse and render them
	// on every core, then gather them in file order.
	ec := &entryContext{fsys: fsys, key: contextID, provinces: s.Provinces, operations: operations, md: md, cache: opts.Cache}
	entries := make([]*Entry, len(files))
	problems := make([]Problems, len(files))
	parallel.For(len(files), func(i int) {
		if ctx.Err() == nil {
			entries[i], problems[i] = ec.load(files[i].file, files[i].slug, files[i].year)
		}
	})
	for i, e := range entries {
		eps, show := problems[i], e != nil
		if e != nil && e.Draft {
			eps, show = draftProblems(eps, e, opts)
		}
		errs, warnings := eps.Split()
		ps = append(ps, errs...)
		s.Warnings = append(s.Warnings, warnings...)
		if show {
			s.Entries = append(s.Entries, e)
		}
	}
	s.Warnings.Sort()
	slices.SortStableFunc(s.Entries, func(a, b *Entry) int {
		if c := a.Date.Time().Compare(b.Date.Time()); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})

	for _, f := range markdownFiles(fsys, PagesDir, &ps) {
		slug := strings.TrimSuffix(path.Base(f.path), ".md")
		if !checkSlug(f.path, slug, &ps) {
			continue
		}
		if slices.Contains(ReservedSlugs, slug) {
			ps.Add(f.path, 0, "", "%q is the address of a generated page; rename the file", slug)
			continue
		}
		if doc := splitDocument(f.path, f.data, &ps); doc != nil {
			p := decodePage(doc, slug, &ps)
			p.HTML = renderBody(md, p.Path, doc.body, p.BodyLine, 0, &ps)
			s.Pages = append(s.Pages, p)
		}
	}
	ps.Sort()
	return s, ps.capPerFile()
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
		e.HTML = renderBody(c.md, e.Path, doc.body, e.BodyLine, len(e.Sources), &ps)
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

// CheckSlug reports (in ps) a file or folder name, without its extension,
// that cannot be a URL segment, and returns whether it can. p is the file's
// path, for the message.
func CheckSlug(p, name string, ps *Problems) bool { return checkSlug(p, name, ps) }

// checkSlug reports a file name that cannot be a URL segment.
func checkSlug(p, name string, ps *Problems) bool {
	if windowsReserved(name) {
		ps.Add(p, 0, "", "file name %q is a reserved device name on Windows, where the site could not be checked out or built; rename the file", path.Base(p))
		return false
	}
	if slugRE.MatchString(name) && len(name) <= maxSlugLen {
		return true
	}
	hint := slug.Make(name)
	if len(hint) > maxSlugLen {
		hint = strings.TrimRight(hint[:maxSlugLen], "-")
	}
	if hint == "" {
		hint = "kratie-raid"
	}
	ps.Add(p, 0, "", "file name %q must be lower-case letters, digits and hyphens, at most %d characters (it becomes the page's address); rename it to %s.md", path.Base(p), maxSlugLen, hint)
	return false
}

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

// windowsReserved reports names Windows keeps for devices (con, aux, com1…).
func windowsReserved(slug string) bool {
	switch slug {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(slug) == 4 && (strings.HasPrefix(slug, "com") || strings.HasPrefix(slug, "lpt")) && slug[3] >= '1' && slug[3] <= '9'
}

type contentFile struct {
	path  string
	data  []byte // nil when the cache already holds this version
	stamp string // size and modification time, or ""
}

// markdownFiles reads every .md file at the top of dir, in lexical order
// (see listMarkdown). A file in a folder below is a problem: its name is
// its id, so it would silently replace the file of the same name.
func markdownFiles(fsys fs.FS, dir string, ps *Problems) []contentFile {
	files := listMarkdown(fsys, dir, ps, nil)
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
// (the cached ones for files that Cache.Trust lets it take as unchanged).
// Other files are problems, except hidden files, README.md and editors'
// temporary files; symbolic links are refused so that content cannot pull in
// files from outside the site.
func listMarkdown(fsys fs.FS, dir string, ps *Problems, cache *Cache) []contentFile {
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

var settingsFields = []string{"title", "description", "base_url", "language", "repository", "branch", "gone_publishers", "mirrors"}

// ReadSettings reads content/site.yaml alone, for callers that need the
// settings before (or without) loading the whole site.
func ReadSettings(fsys fs.FS) (Settings, Problems) {
	fsys = sitefs.New(fsys)
	var ps Problems
	s := loadSettings(fsys, &ps)
	return s, ps
}

func loadSettings(fsys fs.FS, ps *Problems) Settings {
	s := Settings{Language: "en", Branch: "main"}
	doc := readDataFile(fsys, SettingsFile, ps)
	if doc == nil {
		return s
	}
	d := &decoder{doc: doc, ps: ps}
	fs := d.fields(doc.root, "", settingsFields)
	if d.require(fs, "title", "title: \"Cambodia's scam-compound crackdowns\"") {
		s.Title = d.text(fs["title"])
	}
	if f, ok := fs["description"]; ok {
		s.Description = d.text(f)
	}
	if d.require(fs, "base_url", "base_url: \"https://example.org/timeline/\"") {
		s.BaseURL = d.webURL(fs["base_url"])
		if s.BaseURL != "" && !strings.HasSuffix(s.BaseURL, "/") {
			s.BaseURL += "/"
		}
	}
	if f, ok := fs["language"]; ok {
		s.Language = d.text(f)
	}
	if f, ok := fs["repository"]; ok && strings.TrimSpace(f.value.Value) != "" {
		s.Repository = strings.TrimSuffix(d.webURL(f), "/")
	}
	if f, ok := fs["branch"]; ok {
		s.Branch = d.text(f)
	}
	if f, ok := fs["gone_publishers"]; ok {
		s.Gone = d.gonePublishers(f)
	}
	if f, ok := fs["mirrors"]; ok {
		s.Mirrors = d.texts(f)
	}
	return s
}

// gonePublishers reads the list of publishers whose sites are offline.
func (d *decoder) gonePublishers(f field) []GonePublisher {
	const want = "want a list of publishers, each with host, publisher, since (the day it stopped publishing) and source (the report that says so)"
	if f.value.Kind != yaml.SequenceNode {
		d.errorf(f.value, f.name, "%s, got %s", want, kindName(f.value))
		return nil
	}
	var out []GonePublisher
	for i, n := range f.value.Content {
		name := fmt.Sprintf("%s[%d]", f.name, i+1)
		if n.Kind != yaml.MappingNode {
			d.errorf(n, name, "%s, got %s", want, kindName(n))
			continue
		}
		fs := d.fields(n, name, []string{"host", "publisher", "since", "source"})
		g := GonePublisher{Line: d.doc.line(n)}
		if d.require(fs, "host", "host: vodenglish.news") {
			g.Host = strings.ToLower(d.text(fs["host"]))
			if strings.Contains(g.Host, "/") {
				d.errorf(fs["host"].value, fs["host"].name, "%q is not a host name; write the name alone, as in vodenglish.news", g.Host)
			}
		}
		if d.require(fs, "publisher", "publisher: VOD English") {
			g.Publisher = d.text(fs["publisher"])
		}
		if d.require(fs, "since", "since: 2023-02-13") {
			g.Since, _ = d.date(fs["since"])
		}
		if f, ok := fs["source"]; ok {
			// One source, read as a list of one, with the same rules.
			list := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{f.value}, Line: f.value.Line, Column: f.value.Column}
			if src := d.sources(field{name: f.name, key: f.key, value: list}); len(src) == 1 {
				g.Source = &src[0]
			}
		}
		out = append(out, g)
	}
	return out
}

var provinceFields = []string{"name", "aliases", "row", "col", "iso", "label", "km"}

var (
	isoCode    = regexp.MustCompile(`^KH-([1-9]|1[0-9]|2[0-5])$`)
	tileLabel  = regexp.MustCompile(`^[A-Z]{2,4}$`)
	khmerWords = regexp.MustCompile(`^[\x{1780}-\x{17FF}\x{19E0}-\x{19FF}]+( [\x{1780}-\x{17FF}\x{19E0}-\x{19FF}]+)*$`)
)

func loadProvinces(fsys fs.FS, ps *Problems) *geo.Gazetteer {
	doc := readDataFile(fsys, ProvincesFile, ps)
	if doc == nil {
		return nil
	}
	d := &decoder{doc: doc, ps: ps}
	if doc.root.Kind != yaml.SequenceNode || len(doc.root.Content) == 0 {
		d.errorf(doc.root, "", "want a list of provinces, each with name, aliases, row and col")
		return nil
	}
	var list []geo.Province
	var fieldsOf []map[string]field
	before := len(*ps)
	for i, n := range doc.root.Content {
		name := fmt.Sprintf("[%d]", i+1)
		if n.Kind != yaml.MappingNode {
			d.errorf(n, name, "want name, aliases, row and col, got %s", kindName(n))
			continue
		}
		fs := d.fields(n, name, provinceFields)
		var p geo.Province
		if d.require(fs, "name", "name: Kratie") {
			p.Name = d.text(fs["name"])
			d.provinceName(fs["name"], p.Name)
		}
		if f, ok := fs["aliases"]; ok {
			p.Aliases = d.texts(f)
		}
		p.Row = d.gridIndex(fs, "row")
		p.Col = d.gridIndex(fs, "col")
		p.ISO = d.matching(fs, "iso", isoCode, "an ISO 3166-2:KH code such as KH-10")
		p.Label = d.matching(fs, "label", tileLabel, "two to four capital letters such as KRT")
		p.Khmer = d.matching(fs, "km", khmerWords, "the name in Khmer script, checked against two sources cited at the top of the file")
		list = append(list, p)
		fieldsOf = append(fieldsOf, fs)
	}
	if len(*ps) > before {
		return nil
	}
	g, err := geo.NewGazetteer(list)
	var pe *geo.ProvinceError
	switch {
	case errors.As(err, &pe) && pe.Index < len(fieldsOf):
		name := fmt.Sprintf("[%d]", pe.Index+1)
		f, ok := fieldsOf[pe.Index][pe.Field]
		if !ok {
			f = fieldsOf[pe.Index]["name"]
		}
		d.errorf(f.value, name+"."+pe.Field, "%s; each name, alias and tile belongs to one province", pe.Msg)
		return nil
	case err != nil:
		ps.Add(ProvincesFile, 0, "", "%v", err)
		return nil
	}
	return g
}

// provinceName reports a province name that cannot make the address of
// its page (provinces/<slug>/).
func (d *decoder) provinceName(f field, name string) {
	s := slug.Make(name)
	switch {
	case name == "":
	case s == "":
		d.errorf(f.value, f.name, "%q has no letters or digits to make the address of its page from; write the province's name", name)
	case windowsReserved(s):
		d.errorf(f.value, f.name, "%q makes the address provinces/%s/, a reserved device name on Windows; write the province's full name", name, s)
	case len(s) > maxSlugLen:
		d.errorf(f.value, f.name, "%q is too long to make an address from (at most %d letters and digits); write the province's name", name, maxSlugLen)
	}
}

// matching returns the optional text field key when it matches re, and
// records a problem saying what it wants when it does not.
func (d *decoder) matching(fs map[string]field, key string, re *regexp.Regexp, want string) string {
	f, ok := fs[key]
	if !ok {
		return ""
	}
	v := d.text(f)
	if !re.MatchString(v) {
		d.errorf(f.value, f.name, "want %s, got %q", want, v)
		return ""
	}
	return v
}

func (d *decoder) gridIndex(fs map[string]field, key string) int {
	if !d.require(fs, key, key+": 0") {
		return 0
	}
	f := fs[key]
	n, err := strconv.Atoi(f.value.Value)
	if err != nil || n < 0 || n > 9 {
		d.errorf(f.value, f.name, "want a whole number from 0 to 9, got %q", f.value.Value)
		return 0
	}
	return n
}

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
