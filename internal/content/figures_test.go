package content

import (
	"fmt"
	"strings"
	"testing"
)

// withFigures returns the test entry with its figures replaced by lines,
// and its kind by kind.
func withFigures(kind, lines string) string {
	e := strings.Replace(goodEntry, "kind: raid\n", "kind: "+kind+"\n", 1)
	return strings.Replace(e, "  arrested: 312\n", strings.TrimSuffix(lines, "\n")+"\n", 1)
}

const twoSourceOperation = `---
name: "2025 crackdown"
start: 2025-06-27
end: ongoing
%s
sources:
  - title: "Report"
    publisher: "Example News"
    url: https://example.org/report
  - title: "Another report"
    publisher: "Other News"
    url: https://example.org/other
---
Body.
`

// TestFigureProblems pins what check says about values that cannot be
// right, and that each has a way out that the message names.
func TestFigureProblems(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	const op = "content/operations/2025.md"
	twoSources := func(e string) string {
		return strings.Replace(e, "---\nPolice", "  - title: \"Second\"\n    publisher: \"Other News\"\n    url: https://example.org/second\n---\nPolice", 1)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"the old forms stay valid in entries",
			map[string]string{p: twoSources(withFigures("raid", "  arrested: 312\n  detained: {value: 300, source: 1}\n  rescued: [{value: 20, source: 1}, {value: 25, source: 2}]"))},
			""},
		{"a period that ends before it starts",
			map[string]string{p: withFigures("raid", "  arrested: {value: 312, from: 2025-07-20, to: 2025-07-16}")},
			p + ":8: figures.arrested: the period ends (2025-07-16) before it starts (2025-07-20); swap them or fix the typo\n"},
		{"a month-long period is not before its first day",
			map[string]string{p: withFigures("raid", "  arrested: {value: 312, from: 2025-07-14, to: 2025-07}")},
			""},
		{"as_of and to together",
			map[string]string{p: withFigures("statement", "  arrested: {value: 312, to: 2025-07-16, as_of: 2025-07-16}")},
			p + ":8: figures.arrested.as_of: give either as_of (a running total, counted up to that day) or to (the last day of a closed period), not both\n"},
		{"values that agree are not sources that differ",
			map[string]string{p: twoSources(withFigures("raid", "  arrested:\n    - {value: \">1,000\", source: 1}\n    - {value: \"1,000+\", source: 2}"))},
			p + ":10: figures.arrested[2]: gives the same value as figures.arrested[1] (>1,000 and 1,000+) for the same period and area, so the sources agree; write it once, citing both: source: [1, 2]\n"},
		{"values that agree, one resting on every source",
			map[string]string{p: twoSources(withFigures("raid", "  arrested:\n    - {value: 312}\n    - {value: 312, source: 2}"))},
			p + ":10: figures.arrested[2]: gives the same value as figures.arrested[1] (312 and 312) for the same period and area, so the sources agree; write it once, with no source number: it then rests on every source of the file\n"},
		{"one value from two sources",
			map[string]string{p: twoSources(withFigures("raid", "  arrested: {value: \">1,000\", source: [1, 2]}"))},
			""},
		{"the same value for another period is not an agreement",
			map[string]string{p: twoSources(withFigures("raid", "  arrested:\n    - {value: 746, source: 1, from: 2025-07-16, to: 2025-07-16}\n    - {value: 746, source: 2, from: 2025-07-14, to: 2025-07-16}"))},
			""},
		{"a source listed twice",
			map[string]string{p: twoSources(withFigures("raid", "  arrested: {value: 312, source: [2, 2]}"))},
			p + ":8: figures.arrested.source[2]: source 2 is listed twice; keep one\n"},
		{"a source that does not exist",
			map[string]string{p: withFigures("raid", "  arrested: {value: 312, source: [1, 3]}")},
			p + ":8: figures.arrested.source[2]: there is no source 3; the sources list has 1\n"},
		{"an area outside the gazetteer",
			map[string]string{p: withFigures("raid", "  arrested: {value: 312, area: [Kratie, Sihanoukvile]}")},
			p + ":8: figures.arrested.area[2]: unknown province \"Sihanoukvile\"; did you mean \"Preah Sihanouk\"?\n"},
		{"a rising series is fine",
			map[string]string{p: withFigures("statement", "  arrested:\n    - {value: 2137, as_of: 2025-07-18, from: 2025-06-27}\n    - {value: 3075, as_of: 2025-07-22, from: 2025-06-27}")},
			""},
		{"a series that falls",
			map[string]string{p: withFigures("statement", "  deported:\n    - {value: 11000, as_of: 2026-02-11, from: 2025-06}\n    - {value: \">8,000\", as_of: 2026-02-18, from: 2025-06}")},
			p + ":10: figures.deported[2]: >8,000 as of 18 February 2026 is lower than 11,000 as of 11 February 2026 for the same area and start, but a running total cannot fall; check both against the sources, or add a note saying what they give (a correction, a different count): note: \"...\"\n"},
		{"a series that falls, with a note",
			map[string]string{p: withFigures("statement", "  deported:\n    - {value: 11000, as_of: 2026-02-11, from: 2025-06}\n    - {value: \">8,000\", as_of: 2026-02-18, from: 2025-06, note: \"The same official gave a lower figure a week later.\"}")},
			""},
		{"a tally that gives no start may continue a series",
			map[string]string{p: withFigures("statement", "  deported:\n    - {value: 11000, as_of: 2026-02-11, from: 2025-06}\n    - {value: 8000, as_of: 2026-02-18}")},
			p + ":10: figures.deported[2]: 8,000 as of 18 February 2026 is lower than 11,000 as of 11 February 2026 for the same area and start, but a running total cannot fall; check both against the sources, or add a note saying what they give (a correction, a different count): note: \"...\"\n"},
		{"tallies from different starts are not one series",
			map[string]string{p: withFigures("statement", "  deported:\n    - {value: 11000, as_of: 2026-02-11, from: 2025-06}\n    - {value: 8000, as_of: 2026-02-18, from: 2026-01}")},
			""},
		{"parts exceed the total",
			map[string]string{p: withFigures("raid", "  arrested: 100\n  cambodians: 85\n  foreigners: 149")},
			p + ":9: figures.cambodians: cambodians (85) and foreigners (149) add up to 234, more than the 100 arrested for the same period and area; check them against the sources, or add a note to one of them saying what the sources give\n"},
		{"foreigners alone exceed the total: a missing cambodians figure is not named",
			map[string]string{p: withFigures("raid", "  arrested: 100\n  foreigners: 149")},
			p + ":9: figures.foreigners: foreigners (149) are more than the 100 arrested for the same period and area; check them against the sources, or add a note to one of them saying what the sources give\n"},
		{"cambodians alone exceed the total",
			map[string]string{p: withFigures("raid", "  arrested: 100\n  cambodians: 120")},
			p + ":9: figures.cambodians: cambodians (120) are more than the 100 arrested for the same period and area; check them against the sources, or add a note to one of them saying what the sources give\n"},
		{"parts exceed the total, with a note",
			map[string]string{p: withFigures("raid", "  arrested: {value: 100, note: \"The source's breakdown adds up to 234.\"}\n  cambodians: 85\n  foreigners: 149")},
			""},
		{"parts of another period are not compared",
			map[string]string{p: withFigures("raid", "  arrested: {value: 100, to: 2025-07-16, from: 2025-07-16}\n  foreigners: {value: 149, as_of: 2025-07-30}")},
			""},
		{"women exceed the people detained",
			map[string]string{p: withFigures("raid", "  detained: 50\n  women: 60")},
			p + ":9: figures.women: 60 women are more than the 50 detained for the same period and area; check both against the sources, or add a note to one of them saying what the sources give\n"},
		{"an approximate total is not contradicted",
			map[string]string{p: withFigures("raid", "  arrested: \"~100\"\n  foreigners: 149")},
			""},
		{"nationalities exceed the people arrested",
			map[string]string{p: withFigures("raid", "  arrested: 2044\nnationalities: {China: 1792, Myanmar: 179, Vietnam: 177, Taiwan: 5}")},
			p + ":9: nationalities: the counts add up to 2,153, more than the 2,044 arrested, the largest count of people here; check them against the sources, or, if the sources give these numbers, add a note to the arrested value saying so\n"},
		{"nationalities exceed the people arrested, with a note",
			map[string]string{p: withFigures("raid", "  arrested: {value: 2044, note: \"The sources' breakdown adds up to 2,153.\"}\nnationalities: {China: 1792, Myanmar: 179, Vietnam: 177, Taiwan: 5}")},
			""},
		{"nationalities of the people rescued",
			map[string]string{p: withFigures("rescue", "  detained: 1\n  rescued: 21\nnationalities: {Malaysia: 16, China: 1, Vietnam: 4}")},
			""},
		{"an operation's old form says what to add",
			map[string]string{op: fmt.Sprintf(twoSourceOperation, "figures:\n  arrested: {value: 3455, source: 1}\n  deported: 2825")},
			op + ":6: figures.arrested: an operation's total must say what it covers; add as_of (or to), area and said_by, as in " + tallyExample + "\n" +
				op + ":7: figures.deported: an operation's total must say what it covers; write it in full: " + tallyExample + "\n"},
		{"an operation's total without its source, when it has several",
			map[string]string{op: fmt.Sprintf(twoSourceOperation, "figures:\n  arrested: {value: 3455, as_of: 2025-10-14, area: nationwide, said_by: \"Committee\"}")},
			op + ":6: figures.arrested: an operation's total must say what it covers; add source, as in " + tallyExample + "\n"},
		{"an operation's total in full",
			map[string]string{op: fmt.Sprintf(twoSourceOperation, "figures:\n  arrested:\n    - {value: 3455, source: 1, from: 2025-06-27, as_of: 2025-10-14, area: nationwide, said_by: \"Committee\"}\n    - {value: 5106, source: 2, from: 2025-06-27, as_of: 2026-01-22, area: nationwide, said_by: \"Fresh News\"}")},
			""},
		{"an operation's statement of reach",
			map[string]string{op: fmt.Sprintf(twoSourceOperation, "reached:\n  - {provinces: [Kratie, Poipet], as_of: 2025-07-22, said_by: \"Interior Ministry\", source: 2}")},
			""},
		{"an operation's statement of reach needs its date",
			map[string]string{op: fmt.Sprintf(twoSourceOperation, "reached:\n  - {provinces: [Kratie], said_by: \"Interior Ministry\", source: 2}")},
			op + ":6: reached[1].as_of: missing; give the day the statement speaks for, as in - {provinces: [Kratie, Pursat], as_of: 2025-07-22, said_by: \"Interior Ministry\", source: 2}\n"},
		{"a statement of reach names provinces",
			map[string]string{p: replaceLine("kind:", "kind: statement\nreached:\n  - {provinces: [nationwide], said_by: \"Interior Ministry\", source: 1}")},
			p + ":8: reached[1].provinces: name the provinces the statement names; \"nationwide\" says nothing about where the operation reached\n"},
		{"a statement of reach without who said it or its source",
			map[string]string{p: replaceLine("kind:", "kind: statement\nreached:\n  - {provinces: [Kratie]}")},
			p + ":8: reached[1].said_by: missing; each statement needs provinces, said_by and source, as in - {provinces: [Kratie, Pursat], as_of: 2025-07-22, said_by: \"Interior Ministry\", source: 2}\n" +
				p + ":8: reached[1].source: missing; each statement needs provinces, said_by and source, as in - {provinces: [Kratie, Pursat], as_of: 2025-07-22, said_by: \"Interior Ministry\", source: 2}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Load(siteFS(t, tt.files), Options{})
			if got := problemLines(ps); got != tt.want {
				t.Errorf("Load problems:\ngot:\n%swant:\n%s", got, tt.want)
			}
		})
	}
}

