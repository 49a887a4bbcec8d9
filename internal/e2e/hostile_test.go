package e2e

import (
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	xhtml "golang.org/x/net/html"

	"timeline/internal/build"
	"timeline/internal/output"
	"timeline/internal/serve"
)

// buildHostile builds testdata/hostile (script in every text field a
// contributor controls) with the real theme, serves it on loopback and
// returns the output folder and its base URL.
func buildHostile(t *testing.T) (dir, base string) {
	t.Helper()
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS("testdata/hostile")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(src, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			t.Fatal(err)
		}
	}
	prov, _ := os.ReadFile(filepath.Join(repoRoot, "content", "provinces.yaml"))
	os.WriteFile(filepath.Join(src, "content", "provinces.yaml"), prov, 0o644)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base = "http://" + ln.Addr().String() + basePath
	dir = filepath.Join(t.TempDir(), "public")
	b, err := output.Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(os.DirFS(src), build.Options{BaseURL: base}, b)
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("hostile fixture must build (its script is in text): %v %v", err, res.Problems)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: serve.Handler(dir, basePath)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return dir, base
}

// TestHostileContentRendersInert reads every page of the hostile site: the
// only scripts are the site's own file, no element has an event handler,
// no address runs script, and every page carries the Content-Security-Policy.
func TestHostileContentRendersInert(t *testing.T) {
	dir, _ := buildHostile(t)
	pages := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		csp := false
		z := xhtml.NewTokenizer(strings.NewReader(string(data)))
		for {
			tt := z.Next()
			if tt == xhtml.ErrorToken {
				break
			}
			if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
				continue
			}
			name, more := z.TagName()
			attrs := map[string]string{}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs[strings.ToLower(string(k))] = string(v)
			}
			tag := string(name)
			switch tag {
			case "script":
				if !strings.Contains(attrs["src"], "static/filter.") {
					t.Errorf("%s: a <script> that is not the site's own: %v", rel, attrs)
				}
			case "iframe", "object", "embed", "base", "form":
				if tag != "form" || attrs["id"] != "filters" {
					t.Errorf("%s: a <%s> element: %v", rel, tag, attrs)
				}
			case "meta":
				if attrs["http-equiv"] == "Content-Security-Policy" && strings.Contains(attrs["content"], "script-src 'self'") && !strings.Contains(attrs["content"], "unsafe") {
					csp = true
				}
			}
			for k, v := range attrs {
				if strings.HasPrefix(k, "on") || k == "srcdoc" {
					t.Errorf("%s: <%s %s=%q>", rel, tag, k, v)
				}
				lv := strings.ToLower(strings.TrimSpace(v))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:text"} {
					if strings.HasPrefix(lv, scheme) {
						t.Errorf("%s: <%s %s=%q>", rel, tag, k, v)
					}
				}
			}
		}
		if !csp {
			t.Errorf("%s: no Content-Security-Policy meta allowing only the site's own scripts", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d pages checked", pages)
	}
	t.Logf("checked %d pages of the hostile site", pages)
}

// TestHostileContentRunsNoScript loads every page of the hostile site in
// Chromium and hovers over every element: no payload may run (each would
// set window.__xss or open a dialog).
func TestHostileContentRunsNoScript(t *testing.T) {
	dir, base := buildHostile(t)
	ctx := browser(t)
	dialogs := 0
	chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs++
		}
	})
	var urls []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			urls = append(urls, strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		}
		return err
	})
	for _, u := range urls {
		open(t, ctx, base+u)
		// Fire the events that payloads listen for.
		eval[bool](t, ctx, `(() => { for (const el of document.querySelectorAll("*")) { for (const type of ["mouseover", "focus", "click"]) { if (type === "click" && el.closest("a")) continue; el.dispatchEvent(new Event(type)); } } return true; })()`)
		if got := eval[string](t, ctx, `String(window.__xss)`); got != "undefined" {
			t.Errorf("%s: a payload ran: window.__xss = %s", u, got)
		}
	}
	if dialogs > 0 {
		t.Errorf("%d dialogs opened", dialogs)
	}
	t.Logf("loaded %d pages of the hostile site in Chromium: %s", len(urls), fmt.Sprint(len(urls) > 0))
}
