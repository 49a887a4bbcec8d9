package site

import (
	"fmt"
	"strings"

	"timeline/internal/content"
	"timeline/internal/parallel"
)

// SourcesCSVColumns are the columns of data/sources.csv, in order.
var SourcesCSVColumns = []string{
	"url", "archive_url", "archive_given", "title", "publisher", "filed_under", "date", "cited_by_count", "cited_by"}

// jsonBibSource is one source of data/sources.json.
type jsonBibSource struct {
	jsonSource
	FiledUnder string      `json:"filed_under"`
	CitedBy    []jsonCiter `json:"cited_by"`
}

type jsonCiter struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// SourcesJSON returns data/sources.json: every distinct source, in the
// order of the sources page, with the pages that cite it. Sources are
// encoded on every core (see joinJSONList).
func (s *Site) SourcesJSON() ([]byte, error) {
	parts := make([]string, len(s.SourceGroups))
	err := parallel.ForErr(len(s.SourceGroups), func(i int) error {
		g := s.SourceGroups[i]
		b := jsonBibSource{jsonSource: toJSONSources(s.Content.Settings, []content.Source{g.Source})[0], FiledUnder: g.Filed.Name, CitedBy: []jsonCiter{}}
		for _, c := range g.CitedBy {
			b.CitedBy = append(b.CitedBy, jsonCiter{Title: c.Title, URL: s.Abs(c.URL)})
		}
		var err error
		parts[i], err = listElementJSON(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	return joinJSONList(parts), nil
}

// SourcesCSV returns data/sources.csv: one row per distinct source, in the
// order of the sources page. cited_by holds the addresses of the pages
// that cite it, separated by spaces. Rows are made on every core.
func (s *Site) SourcesCSV() ([]byte, error) {
	head, err := csvLine(SourcesCSVColumns)
	if err != nil {
		return nil, err
	}
	lines := make([]string, len(s.SourceGroups))
	err = parallel.ForErr(len(s.SourceGroups), func(i int) error {
		g := s.SourceGroups[i]
		date := ""
		if g.Date != nil {
			date = g.Date.String()
		}
		cited := make([]string, len(g.CitedBy))
		for i, c := range g.CitedBy {
			cited[i] = s.Abs(c.URL)
		}
		var err error
		lines[i], err = csvLine([]string{g.URL, s.Content.Settings.ArchiveLink(g.Source), fmt.Sprint(g.ArchiveGiven()), g.Title, g.Publisher,
			g.Filed.Name, date, fmt.Sprint(len(g.CitedBy)), strings.Join(cited, " ")})
		return err
	})
	if err != nil {
		return nil, err
	}
	return []byte(head + strings.Join(lines, "")), nil
}
