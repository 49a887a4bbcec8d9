package render_test

import (
	"crypto/sha256"
	"encoding/hex"
	"html"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"timeline/internal/content"
	"timeline/internal/render"
	"timeline/internal/site"
)

// These tests render a tiny site, held in memory, with a probe theme: every
// page template prints, one per line as "name=value", what the View's
// helpers and the template functions give on that page. They go through
// the package's exported API (LoadTheme, Render) and what templates see.

const styleCSS = "body{color:#123}\n"

// tinySite is a whole site: settings, two provinces, one operation, two
// entries and a free page, with a stylesheet.
func tinySite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"content/site.yaml": file(`title: "Tiny"
description: "A site for the render tests."
base_url: "https://example.org/timeline/"
repository: "https://example.org/repo"
`),
		"content/provinces.yaml": file(`- {name: Banteay Meanchey, aliases: [Poipet], row: 0, col: 0}
- {name: Phnom Penh, row: 1, col: 0}
`),
		"content/operations/2025.md": file(`---
name: "Operation 2025"
start: 2025-01
end: ongoing
summary: "The operation."
sources:
  - {title: "Report", publisher: "Example Wire", url: "https://example.org/wire/op"}
---
An operation.
`),
		"content/entries/2025/raid.md": file(`---
title: "Raid in Poipet"
date: 2025-03-04
operation: "2025"
provinces: [Poipet]
kind: raid
tags: [Border Towns]
figures:
  arrested: {value: 12, source: 1}
sources:
  - {title: "Raid report", publisher: "Example News", url: "https://example.org/news/raid"}
---
Police raided a building [1].
`),
		"content/entries/2025/order.md": file(`---
title: "An order & a deadline"
date: 2025-04-01
operation: "2025"
provinces: [Phnom Penh]
kind: order
sources:
  - {title: "Order", publisher: "Example Ministry", url: "https://example.org/ministry/order"}
---
The ministry gave an order [1].
`),
		"content/pages/about.md": file("---\ntitle: \"About\"\ndescription: \"About the site.\"\n---\nWho we are.\n"),
		"static/style.css":       file(styleCSS),
	}
}

// probe is the text of every page template of the probe theme.
const probe = `{{template "base" .}}
{{define "main"}}
link={{.Link "entries/"}}
home={{.Link ""}}
asset={{.Asset "style.css"}}
abs={{.Abs "entries/"}}
edit={{.EditURL}}
correction={{.CorrectionURL}}
province={{.ProvinceURL "Banteay Meanchey"}}
alias={{.ProvinceURL "Poipet"}}
tag={{.TagURL "Border Towns"}}
kind={{.KindURL "raid"}}
operation={{.OperationURL "2025"}}
cached={{.Cached "part"}}
plural={{plural 0 "entry" "entries"}};{{plural 1 "entry" "entries"}};{{plural 2 "entry" "entries"}}
label={{figureLabel "arrested"}};{{figureLabel "no such figure"}}
slug={{slug "Banteay Meanchey"}};{{slug "Kampong Speu (town)"}};{{slug "  Trailing  "}}
{{end}}`

// withProbeTheme adds to fsys the probe theme: base.html, a partial, and
// every page template of the project's own theme (so every page the site
// plans has one) with the text of probe.
func withProbeTheme(t *testing.T, fsys fstest.MapFS) fstest.MapFS {
	t.Helper()
	real, err := filepath.Glob("../../templates/*.html")
	if err != nil || len(real) == 0 {
		t.Fatalf("the project's templates: %v %v", real, err)
	}
	fsys["templates/base.html"] = &fstest.MapFile{Data: []byte(`{{define "base"}}{{template "main" .}}{{end}}`)}
	fsys["templates/_parts.html"] = &fstest.MapFile{Data: []byte(`{{define "part"}}part at {{.Link ""}}{{end}}`)}
	for _, p := range real {
		name := filepath.Base(p)
		if name != "base.html" && !strings.HasPrefix(name, "_") {
			fsys["templates/"+name] = &fstest.MapFile{Data: []byte(probe)}
		}
	}
	return fsys
}

// plan loads the tiny site and plans its pages.
func plan(t *testing.T, fsys fstest.MapFS) *site.Site {
	t.Helper()
	c, ps := content.Load(fsys, content.Options{})
	if len(ps) > 0 {
		t.Fatalf("the tiny site has problems:\n%v", ps)
	}
	s, err := site.New(c, "")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// renderTiny renders the tiny site with the probe theme and opts.
func renderTiny(t *testing.T, opts render.Options) (map[string]string, render.Assets) {
	t.Helper()
	fsys := withProbeTheme(t, tinySite())
	theme, err := render.LoadTheme(fsys, false)
	if err != nil {
		t.Fatal(err)
	}
	w := &pages{files: map[string]string{}}
	assets, err := render.Render(plan(t, fsys), theme, fsys, w, opts)
	if err != nil {
		t.Fatal(err)
	}
	return w.files, assets
}

// probed reads the "name=value" lines of a probe page, unescaped.
func probed(t *testing.T, page string) map[string]string {
	t.Helper()
	values := map[string]string{}
	for line := range strings.Lines(page) {
		if name, value, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			values[name] = html.UnescapeString(value)
		}
	}
	if len(values) == 0 {
		t.Fatalf("not a probe page: %q", page)
	}
	return values
}

