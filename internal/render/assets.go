package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"

	"timeline/internal/content"
)

// newMinifier returns the minifier for pages and assets. Document tags, end
// tags and quotes are kept: the output stays valid, readable HTML that
// validators and screen readers treat exactly like the unminified page.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	return m
}

// templateMinifier minifies the text of templates: HTML whose Go template
// actions ({{...}}) are kept as they are. Inline SVG is left alone: its
// attributes hold actions (coordinates, paths) that an SVG minifier would
// read as numbers.
func templateMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true, TemplateDelims: html.GoTemplateDelims})
	return m
}

// minifyTemplate minifies a template's text.
func minifyTemplate(m *minify.M, text []byte) ([]byte, error) {
	return m.Bytes("text/html", text)
}

var assetTypes = map[string]string{
	".css": "text/css",
	".js":  "application/javascript",
}

// copyStatic copies static/ to static/ in the output. CSS, JavaScript and
// SVG files are minified (when m is not nil) and renamed with a hash of
// their content ("style.css" -> "static/style.1a2b3c4d5e.css"), so they can
// be cached for ever; other files keep their names. It returns the output
// path of each file by its name under static/. A file that CheckStatic
// refuses is an error here too: nothing is published by accident.
func copyStatic(fsys fs.FS, m *minify.M, w Writer) (Assets, error) {
	names := make(Assets)
	var ps content.Problems
	var files []string
	walkStatic(fsys, func(p string, d fs.DirEntry) {
		if checkStaticFile(p, d, &ps); !d.IsDir() {
			files = append(files, p)
		}
	}, &ps)
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	for _, p := range files {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		rel := strings.TrimPrefix(p, StaticDir+"/")
		out := p
		ext := path.Ext(p)
		if mediaType, ok := assetTypes[ext]; ok {
			if m != nil {
				if data, err = m.Bytes(mediaType, data); err != nil {
					return nil, fmt.Errorf("minify %s: %w", p, err)
				}
			}
			sum := sha256.Sum256(data)
			out = strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		}
		names[rel] = out
		if err := w.WriteFile(out, data); err != nil {
			return nil, err
		}
	}
	return names, nil
}