// TestScopeDefaults pins what a value covers when it does not say: an
// event's own dates and provinces, or a running total up to the day a
// statement was made.
func TestScopeDefaults(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	tests := []struct {
		name, entry string
		period      string
		area        string
		running     bool
		stated      bool
	}{
		{"an event's own day", withFigures("raid", "  arrested: 312"), "16 July 2025", "Kratie", false, false},
		{"an event over several days", strings.Replace(withFigures("raid", "  arrested: 312"), "date: 2025-07-16", "date: 2025-07-14\nend_date: 2025-07-16", 1), "14 July 2025 to 16 July 2025", "Kratie", false, false},
		{"a statement's running total", withFigures("statement", "  arrested: 3075"), "as of 16 July 2025", "Kratie", true, false},
		{"a statement's total with its start", withFigures("statement", "  arrested: {value: 3075, from: 2025-06-27}"), "since 27 June 2025, as of 16 July 2025", "Kratie", true, true},
		{"a stated area and place", withFigures("raid", "  arrested: {value: 63, area: Sihanoukville, place: \"a hotel\"}"), "16 July 2025", "Preah Sihanouk (a hotel)", false, true},
		{"a stated closed period", withFigures("statement", "  arrested: {value: 2418, from: 2025-01-01, to: 2025-06-30, area: nationwide}"), "1 January 2025 to 30 June 2025", "nationwide", false, true},
		{"a cut-off with no start", withFigures("raid", "  rescued: {value: 360, as_of: 2025-05-23}"), "as of 23 May 2025", "Kratie", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ps := Load(siteFS(t, map[string]string{p: tt.entry}), Options{})
			if len(ps) > 0 {
				t.Fatalf("problems:\n%s", problemLines(ps))
			}
			v := s.Entries[0].Figures[0].Values[0]
			if v.Period() != tt.period || v.Area() != tt.area || v.Running != tt.running || v.Stated != tt.stated {
				t.Errorf("got period %q, area %q, running %v, stated %v; want %q, %q, %v, %v",
					v.Period(), v.Area(), v.Running, v.Stated, tt.period, tt.area, tt.running, tt.stated)
			}
		})
	}
}

