package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"timeline/internal/build"
	"timeline/internal/linkcheck"
	"timeline/internal/output"
	"timeline/internal/serve"
	"timeline/internal/slug"
)

// required reports whether missing tools must fail the tests instead of
// skipping them. .ci/run sets it, after installing Chromium and Node.
func required() bool { return os.Getenv("TIMELINE_REQUIRE_BROWSER") == "1" }

func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if required() {
		t.Fatal(msg + " (TIMELINE_REQUIRE_BROWSER=1)")
	}
	t.Skip(msg + "; set TIMELINE_REQUIRE_BROWSER=1 to make this a failure")
}

// repoRoot is the project's folder, two levels up.
const repoRoot = "../.."

// basePath is the sub-path the site is served under, as on GitHub Pages.
const basePath = "/timeline/"

// testSite is the real site, built once and served on loopback.
type testSite struct {
	dir  string // output folder
	base string // http://127.0.0.1:PORT/timeline/
	res  build.Result
}

var (
	siteOnce sync.Once
	siteVal  *testSite
	siteErr  error
)

// servedSite builds the repository's site under a sub-path base URL and
// serves it for the whole test run.
func servedSite(t *testing.T) *testSite {
	t.Helper()
	siteOnce.Do(func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			siteErr = err
			return
		}
		s := &testSite{base: "http://" + ln.Addr().String() + basePath}
		tmp, err := os.MkdirTemp("", "timeline-e2e-")
		if err != nil {
			siteErr = err
			return
		}
		s.dir = filepath.Join(tmp, "public")
		b, err := output.Begin(s.dir)
		if err != nil {
			siteErr = err
			return
		}
		s.res, err = build.Run(os.DirFS(repoRoot), build.Options{BaseURL: s.base}, b)
		if err != nil || len(s.res.Problems) > 0 {
			siteErr = fmt.Errorf("build: %v %v", err, s.res.Problems)
			return
		}
		if err := b.Commit(); err != nil {
			siteErr = err
			return
		}
		go http.Serve(ln, serve.Handler(s.dir, basePath))
		siteVal = s
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteVal
}

// chromePath finds the browser.
func chromePath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium for one test, with the flags this
// network needs (no background connections, no first-run work).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromePath()
	if path == "" {
		skipOrFail(t, "no Chromium found (install the chromium package, or set CHROME_PATH)")
	}
	opts := append([]chromedp.ExecAllocatorOption{},
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// do runs actions that return nothing, failing the test on error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// get runs one action that returns a value.
func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// setScripts turns JavaScript on or off for the tab.
func setScripts(t *testing.T, ctx context.Context, on bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on}); err != nil {
		t.Fatal(err)
	}
}

// setViewport sets the tab's size; mobile emulates a phone.
func setViewport(t *testing.T, ctx context.Context, width, height int64, mobile bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: height, DeviceScaleFactor: 1, Mobile: mobile}); err != nil {
		t.Fatal(err)
	}
}

// setScheme emulates prefers-color-scheme: light or dark.
func setScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
		t.Fatal(err)
	}
}

// open loads a page and waits for its body.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(url), chromedp.WaitReady("body"))
}

