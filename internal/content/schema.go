package content

import (
	"bytes"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"timeline/internal/geo"
)

// countPattern is the string form of a count, as ParseCount accepts it.
const countPattern = `^((~|>|<)\s*(\d{1,3}(,\d{3})+|\d+)|(\d{1,3}(,\d{3})+|\d+)\s*\+?)$`

// datePattern is a date as front matter writes it; the calendar check (no
// 30 February) is the validator's alone.
const datePattern = `^(20\d\d)-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$`

// EntrySchema returns the JSON Schema (draft 2020-12) of an entry's front
// matter, for editors: completion, hover help and red squiggles while
// typing. It is generated from the same lists the validator uses (kinds,
// figure names, the provinces and their aliases, the operations), and a
// test keeps the committed copy in step. The validator stays the judge: it
// also accepts other capitalisations of province names, and checks what a
// schema cannot (calendar dates, source numbers, duplicate slugs).
func EntrySchema(provinces *geo.Gazetteer, operations []string) ([]byte, error) {
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "entry.schema.json",
		"title":                "Timeline entry",
		"description":          "Front matter of content/entries/YYYY/<slug>.md. Field reference: CONTRIBUTING.md.",
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"title", "date", "operation", "provinces", "sources"},
		"properties":           entryProperties(operations),
		"$defs":                schemaDefs(provinces),
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(schema); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// operationEnum lists the operations' ids. An id is a file name; "2025"
// may be written unquoted, so a number is allowed too.
func operationEnum(operations []string) []any {
	var ops []any
	for _, id := range slices.Sorted(slices.Values(operations)) {
		ops = append(ops, id)
		if n, err := strconv.Atoi(id); err == nil && strconv.Itoa(n) == id {
			ops = append(ops, n)
		}
	}
	return ops
}

// entryProperties are the schema's fields of an entry.
func entryProperties(operations []string) map[string]any {
	textList := map[string]any{"anyOf": []any{ref("text"), map[string]any{"type": "array", "items": ref("text")}}}
	ops := operationEnum(operations)
	country := map[string]any{"not": map[string]any{"type": "string", "pattern": adjectivePattern()},
		"$comment": "a country's name, not its adjective: Vietnam, not Vietnamese"}
	reviewFields := slices.Clone(entryFields)
	for _, k := range FigureKeys {
		reviewFields = append(reviewFields, "figures."+k)
	}
	figures := map[string]any{}
	for _, k := range FigureKeys {
		figures[k] = map[string]any{"$ref": "#/$defs/figure", "description": FigureLabels[k]}
	}
	return map[string]any{
		"title":         describe(ref("text"), "A plain, factual headline."),
		"date":          describe(ref("date"), "YYYY-MM-DD, or YYYY-MM when only the month is known. "+dateLimits),
		"end_date":      describe(ref("date"), "Last day, for an event over several days; not before date (the schema cannot compare two fields: timeline check does). "+dateLimits),
		"date_note":     describe(ref("text"), "Why the date is uncertain."),
		"outside_dates": describe(ref("text"), "Why an entry dated before or after its operation belongs to it (its lead-up, say). Shown to readers."),
		"operation":     map[string]any{"enum": ops, "description": "The operation: the name of a file in content/operations/, such as \"2025\"."},
		"provinces": map[string]any{
			"description": "Provinces by official name or alias, or nationwide; any capitalisation. The schema cannot tell that two spellings name the same province (Kratie, kratie): timeline check does.",
			"anyOf":       []any{ref("province"), map[string]any{"type": "array", "minItems": 1, "uniqueItems": true, "items": ref("province")}},
		},
		"places":  describe(textList, "Towns, districts, compounds."),
		"kind":    map[string]any{"type": "string", "enum": Kinds, "description": "What kind of event."},
		"figures": map[string]any{"type": "object", "additionalProperties": false, "properties": figures, "description": "Counts as the sources give them. The schema cannot tell whether a source number is in the sources list, or whether values agree or add up: timeline check does."},
		"nationalities": map[string]any{"description": "Countries by name (Vietnam, not Vietnamese), or country: count (a country with no count when it is unknown).", "anyOf": []any{
			map[string]any{"allOf": []any{textList, map[string]any{"items": country}, map[string]any{"anyOf": []any{map[string]any{"type": "array"}, country}}}},
			map[string]any{"type": "object", "propertyNames": country, "additionalProperties": map[string]any{"anyOf": []any{ref("count"), map[string]any{"type": "null"}}}}}},
		"reached": map[string]any{"type": "array", "minItems": 1, "description": "Statements that name the provinces the operation reached, each with who said it and its source.",
			"items": map[string]any{"type": "object", "additionalProperties": false, "required": []string{"provinces", "said_by", "source"},
				"properties": map[string]any{
					"provinces": map[string]any{"anyOf": []any{ref("namedProvince"), map[string]any{"type": "array", "minItems": 1, "uniqueItems": true, "items": ref("namedProvince")}}},
					"as_of":     describe(ref("date"), "The day the statement speaks for; the entry's date when left out."),
					"said_by":   ref("text"),
					"source":    ref("sourceNumber"),
				}}},
		"sources": map[string]any{"type": "array", "minItems": 1, "items": ref("source"), "description": "At least one; cited in the text as [1], [2]."},
		"tags":    describe(textList, "Short words or phrases."),
		"summary": describe(ref("text"), "One sentence for lists and link previews."),
		"draft":   map[string]any{"type": "boolean", "description": "true keeps the entry off the site, and makes what is still TODO or missing a warning rather than an error."},
		"reviewed": map[string]any{"type": "array", "description": "Warnings a person checked against the sources, each with the field the warning is about and what they found. timeline check then stays quiet about them, and the entry page shows the reason.",
			"items": map[string]any{"type": "object", "additionalProperties": false, "required": []string{"field", "reason"},
				"properties": map[string]any{"field": map[string]any{"enum": reviewFields}, "reason": ref("text")}}},
		"added": describe(ref("date"), "The day the entry was added to this record; shown as its \"last updated\" until it is corrected."),
		"corrections": map[string]any{"type": "array", "minItems": 1, "description": "Changes made after publication, each with its date, what changed and, if a source shows it, its number.",
			"items": map[string]any{"type": "object", "additionalProperties": false, "required": []string{"date", "text"},
				"properties": map[string]any{
					"date":   describe(ref("date"), "The day the entry was corrected."),
					"text":   describe(ref("text"), "What changed, in a sentence."),
					"source": ref("sourceNumber"),
				}}},
	}
}

