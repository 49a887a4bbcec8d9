package content

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// fieldCases are values for every field of an entry, valid and invalid,
// written as a contributor might. Each is set in a good entry, in place of
// the field or added to it.
var fieldCases = map[string][]string{
	"title":         {`"A headline"`, `Plain words`, `2025`, `true`, `""`, ``, `[a]`, `{a: b}`, `"TODO: a headline"`},
	"date":          {`2025-02-30`, `2025-07-16`, `2025-07`, `"2025-07-16"`, `2025-13-01`, `1925-07-16`, `July 2025`, `2025-7-1`, `20250716`, `[2025-07-16]`, ``},
	"end_date":      {`2025-07-18`, `2025-08`, `2025-07-32`, `2025-07-01`, `soon`, `[2025-07-18]`},
	"date_note":     {`"The source gives only Wednesday."`, `""`, `[a]`},
	"operation":     {`"2025"`, `2025`, `"2052"`, `2052`, `[2025]`, `""`, `op2025`},
	"outside_dates": {`"Part of the lead-up."`, `""`, `{a: b}`},
	"provinces": {`[Kratie]`, `Kratie`, `[kratie]`, `[KRATIE]`, `[Kratié]`, `[Phnom-Penh]`, `[phnom penh]`, `[Sihanoukville, nationwide]`,
		`nationwide`, `[Nationwide]`, `[Atlantis]`, `[]`, `[Kratie, Kratie]`, `[Kratie, kratie]`, `{a: b}`, `[Kratie, "TODO"]`},
	"places": {`["Pi Thnou commune"]`, `Snuol`, `[]`, `[""]`, `[[a]]`},
	"kind":   {`raid`, `statement`, `raids`, `""`, `[raid]`, `Raid`},
	"figures": {`{arrested: 312}`, `{arrested: "1,000+"}`, `{arrested: "~150,000"}`, `{arrested: hundreds}`, `{arested: 3}`, `{arrested: -5}`,
		`{arrested: [{value: 3, source: 1}]}`, `{arrested: {value: 3, source: 2}}`, `{arrested: {value: 3, as_of: 2025-07-16, area: nationwide}}`, `{arrested: {value: 3, to: 2025-07-16, as_of: 2025-07-16}}`,
		`{arrested: {value: 3, area: [Atlantis]}}`, `{arrested: {value: 3, sources: 1}}`, `[]`, `{arrested: 31200000000}`, `{arrested: "~1,000+"}`},
	"nationalities": {`[Vietnam, China]`, `{Vietnam: 149}`, `{Thailand: }`, `[Vietnamese]`, `{Chinese: 3}`, `[Thais]`, `{Vietnam: many}`, `[""]`},
	"reached": {`[{provinces: [Kratie], said_by: "Interior Ministry", source: 1}]`, `[{provinces: [Kratie], said_by: "Interior Ministry"}]`,
		`[{provinces: [nationwide], said_by: "X", source: 1}]`, `[{provinces: [Kratie], said_by: "X", source: 1, as_of: 2025-07-20}]`},
	"sources": {"\n  - {title: \"Report\", publisher: \"Example News\", url: \"https://example.org/report\"}", `[]`,
		"\n  - {title: \"Report\", publisher: \"Example News\"}", "\n  - {title: \"Report\", publisher: \"Example News\", url: \"ftp://example.org/x\"}",
		"\n  - {title: \"Report\", publisher: \"Example News\", url: \"TODO: https://...\"}", "\n  - {title: \"Report\", publisher: \"Example News\", url: \"https://example.org/r\", author: \"Y\"}",
		"\n  - {title: \"Report\", publisher: \"Example News\", url: \"https://example.org/r\", date: 2025-07-17, archive: \"https://web.archive.org/x\"}"},
	"tags":     {`[raid]`, `raid`, `[]`, `[""]`, `["multi-province", "Kratie"]`},
	"summary":  {`"One sentence."`, `""`, `"TODO: one sentence"`},
	"draft":    {`true`, `false`, `maybe`, `"true"`},
	"reviewed": {`[{field: figures.arrested, reason: "Checked."}]`, `[{field: nope, reason: "Checked."}]`, `[{field: date}]`, `[{reason: "x"}]`, `{field: date, reason: "x"}`},
}

// schemaCannot are the cases the schema knowingly lets through, each with
// the words of the field's description that say so.
var schemaCannot = map[string]string{
	"date: 2025-02-30":                           "cannot tell a day that is not in the calendar",
	"end_date: 2025-07-01":                       "cannot compare two fields",
	"provinces: [Kratie, kratie]":                "cannot tell that two spellings name the same province",
	"figures: {arrested: {value: 3, source: 2}}": "cannot tell whether a source number is in the sources list",
}

// TestSchemaAgreesWithCheckOnEveryField generates an entry for every value
// of fieldCases and fails on any case where the editor's schema and the
// check disagree, and on any field whose cases are all valid or all
// invalid (a generator that tests nothing).
func TestSchemaAgreesWithCheckOnEveryField(t *testing.T) {
	sch, data := compiledEntrySchema(t)
	var raw struct {
		Properties map[string]struct{ Description string } `json:"properties"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	const p = "content/entries/2025/snuol-raid.md"
	for field, values := range fieldCases {
		good, bad := 0, 0
		for _, v := range values {
			entry := withField(field, v)
			_, ps := Load(siteFS(t, map[string]string{p: entry}), Options{})
			checkOK := len(ps) == 0
			schemaErr := sch.Validate(frontMatterValue(t, entry))
			if checkOK {
				good++
			} else {
				bad++
			}
			name := field + ": " + v
			if words, known := schemaCannot[name]; known {
				if checkOK || schemaErr != nil {
					t.Errorf("%s: listed as a case the schema cannot tell, but check accepts = %v, schema accepts = %v", name, checkOK, schemaErr == nil)
				}
				if !strings.Contains(raw.Properties[field].Description, words) {
					t.Errorf("%s: the schema's description of %s does not say %q", name, field, words)
				}
				continue
			}
			if checkOK != (schemaErr == nil) {
				t.Errorf("%s: check accepts = %v, schema accepts = %v\n  check: %v\n  schema: %v", name, checkOK, schemaErr == nil, ps, schemaErr)
			}
		}
		if good == 0 || bad == 0 {
			t.Errorf("%s: %d valid and %d invalid cases; the generator needs both", field, good, bad)
		}
	}
}

// withField returns goodEntry with field set to value: replacing its line
// (and, for figures and sources, the lines under it), or added.
func withField(field, value string) string {
	front, body, _ := strings.Cut(strings.TrimPrefix(goodEntry, "---\n"), "---\n")
	var out []string
	skipping := false
	for _, l := range strings.Split(strings.TrimSuffix(front, "\n"), "\n") {
		if skipping && strings.HasPrefix(l, " ") {
			continue
		}
		skipping = false
		if strings.HasPrefix(l, field+":") {
			skipping = true
			continue
		}
		out = append(out, l)
	}
	line := fmt.Sprintf("%s: %s", field, value)
	if strings.HasPrefix(value, "\n") {
		line = field + ":" + value
	}
	out = append(out, line)
	return "---\n" + strings.Join(out, "\n") + "\n---\n" + body
}

func frontMatterValue(t *testing.T, entry string) any {
	t.Helper()
	front := strings.SplitN(entry, "---\n", 3)[1]
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(front), &n); err != nil {
		t.Fatalf("%v in:\n%s", err, front)
	}
	if len(n.Content) == 0 {
		return map[string]any{}
	}
	return nodeValue(&n)
}
