package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"timeline/internal/content"
)

func TestOverview(t *testing.T) {
	a := operation("2024", "2024-01-01", "2024-12-31",
		event("raid", "2023-12-20", "Kratie"), // lead-up: before the band
		event("raid", "2024-03-01", "Kratie"),
		event("statement", "2024-06-01", "Kratie"))
	a.Figures = []content.Figure{
		fig("arrested", tally(100, "2024-01-01", "2024-03-01", 1), tally(250, "2024-01-01", "2024-06-01", 1)),
		fig("deported", tally(40, "2024-01-01", "2024-06-01", 1)),
	}
	b := operation("2026", "2026-01-10", "")
	// Ten arrests on one day: three fit in the stack, seven join a mark.
	for i := range 10 {
		b.Entries = append(b.Entries, event("arrest", "2026-02-01", "Pursat"))
		b.Entries[i].Title = fmt.Sprintf("Arrest %d", i)
		b.Entries[i].Operation = "2026"
	}
	s := testSite(t, a, b)
	s.Content.Entries = append(slices.Clone(a.Entries), b.Entries...)
	o := s.Comparison().Overview
	if o == nil {
		t.Fatal("no overview")
	}
	if o.From != day("2023-12-20") || o.To != day("2026-02-01") {
		t.Errorf("axis %s to %s, want 2023-12-20 to 2026-02-01 (first and last entry)", o.From, o.To)
	}
	ra, rb := o.Rows[0], o.Rows[1]
	lead := ra.Marks[0]
	if lead.X >= ra.BandX || lead.X < float64(o.Left) {
		t.Errorf("the lead-up raid at x=%.1f should sit left of the band at %.1f, on the axis from %d", lead.X, ra.BandX, o.Left)
	}
	if end := rb.BandX + rb.BandWidth; end > float64(o.Right)+0.01 || rb.BandX < ra.BandX+ra.BandWidth {
		t.Errorf("bands out of order or off the axis: %.1f+%.1f then %.1f+%.1f (axis to %d)", ra.BandX, ra.BandWidth, rb.BandX, rb.BandWidth, o.Right)
	}
	if len(rb.Marks) != overviewLanes || rb.Unmarked != 10-overviewLanes {
		t.Errorf("ten entries on one day: %d marks and %d merged, want %d and %d", len(rb.Marks), rb.Unmarked, overviewLanes, 10-overviewLanes)
	}
	more := 0
	for _, m := range rb.Marks {
		more += m.More
	}
	if more != 10-overviewLanes || !strings.Contains(rb.Marks[0].Name, "and 7 more entries") {
		t.Errorf("merged marks stand for %d more entries; first mark named %q", more, rb.Marks[0].Name)
	}
	if len(ra.Headlines) != 2 || ra.Headlines[0].Key != "arrested" || ra.Headlines[0].Latest.Values[0].N != 250 {
		t.Errorf("headlines of 2024 = %+v, want the latest arrest tally (250) first, then deported", ra.Headlines)
	}
	if len(rb.Headlines) != 0 {
		t.Errorf("2026 has no official tally, but the overview gives it %d headline figures", len(rb.Headlines))
	}
	kinds := []string{}
	for _, k := range o.Kinds {
		kinds = append(kinds, k.Kind)
	}
	if !slices.Equal(kinds, []string{"raid", "arrest", "statement"}) {
		t.Errorf("legend kinds = %v, want the kinds drawn, in content.Kinds order", kinds)
	}
	if !strings.Contains(o.Summary, "2026 crackdown: from 10 January 2026, ongoing") {
		t.Errorf("text alternative lacks the ongoing operation: %q", o.Summary)
	}
}

// TestKindShapes checks that every kind has a mark of its own: kinds are
// told apart by shape, not colour.
func TestKindShapes(t *testing.T) {
	seen := map[string]string{}
	for _, k := range append(slices.Clone(content.Kinds), "") {
		shape := KindShape(kindName(k), 0, 0)
		if other, dup := seen[shape]; dup && kindName(k) != other {
			t.Errorf("kinds %q and %q share a mark", other, k)
		}
		seen[shape] = kindName(k)
	}
}
