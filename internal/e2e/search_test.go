package e2e

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"timeline/internal/build"
	"timeline/internal/corpus"
	"timeline/internal/output"
	"timeline/internal/serve"
	"timeline/internal/site"
)

// servedCorpus builds a synthetic site of n entries with the project's
// theme and serves it under the base path for the test.
func servedCorpus(t *testing.T, n int) *testSite {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(dir, n, 11, repoRoot); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &testSite{base: "http://" + ln.Addr().String() + basePath, dir: filepath.Join(t.TempDir(), "public")}
	b, err := output.Begin(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	s.res, err = build.Run(os.DirFS(dir), build.Options{BaseURL: s.base}, b)
	if err != nil || len(s.res.Problems) > 0 {
		t.Fatalf("build: %v %v", err, s.res.Problems)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: serve.Handler(s.dir, basePath)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return s
}

// TestSearchCoversEveryPage checks, on a timeline of 600 entries (three
// pages), that a title found only on the last page is found from page 1,
// by keyboard, and that its result links to the entry; that a filter
// counts the entries of every page; and that without JavaScript page 1
// still lists its own entries and the browse links.
func TestSearchCoversEveryPage(t *testing.T) {
	if chromePath() == "" {
		skipOrFail(t, "no Chromium found (install the chromium package, or set CHROME_PATH)")
	}
	s := servedCorpus(t, 600)
	entries := s.res.Site.Content.Entries
	if pages := (len(entries) + site.PageSize - 1) / site.PageSize; pages < 3 {
		t.Fatalf("the corpus makes %d timeline pages, want at least 3", pages)
	}
	last := entries[len(entries)-1]
	for _, e := range entries[:site.PageSize] {
		if strings.Contains(strings.ToLower(e.Title), strings.ToLower(last.Title)) {
			t.Fatalf("%q is also on page 1; the test needs a title found only on the last page", last.Title)
		}
	}
	ctx := browser(t)
	open(t, ctx, s.base)
	do(t, ctx, chromedp.WaitVisible("#filters"))
	onPage := eval[bool](t, ctx, `[...document.querySelectorAll(".entry-card h3")].some(h => h.textContent === `+jsString(last.Title)+`)`)
	if onPage {
		t.Fatalf("%q is on page 1 already", last.Title)
	}
	tabTo(t, ctx, "q")
	do(t, ctx, chromedp.KeyEvent(last.Title), chromedp.WaitVisible("#search-results li a"))
	type result struct {
		Titles []string `json:"titles"`
		Href   string   `json:"href"`
		Status string   `json:"status"`
	}
	r := eval[result](t, ctx, `({titles: [...document.querySelectorAll("#search-results li a")].map(a => a.textContent),
		href: (document.querySelector("#search-results li a") || {}).href || "", status: document.getElementById("filter-status").textContent})`)
	if len(r.Titles) != 1 || r.Titles[0] != last.Title {
		t.Fatalf("searching page 1 for %q found %v", last.Title, r.Titles)
	}
	if want := s.base + "entries/" + last.Slug + "/"; r.Href != want {
		t.Errorf("the result links to %s, want %s", r.Href, want)
	}
	if !strings.Contains(r.Status, "Showing 1 of 600 entries, from every page") {
		t.Errorf("status = %q", r.Status)
	}
	if loc := get(t, ctx, chromedp.Location()); !strings.Contains(loc, "q=") {
		t.Errorf("the search is not kept in the address: %s", loc)
	}
	// Follow the result by keyboard.
	// Tab on from the search box, past the form's two buttons, to the first result.
	for range 3 {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
	}
	focused := eval[string](t, ctx, `document.activeElement.textContent`)
	do(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `location.pathname.endsWith("/entries/`+last.Slug+`/")`)
	if focused != last.Title {
		t.Errorf("focus on %q, want the result", focused)
	}

	// A filter counts the entries of every page.
	op := last.Operation
	want := 0
	for _, e := range entries {
		if e.Operation == op {
			want++
		}
	}
	open(t, ctx, s.base+"?operation="+op)
	do(t, ctx, chromedp.WaitVisible("#search-results li"))
	if n := eval[int](t, ctx, `document.querySelectorAll("#search-results li").length`); n != min(want, 1000) {
		t.Errorf("operation %s: %d results from every page, want %d", op, n, want)
	}
	index := eval[string](t, ctx, `document.getElementById("filters").dataset.index`)
	if !strings.HasSuffix(index, "data/search.json") {
		t.Errorf("the search index is at %q, want data/search.json", index)
	}

	// Without JavaScript: page 1 lists its own entries, and the browse links are there.
	setScripts(t, ctx, false)
	open(t, ctx, s.base+"?q=nothing")
	if n := eval[int](t, ctx, visibleCards); n != site.PageSize {
		t.Errorf("without JavaScript page 1 shows %d entries, want %d", n, site.PageSize)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".browse a").length`); n < 4 {
		t.Errorf("without JavaScript only %d browse links", n)
	}
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// waitFor polls a JavaScript condition for up to five seconds.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	t.Errorf("waited 5 s for %s (at %s)", cond, loc)
}