// styleName is the fingerprinted output name of static/style.css.
func styleName() string {
	sum := sha256.Sum256([]byte(styleCSS))
	return "static/style." + hex.EncodeToString(sum[:5]) + ".css"
}

// TestViewHelpers: the links a page makes depend on how deep it is (404.html
// links from the base path, since it is served at any address); the
// repository's links name the page's source file.
func TestViewHelpers(t *testing.T) {
	out, _ := renderTiny(t, render.Options{})
	correction := "https://example.org/repo/issues/new?title=Correction%3A+An+order+%26+a+deadline&body=Page%3A+https%3A%2F%2Fexample.org%2Ftimeline%2Fentries%2Forder%2F%0A%0AWhat+is+wrong%2C+and+the+source+that+shows+it%3A%0A"
	same := map[string]string{
		"abs":       "https://example.org/timeline/entries/",
		"province":  "provinces/banteay-meanchey/",
		"alias":     "provinces/banteay-meanchey/",
		"tag":       "tags/border-towns/",
		"kind":      "kinds/raid/",
		"operation": "operations/2025/",
		"plural":    "0 entries;1 entry;2 entries",
		"label":     "Arrested;",
		"slug":      "banteay-meanchey;kampong-speu-town;trailing",
	}
	tests := []struct {
		file string
		want map[string]string
	}{
		{"index.html", map[string]string{
			"link": "entries/", "home": "./", "asset": styleName(), "cached": "part at ./",
			"edit": "",
		}},
		{"entries/order/index.html", map[string]string{
			"link": "../../entries/", "home": "../../", "asset": "../../" + styleName(), "cached": "part at ../../",
			"edit":       "https://example.org/repo/edit/main/content/entries/2025/order.md",
			"correction": correction,
		}},
		{"about/index.html", map[string]string{
			"link": "../entries/", "home": "../", "asset": "../" + styleName(), "cached": "part at ../",
			"edit": "https://example.org/repo/edit/main/content/pages/about.md",
		}},
		{"404.html", map[string]string{
			"link": "/timeline/entries/", "home": "/timeline/", "asset": "/timeline/" + styleName(), "cached": "part at /timeline/",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			page, ok := out[tt.file]
			if !ok {
				t.Fatalf("%s not written; written: %q", tt.file, names(out))
			}
			got := probed(t, page)
			for name, want := range tt.want {
				if got[name] != want {
					t.Errorf("%s = %q, want %q", name, got[name], want)
				}
			}
			for name, want := range same {
				if got[name] != want {
					t.Errorf("%s = %q, want %q", name, got[name], want)
				}
			}
		})
	}
}

