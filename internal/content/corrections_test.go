package content

import (
	"strings"
	"testing"
)

func TestCorrections(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	withDate := func(lines string) string { return replaceLine("date:", "date: 2025-07-16\n"+lines) }
	tests := []struct {
		name, file, want string
		updated          string // LastUpdated, when the file loads
	}{
		{"added only", withDate("added: 2025-07-20"), "", "2025-07-20"},
		{"newest correction wins, whatever the order written",
			withDate("added: 2025-07-20\ncorrections:\n  - {date: 2025-08-01, text: \"Count fixed.\", source: 1}\n  - {date: 2025-07-25, text: \"Place fixed.\"}"),
			"", "2025-08-01"},
		{"neither", goodEntry, "", ""},
		{"added before the event", withDate("added: 2025-07-01"),
			p + ":4: added: 2025-07-01 is before the entry's date 2025-07-16; added is the day the entry was added to this record", ""},
		{"correction before added", withDate("added: 2025-07-20\ncorrections:\n  - {date: 2025-07-18, text: \"x\"}"),
			p + ":6: corrections[1].date: 2025-07-18 is before the entry was added (2025-07-20); fix the date or added", ""},
		{"correction without text, unknown source", withDate("corrections:\n  - {date: 2025-07-18, source: 4}"),
			p + ":5: corrections[1].text: missing", ""},
		{"not a list", withDate("corrections: fixed"),
			p + ":4: corrections: want a list of corrections", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ps := Load(siteFS(t, map[string]string{p: tc.file}), Options{})
			got := problemLines(ps)
			if tc.want == "" {
				if got != "" {
					t.Fatalf("problems:\n%s", got)
				}
				e := s.Entries[0]
				u := ""
				if d := e.LastUpdated(); d != nil {
					u = d.String()
				}
				if u != tc.updated {
					t.Errorf("last updated %q, want %q", u, tc.updated)
				}
				if len(e.Corrections) == 2 && e.Corrections[0].Source != 1 {
					t.Errorf("corrections not newest first: %+v", e.Corrections)
				}
				return
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("problems:\n%s\nwant one starting %s", got, tc.want)
			}
		})
	}
}
