package site

import (
	"fmt"
	"testing"

	"timeline/internal/content"
	"timeline/internal/geo"
)

// updateSite plans a site of n entries, each citing its own source, and
// returns it with a fresh copy of entry i to edit.
func updateSite(t *testing.T, n, i int) (*Site, *content.Entry) {
	t.Helper()
	gaz, err := geo.NewGazetteer([]geo.Province{{Name: "Kratie", Slug: "kratie"}, {Name: "Takeo", Slug: "takeo", Col: 1}})
	if err != nil {
		t.Fatal(err)
	}
	c := &content.Site{
		Settings:   content.Settings{Title: "Test", BaseURL: "https://example.org/timeline/"},
		Provinces:  gaz,
		Operations: []*content.Operation{{ID: "2025", Name: "2025 crackdown", Start: content.Date{Year: 2025, Month: 1, Day: 1}}},
	}
	for j := range n {
		c.Entries = append(c.Entries, &content.Entry{
			Path: fmt.Sprintf("content/entries/2025/e%d.md", j), Slug: fmt.Sprintf("e%d", j), Hash: fmt.Sprint(j),
			Title: fmt.Sprintf("Entry %d", j), Date: content.Date{Year: 2025, Month: 2, Day: 1 + j%28}, Operation: "2025",
			Provinces: []string{"Kratie"}, Kind: "raid", Tags: []string{"raid"},
			Sources: []content.Source{{Title: "Report", Publisher: "News", URL: fmt.Sprintf("https://example.org/%d", j)}},
		})
	}
	s, err := New(c, "")
	if err != nil {
		t.Fatal(err)
	}
	e := *c.Entries[i]
	e.Hash += "'"
	return s, &e
}

func TestUpdateTakesEditsInPlace(t *testing.T) {
	s, e := updateSite(t, 30, 10)
	old := s.Content.Entries[10]
	e.Title, e.Summary = "Renamed", "New summary"
	five := n(5)
	five.From, five.Until = &e.Date, e.Date
	e.Figures = []content.Figure{fig("arrested", five)}
	affected, _, ok := s.Update([]*content.Entry{e})
	if !ok {
		t.Fatal("an edit in place was refused")
	}
	if s.Content.Entries[10] != old || old.Title != "Renamed" {
		t.Errorf("the entry was not overwritten in place: %q", s.Content.Entries[10].Title)
	}
	want := map[string]bool{"entries/e10/": true, "entries/e9/": true, "entries/e11/": true, "compare/": true, "sources/": true, "provinces/kratie/": true, "tags/raid/": true}
	for _, p := range affected {
		if p.Entry == old && (p.Title != "Renamed" || p.Description != "New summary") {
			t.Errorf("entry page title %q, description %q", p.Title, p.Description)
		}
		if c := p.Comparison(); c != nil && c.Columns[0].Recorded["arrested"].N != 5 {
			t.Errorf("the comparison was not made again: %+v", c.Columns[0].Recorded)
		}
		delete(want, p.URL)
	}
	if len(want) > 0 {
		t.Errorf("pages that show the entry but were not returned: %v", want)
	}
	for _, p := range affected {
		if p.Entry != nil && p.Entry != old && p.Prev != old && p.Next != old {
			t.Errorf("%s does not show the entry but was returned", p.URL)
		}
	}
}

func TestUpdateRefusesMoves(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(e *content.Entry)
	}{
		{"date", func(e *content.Entry) { e.Date.Day = 28 }},
		{"operation", func(e *content.Entry) { e.Operation = "2024" }},
		{"provinces", func(e *content.Entry) { e.Provinces = []string{"Takeo"} }},
		{"nationwide", func(e *content.Entry) { e.Nationwide = true }},
		{"tags", func(e *content.Entry) { e.Tags = []string{"raid", "new"} }},
		{"kind", func(e *content.Entry) { e.Kind = "order" }},
		{"draft", func(e *content.Entry) { e.Draft = true }},
		{"unknown file", func(e *content.Entry) { e.Path = "content/entries/2025/new.md" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, e := updateSite(t, 30, 10)
			before := *s.Content.Entries[10]
			tc.edit(e)
			e.Title = "Renamed"
			if _, _, ok := s.Update([]*content.Entry{e}); ok {
				t.Error("a move was taken in place")
			}
			if s.Content.Entries[10].Title != before.Title || s.Content.Entries[10].Hash != before.Hash {
				t.Errorf("a refused update changed the entry: %q", s.Content.Entries[10].Title)
			}
		})
	}
}

// A new source that adds a page to the sources list changes the plan: the
// update is refused and the entry is as it was.
func TestUpdateRefusesNewSourcesPage(t *testing.T) {
	s, e := updateSite(t, PageSize, 3)
	before := *s.Content.Entries[3]
	e.Sources = append(e.Sources, content.Source{Title: "One more", Publisher: "News", URL: "https://example.org/more"})
	if _, _, ok := s.Update([]*content.Entry{e}); ok {
		t.Fatal("an update that adds a sources page was taken")
	}
	if got := s.Content.Entries[3]; len(got.Sources) != len(before.Sources) || got.Hash != before.Hash {
		t.Errorf("a refused update changed the entry: %+v", got.Sources)
	}
	e.Sources = e.Sources[:1]
	e.Sources[0].Title = "Retitled"
	if _, _, ok := s.Update([]*content.Entry{e}); !ok {
		t.Fatal("a retitled source was refused")
	}
	if n := len(s.SourceGroups); n != PageSize || !hasSourceTitled(s, "Retitled") {
		t.Errorf("sources index not made again: %d groups", n)
	}
}

func hasSourceTitled(s *Site, title string) bool {
	for _, g := range s.SourceGroups {
		if g.Title == title {
			return true
		}
	}
	return false
}
