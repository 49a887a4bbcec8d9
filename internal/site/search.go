package site

import (
	"encoding/json"
	"fmt"
	"strings"

	"timeline/internal/content"
	"timeline/internal/memo"
	"timeline/internal/slug"
)

// SearchFields names the fields of each entry in the search index, in
// order.
var SearchFields = []string{"url", "title", "date", "when", "operation", "provinces", "kind", "tags", "text"}

// searchIndex is the file the timeline's filters load when the timeline has
// more than one page, so that they search every entry: one array per entry,
// its fields in the order of SearchFields.
type searchIndex struct {
	Fields  []string   `json:"fields"`
	Entries [][]string `json:"entries"`
}

// SearchIndex returns the timeline's search index: for every entry, in
// date order, what the filters match (operation, province and tag slugs,
// kind) and what the text search reads (title, summary, places, province
// names, kind, date), with the URL and date that a result shows.
func (s *Site) SearchIndex(m *memo.Memo) ([]byte, error) {
	if len(s.Content.Entries) == 0 {
		return marshalJSON(searchIndex{Fields: SearchFields, Entries: [][]string{}})
	}
	// Each entry's row is encoded on its own, once per version of the
	// entry, indented as it would be inside the whole; joined, they give
	// what encoding the whole index at once gives.
	fields, err := json.MarshalIndent(SearchFields, "  ", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode json: %w", err)
	}
	rows, err := m.GetAll(entryKeys("search", s.Content.Entries), func(i int) (string, error) {
		b, err := json.MarshalIndent(searchRow(s.Content.Entries[i]), "    ", "  ")
		return string(b), err
	})
	if err != nil {
		return nil, fmt.Errorf("encode json: %w", err)
	}
	n := len(fields) + 64
	for _, r := range rows {
		n += len(r) + 6
	}
	out := append(make([]byte, 0, n), "{\n  \"fields\": "...)
	out = append(append(out, fields...), ",\n  \"entries\": [\n    "...)
	for i, r := range rows {
		if i > 0 {
			out = append(out, ",\n    "...)
		}
		out = append(out, r...)
	}
	return append(out, "\n  ]\n}\n"...), nil
}

func searchRow(e *content.Entry) []string {
	var provinces, tags []string
	if e.Nationwide {
		provinces = append(provinces, content.Nationwide)
	}
	for _, p := range e.Provinces {
		provinces = append(provinces, slug.Make(p))
	}
	for _, t := range e.Tags {
		tags = append(tags, slug.Make(t))
	}
	when := e.Date.Display()
	if e.EndDate != nil {
		when += " – " + e.EndDate.Display()
	}
	where := strings.Join(e.Provinces, ", ")
	if e.Nationwide {
		where = strings.TrimSuffix("Nationwide, "+where, ", ")
	}
	text := strings.Join([]string{e.Summary, strings.Join(e.Places, "; "), where}, " ")
	return []string{EntryURL(e), e.Title, e.Date.String(), when, e.Operation, strings.Join(provinces, " "), e.Kind, strings.Join(tags, " "), strings.TrimSpace(text)}
}
