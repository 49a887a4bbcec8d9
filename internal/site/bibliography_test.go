package site

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"timeline/internal/content"
	"timeline/internal/geo"
)

func bibliographySite(t *testing.T, extra int) *Site {
	t.Helper()
	gaz, err := geo.NewGazetteer([]geo.Province{{Name: "Kratie", Slug: "kratie"}})
	if err != nil {
		t.Fatal(err)
	}
	day := func(y, m, d int) *content.Date { return &content.Date{Year: y, Month: m, Day: d} }
	c := &content.Site{
		Settings: content.Settings{Title: "Test", BaseURL: "https://example.org/timeline/",
			Gone: []content.GonePublisher{{Host: "gone.example", Publisher: "Gone News", Since: content.Date{Year: 2023, Month: 2, Day: 13}}}},
		Provinces:  gaz,
		Operations: []*content.Operation{{ID: "2025", Name: "2025 crackdown", Start: content.Date{Year: 2025, Month: 1, Day: 1}}},
	}
	entry := func(slug string, src ...content.Source) {
		c.Entries = append(c.Entries, &content.Entry{Path: "content/entries/2025/" + slug + ".md", Slug: slug, Hash: slug,
			Title: "Entry " + slug, Date: content.Date{Year: 2025, Month: 2, Day: 1}, Operation: "2025",
			Provinces: []string{"Kratie"}, Kind: "raid", Sources: src})
	}
	entry("a",
		content.Source{Title: "Later", Publisher: "Reuters (via CNA)", URL: "https://cna.example/later", Date: day(2025, 7, 17)},
		content.Source{Title: "Old", Publisher: "Gone News", URL: "https://gone.example/old/", Date: day(2022, 9, 1)},
	)
	entry("b",
		content.Source{Title: "Earlier", Publisher: "reuters", URL: "https://reuters.example/earlier", Date: day(2025, 2, 3), Archive: "https://archive.example/x"},
		content.Source{Title: "Later", Publisher: "Reuters (via CNA)", URL: "https://cna.example/later", Date: day(2025, 7, 17)},
		content.Source{Title: "Undated", Publisher: "Reuters", URL: "https://reuters.example/undated"},
	)
	for i := range extra {
		entry(fmt.Sprintf("x%d", i), content.Source{Title: "Filler", Publisher: "Zeta", URL: fmt.Sprintf("https://z.example/%d", i)})
	}
	s, err := New(c, "")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPublishers(t *testing.T) {
	s := bibliographySite(t, 0)
	var got []string
	for _, p := range s.Publishers {
		line := fmt.Sprintf("%s #%s [%s]", p.Name, p.ID, p.Span)
		for _, g := range p.Sources {
			line += fmt.Sprintf(" %q(%d)", g.Title, len(g.CitedBy))
		}
		if p.Gone != nil {
			line += " gone " + p.Gone.Since.String()
		}
		got = append(got, line)
	}
	want := []string{
		`Gone News #publisher-gone-news [1 September 2022] "Old"(1) gone 2023-02-13`,
		// A copy is filed under the original's publisher, whatever its case;
		// the name is the first written; undated sources come last.
		`Reuters #publisher-reuters [3 February 2025 to 17 July 2025] "Earlier"(1) "Later"(2) "Undated"(1)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("publishers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPublishersSplitAcrossPages(t *testing.T) {
	s := bibliographySite(t, PageSize)
	var pages []*Page
	for _, p := range s.Pages {
		if p.Template == "sources.html" {
			pages = append(pages, p)
		}
	}
	if len(pages) != 2 {
		t.Fatalf("got %d sources pages, want 2", len(pages))
	}
	last := pages[1].Publishers()
	if len(last) != 1 || last[0].Name != "Zeta" || !last[0].Cont || len(last[0].Sources) != 4 || len(last[0].Publisher.Sources) != PageSize {
		t.Errorf("page 2: got %+v", last)
	}
	if first := pages[0].Publishers(); first[0].Cont || first[len(first)-1].Name != "Zeta" {
		t.Errorf("page 1 runs wrong: first continued %v, last %q", first[0].Cont, first[len(first)-1].Name)
	}
}

func TestSourcesCSV(t *testing.T) {
	s := bibliographySite(t, 0)
	b, err := s.SourcesCSV()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		SourcesCSVColumns,
		{"https://gone.example/old/", "https://web.archive.org/web/20220901/https://gone.example/old/", "false", "Old", "Gone News", "Gone News", "2022-09-01", "1", "https://example.org/timeline/entries/a/"},
		{"https://reuters.example/earlier", "https://archive.example/x", "true", "Earlier", "reuters", "Reuters", "2025-02-03", "1", "https://example.org/timeline/entries/b/"},
		{"https://cna.example/later", "https://web.archive.org/web/20250717/https://cna.example/later", "false", "Later", "Reuters (via CNA)", "Reuters", "2025-07-17", "2", "https://example.org/timeline/entries/a/ https://example.org/timeline/entries/b/"},
		{"https://reuters.example/undated", "https://web.archive.org/web/https://reuters.example/undated", "false", "Undated", "Reuters", "Reuters", "", "1", "https://example.org/timeline/entries/b/"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("sources.csv:\n%v\nwant:\n%v", rows, want)
	}
	j, err := s.SourcesJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"archive_url": "https://web.archive.org/web/20250717/https://cna.example/later"`, `"filed_under": "Reuters"`, `"title": "Entry b"`} {
		if !strings.Contains(string(j), frag) {
			t.Errorf("sources.json lacks %s", frag)
		}
	}
}