func names(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// dataFiles are the files Render writes besides pages, static files and
// the search index.
var dataFiles = []string{
	"feed.xml", "feed.json", "corrections.xml", "sitemap.xml", "robots.txt",
	"data/entries.json", "data/entries.csv", "data/operations.json",
	"data/tallies.csv", "data/sources.csv", "data/sources.json",
}

// TestRenderWritesEveryFile: Render writes the stylesheet under its
// fingerprinted name, one search index, the feeds and data files, and a
// page for each planned page, each once.
func TestRenderWritesEveryFile(t *testing.T) {
	out, assets := renderTiny(t, render.Options{})
	if got := assets["style.css"]; got != styleName() {
		t.Errorf("assets[style.css] = %q, want %q", got, styleName())
	}
	if out[styleName()] != styleCSS {
		t.Errorf("%s = %q, want the stylesheet unchanged (not minified)", styleName(), out[styleName()])
	}
	for _, name := range dataFiles {
		if _, ok := out[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	var indexes []string
	for name := range out {
		if strings.HasPrefix(name, "data/search") {
			indexes = append(indexes, name)
		}
	}
	if len(indexes) != 1 || indexes[0] != render.SearchIndexFile {
		t.Errorf("search indexes %q, want one, %s", indexes, render.SearchIndexFile)
	}
	// The pages the tiny site plans: the lists, and a page for each entry,
	// operation, province, tag and kind.
	want := []string{
		"404.html", "about/index.html", "compare/index.html", "corrections/index.html",
		"entries/order/index.html", "entries/raid/index.html", "index.html",
		"kinds/index.html", "kinds/order/index.html", "kinds/raid/index.html",
		"operations/2025/index.html", "operations/index.html",
		"provinces/banteay-meanchey/index.html", "provinces/index.html", "provinces/phnom-penh/index.html",
		"sources/index.html", "tags/border-towns/index.html", "tags/index.html",
	}
	var pages []string
	for name, data := range out {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, name)
			probed(t, data) // every page is the probe theme's
		}
	}
	slices.Sort(pages)
	if !slices.Equal(pages, want) {
		t.Errorf("pages written:\n%q\nwant\n%q", pages, want)
	}
	if len(out) != len(pages)+len(dataFiles)+2 {
		t.Errorf("%d files written: %q; want the pages, the data files, a stylesheet and a search index", len(out), names(out))
	}
}

// TestRenderOptions: Only limits the pages (never the feeds and data
// files), SamePlan leaves out the files that only list the pages,
// SameSources with it the data files of the sources, and
// Assets leaves the static files alone while pages still link to them.
func TestRenderOptions(t *testing.T) {
	full, assets := renderTiny(t, render.Options{})
	tests := []struct {
		name       string
		opts       render.Options
		pages      []string // every .html file written
		notWritten []string
	}{
		{"only the entries", render.Options{Only: func(p *site.Page) bool { return p.Entry != nil }},
			[]string{"entries/order/index.html", "entries/raid/index.html"}, nil},
		{"the same plan", render.Options{SamePlan: true, Only: func(p *site.Page) bool { return p.File == "index.html" }},
			[]string{"index.html"}, []string{"sitemap.xml", "robots.txt"}},
		{"the same plan and sources", render.Options{SamePlan: true, SameSources: true, Only: func(p *site.Page) bool { return p.File == "index.html" }},
			[]string{"index.html"}, []string{"sitemap.xml", "robots.txt", "data/sources.csv", "data/sources.json"}},
		{"the same assets", render.Options{Assets: assets, Only: func(p *site.Page) bool { return p.File == "index.html" }},
			[]string{"index.html"}, []string{styleName()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := renderTiny(t, tt.opts)
			var pages []string
			for name, data := range out {
				if strings.HasSuffix(name, ".html") {
					pages = append(pages, name)
					if data != full[name] {
						t.Errorf("%s differs from the full render's", name)
					}
				}
			}
			slices.Sort(pages)
			if !slices.Equal(pages, tt.pages) {
				t.Errorf("pages written: %q, want %q", pages, tt.pages)
			}
			for _, name := range dataFiles {
				_, written := out[name]
				if want := !slices.Contains(tt.notWritten, name); written != want {
					t.Errorf("%s written: %v, want %v", name, written, want)
				}
			}
			if _, written := out[styleName()]; written == slices.Contains(tt.notWritten, styleName()) {
				t.Errorf("%s written: %v", styleName(), written)
			}
		})
	}
}

// TestLoadThemeErrors: a template that does not parse, or a site that
// needs a template the theme lacks, is reported with the file (and line);
// minifying the templates does not change the line.
func TestLoadThemeErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"an unclosed action", map[string]string{"templates/home.html": "<p>\n\n{{if .Page}}\n<p>"},
			"templates/home.html:4: unexpected EOF"}, // the parser stops at the end
		{"an unknown function", map[string]string{"templates/entry.html": "<p>\n{{nosuch 1}}</p>"},
			`templates/entry.html:2: function "nosuch" not defined`},
		{"a broken partial", map[string]string{"templates/_parts.html": `{{define "x"}}` + "\n\n\n" + `{{end}}{{end}}`},
			"templates/_parts.html:4: unexpected {{end}}"},
	}
	for _, tt := range tests {
		for _, minify := range []bool{false, true} {
			fsys := withProbeTheme(t, tinySite())
			for name, text := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			_, err := render.LoadTheme(fsys, minify)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s (minify %v): error %v, want one containing %q", tt.name, minify, err, tt.want)
			}
		}
	}
	fsys := tinySite()
	if _, err := render.LoadTheme(fsys, false); err == nil {
		t.Error("a site without templates/: no error")
	}
	withProbeTheme(t, fsys)
	delete(fsys, "templates/entry.html")
	theme, err := render.LoadTheme(fsys, false)
	if err != nil {
		t.Fatal(err)
	}
	w := &pages{files: map[string]string{}}
	_, err = render.Render(plan(t, fsys), theme, fsys, w, render.Options{})
	if want := "templates: missing page templates: entry.html"; err == nil || err.Error() != want {
		t.Errorf("Render without entry.html: error %v, want %q", err, want)
	}
	if len(w.files) > 0 {
		t.Errorf("Render without entry.html wrote %q", names(w.files))
	}
}

// TestRenderNamesTheFailingPage: a template that fails while it runs is
// reported with the page's address.
func TestRenderNamesTheFailingPage(t *testing.T) {
	fsys := withProbeTheme(t, tinySite())
	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte(`{{.Asset "nosuch.css"}}`)}
	theme, err := render.LoadTheme(fsys, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = render.Render(plan(t, fsys), theme, fsys, &pages{files: map[string]string{}}, render.Options{})
	for _, want := range []string{"render /about/: template: templates/page.html:1:2:", "no file static/nosuch.css"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want one containing %q", err, want)
		}
	}
}
