package diff

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"timeline/internal/content"
)

func site(t *testing.T, entries map[string]string) *content.Site {
	t.Helper()
	provinces, err := os.ReadFile("../../content/provinces.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{
		"content/site.yaml":      {Data: []byte("title: \"T\"\nbase_url: \"https://example.org/\"\n")},
		"content/provinces.yaml": {Data: provinces},
		"content/operations/2025.md": {Data: []byte("---\nname: \"2025 crackdown\"\nstart: 2025-06-27\nend: ongoing\n" +
			"sources:\n  - {title: \"R\", publisher: \"P\", url: \"https://example.org/r\"}\n---\n")},
	}
	for p, data := range entries {
		m[p] = &fstest.MapFile{Data: []byte(data)}
	}
	s, ps := content.Load(m, content.Options{Drafts: true})
	if len(ps) > 0 {
		t.Fatalf("fixture: %v", ps)
	}
	return s
}

func entry(title, figures string) string {
	return "---\ntitle: \"" + title + "\"\ndate: 2025-07-16\noperation: \"2025\"\nprovinces: [Kratie]\nkind: raid\n" + figures +
		"sources:\n  - {title: \"Report\", publisher: \"Example News\", url: \"https://example.org/report\"}\n---\nText [1].\n"
}

// TestCompare: entries added, removed and changed, with every figure that
// changed and its old and new values, in text and in Markdown, where
// contributors' text cannot become markup.
func TestCompare(t *testing.T) {
	const a, b, c = "content/entries/2025/a-raid.md", "content/entries/2025/b-raid.md", "content/entries/2025/c-raid.md"
	old := site(t, map[string]string{
		a: entry("Raid A", "figures:\n  arrested: 312\n  rescued: 5\n"),
		b: entry("Raid B", ""),
	})
	new := site(t, map[string]string{
		a: strings.Replace(entry("Raid A, revised", "figures:\n  arrested: [{value: 312, source: 1}, {value: \"~320\", as_of: 2025-07-20}]\n  deported: 40\n"), "Text [1].", "New text [1].", 1),
		c: entry("Raid <C> *now*", "figures: {detained: 12}\n"),
	})
	r := Compare(old, new)
	var text strings.Builder
	if err := r.Write(&text, false); err != nil {
		t.Fatal(err)
	}
	want := `What this change does to the timeline

Entries and operations: 1 added, 1 removed, 1 changed.

Added

- entry c-raid: Raid <C> *now* (content/entries/2025/c-raid.md)

Removed

- entry b-raid: Raid B (content/entries/2025/b-raid.md)

Changed

- entry a-raid: Raid A, revised (content/entries/2025/a-raid.md)
  - title: Raid A → Raid A, revised
  - figures.arrested: 312 → 312 (source 1); ~320 (as of 20 July 2025, Kratie)
  - figures.rescued: removed (was 5)
  - figures.deported: added 40
  - the text changed

`
	if got := text.String(); got != want {
		t.Errorf("text report:\n%s\nwant:\n%s", got, want)
	}
	var md strings.Builder
	if err := r.Write(&md, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## What this change does to the timeline\n",
		"### Added\n",
		"- entry `c-raid`: Raid \\<C\\> \\*now\\* (`content/entries/2025/c-raid.md`)\n",
		"  - `figures.arrested`: 312 → 312 \\(source 1\\); \\~320 \\(as of 20 July 2025, Kratie\\)\n",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown report lacks %q:\n%s", want, md.String())
		}
	}
	if same := Compare(old, old); !same.Empty() {
		t.Errorf("a site compared with itself: %+v", same)
	}
}
