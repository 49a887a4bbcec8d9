package build

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"timeline/internal/content"
	"timeline/internal/corpus"
	"timeline/internal/geo"
)

// fieldEdits changes one front-matter field of an entry of the synthetic
// corpus (see corpus.Write), by field name: every field of the entry schema
// has one, so a new field is tested here as soon as it exists.
var fieldEdits = map[string]func(string) string{
	"title":         replace(`title: "`, `title: "Renamed `),
	"date":          regexpReplace(`\ndate: (\d{4})-\d\d-\d\d`, "\ndate: ${1}-01-01"),
	"end_date":      insert("end_date: 2099-01-01"),
	"date_note":     insert(`date_note: "The day is uncertain."`),
	"outside_dates": insert(`outside_dates: "Its lead-up."`),
	"operation":     regexpReplace(`\noperation: "\d+"`, "\noperation: \"2026\""),
	"provinces":     replace("provinces: [", "provinces: [Kratie, "),
	"places":        insert(`places: ["A compound by the river"]`),
	"kind":          regexpReplace(`\nkind: \w+`, "\nkind: rescue"),
	"figures":       regexpReplace(`(\n  \w+: )(\d+)`, "${1}1${2}"),
	"nationalities": replace("nationalities: [", "nationalities: [Laos, "),
	"reached": insert("reached:\n  - provinces: [Kampot]\n    as_of: 2024-02-01\n" +
		"    said_by: \"The police\"\n    source: 1"),
	"sources": replace("sources:\n", "sources:\n  - title: \"Another report\"\n"+
		"    publisher: Example Radio\n    url: https://example.org/radio/1\n"),
	"tags":        replace("tags: [", "tags: [moved, "),
	"summary":     replace(`summary: "`, `summary: "Edited. `),
	"draft":       insert("draft: true"),
	"reviewed":    insert("reviewed:\n  - field: figures.arrested\n    reason: \"Checked against the source.\""),
	"added":       insert("added: 2026-01-01"),
	"corrections": insert("corrections:\n  - date: 2026-01-02\n    text: \"A figure was corrected.\"\n    source: 1"),
}

// replace returns an edit that replaces the first old with new.
func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// regexpReplace returns an edit that replaces every match of expr.
func regexpReplace(expr, repl string) func(string) string {
	re := regexp.MustCompile(expr)
	return func(s string) string { return re.ReplaceAllString(s, repl) }
}

// insert returns an edit that adds lines to the front matter.
func insert(lines string) func(string) string {
	return replace("\nsummary: ", "\n"+lines+"\nsummary: ")
}

// TestIncrementalMatchesFreshBuild edits a 200-entry site through the
// incremental builder, once for every front-matter field, the body, and
// the rename, deletion, creation and move of a file, and checks after each
// step that the output folder is byte for byte what a fresh build writes.
// Each field edit is made twice: told to the builder as the preview
// server's watcher tells it (the quick path when the entry stays in
// place), then undone untold (the general path).
func TestIncrementalMatchesFreshBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("about 80 builds of a 200-entry site")
	}
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(src, 200, 11, "../.."); err != nil {
		t.Fatal(err)
	}
	checkEveryFieldHasAnEdit(t)
	out := filepath.Join(t.TempDir(), "public")
	b := NewIncremental(os.DirFS(src), out, Options{})
	defer b.Close()
	build := func(step string, told []string) {
		t.Helper()
		if told != nil {
			b.Changed(told)
		}
		res, st, err := b.Build()
		if err != nil || len(res.Problems) > 0 {
			t.Fatalf("%s: %v %v", step, err, res.Problems)
		}
		t.Logf("%s: %s", step, st)
		sameAsFullBuild(t, src, out)
	}
	build("first", nil)
	target := entryWith(t, src, "nationalities: [", "\nkind: raid")
	rel := func(p string) string {
		r, _ := filepath.Rel(src, p)
		return filepath.ToSlash(r)
	}
	original, _ := os.ReadFile(target)
	edits := slices.Sorted(maps.Keys(fieldEdits))
	for _, field := range append(edits, "body") {
		edit := fieldEdits[field]
		if field == "body" {
			edit = replace("## Details", "## Details, edited")
		}
		edited := edit(string(original))
		if edited == string(original) {
			t.Fatalf("%s: the edit changes nothing in %s", field, target)
		}
		os.WriteFile(target, []byte(edited), 0o644)
		build(field+" edited", []string{rel(target)})
		os.WriteFile(target, original, 0o644)
		build(field+" undone, untold", nil)
	}
	fileOperations(t, src, out, build)
}