// consoleErrors collects console errors and uncaught exceptions (CSP
// violations are reported as console errors).
func consoleErrors(ctx context.Context) func() []string {
	var mu sync.Mutex
	var errs []string
	chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			errs = append(errs, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				errs = append(errs, "console.error: "+strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError && !strings.Contains(ev.Entry.URL, "no-such-page") {
				errs = append(errs, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(errs)
	}
}

// pageTypes are one URL of each kind of page, relative to the base.
func pageTypes(s *testSite) []string {
	var entry, tag, kind string
	for _, p := range s.res.Site.Pages {
		switch {
		case p.Entry != nil && entry == "":
			entry = p.URL
		case p.Tag != nil && tag == "":
			tag = p.URL
		case p.Kind != nil && kind == "":
			kind = p.URL
		}
	}
	return []string{"", "compare/", entry, "operations/", "operations/2025/", "provinces/", "provinces/kratie/",
		"tags/", tag, "kinds/", kind, "sources/", "corrections/", "about/", "no-such-page/"}
}

func TestEveryPageTypeLoads(t *testing.T) {
	s := servedSite(t)
	for _, js := range []bool{true, false} {
		name := "javascript on"
		if !js {
			name = "javascript off"
		}
		t.Run(name, func(t *testing.T) {
			ctx := browser(t)
			errs := consoleErrors(ctx)
			setScripts(t, ctx, js)
			widths := []int64{360, 320}
			if !js {
				widths = widths[:1] // the layout is the same without scripts; 360 px is the width that matters
			}
			for _, width := range widths {
				setViewport(t, ctx, width, 640, true)
				for _, u := range pageTypes(s) {
					open(t, ctx, s.base+u)
					title := get(t, ctx, chromedp.Title())
					h1 := eval[string](t, ctx, `(document.querySelector("h1") || {}).textContent || ""`)
					overflow := eval[bool](t, ctx, sidewaysScroll)
					if title == "" || h1 == "" {
						t.Errorf("%s: title %q, h1 %q; want both", u, title, h1)
					}
					if overflow {
						t.Errorf("%s: the page scrolls sideways at %d px wide", u, width)
					}
				}
			}
			for _, e := range errs() {
				t.Errorf("browser reported: %s", e)
			}
		})
	}
}

// sidewaysScroll is true when the page, not a frame inside it, is wider
// than the window.
const sidewaysScroll = `document.documentElement.scrollWidth > document.documentElement.clientWidth + 1 || document.body.scrollWidth > document.documentElement.clientWidth + 1`

// visibleCards counts the timeline entries shown.
const visibleCards = `Array.from(document.querySelectorAll(".entry-card")).filter(c => !c.hidden && c.offsetParent !== null).length`

// countEntries counts entries in the real content matching pred.
func countEntries(s *testSite, pred func(op string, provinces []string) bool) int {
	n := 0
	for _, e := range s.res.Site.Content.Entries {
		if pred(e.Operation, e.Provinces) {
			n++
		}
	}
	return n
}

func TestFiltersByMouse(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	want2025 := countEntries(s, func(op string, _ []string) bool { return op == "2025" })
	open(t, ctx, s.base)
	do(t, ctx, chromedp.WaitVisible("#filters"), chromedp.Click(`#filters input[name="operation"][value="2025"]`))
	shown := eval[int](t, ctx, visibleCards)
	loc := get(t, ctx, chromedp.Location())
	status := eval[string](t, ctx, `document.getElementById("filter-status").textContent`)
	if shown != want2025 || want2025 == 0 {
		t.Errorf("after clicking 2025: %d entries shown, want %d", shown, want2025)
	}
	if !strings.HasSuffix(loc, "?operation=2025") {
		t.Errorf("URL after clicking 2025 = %s, want it to end in ?operation=2025", loc)
	}
	if want := fmt.Sprintf("Showing %d of %d entries.", want2025, len(s.res.Site.Content.Entries)); !strings.Contains(status, want) {
		t.Errorf("status = %q, want %q", status, want)
	}
	do(t, ctx, chromedp.Click(`#filters button[type="reset"]`), chromedp.Sleep(100*time.Millisecond))
	if shown := eval[int](t, ctx, visibleCards); shown != len(s.res.Site.Content.Entries) {
		t.Errorf("after Clear: %d entries shown, want all %d", shown, len(s.res.Site.Content.Entries))
	}
	if loc := get(t, ctx, chromedp.Location()); strings.Contains(loc, "?") {
		t.Errorf("URL after Clear = %s, want no query", loc)
	}
}

// tabTo presses Tab until the focused element has the given name.
func tabTo(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for range 400 {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		if eval[string](t, ctx, `document.activeElement.name || ""`) == name {
			return
		}
	}
	t.Fatalf("Tab never reached the %q field", name)
}

func TestFiltersByKeyboard(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	open(t, ctx, s.base)
	do(t, ctx, chromedp.WaitVisible("#filters"))
	// Tab from the top of the page to the province list and choose with the
	// arrow keys; then Tab on to the search box and type.
	tabTo(t, ctx, "province")
	do(t, ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown)) // past "Nationwide"
	chosen := eval[string](t, ctx, `document.querySelector('#filters select[name="province"]').value`)
	shown := eval[int](t, ctx, visibleCards)
	loc := get(t, ctx, chromedp.Location())
	want := countEntries(s, func(_ string, provinces []string) bool {
		for _, p := range provinces {
			if slug.Make(p) == chosen {
				return true
			}
		}
		return false
	})
	if chosen == "" || chosen == "nationwide" || shown != want {
		t.Errorf("province %q chosen by keyboard: %d entries shown, want %d", chosen, shown, want)
	}
	if !strings.Contains(loc, "province="+chosen) {
		t.Errorf("URL = %s, want province=%s in it", loc, chosen)
	}
	tabTo(t, ctx, "q")
	do(t, ctx, chromedp.KeyEvent("zzzz-no-such-text"))
	if shown, none := eval[int](t, ctx, visibleCards), eval[bool](t, ctx, `!document.getElementById("no-results").hidden`); shown != 0 || !none {
		t.Errorf("searching for nonsense: %d shown, no-results message %v; want 0 and true", shown, none)
	}
	// Operation radios: arrow keys move the choice.
	tabTo(t, ctx, "operation")
	do(t, ctx, chromedp.KeyEvent(kb.ArrowRight))
	if op := eval[string](t, ctx, `document.querySelector('#filters input[name="operation"]:checked').value`); op == "" {
		t.Errorf("arrow key on the operation choice left it at All")
	}
}

func TestFilterStateFromURL(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	want := countEntries(s, func(op string, provinces []string) bool {
		return op == "2025" && slices.Contains(provinces, "Phnom Penh")
	})
	open(t, ctx, s.base+"?operation=2025&province=phnom-penh")
	do(t, ctx, chromedp.WaitVisible("#filters"))
	shown := eval[int](t, ctx, visibleCards)
	op := eval[string](t, ctx, `document.querySelector('#filters input[name="operation"]:checked').value`)
	prov := eval[string](t, ctx, `document.querySelector('#filters select[name="province"]').value`)
	if shown != want || want == 0 || op != "2025" || prov != "phnom-penh" {
		t.Errorf("shared URL: %d shown (want %d), controls %q/%q (want 2025/phnom-penh)", shown, want, op, prov)
	}
}

func TestWithoutJavaScript(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	setScripts(t, ctx, false)
	open(t, ctx, s.base+"?operation=2025")
	shown := eval[int](t, ctx, visibleCards)
	formVisible := eval[bool](t, ctx, `document.getElementById("filters").offsetParent !== null`)
	browseLinks := eval[int](t, ctx, `document.querySelectorAll(".browse a").length`)
	open(t, ctx, s.base+"compare/")
	svgs := eval[int](t, ctx, `document.querySelectorAll("svg").length`)
	if shown != len(s.res.Site.Content.Entries) {
		t.Errorf("without JavaScript %d entries are shown, want all %d", shown, len(s.res.Site.Content.Entries))
	}
	if formVisible {
		t.Errorf("the filter form shows without JavaScript, where it cannot work")
	}
	if browseLinks < 4 {
		t.Errorf("only %d browse links without JavaScript", browseLinks)
	}
	if svgs < 3 {
		t.Errorf("compare page has %d SVG charts and maps without JavaScript, want at least 3", svgs)
	}
}

// axeResult is the part of axe.run's result the test reads.
type axeResult struct {
	Violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any `json:"target"`
		} `json:"nodes"`
	} `json:"violations"`
	Passes []json.RawMessage `json:"passes"`
}