// TestPoints pins how the values of a figure read: one claim, sources
// that differ, or a series, latest first.
func TestPoints(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	tests := []struct {
		name, figures string
		want          string // points, latest first: values joined by " or ", points by " | "
	}{
		{"one value", "  arrested: 312", "312"},
		{"one claim from two sources", "  arrested: {value: \">1,000\", source: [1]}", ">1,000"},
		{"sources that differ", "  arrested: [{value: 746, source: 1}, {value: 809, source: 1}]", "746 or 809"},
		{"a series, latest first", "  arrested:\n    - {value: 2137, as_of: 2025-07-18}\n    - {value: 3455, as_of: 2025-10-14}\n    - {value: 3075, as_of: 2025-07-22}", "3,455 | 3,075 | 2,137"},
		{"two areas on the same day", "  arrested:\n    - {value: 3, area: [Phnom Penh]}\n    - {value: 63, area: [Sihanoukville]}", "3 | 63"},
		{"two counts of different starts", "  arrested:\n    - {value: 129, from: 2022-08-18, as_of: 2023-04-17}\n    - {value: 606, from: 2022-09-15, to: 2022-12-27}", "129 | 606"},
		{"a series with a disagreement at its end", "  arrested:\n    - {value: 3455, as_of: 2025-10-14}\n    - {value: 5106, as_of: 2026-01-22}\n    - {value: \"~5,000\", as_of: 2026-01-22}", "5,106 or ~5,000 | 3,455"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ps := Load(siteFS(t, map[string]string{p: withFigures("statement", tt.figures)}), Options{})
			if len(ps) > 0 {
				t.Fatalf("problems:\n%s", problemLines(ps))
			}
			f := s.Entries[0].Figures[0]
			var pts []string
			for _, pt := range f.Points() {
				var vals []string
				for _, v := range pt.Values {
					vals = append(vals, v.Count.String())
				}
				pts = append(pts, strings.Join(vals, " or "))
			}
			if got := strings.Join(pts, " | "); got != tt.want {
				t.Errorf("points = %q, want %q", got, tt.want)
			}
			if got, want := f.IsSeries(), strings.Contains(tt.name, "series"); got != want {
				t.Errorf("IsSeries() = %v, want %v", got, want)
			}
			if got, want := f.LatestValue().Count, f.Latest().Values[0].Count; got != want {
				t.Errorf("LatestValue() = %s, want the first value of Latest(), %s", got, want)
			}
			if got, want := f.Latest().Differs(), strings.Contains(strings.Split(tt.want, " | ")[0], " or "); got != want {
				t.Errorf("Latest().Differs() = %v, want %v", got, want)
			}
		})
	}
}
