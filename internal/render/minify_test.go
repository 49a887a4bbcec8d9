package render_test

import (
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/svg"

	"timeline/internal/build"
)

var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}(\.(css|js|svg))`)

// pages collects the files of a build.
type pages struct {
	mu    sync.Mutex
	files map[string]string
}

func (p *pages) WriteFile(name string, data []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.files[name]; ok {
		return os.ErrExist // a file written twice is a defect of the build
	}
	p.files[name] = string(data)
	return nil
}

func buildSite(t *testing.T, noMinify bool) map[string]string {
	t.Helper()
	w := &pages{files: map[string]string{}}
	res, err := build.Run(os.DirFS("../.."), build.Options{NoMinify: noMinify}, w)
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("build: %v %v", err, res.Problems)
	}
	return w.files
}

// TestMinifiedTemplatesMakeTheSamePages builds the real site from minified
// and from plain templates. Minifying templates before parsing must mean
// nothing but minification: minify both sets of pages whole and they are
// the same, byte for byte; and the pages from minified templates are not
// larger than the plain ones.
func TestMinifiedTemplatesMakeTheSamePages(t *testing.T) {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("image/svg+xml", svg.Minify)
	plain, minified := buildSite(t, true), buildSite(t, false)
	compared := 0
	var plainSize, minSize, wholeSize int
	for name, page := range plain {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		got, ok := minified[name]
		if !ok {
			t.Errorf("%s: missing from the minified build", name)
			continue
		}
		// Static files have other fingerprints when minified.
		page, got = fingerprint.ReplaceAllString(page, ".$1"), fingerprint.ReplaceAllString(got, ".$1")
		a, err1 := m.String("text/html", page)
		b, err2 := m.String("text/html", got)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", name, err1, err2)
		}
		if a != b {
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			t.Errorf("%s: pages differ after minification, from byte %d:\nplain:    %.160q\nminified: %.160q", name, i, a[i:], b[i:])
		}
		compared++
		plainSize += len(page)
		minSize += len(got)
		wholeSize += len(a)
	}
	if compared < 50 {
		t.Fatalf("compared %d pages, want the whole site", compared)
	}
	if minSize >= plainSize {
		t.Errorf("pages from minified templates take %d bytes, plain ones %d", minSize, plainSize)
	}
	t.Logf("%d pages: %d bytes from plain templates, %d from minified ones, %d minified whole", compared, plainSize, minSize, wholeSize)
}
