package site

import (
	"strings"

	"timeline/internal/content"
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
func (s *Site) SearchIndex() ([]byte, error) {
	idx := searchIndex{Fields: SearchFields, Entries: make([][]string, len(s.Content.Entries))}
	for i, e := range s.Content.Entries {
		idx.Entries[i] = searchRow(e)
	}
	return marshalJSON(idx)
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
