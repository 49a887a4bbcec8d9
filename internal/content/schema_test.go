package content

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// nodeValue turns a YAML node into the JSON value an editor's YAML
// language server sees (YAML 1.2: an unquoted date is a string).
func nodeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		return nodeValue(n.Content[0])
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, nodeValue(c))
		}
		return l
	}
	switch n.Tag {
	case "!!int":
		v, _ := strconv.ParseInt(n.Value, 10, 64)
		return json.Number(strconv.FormatInt(v, 10))
	case "!!bool":
		return n.Value == "true"
	case "!!null":
		return nil
	}
	return n.Value
}

// TestSchemaAgreesWithValidator runs each case through both the validator
// and the JSON Schema that editors use: a good entry passes both, and each
// bad case fails both.
func TestSchemaAgreesWithValidator(t *testing.T) {
	sch, _ := compiledEntrySchema(t)
	const p = "content/entries/2025/snuol-raid.md"
	tests := []struct {
		name  string
		entry string
		good  bool
	}{
		{"good entry", goodEntry, true},
		{"good with qualified and disputed figures", replaceLine("  arrested:", "  arrested: [{value: 3075, source: 1}, {value: \"2,137+\"}]\n  foreigners: \"~1,500\""), true},
		{"good with dated and scoped values", replaceLine("  arrested:", "  arrested:\n    - {value: 3075, source: [1], from: 2025-06-27, as_of: 2025-07-22, area: nationwide, said_by: \"Police\", note: \"A running total.\"}\n    - {value: 100, to: 2025-07-16, area: [Kratie, Sihanoukville], place: \"Snuol\"}"), true},
		{"good with a statement of reach", replaceLine("kind:", "kind: statement\nreached:\n  - {provinces: [Kratie, Pursat], said_by: \"Interior Ministry\", source: 1}"), true},
		{"both to and as_of", replaceLine("  arrested:", "  arrested: {value: 10, to: 2025-07-16, as_of: 2025-07-16}"), false},
		{"unknown province in an area", replaceLine("  arrested:", "  arrested: {value: 10, area: [Atlantis]}"), false},
		{"unknown field in a value", replaceLine("  arrested:", "  arrested: {value: 10, sources: 1}"), false},
		{"reach without its source", replaceLine("kind:", "kind: statement\nreached:\n  - {provinces: [Kratie], said_by: \"Interior Ministry\"}"), false},
		{"reach naming nationwide", replaceLine("kind:", "kind: statement\nreached:\n  - {provinces: [nationwide], said_by: \"Interior Ministry\", source: 1}"), false},
		{"good with nationality counts and alias", replaceLine("provinces:", "provinces: [Sihanoukville, nationwide]\nnationalities: {Vietnam: 149, China: 27}"), true},
		{"good with a nationality whose count is unknown", replaceLine("provinces:", "provinces: [Kratie]\nnationalities: {Thailand: , China: 27}"), true},
		{"unknown field", replaceLine("provinces:", "provinces: [Kratie]\nprovinse: [Kratie]"), false},
		{"unknown province", replaceLine("provinces:", "provinces: [Sihanoukvile]"), false},
		{"missing title", replaceLine("title:", ""), false},
		{"missing sources", strings.Split(goodEntry, "sources:")[0] + "---\n", false},
		{"empty sources", strings.Split(goodEntry, "sources:")[0] + "sources: []\n---\n", false},
		{"date in words", replaceLine("date: 2025-07-16", "date: July 16, 2025"), false},
		{"month 13", replaceLine("date: 2025-07-16", "date: 2025-13-01"), false},
		{"year out of range", replaceLine("date: 2025-07-16", "date: 1925-07-16"), false},
		{"unknown operation", replaceLine("operation:", "operation: \"2052\""), false},
		{"unknown kind", replaceLine("kind:", "kind: raids"), false},
		{"vague figure", replaceLine("  arrested:", "  arrested: hundreds"), false},
		{"negative figure", replaceLine("  arrested:", "  arrested: -5"), false},
		{"absurd figure", replaceLine("  arrested:", "  arrested: 31200000000"), false},
		{"two qualifiers", replaceLine("  arrested:", "  arrested: \"~1,000+\""), false},
		{"unknown figure", replaceLine("  arrested:", "  arested: 312"), false},
		{"source url not http", replaceLine("    url:", "    url: javascript:alert(1)"), false},
		{"source without publisher", replaceLine("    publisher:", ""), false},
		{"unknown source field", replaceLine("    publisher:", "    publisher: X\n    author: Y"), false},
		{"placeholder left in", replaceLine("title:", "title: \"TODO: a headline\""), false},
		{"draft not a boolean", replaceLine("kind:", "kind: raid\ndraft: maybe"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Load(siteFS(t, map[string]string{p: tt.entry}), Options{})
			validatorOK := len(ps) == 0
			front := strings.SplitN(tt.entry, "---\n", 3)[1]
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(front), &n); err != nil {
				t.Fatal(err)
			}
			var v any = map[string]any{}
			if len(n.Content) > 0 {
				v = nodeValue(&n)
			}
			schemaErr := sch.Validate(v)
			if validatorOK != tt.good {
				t.Errorf("validator accepts = %v, want %v; problems: %v", validatorOK, tt.good, ps)
			}
			if (schemaErr == nil) != tt.good {
				t.Errorf("schema accepts = %v, want %v; %v", schemaErr == nil, tt.good, schemaErr)
			}
		})
	}
}

// compiledEntrySchema returns the entry schema of the test site, compiled,
// and its text.
func compiledEntrySchema(t *testing.T) (*jsonschema.Schema, []byte) {
	t.Helper()
	s, _ := Load(siteFS(t, nil), Options{})
	data, err := EntrySchema(s.Provinces, []string{"2025"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("entry.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("entry.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch, data
}
