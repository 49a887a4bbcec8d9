package build

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/diff"

	"timeline/internal/corpus"
	"timeline/internal/linkcheck"
	"timeline/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden and testdata/identity")

// memWriter keeps the output in memory.
type memWriter map[string][]byte

// memWriterMu guards every memWriter: a build writes pages from several
// goroutines.
var memWriterMu sync.Mutex

func (m memWriter) WriteFile(name string, data []byte) error {
	data = bytes.Clone(data)
	memWriterMu.Lock()
	defer memWriterMu.Unlock()
	m[name] = data
	return nil
}

// fixtureFS is the fixture content of testdata/site with the project's own
// templates and static files, so the golden files show what the real theme
// renders.
func fixtureFS(t *testing.T) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	add := func(root, prefix string) {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			m[path.Join(prefix, filepath.ToSlash(rel))] = &fstest.MapFile{Data: data}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	add("testdata/site/content", "content")
	add("../../templates", "templates")
	add("../../static", "static")
	return m
}

// TestGolden renders the fixture site and compares every file with
// testdata/golden. Run "go test ./internal/build -update" after a deliberate
// change, and review the diff of testdata/golden like code.
func TestGolden(t *testing.T) {
	out := memWriter{}
	// Unminified, so that a change shows as a readable diff.
	res, err := Run(fixtureFS(t), Options{NoMinify: true}, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("fixture has problems:\n%v", res.Problems)
	}
	const golden = "testdata/golden"
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for name, data := range out {
			p := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	var want []string
	err = filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, p)
		name := filepath.ToSlash(rel)
		want = append(want, name)
		wantData, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		got, ok := out[name]
		if !ok {
			t.Errorf("%s: not rendered, but in %s", name, golden)
			return nil
		}
		if !bytes.Equal(got, wantData) {
			t.Errorf("%s differs from the golden file (run go test ./internal/build -update if intended):\n%s", name, diff.Diff("want", wantData, "got", got))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range out {
		if !slices.Contains(want, name) {
			t.Errorf("%s: rendered, but not in %s", name, golden)
		}
	}
}

// TestDeterministic builds the fixture twice and expects the same bytes.
func TestDeterministic(t *testing.T) {
	a, b := memWriter{}, memWriter{}
	if _, err := Run(fixtureFS(t), Options{}, a); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(fixtureFS(t), Options{}, b); err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("builds wrote %d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

// TestBaseURLOverride checks that the base URL flag reaches every absolute
// URL and that page links stay relative, so the site works under a sub-path.
func TestBaseURLOverride(t *testing.T) {
	out := memWriter{}
	res, err := Run(fixtureFS(t), Options{BaseURL: "https://someone.github.io/timeline"}, out)
	if err != nil || len(res.Problems) > 0 {
		t.Fatal(err, res.Problems)
	}
	feed := string(out["feed.xml"])
	if !strings.Contains(feed, `<id>https://someone.github.io/timeline/entries/poipet-raid/</id>`) {
		t.Errorf("feed.xml does not use the overriding base URL:\n%s", feed)
	}
	if strings.Contains(string(out["sitemap.xml"]), "example.org/timeline") {
		t.Errorf("sitemap.xml still has the settings' base URL")
	}
	page := string(out["entries/poipet-raid/index.html"])
	for _, want := range []string{`href="../../static/style.`, `href="../../provinces/kratie/"`, `<link rel="canonical" href="https://someone.github.io/timeline/entries/poipet-raid/">`} {
		if !strings.Contains(page, want) {
			t.Errorf("entry page lacks %s", want)
		}
	}
	notFound := string(out["404.html"])
	if !strings.Contains(notFound, `href="/timeline/static/style.`) {
		t.Errorf("404.html must link from the base path, as it is served at any address:\n%s", notFound)
	}
}

// TestLinks checks that every internal link and anchor of the rendered
// fixture resolves to a file and an id of the output.
func TestLinks(t *testing.T) {
	out := memWriter{}
	res, err := Run(fixtureFS(t), Options{}, out)
	if err != nil || len(res.Problems) > 0 {
		t.Fatal(err, res.Problems)
	}
	if pages := checkLinks(t, out, res.Site.BasePath); pages < 10 {
		t.Errorf("checked only %d pages", pages)
	}
}

// checkLinks reports every broken internal link of the output and returns
// the number of pages checked.
func checkLinks(t *testing.T, out memWriter, basePath string) int {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range out {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	broken, pages, err := linkcheck.Check(fsys, basePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Error(b)
	}
	return pages
}

// TestOperationsDataIsDatedAndScoped checks data/operations.json on the
// repository's own content: every reported value gives the period it
// counts (a cut-off, as_of or to), its area, who said it and its sources.
func TestOperationsDataIsDatedAndScoped(t *testing.T) {
	out := memWriter{}
	res, err := Run(os.DirFS("../.."), Options{BaseURL: "https://example.github.io/timeline/"}, out)
	if err != nil || len(res.Problems) > 0 {
		t.Fatal(err, res.Problems)
	}
	var ops []struct {
		ID      string `json:"id"`
		Sources []any  `json:"sources"`
		Figures map[string][]struct {
			Text    string   `json:"text"`
			Sources []int    `json:"sources"`
			To      string   `json:"to"`
			AsOf    string   `json:"as_of"`
			Area    []string `json:"area"`
			SaidBy  string   `json:"said_by"`
		} `json:"figures"`
	}
	if err := json.Unmarshal(out["data/operations.json"], &ops); err != nil {
		t.Fatal(err)
	}
	values := 0
	for _, op := range ops {
		for key, vs := range op.Figures {
			for _, v := range vs {
				values++
				if v.To == "" && v.AsOf == "" || len(v.Area) == 0 || v.SaidBy == "" || len(v.Sources) == 0 && len(op.Sources) != 1 {
					t.Errorf("%s: %s %s lacks its period, area, speaker or source: %+v", op.ID, key, v.Text, v)
				}
			}
		}
	}
	if values == 0 {
		t.Fatal("operations.json holds no reported values; nothing was checked")
	}
}

// TestRealContent builds the repository's own site: every entry a
// contributor adds is checked by "go test ./..." as well as by the check
// command, and its links must all resolve.
func TestRealContent(t *testing.T) {
	out := memWriter{}
	res, err := Run(os.DirFS("../.."), Options{BaseURL: "https://example.github.io/timeline/"}, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Error(p)
	}
	if t.Failed() {
		return
	}
	if len(res.Site.Content.Entries) == 0 || len(res.Site.Content.Operations) < 3 {
		t.Errorf("real site has %d entries and %d operations; want some entries and at least 3 operations", len(res.Site.Content.Entries), len(res.Site.Content.Operations))
	}
	checkLinks(t, out, res.Site.BasePath)
	checkArchives(t, out, res.Site)
}

// sourceItem is one source in a page's list of sources: on entry and
// operation pages, the compare page, and the sources page.
var sourceItem = regexp.MustCompile(`(?s)<li id=(?:"?op-\d+-)?"?source-\d+"?>.*?</li>|<li><cite>.*?</li>`)

// checkArchives checks that every source, wherever a page lists it, has an
// archived copy beside it, labelled as given or as a Wayback Machine
// capture that may not exist.
func checkArchives(t *testing.T, out memWriter, s *site.Site) {
	t.Helper()
	listed := 0
	for name, data := range out {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, li := range sourceItem.FindAll(data, -1) {
			listed++
			given := bytes.Contains(li, []byte(">archived copy</a>)"))
			wayback := bytes.Contains(li, []byte("https://web.archive.org/web/")) && bytes.Contains(li, []byte(">Wayback Machine copy</a>, if one was saved)"))
			if !given && !wayback {
				t.Errorf("%s: a source without an archived copy: %s", name, li)
			}
		}
	}
	cited := len(s.SourceGroups)
	for _, o := range s.Content.Operations {
		cited += 2 * len(o.Sources) // on the operation's page and on the compare page
	}
	for _, e := range s.Content.Entries {
		cited += len(e.Sources)
	}
	if listed != cited {
		t.Errorf("found %d sources listed on the pages, want %d", listed, cited)
	}
}

// TestAboutDescribesDataColumns keeps the about page's description of
// data/entries.csv, data/tallies.csv and data/sources.csv in step with the columns the site
// writes.
func TestAboutDescribesDataColumns(t *testing.T) {
	about, err := os.ReadFile("../../content/pages/about.md")
	if err != nil {
		t.Fatal(err)
	}
	for file, cols := range map[string][]string{"entries.csv": site.EntriesCSVColumns, "tallies.csv": site.TalliesCSVColumns, "sources.csv": site.SourcesCSVColumns} {
		for _, col := range cols {
			if !strings.Contains(string(about), "`"+col+"`") {
				t.Errorf("content/pages/about.md does not describe the column `%s` of data/%s", col, file)
			}
		}
	}
}

// TestLargeSitePaginates builds the real site with 600 synthetic entries:
// the timeline splits into pages of site.PageSize entries, each
// page links to the next, and no link is broken.
func TestLargeSitePaginates(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 600, 7, "../.."); err != nil {
		t.Fatal(err)
	}
	out := memWriter{}
	res, err := Run(os.DirFS(dir), Options{}, out)
	if err != nil || len(res.Problems) > 0 {
		t.Fatal(err, res.Problems)
	}
	total := len(res.Site.Content.Entries)
	pages := (total + site.PageSize - 1) / site.PageSize
	for n := 2; n <= pages; n++ {
		name := fmt.Sprintf("page/%d/index.html", n)
		if _, ok := out[name]; !ok {
			t.Errorf("%s missing for %d entries", name, total)
		}
	}
	if _, ok := out[fmt.Sprintf("page/%d/index.html", pages+1)]; ok {
		t.Errorf("one timeline page too many")
	}
	if got := strings.Count(string(out["index.html"]), `class="entry-card"`); got != site.PageSize {
		t.Errorf("home page lists %d entries, want %d", got, site.PageSize)
	}
	checkLinks(t, out, res.Site.BasePath)
}

// TestCardsAtEveryDepth checks the cards of entry lists, which are rendered
// once with a mark where their links start: on pages at different depths
// each card links to its entry correctly, and an entry whose own text holds
// the mark still shows that text as written.
func TestCardsAtEveryDepth(t *testing.T) {
	fsys := fixtureFS(t).(fstest.MapFS)
	p := "content/entries/2025/poipet-raid.md"
	fsys[p] = &fstest.MapFile{Data: bytes.Replace(fsys[p].Data, []byte(`summary: "Hundreds detained."`), []byte(`summary: "Odd text =\"__timeline-root__/ here"`), 1)}
	out := memWriter{}
	res, err := Run(fsys, Options{NoMinify: true}, out)
	if err != nil || len(res.Problems) > 0 {
		t.Fatal(err, res.Problems)
	}
	for file, want := range map[string]string{
		"index.html":                        `href="entries/mango-raid/"`,
		"operations/2024/index.html":        `href="../../entries/mango-raid/"`,
		"provinces/kampong-speu/index.html": `href="../../entries/mango-raid/"`,
	} {
		if !bytes.Contains(out[file], []byte(want)) {
			t.Errorf("%s: no card link %s", file, want)
		}
	}
	for _, file := range []string{"index.html", "operations/2025/index.html"} {
		page := string(out[file])
		if !strings.Contains(page, `Odd text =&#34;__timeline-root__/ here`) {
			t.Errorf("%s: the summary holding the mark is not shown as written", file)
		}
		if strings.Contains(page, `="__timeline-root__/`) {
			t.Errorf("%s: a link still starts with the mark", file)
		}
	}
}

// TestCompareIsSourced proves, on the repository's own content, that every
// figure and statement on the compare page comes from an entry or operation
// file that names its source (see site.Comparison.Unsourced), and that the
// page links each reported total to a source listed on it.
func TestCompareIsSourced(t *testing.T) {
	out := memWriter{}
	res, err := Run(os.DirFS("../.."), Options{BaseURL: "https://example.github.io/timeline/", NoMinify: true}, out)
	if err != nil || len(res.Problems) > 0 {
		t.Fatal(err, res.Problems)
	}
	c := res.Site.Comparison()
	for _, u := range c.Unsourced() {
		t.Error(u)
	}
	figures := 0
	page := string(out["compare/index.html"])
	for _, col := range c.Columns {
		for _, f := range col.Official {
			for _, p := range f.Points() {
				figures += len(p.Values)
				// Every official value shows its period and area.
				sc := p.Scope()
				if !strings.Contains(page, html.EscapeString(sc.Period()+" · "+sc.Area())) {
					t.Errorf("%s: the compare page does not show the period and area of %s %s (%s · %s)", col.ID, f.Key, p.Values[0].Count, sc.Period(), sc.Area())
				}
			}
		}
		for _, sum := range col.Recorded {
			figures += sum.Entries
		}
	}
	if figures == 0 {
		t.Fatal("the compare page shows no figures; nothing was checked")
	}
	// Every citation on the page points at a source that the page lists.
	cites := regexp.MustCompile(`href="#(op-[a-z0-9-]+-source-\d+)"`).FindAllStringSubmatch(page, -1)
	if len(cites) == 0 {
		t.Fatal("the compare page cites no operation sources")
	}
	for _, m := range cites {
		if !strings.Contains(page, `id="`+m[1]+`"`) {
			t.Errorf("compare page cites #%s, which it does not list", m[1])
		}
	}
	t.Logf("%d figures on the compare page, each traced to a source; %d citations, each to a listed source", figures, len(cites))
}

// recordingReuser is a Reuser that keeps the files whose inputs are those
// of the build before, and remembers the inputs it was given.
type recordingReuser struct {
	old, now map[string]string
	kept     []string
}

func (r *recordingReuser) SetInputs(in map[string]string) { r.now = in }

func (r *recordingReuser) Unchanged(name, input string) bool {
	if r.old[name] == "" || r.old[name] != input {
		return false
	}
	r.kept = append(r.kept, name)
	return true
}

// TestReuseKeepsDataFilesWhoseInputsStay: a build into a workspace makes
// again only the data files whose inputs changed: an edit of an entry's
// text keeps the sources' data files and the sitemap, an edit of a source
// makes the sources' files again, and a new entry the sitemap too.
func TestReuseKeepsDataFilesWhoseInputsStay(t *testing.T) {
	fsys := fixtureFS(t).(fstest.MapFS)
	const entry = "content/entries/2024/mango-raid.md"
	r := &recordingReuser{}
	build := func() memWriter {
		t.Helper()
		out := memWriter{}
		r.old, r.kept = r.now, nil
		res, err := Run(fsys, Options{Reuse: r, Generator: "test"}, out)
		if err != nil || len(res.Problems) > 0 {
			t.Fatal(err, res.Problems)
		}
		return out
	}
	edit := func(old, new string) {
		t.Helper()
		data := string(fsys[entry].Data)
		if !strings.Contains(data, old) {
			t.Fatalf("%s has no %q", entry, old)
		}
		fsys[entry] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
	}
	dataFiles := []string{"data/sources.csv", "data/sources.json", "sitemap.xml", "robots.txt", "data/entries.json", "feed.xml"}
	build()
	for _, step := range []struct {
		name   string
		change func()
		made   []string // of dataFiles, those made again
	}{
		{"nothing", func() {}, nil},
		{"an entry's text", func() { edit("were found [1].", "were found there [1].") }, []string{"data/entries.json", "feed.xml"}},
		{"a source's publisher", func() { edit(`publisher = "Example Wire"`, `publisher = "Example Newswire"`) },
			[]string{"data/sources.csv", "data/sources.json", "data/entries.json", "feed.xml"}},
		{"a new entry", func() { fsys["content/entries/2024/mango-raid-2.md"] = fsys[entry] },
			[]string{"data/sources.csv", "data/sources.json", "sitemap.xml", "robots.txt", "data/entries.json", "feed.xml"}},
	} {
		step.change()
		out := build()
		var made []string
		for _, name := range dataFiles {
			if _, ok := out[name]; ok {
				made = append(made, name)
			} else if !slices.Contains(r.kept, name) {
				t.Errorf("%s: %s neither made nor kept", step.name, name)
			}
		}
		slices.Sort(made)
		want := slices.Sorted(slices.Values(step.made))
		if !slices.Equal(made, want) {
			t.Errorf("%s: made %v again, want %v", step.name, made, want)
		}
	}
}