// schemaDefs are the definitions the fields refer to: text, dates,
// provinces, counts, figures and sources.
func schemaDefs(provinces *geo.Gazetteer) map[string]any {
	// Text is any single value: check reads an unquoted number or true as
	// text too.
	text := map[string]any{"type": []string{"string", "number", "boolean"}, "minLength": 1, "not": map[string]any{"type": "string", "pattern": Placeholder},
		"$comment": "TODO marks a value still to fill in"}
	var names []string
	for _, p := range provinces.Provinces() {
		names = append(names, p.Name)
		names = append(names, p.Aliases...)
	}
	named := slices.Clone(names)
	slices.Sort(named)
	// The official names and aliases, for completion, and every spelling
	// check accepts (any case, accents, hyphens), for validation.
	namedProvince := map[string]any{"type": "string", "anyOf": []any{
		map[string]any{"enum": named}, map[string]any{"pattern": geo.Pattern(named)}}}
	province := map[string]any{"type": "string", "anyOf": []any{
		map[string]any{"enum": append(slices.Clone(named), Nationwide)}, map[string]any{"pattern": geo.Pattern(named)},
		map[string]any{"pattern": caseless(Nationwide)}}}
	return map[string]any{
		"text":          text,
		"date":          map[string]any{"type": "string", "pattern": datePattern},
		"province":      province,
		"namedProvince": namedProvince,
		"sourceNumber":  map[string]any{"type": "integer", "minimum": 1},
		"count": map[string]any{"anyOf": []any{
			map[string]any{"type": "integer", "minimum": 0, "maximum": MaxCount},
			map[string]any{"type": "string", "pattern": countPattern},
		}},
		"sourced": map[string]any{"type": "object", "additionalProperties": false, "required": []string{"value"},
			"not": map[string]any{"required": []string{"to", "as_of"}, "$comment": "as_of (a running total) or to (a closed period), not both"},
			"properties": map[string]any{
				"value":   ref("count"),
				"source":  map[string]any{"description": "The source that gives the value, or a list when several give the same value.", "anyOf": []any{ref("sourceNumber"), map[string]any{"type": "array", "minItems": 1, "uniqueItems": true, "items": ref("sourceNumber")}}},
				"from":    describe(ref("date"), "First day counted."),
				"to":      describe(ref("date"), "Last day of a closed period."),
				"as_of":   describe(ref("date"), "The day a running total counts up to."),
				"area":    map[string]any{"description": "nationwide, or the provinces the value covers.", "anyOf": []any{ref("province"), map[string]any{"type": "array", "minItems": 1, "uniqueItems": true, "items": ref("province")}}},
				"place":   describe(ref("text"), "Narrower than the area, as the source gives it."),
				"said_by": describe(ref("text"), "Who gave the figure."),
				"note":    describe(ref("text"), "What a reader needs to know: why a series falls, why parts exceed the total."),
			}},
		"figure": map[string]any{"anyOf": []any{ref("count"), ref("sourced"),
			map[string]any{"type": "array", "minItems": 1, "items": ref("sourced")}}},
		"url": map[string]any{"type": "string", "pattern": `^https?://[^\s/]+[^\s]*$`, "not": map[string]any{"pattern": Placeholder}},
		"source": map[string]any{"type": "object", "additionalProperties": false, "required": []string{"title", "publisher", "url"},
			"properties": map[string]any{
				"title": ref("text"), "publisher": ref("text"), "url": ref("url"), "date": ref("date"), "archive": ref("url"),
			}},
	}
}

// dateLimits says what the date pattern cannot check.
const dateLimits = "The schema cannot tell a day that is not in the calendar (2025-02-30): timeline check does. Write dates unquoted or in quotes; an editor that reads YAML 1.1 may turn an unquoted date into a time and mark it wrong, which timeline check does not."

// caseless returns a pattern that matches s exactly, in any capitalisation.
func caseless(s string) string {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range s {
		if u, l := unicode.ToUpper(r), unicode.ToLower(r); u != l {
			b.WriteString("[" + string(l) + string(u) + "]")
		} else {
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String() + "$"
}

// adjectivePattern matches what adjectiveCountry flags: a nationality
// adjective, plural or followed by "nationals", in any capitalisation.
func adjectivePattern() string {
	var alts []string
	for _, a := range slices.Sorted(maps.Keys(countryOfAdjective)) {
		alts = append(alts, strings.Trim(caseless(a), "^$"))
	}
	return `^\s*(?:` + strings.Join(alts, "|") + `)(?:[sS]|\s+(?:[nN][aA][tT][iI][oO][nN][aA][lL][sS]?|[cC][iI][tT][iI][zZ][eE][nN][sS]|[pP][eE][oO][pP][lL][eE]))?\s*$`
}

func ref(def string) map[string]any { return map[string]any{"$ref": "#/$defs/" + def} }

func describe(m map[string]any, d string) map[string]any {
	out := map[string]any{"description": d}
	for k, v := range m {
		out[k] = v
	}
	return out
}
