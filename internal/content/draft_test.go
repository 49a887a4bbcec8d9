package content

import (
	"slices"
	"strings"
	"testing"
)

// TestDraftsAreCheckedLeniently: a draft's gaps (a missing field, a
// placeholder) are warnings, its other problems stay errors except in a
// preview, where the draft is left out instead; the same gaps in a
// published entry are errors.
func TestDraftsAreCheckedLeniently(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	gappy := strings.Replace(replaceLine("title:", "title: \"TODO: a headline\""), "kind: raid", "kind: raid\ndraft: true", 1)
	gappy = strings.Replace(gappy, "    publisher: \"Example News\"\n", "", 1)
	const draftNote = " (allowed in a draft; an error once draft: true is removed)"
	const previewNote = " (this draft is left out of the preview until it is fixed)"
	tests := []struct {
		name        string
		entry       string
		opts        Options
		errs, warns string
		shown       bool
	}{
		{"gaps in a draft are warnings", gappy, Options{}, "",
			p + ":2: title: still holds the template's placeholder \"TODO: a headline\"; replace it with the real value" + draftNote + "\n" +
				p + ":11: sources[1].publisher: missing; every source needs a title, a publisher and a url" + draftNote + "\n", false},
		{"a draft with gaps is shown when drafts are asked for", gappy, Options{Drafts: true}, "",
			p + ":2: title: still holds the template's placeholder \"TODO: a headline\"; replace it with the real value" + draftNote + "\n" +
				p + ":11: sources[1].publisher: missing; every source needs a title, a publisher and a url" + draftNote + "\n", true},
		{"the same gaps in a published entry are errors", strings.Replace(gappy, "draft: true", "draft: false", 1), Options{},
			p + ":2: title: still holds the template's placeholder \"TODO: a headline\"; replace it with the real value\n" +
				p + ":11: sources[1].publisher: missing; every source needs a title, a publisher and a url\n", "", false},
		{"other mistakes in a draft stay errors in check",
			strings.Replace(goodEntry, "provinces: [Kratie]", "provinces: [Atlantis]\ndraft: true", 1), Options{Drafts: true},
			p + ":5: provinces: unknown province \"Atlantis\"; use one of the 25 names in content/provinces.yaml, or \"nationwide\"\n", "", false},
		{"in a preview they are warnings, and the draft is left out",
			strings.Replace(goodEntry, "provinces: [Kratie]", "provinces: [Atlantis]\ndraft: true", 1), Options{Drafts: true, Preview: true}, "",
			p + ":5: provinces: unknown province \"Atlantis\"; use one of the 25 names in content/provinces.yaml, or \"nationwide\"" + previewNote + "\n", false},
		{"a draft with a syntax error does not stop a preview",
			strings.Replace(goodEntry, "title: \"Raid in Snuol\"", "title: [Raid in Snuol\ndraft: true", 1), Options{Preview: true}, "",
			p + ":2:8: YAML syntax: the list opened with [ here is never closed; end it with ]" + previewNote + "\n", false},
		{"a draft without a date or an operation is not shown",
			strings.Replace(replaceLine("operation:", ""), "kind: raid", "kind: raid\ndraft: true", 1), Options{Drafts: true, Preview: true}, "",
			p + ":1: operation: missing; add a line such as operation: \"2025\" (the name of a file in content/operations/)" + draftNote + "\n" +
				p + ":6: draft: this draft is left out of the preview until it has a date and an operation\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ps := Load(siteFS(t, map[string]string{p: tt.entry}), tt.opts)
			if got := problemLines(ps); got != tt.errs {
				t.Errorf("errors:\ngot:\n%swant:\n%s", got, tt.errs)
			}
			if got := problemLines(s.Warnings); got != tt.warns {
				t.Errorf("warnings:\ngot:\n%swant:\n%s", got, tt.warns)
			}
			for _, w := range s.Warnings {
				if !w.Warning {
					t.Errorf("%s is in Warnings but not marked as one", w)
				}
			}
			shown := slices.ContainsFunc(s.Entries, func(e *Entry) bool { return e.Path == p })
			if tt.errs == "" && shown != tt.shown { // with errors, nothing is rendered
				t.Errorf("draft on the site: %v, want %v", shown, tt.shown)
			}
		})
	}
}

// TestReviewed: a warning acknowledged in reviewed: is left out of Lint, a
// review that matches no warning is one, and the field must be one a
// warning can be about.
func TestReviewed(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	differ := replaceLine("  arrested:", "  arrested: [{value: 223, source: 1}, {value: 233, source: 2}]")
	differ = strings.Replace(differ, "---\nPolice", "  - {title: \"Other\", publisher: \"Other News\", url: \"https://example.org/other\"}\n---\nPolice", 1)
	review := "reviewed:\n  - {field: figures.arrested, reason: \"Both sources checked; they differ.\"}\n"
	withReview := strings.Replace(differ, "sources:", review+"sources:", 1)
	tests := []struct {
		name, entry, errs, warns string
	}{
		{"sources that differ warn", differ, "",
			p + ":8: figures.arrested: the sources differ: 223 (source 1) and 233 (source 2) for the same period and area; check each against its source, then say why in a note on one value, or, when the text explains it, acknowledge it: reviewed: [{field: figures.arrested, reason: \"...\"}]\n"},
		{"a note on a value answers it", strings.Replace(differ, "source: 2}", "source: 2, note: \"Counted a day later.\"}", 1), "", ""},
		{"an approximate value does not contradict an exact one", strings.Replace(differ, "value: 223", "value: \"~223\"", 1), "", ""},
		{"acknowledged", withReview, "", ""},
		{"an acknowledgement with nothing to acknowledge", strings.Replace(goodEntry, "sources:", review+"sources:", 1), "",
			p + ":10: reviewed: there is no warning about figures.arrested to acknowledge any more; remove this review\n"},
		{"a field no warning is about", strings.Replace(withReview, "field: figures.arrested", "field: figures.arested", 1),
			p + ":10: reviewed[1].field: \"figures.arested\" is not a field a warning can be about; did you mean \"figures.arrested\"? (fields: " + strings.Join(append(slices.Clone(entryFields), prefixed("figures.", FigureKeys)...), ", ") + ")\n", ""},
		{"a review without a reason", strings.Replace(withReview, ", reason: \"Both sources checked; they differ.\"", "", 1),
			p + ":10: reviewed[1].reason: missing; say what you checked and what the sources give: reason: \"...\"\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ps := Load(siteFS(t, map[string]string{p: tt.entry}), Options{})
			if got := problemLines(ps); got != tt.errs {
				t.Fatalf("errors:\ngot:\n%swant:\n%s", got, tt.errs)
			}
			if got := problemLines(Lint(s)); tt.errs == "" && got != tt.warns { // Lint runs on sites without errors
				t.Errorf("warnings:\ngot:\n%swant:\n%s", got, tt.warns)
			}
		})
	}
}

func prefixed(prefix string, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = prefix + w
	}
	return out
}