// fileOperations renames, deletes, creates and moves entry files, telling
// the builder what changed (the old and the new path), and checks that no
// page links to an address that is gone.
func fileOperations(t *testing.T, src, out string, build func(string, []string)) {
	entries, _ := filepath.Glob(filepath.Join(src, "content/entries/*/*.md"))
	rel := func(p string) string {
		r, _ := filepath.Rel(src, p)
		return filepath.ToSlash(r)
	}
	move := func(from, to string) []string {
		t.Helper()
		os.MkdirAll(filepath.Dir(to), 0o755)
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
		return []string{rel(from), rel(to)}
	}
	address := func(file string) string { return "entries/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/" }
	renamed := filepath.Join(filepath.Dir(entries[3]), "renamed-entry.md")
	created := filepath.Join(filepath.Dir(entries[5]), "a-new-entry.md")
	yearRE := regexp.MustCompile(`\ndate: (\d{4})`)
	for _, step := range []struct {
		name   string
		change func() []string // what the watcher reports
		gone   string          // an address no page may link to any more
	}{
		{"rename", func() []string { return move(entries[3], renamed) }, address(entries[3])},
		{"delete", func() []string { os.Remove(entries[4]); return []string{rel(entries[4])} }, address(entries[4])},
		{"create", func() []string {
			data, _ := os.ReadFile(entries[5])
			os.WriteFile(created, data, 0o644)
			return []string{rel(created)}
		}, ""},
		{"move between year folders", func() []string {
			data, _ := os.ReadFile(entries[6])
			other := "2099"
			if string(yearRE.FindSubmatch(data)[1]) == other {
				other = "2098"
			}
			os.WriteFile(entries[6], yearRE.ReplaceAll(data, []byte("\ndate: "+other)), 0o644)
			return move(entries[6], filepath.Join(src, "content/entries", other, filepath.Base(entries[6])))
		}, ""},
		{"rename back", func() []string { return move(renamed, entries[3]) }, "entries/renamed-entry/"},
	} {
		build(step.name, step.change())
		if step.gone == "" {
			continue
		}
		for name, data := range readTree(t, out) {
			if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte(step.gone+`"`)) {
				t.Errorf("%s: %s still links to %s", step.name, name, step.gone)
			}
		}
	}
}

// checkEveryFieldHasAnEdit fails when the entry schema names a field that
// fieldEdits does not change, or the other way round.
func checkEveryFieldHasAnEdit(t *testing.T) {
	t.Helper()
	gazetteer, err := geo.NewGazetteer(nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := content.EntrySchema(gazetteer, []string{"2025"})
	if err != nil {
		t.Fatal(err)
	}
	var schema struct{ Properties map[string]json.RawMessage }
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	fields := slices.Sorted(maps.Keys(schema.Properties))
	if edits := slices.Sorted(maps.Keys(fieldEdits)); !slices.Equal(fields, edits) {
		t.Fatalf("the entry schema has the fields %v, but fieldEdits edits %v; add an edit for each new field", fields, edits)
	}
}

// entryWith returns the first entry file of src that holds every one of
// the given pieces of text.
func entryWith(t *testing.T, src string, pieces ...string) string {
	t.Helper()
	entries, _ := filepath.Glob(filepath.Join(src, "content/entries/*/*.md"))
	for _, e := range entries[len(entries)/2:] {
		data, _ := os.ReadFile(e)
		if !slices.ContainsFunc(pieces, func(p string) bool { return !bytes.Contains(data, []byte(p)) }) {
			return e
		}
	}
	t.Fatalf("no entry in %s holds %q", src, pieces)
	return ""
}