func TestAccessibility(t *testing.T) {
	s := servedSite(t)
	axe, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		skipOrFail(t, "axe-core not installed (run npm ci)")
	}
	// Each width and scheme in its own browser, two at a time: together they
	// take longer than one browser's time limit.
	for _, width := range []int64{1280, 360} {
		t.Run(fmt.Sprintf("%d px", width), func(t *testing.T) {
			for _, scheme := range []string{"light", "dark"} {
				t.Run(scheme, func(t *testing.T) {
					t.Parallel()
					ctx := browser(t)
					setViewport(t, ctx, width, 900, width < 600)
					setScheme(t, ctx, scheme)
					for _, u := range pageTypes(s) {
						open(t, ctx, s.base+u)
						eval[bool](t, ctx, string(axe)+"\n;true")
						res := eval[axeResult](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}}).then(r => ({violations: r.violations, passes: r.passes}))`, chromedp.EvalAwaitPromise)
						if len(res.Passes) == 0 {
							t.Errorf("%s: axe ran no rules", u)
						}
						for _, v := range res.Violations {
							t.Errorf("%s: %s: %s at %v", u, v.ID, v.Help, v.Nodes)
						}
					}
					t.Logf("axe-core checked %d page types", len(pageTypes(s)))
				})
			}
		})
	}
}

// TestAccessibilityCheckCanFail runs the same axe check on a page with
// known faults, so that a silent axe (not loaded, no rules run) cannot pass
// for a clean site.
func TestAccessibilityCheckCanFail(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		skipOrFail(t, "axe-core not installed (run npm ci)")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><title>Bad</title></head><body><img src="x.png"><p style="color:#777;background:#888">low contrast</p></body></html>`)
	}))
	defer srv.Close()
	ctx := browser(t)
	open(t, ctx, srv.URL)
	eval[bool](t, ctx, string(axe)+"\n;true")
	res := eval[axeResult](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}}).then(r => ({violations: r.violations, passes: r.passes}))`, chromedp.EvalAwaitPromise)
	var ids []string
	for _, v := range res.Violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "html-has-lang", "color-contrast"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe on a faulty page found %v; want %s among them", ids, want)
		}
	}
}

func TestHTMLValidates(t *testing.T) {
	s := servedSite(t)
	bin := filepath.Join(repoRoot, "node_modules", ".bin", "html-validate")
	if _, err := os.Stat(bin); err != nil {
		skipOrFail(t, "html-validate not installed (run npm ci)")
	}
	var files []string
	filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	args := append([]string{"--config", filepath.Join(repoRoot, ".htmlvalidate.json")}, files...)
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Errorf("html-validate found errors in the built site:\n%s", out)
	}
	t.Logf("html-validate checked %d pages", len(files))
}

func TestNoBrokenLinksUnderSubPath(t *testing.T) {
	s := servedSite(t)
	broken, pages, err := linkcheck.Check(os.DirFS(s.dir), basePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Error(b)
	}
	t.Logf("link check covered %d pages", pages)
}

// TestScreenshots saves phone (360 px) and desktop screenshots, light and
// dark, of the home, compare, provinces and entry pages and a few others when TIMELINE_SCREENSHOTS names a
// folder, for a person to look at.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("TIMELINE_SCREENSHOTS")
	if dir == "" {
		t.Skip("set TIMELINE_SCREENSHOTS=DIR to save screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := servedSite(t)
	ctx := browser(t)
	pages := map[string]string{"home": "", "compare": "compare/", "entry": "entries/raids-in-five-provinces/",
		"lead-up": "entries/poipet-raid-with-thai-police/", "operation-2024": "operations/2024/", "method": "method/",
		"provinces": "provinces/", "province": "provinces/preah-sihanouk/", "corrections": "corrections/"}
	for name, u := range pages {
		for _, w := range []int64{360, 1280} {
			for _, scheme := range []string{"light", "dark"} {
				setViewport(t, ctx, w, 900, w < 600)
				setScheme(t, ctx, scheme)
				open(t, ctx, s.base+u)
				buf := get(t, ctx, chromedp.FullScreenshot(100)) // 100: PNG
				p := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", name, w, scheme))
				if err := os.WriteFile(p, buf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestCompareReadsAsClaims checks, in Chromium, what a reader of the
// compare page meets first: the warning that rows are not additive, the
// headline chart of officials' arrest tallies whose every point a screen
// reader names with its value and date, and the officials' tallies of the
// real record, each with its period.
func TestCompareReadsAsClaims(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	open(t, ctx, s.base+"compare/")
	warning := eval[string](t, ctx, `document.querySelector(".read-first").innerText`)
	if !strings.Contains(warning, "not additive") || !strings.Contains(warning, "A later tally is not a disagreement") {
		t.Errorf("the page does not open with its warnings: %q", warning)
	}
	firstChart := eval[string](t, ctx, `document.querySelector("h2[id^=chart-]").id`)
	if firstChart != "chart-arrested" {
		t.Errorf("the first chart is %q, want the officials' arrest tallies", firstChart)
	}
	labels := eval[[]string](t, ctx, `[...document.querySelectorAll("#chart-arrested + figure path[role=img]")].map(p => p.getAttribute("aria-label"))`)
	if len(labels) == 0 {
		t.Fatal("the arrests chart has no named points")
	}
	for _, l := range labels {
		if !regexp.MustCompile(`^\d{4}: .*\d.* arrested, .*\d{4} \(day \d+`).MatchString(l) {
			t.Errorf("a point's accessible name lacks its value or date: %q", l)
		}
	}
	scopes := eval[int](t, ctx, `document.querySelectorAll("table.compare .scope").length`)
	if scopes == 0 {
		t.Errorf("no official tally on the page shows its period and area")
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll("h1, h2, figcaption, title")].filter(e => /reported arrests/i.test(e.textContent)).length`); n > 0 {
		t.Errorf("%d headings or captions still call a sum 'reported arrests'", n)
	}
}
