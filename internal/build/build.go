// Package build runs the whole pipeline, from a site folder to output files:
// load and check the content, plan the pages, render them. The commands
// build, check and serve all go through it, so they agree on what is an
// error.
package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"time"

	"timeline/internal/content"
	"timeline/internal/memo"
	"timeline/internal/render"
	"timeline/internal/site"
	"timeline/internal/sitefs"
)

// Options are the knobs of one build.
type Options struct {
	BaseURL    string // overrides the base URL of content/site.yaml when not empty
	Repository string // overrides the repository URL of content/site.yaml when not empty
	Drafts     bool   // include entries marked draft
	Preview    bool   // a draft never stops the build: its problems are warnings (see content.Options)
	NoMinify   bool   // write pages and assets unminified, for reading and golden tests
	// PageTimeout bounds the rendering of one page; 0 means
	// render.PageTimeout.
	PageTimeout time.Duration
	// Reuse, when not nil, is the workspace the build writes into, which
	// may still hold pages of an earlier build: a page whose inputs are
	// those of its file there is kept, not rendered again (see
	// output.Build.Unchanged).
	Reuse Reuser
	// Cache, when not nil, holds entries parsed before (by this process or
	// one that saved it): those whose files did not change are not parsed
	// again. It is filled with the entries this build parses.
	Cache *content.Cache
	// Bodies, when not nil, keeps the rendered bodies of entries out of
	// memory (see content.Options).
	Bodies content.Bodies
	// Memo, when not nil, keeps the fragments made from one entry (cards,
	// data rows) from one build to the next; a memo.Spilled one keeps them
	// out of memory. Its layout is set here: a new layout empties it.
	Memo *memo.Memo
	// Generator identifies this program in what Reuse and Memo keep; when
	// empty it is computed (see GeneratorID).
	Generator string
}

// Reuser keeps files of an earlier build whose inputs did not change; an
// *output.Build is one.
type Reuser interface {
	SetInputs(map[string]string)
	Unchanged(name, input string) bool
}

// Result is what a build produced or found.
type Result struct {
	Problems content.Problems // contributor-facing problems; nothing was rendered if any
	Warnings content.Problems // what is allowed but worth a look (content.Lint), or, with problems, what loading found
	Site     *site.Site       // the rendered site, when there were no problems
}

// Run loads the site in fsys and renders it to w. Content problems come back
// in Result.Problems, all of them, and then nothing is written; err is for
// everything else (a broken template, a write that failed).
func Run(fsys fs.FS, opts Options, w render.Writer) (Result, error) {
	return RunContext(context.Background(), fsys, opts, w)
}

// RunContext is Run that stops once ctx is done (Ctrl-C, a CI timeout),
// returning ctx's error; what was written to w is then incomplete.
func RunContext(ctx context.Context, fsys fs.FS, opts Options, w render.Writer) (Result, error) {
	fsys = sitefs.New(fsys)
	c, problems := load(ctx, fsys, content.Options{Drafts: opts.Drafts, Preview: opts.Preview, Cache: opts.Cache, Bodies: opts.Bodies})
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if len(problems) > 0 {
		return Result{Problems: problems, Warnings: c.Warnings}, nil
	}
	s, theme, err := prepare(fsys, c, opts)
	if err != nil {
		return Result{}, err
	}
	ropts := render.Options{Context: ctx, PageTimeout: opts.PageTimeout, Memo: opts.Memo}
	if opts.Reuse != nil || opts.Memo != nil {
		layout, err := fullLayout(fsys, s, opts)
		if err != nil {
			return Result{}, err
		}
		if opts.Memo != nil {
			opts.Memo.Begin(layout, len(s.Content.Entries))
		}
		if opts.Reuse != nil {
			reuse(s, layout, opts.Reuse, &ropts)
		}
	}
	if _, err := render.Render(s, theme, fsys, w, ropts); err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		return Result{}, err
	}
	// Fragments of the pages and data files kept rather than made stay
	// good for the build that makes them again.
	opts.Memo.KeepEntries(s.Content.Entries)
	return Result{Site: s, Warnings: content.Lint(c)}, nil
}

// fullLayout is what every page and fragment is made from besides its own
// inputs: the layout (see layoutKey), this program, and whether it
// minifies, so that another version of the generator, or other options,
// make every page and fragment again.
func fullLayout(fsys fs.FS, s *site.Site, opts Options) (string, error) {
	layout, err := layoutKey(fsys, s)
	if err != nil {
		return "", err
	}
	self := opts.Generator
	if self == "" {
		if self, err = GeneratorID(); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%s\x00%s\x00%t", layout, self, opts.NoMinify), nil
}

// reuse gives r the inputs of every page and data file, and sets in ropts
// which of them to make: those whose file in the workspace was not made
// from the same inputs. Inputs are the file's fingerprint (see
// site.Site.Fingerprints) under the full layout.
func reuse(s *site.Site, layout string, r Reuser, ropts *render.Options) {
	// Pages and data files are fingerprinted together, so that a view of
	// every entry that both show is hashed once.
	data := render.DataInputs(s)
	files := make([]string, 0, len(s.Pages)+len(data))
	of := make([]site.Inputs, 0, len(s.Pages)+len(data))
	for _, p := range s.Pages {
		files, of = append(files, p.File), append(of, s.Inputs(p))
	}
	for _, name := range slices.Sorted(maps.Keys(data)) {
		files, of = append(files, name), append(of, data[name])
	}
	inputs := make(map[string]string, len(files))
	for i, fp := range s.FingerprintsOf(layout, of) {
		inputs[files[i]] = fp
	}
	r.SetInputs(inputs)
	ropts.Only = func(p *site.Page) bool { return !r.Unchanged(p.File, inputs[p.File]) }
	ropts.Unchanged = func(name string) bool { return r.Unchanged(name, inputs[name]) }
}

// GeneratorID identifies this program: a hash of its executable file.
func GeneratorID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("identify the generator: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("identify the generator: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("identify the generator: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// prepare plans the pages of loaded content and parses the theme.
func prepare(fsys fs.FS, c *content.Site, opts Options) (*site.Site, *render.Theme, error) {
	if opts.Repository != "" {
		repo, err := content.ParseRepository(opts.Repository)
		if err != nil {
			return nil, nil, err
		}
		c.Settings.Repository = repo
	}
	s, err := site.New(c, opts.BaseURL)
	if err != nil {
		return nil, nil, err
	}
	theme, err := render.LoadTheme(fsys, !opts.NoMinify)
	if err != nil {
		return nil, nil, fmt.Errorf("templates: %w", err)
	}
	return s, theme, nil
}

// load reads the content and checks the files of static/: every problem a
// contributor can fix, at once.
func load(ctx context.Context, fsys fs.FS, opts content.Options) (*content.Site, content.Problems) {
	c, problems := content.LoadContext(ctx, fsys, opts)
	if more := render.CheckStatic(fsys); len(more) > 0 {
		problems = append(problems, more...)
		problems.Sort()
	}
	return c, problems
}
