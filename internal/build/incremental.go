package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"time"

	"timeline/internal/content"
	"timeline/internal/memo"
	"timeline/internal/output"
	"timeline/internal/render"
	"timeline/internal/site"
	"timeline/internal/sitefs"
)

// Incremental rebuilds a site into an output folder again and again, as the
// preview server needs: the first build writes the whole folder; later ones
// parse only the content files that changed and render only the pages whose
// inputs changed (see site.Site.Fingerprints), replacing each file
// atomically. When it is told which files changed (Changed) and they are
// entries that stay in place, it goes further: it reuses the site's plan,
// theme and static files, and renders only the pages that show those
// entries (see site.Site.Update).
type Incremental struct {
	fsys    fs.FS
	dir     string
	folder  *output.Folder // opened by the first build, held until Close
	opts    Options
	cache   *content.Cache
	memo    *memo.Memo
	lints   *content.LintCache // the warnings of unchanged entries, from one build to the next
	prints  map[string]string  // output file -> fingerprint it was rendered from
	files   map[string]bool    // every file the last build produced
	changed []string           // given by Changed for the next build; nil: not known
	last    *built             // what the last build made, when it succeeded
}

// built is what a successful build made, for the next one to reuse.
type built struct {
	site   *site.Site
	theme  *render.Theme
	layout string
	assets render.Assets
}

// Stats describe one incremental build.
type Stats struct {
	Full     bool          // the whole folder was written
	Quick    bool          // only changed entries were read, on the site's previous plan
	Parsed   int           // entries parsed (the rest came from the cache)
	Rendered int           // pages rendered
	Pages    int           // pages in the site
	Changed  int           // files whose bytes changed
	Removed  int           // files deleted because no page produces them any more
	Duration time.Duration //
}

func (s Stats) String() string {
	kind := "incremental"
	switch {
	case s.Full:
		kind = "full"
	case s.Quick:
		kind = "quick"
	}
	return fmt.Sprintf("%s build in %s: %s parsed, %d of %s rendered, %s changed, %d removed",
		kind, s.Duration.Round(time.Millisecond), content.Quantity(s.Parsed, "entry", "entries"),
		s.Rendered, content.Quantity(s.Pages, "page", "pages"), content.Quantity(s.Changed, "file", "files"), s.Removed)
}

// NewIncremental returns a builder of the site in fsys into the folder dir.
func NewIncremental(fsys fs.FS, dir string, opts Options) *Incremental {
	return &Incremental{fsys: sitefs.New(fsys), dir: dir, opts: opts, cache: content.NewCache(), memo: memo.New(), lints: &content.LintCache{}}
}

// Close releases the output folder, for another process to build it.
func (b *Incremental) Close() error {
	if b.folder == nil {
		return nil
	}
	err := b.folder.Close()
	b.folder = nil
	return err
}

// open takes the output folder's lock, once.
func (b *Incremental) open() (*output.Folder, error) {
	if b.folder == nil {
		f, err := output.Open(b.dir)
		if err != nil {
			return nil, err
		}
		b.folder = f
	}
	return b.folder, nil
}

// Changed tells the next Build which files changed since the previous one
// began, as a file watcher reports them: slash-separated paths relative to
// the site folder (a folder stands for everything under it). That Build
// takes the other content files for unchanged without looking at them.
// Without a call to Changed, Build looks at every file.
func (b *Incremental) Changed(paths []string) { b.changed = slices.Clone(paths) }

// Build loads the site and brings the output folder up to date. With
// content problems it returns them and leaves the folder as it was.
func (b *Incremental) Build() (Result, Stats, error) {
	start := time.Now()
	changed := b.changed
	b.changed = nil
	last := b.last
	b.last = nil // set again only by a build that succeeds
	var st Stats
	if changed != nil && last != nil {
		res, qst, ok, err := b.quick(last, changed)
		if ok {
			qst.Duration = time.Since(start)
			return res, qst, err
		}
		st.Parsed = qst.Parsed // the general build finds them in the cache
	}
	if changed != nil {
		b.cache.Trust(changed)
	}
	c, problems := load(context.Background(), b.fsys, content.Options{Drafts: b.opts.Drafts, Preview: b.opts.Preview, Cache: b.cache})
	st.Parsed += b.cache.Misses
	if len(problems) > 0 {
		return Result{Problems: problems, Warnings: c.Warnings}, st, nil
	}
	s, theme, err := prepare(b.fsys, c, b.opts)
	if err != nil {
		return Result{}, st, err
	}
	layout, err := layoutKey(b.fsys, s)
	if err != nil {
		return Result{}, st, err
	}
	prints := make(map[string]string, len(s.Pages))
	for i, fp := range s.Fingerprints(layout, s.Pages) {
		prints[s.Pages[i].File] = fp
	}
	st.Pages = len(s.Pages)
	b.memo.Begin(layout, len(s.Content.Entries))
	write := b.writeChanged
	if b.prints == nil {
		write = b.writeWhole
	}
	assets, err := write(s, theme, prints, &st)
	if err != nil {
		return Result{}, st, err
	}
	b.prints = prints
	b.last = &built{site: s, theme: theme, layout: layout, assets: assets}
	st.Duration = time.Since(start)
	return Result{Site: s, Warnings: b.lints.Lint(c)}, st, nil
}

