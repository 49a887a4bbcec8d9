package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"time"

	"timeline/internal/content"
	"timeline/internal/output"
	"timeline/internal/parallel"
	"timeline/internal/render"
	"timeline/internal/site"
)

// Incremental rebuilds a site into an output folder again and again, as the
// preview server needs: the first build writes the whole folder; later ones
// parse only the content files that changed and render only the pages whose
// inputs changed (see site.Fingerprint), replacing each file atomically.
type Incremental struct {
	fsys   fs.FS
	dir    string
	opts   Options
	cache  *content.Cache
	memo   *site.Memo
	prints map[string]string // output file -> fingerprint it was rendered from
	files  map[string]bool   // every file the last build produced
}

// Stats describe one incremental build.
type Stats struct {
	Full     bool          // the whole folder was written
	Parsed   int           // entries parsed (the rest came from the cache)
	Rendered int           // pages rendered
	Pages    int           // pages in the site
	Changed  int           // files whose bytes changed
	Removed  int           // files deleted because no page produces them any more
	Duration time.Duration //
}

func (s Stats) String() string {
	kind := "incremental"
	if s.Full {
		kind = "full"
	}
	return fmt.Sprintf("%s build in %s: %d entries parsed, %d of %d pages rendered, %d files changed, %d removed",
		kind, s.Duration.Round(time.Millisecond), s.Parsed, s.Rendered, s.Pages, s.Changed, s.Removed)
}

// NewIncremental returns a builder of the site in fsys into the folder dir.
func NewIncremental(fsys fs.FS, dir string, opts Options) *Incremental {
	return &Incremental{fsys: fsys, dir: dir, opts: opts, cache: content.NewCache(), memo: site.NewMemo()}
}

// Build loads the site and brings the output folder up to date. With
// content problems it returns them and leaves the folder as it was.
func (b *Incremental) Build() (Result, Stats, error) {
	start := time.Now()
	var st Stats
	c, problems := content.Load(b.fsys, content.Options{Drafts: b.opts.Drafts, Cache: b.cache})
	st.Parsed = b.cache.Misses
	if len(problems) > 0 {
		return Result{Problems: problems}, st, nil
	}
	s, theme, err := prepare(b.fsys, c, b.opts)
	if err != nil {
		return Result{}, st, err
	}
	layout, err := layoutKey(b.fsys, s)
	if err != nil {
		return Result{}, st, err
	}
	fingerprints := make([]string, len(s.Outputs))
	parallel.For(len(s.Outputs), func(i int) { fingerprints[i] = s.Fingerprint(s.Outputs[i], layout) })
	prints := make(map[string]string, len(s.Outputs))
	for i, p := range s.Outputs {
		prints[p.File] = fingerprints[i]
	}
	st.Pages = len(s.Outputs)
	b.memo.Begin(layout, len(s.Entries))
	s.Memo = b.memo
	ropts := render.Options{NoMinify: b.opts.NoMinify}
	if b.prints == nil {
		st.Full = true
		ob, err := output.Begin(b.dir)
		if err != nil {
			return Result{}, st, err
		}
		w := &countingWriter{Writer: ob}
		ropts.Only = func(*site.Page) bool { st.Rendered++; return true }
		if err := render.Render(s, theme, b.fsys, w, ropts); err != nil {
			ob.Abort()
			return Result{}, st, err
		}
		if err := ob.Commit(); err != nil {
			return Result{}, st, err
		}
		st.Changed = len(w.names)
		b.files = w.names
	} else {
		w, err := output.NewInPlace(b.dir)
		if err != nil {
			return Result{}, st, err
		}
		ropts.Only = func(p *site.Page) bool {
			if b.prints[p.File] == prints[p.File] && b.files[p.File] {
				w.Keep(p.File) // unchanged: keep the file
				return false
			}
			st.Rendered++
			return true
		}
		if err := render.Render(s, theme, b.fsys, w, ropts); err != nil {
			b.prints = nil // the folder may be part-updated: rebuild it whole next time
			return Result{}, st, err
		}
		for _, name := range slices.Sorted(maps.Keys(b.files)) {
			if !w.Written[name] {
				if err := w.Remove(name); err != nil {
					return Result{}, st, err
				}
				st.Removed++
			}
		}
		st.Changed = w.Changed
		b.files = w.Written
	}
	b.prints = prints
	st.Duration = time.Since(start)
	return Result{Site: s}, st, nil
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
// the settings, the base URL, the operations and the free pages.
func layoutKey(fsys fs.FS, s *site.Site) (string, error) {
	h := sha256.New()
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
	fmt.Fprintf(h, "%+v\x00%s\x00", s.Settings, s.BaseURL)
	for _, o := range s.Operations {
		h.Write([]byte(o.Hash))
	}
	for _, p := range s.Site.Pages {
		h.Write([]byte(p.Hash))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
