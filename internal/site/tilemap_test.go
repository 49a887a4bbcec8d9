package site

import (
	"testing"

	"timeline/internal/content"
)

// TestTileMaps checks what the compare page's maps carry for the
// template: each tile's name, label positions and corner mark, and each
// map's caption and view box.
func TestTileMaps(t *testing.T) {
	raid := event("raid", "2025-07-16", "Kratie")
	raid.Sources = []content.Source{{URL: "https://example.org/a"}}
	raid.Reached = []content.Reach{{Provinces: []string{"Kratie", "Pursat"}, Source: 1}}
	op := operation("2025", "2025-07-01", "2025-08-01", raid, event("raid", "2025-07-20", "Kratie"))
	s := testSite(t, op)
	s.ProvinceGroups[0].Khmer = "ក្រចេះ"
	for i, label := range []string{"KRT", "PUR", "KAN"} {
		s.ProvinceGroups[i].Label = label
	}
	c := s.Comparison()
	if len(c.TileMaps) != 1 {
		t.Fatalf("%d maps, want 1", len(c.TileMaps))
	}
	m := c.TileMaps[0]
	if want := "-2 -2 240 48"; m.ViewBox != want {
		t.Errorf("ViewBox = %q, want %q", m.ViewBox, want)
	}
	if want := "2025 crackdown: 1 province with events recorded here, 1 more named by officials"; m.Caption != want {
		t.Errorf("Caption = %q, want %q", m.Caption, want)
	}
	tests := []struct {
		tile              int
		name              string
		x, labelY, countY int
		markPath          string
	}{
		{0, "KRT 2: Kratie (ក្រចេះ), 2 events recorded here; named as reached by officials", 0, 16, 36,
			"M30 0h10a4 4 0 0 1 4 4v10z"},
		{1, "PUR: Pursat, 0 events recorded here; named as reached by officials", 48, 16, 36,
			"M78 0h10a4 4 0 0 1 4 4v10z"},
		{2, "KAN: Kandal, 0 events recorded here", 96, 16, 36, "M126 0h10a4 4 0 0 1 4 4v10z"},
	}
	for _, tt := range tests {
		tile := m.Tiles[tt.tile]
		if tile.Name != tt.name {
			t.Errorf("tile %d: Name = %q, want %q", tt.tile, tile.Name, tt.name)
		}
		if tile.X != tt.x || tile.LabelX != tt.x+22 || tile.LabelY != tt.labelY || tile.CountY != tt.countY {
			t.Errorf("tile %d: at %d, label at (%d, %d), count at %d; want %d, (%d, %d), %d",
				tt.tile, tile.X, tile.LabelX, tile.LabelY, tile.CountY, tt.x, tt.x+22, tt.labelY, tt.countY)
		}
		if tile.MarkPath != tt.markPath {
			t.Errorf("tile %d: MarkPath = %q, want %q", tt.tile, tile.MarkPath, tt.markPath)
		}
	}
}

func TestProvinceMapCaption(t *testing.T) {
	s := testSite(t)
	s.ProvinceGroups[1].Label = "PUR"
	s.ProvinceGroups[1].Entries = []*content.Entry{event("raid", "2025-07-16", "Pursat")}
	m := s.ProvinceMap()
	if want := "All entries: 1 province of 25 named in at least one entry"; m.Caption != want {
		t.Errorf("Caption = %q, want %q", m.Caption, want)
	}
	if want := "PUR 1: Pursat, 1 entry"; m.Tiles[1].Name != want {
		t.Errorf("Name = %q, want %q", m.Tiles[1].Name, want)
	}
}