// writeWhole renders every page into the folder's workspace and swaps it
// in: the first build.
func (b *Incremental) writeWhole(s *site.Site, theme *render.Theme, _ map[string]string, st *Stats) (render.Assets, error) {
	st.Full = true
	folder, err := b.open()
	if err != nil {
		return nil, err
	}
	ob, err := folder.Begin()
	if err != nil {
		return nil, err
	}
	w := &countingWriter{Writer: ob}
	st.Rendered = len(s.Pages)
	assets, err := render.Render(s, theme, b.fsys, w, render.Options{Memo: b.memo})
	if err != nil {
		ob.Abort()
		return nil, err
	}
	if err := ob.Commit(); err != nil {
		return nil, err
	}
	st.Changed = len(w.names)
	b.files = w.names
	return assets, nil
}

// writeChanged renders, in place, the pages whose fingerprint differs from
// the one they were last rendered from, and removes the files no page
// produces any more.
func (b *Incremental) writeChanged(s *site.Site, theme *render.Theme, prints map[string]string, st *Stats) (render.Assets, error) {
	folder, err := b.open()
	if err != nil {
		return nil, err
	}
	w, err := folder.InPlace()
	if err != nil {
		return nil, err
	}
	only := func(p *site.Page) bool {
		if b.prints[p.File] == prints[p.File] && b.files[p.File] {
			w.Keep(p.File) // unchanged: keep the file
			return false
		}
		st.Rendered++
		return true
	}
	assets, err := render.Render(s, theme, b.fsys, w, render.Options{Only: only, Memo: b.memo})
	if err != nil {
		b.prints = nil // the folder may be part-updated: rebuild it whole next time
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(b.files)) {
		if !w.Written[name] {
			if err := w.Remove(name); err != nil {
				return nil, err
			}
			st.Removed++
		}
	}
	st.Changed = w.Changed
	b.files = w.Written
	return assets, nil
}

// quick is Build when only entries changed, each staying in place (see
// site.Site.Update): it reads those entries again, updates the last
// build's site and renders the pages that show them. ok is false when the
// change is of another kind, and then nothing has been changed.
func (b *Incremental) quick(last *built, changed []string) (res Result, st Stats, ok bool, err error) {
	s := last.site
	fresh, problems, ok := content.ReloadEntries(b.fsys, s.Content, changed, content.Options{Drafts: b.opts.Drafts, Preview: b.opts.Preview, Cache: b.cache})
	if !ok {
		return Result{}, st, false, nil
	}
	st.Quick, st.Parsed, st.Pages = true, len(fresh), len(s.Pages)
	if len(problems) > 0 {
		return Result{Problems: problems}, st, true, nil
	}
	affected, reindexed, ok := s.Update(fresh)
	if !ok {
		return Result{}, Stats{Parsed: st.Parsed}, false, nil
	}
	fingerprints := s.Fingerprints(last.layout, affected)
	redo := make(map[*site.Page]bool)
	for i, p := range affected {
		if b.prints[p.File] != fingerprints[i] || !b.files[p.File] {
			redo[p] = true
		}
	}
	folder, err := b.open()
	if err != nil {
		return Result{}, st, true, err
	}
	w, err := folder.InPlace()
	if err != nil {
		return Result{}, st, true, err
	}
	b.memo.Begin(last.layout, len(s.Content.Entries))
	ropts := render.Options{Only: func(p *site.Page) bool { return redo[p] }, Assets: last.assets, SamePlan: true, SameSources: !reindexed, Memo: b.memo}
	if _, err := render.Render(s, last.theme, b.fsys, w, ropts); err != nil {
		b.prints = nil // the folder may be part-updated: rebuild it whole next time
		return Result{}, st, true, err
	}
	for i, p := range affected {
		b.prints[p.File] = fingerprints[i]
	}
	st.Rendered, st.Changed = len(redo), w.Changed
	b.last = last
	return Result{Site: s, Warnings: b.lints.Lint(s.Content)}, st, true, nil
}

// countingWriter records the names written through it.
type countingWriter struct {
	render.Writer
	mu    sync.Mutex
	names map[string]bool
}

func (w *countingWriter) WriteFile(name string, data []byte) error {
	w.mu.Lock()
	if w.names == nil {
		w.names = make(map[string]bool)
	}
	w.names[name] = true
	w.mu.Unlock()
	return w.Writer.WriteFile(name, data)
}

// layoutKey hashes what every page shows: the templates, the static files,
// the settings, the base URL, the provinces (names, codes and map tiles),
// the operations and the free pages.
func layoutKey(fsys fs.FS, s *site.Site) (string, error) {
	h := sha256.New()
	provinces, err := fs.ReadFile(fsys, content.ProvincesFile)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", content.ProvincesFile, err)
	}
	fmt.Fprintf(h, "%d\x00", len(provinces))
	h.Write(provinces)
	for _, dir := range []string{render.TemplatesDir, render.StaticDir} {
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
			h.Write(data)
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("read %s: %w", dir, err)
		}
	}
	// JSON, not %v: the settings hold pointers (a gone publisher's
	// source and its date), which %v would print as addresses.
	settings, err := json.Marshal(s.Content.Settings)
	if err != nil {
		return "", fmt.Errorf("hash settings: %w", err)
	}
	fmt.Fprintf(h, "%s\x00%s\x00", settings, s.BaseURL)
	for _, o := range s.Content.Operations {
		h.Write([]byte(o.Hash))
	}
	for _, p := range s.Content.Pages {
		h.Write([]byte(p.Hash))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
