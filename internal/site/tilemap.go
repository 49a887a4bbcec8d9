package site

import (
	"math"
	"slices"

	"timeline/internal/content"
)

// TileMap is one operation's map of reach: Cambodia's provinces as a grid
// of tiles. A tile is coloured when an event of the operation (a raid, an
// arrest, a rescue, a deportation) recorded here took place in the
// province, shaded by how many; and marked when a sourced statement by
// officials names the province as reached. Context entries (orders,
// statements, reports, sanctions, foreign strikes) never colour a tile.
type TileMap struct {
	Column *CompareColumn
	Title  string
	Tiles  []*Tile
	Width  int
	Height int
	Events int // provinces with events recorded here
	Named  int // provinces officials named that have no event recorded here
}

// Tile is one province on a tile map.
type Tile struct {
	Province *ProvinceGroup
	X, Y     int
	Events   int          // events of the operation recorded here in the province
	Named    []NamedReach // statements naming the province as reached
	Shade    int          // 0 (no event) to 4 (most)
}

// NamedReach is a statement that names a province as reached, with the
// file it is recorded in.
type NamedReach struct {
	content.Reach
	Entry *content.Entry // the entry that records it, or nil for the operation's own page
}

// Reached reports whether the tile is coloured or marked at all.
func (t *Tile) Reached() bool { return t.Events > 0 || len(t.Named) > 0 }

const tileSize, tileGap = 44, 4

func (s *Site) tileMaps(cols []*CompareColumn) ([]*TileMap, int) {
	rows, width := 0, 0
	for _, p := range s.ProvinceGroups {
		rows, width = max(rows, p.Row+1), max(width, p.Col+1)
	}
	events := make([]map[string]int, len(cols))
	maxCount := 1
	for i, col := range cols {
		events[i] = make(map[string]int)
		for _, e := range col.Entries {
			if !Reaches(e) {
				continue
			}
			for _, p := range e.Provinces {
				events[i][p]++
				maxCount = max(maxCount, events[i][p])
			}
		}
	}
	var maps []*TileMap
	for i, col := range cols {
		named := make(map[string][]NamedReach)
		add := func(r content.Reach, e *content.Entry) {
			for _, p := range r.Provinces {
				named[p] = append(named[p], NamedReach{Reach: r, Entry: e})
			}
		}
		for _, r := range col.Reached {
			add(r, nil)
		}
		for _, e := range col.Entries {
			for _, r := range e.Reached {
				add(r, e)
			}
		}
		m := &TileMap{Column: col, Title: col.Name, Width: width*(tileSize+tileGap) - tileGap, Height: rows*(tileSize+tileGap) - tileGap}
		for _, p := range s.ProvinceGroups {
			t := &Tile{Province: p, X: p.Col * (tileSize + tileGap), Y: p.Row * (tileSize + tileGap),
				Events: events[i][p.Name], Named: named[p.Name]}
			slices.SortStableFunc(t.Named, func(a, b NamedReach) int { return a.AsOf.Time().Compare(b.AsOf.Time()) })
			t.Shade = shade(t.Events, maxCount)
			switch {
			case t.Events > 0:
				m.Events++
			case len(t.Named) > 0:
				m.Named++
			}
			m.Tiles = append(m.Tiles, t)
		}
		maps = append(maps, m)
	}
	return maps, maxCount
}

// shade maps a count to one of five steps; any event at all is at least 1.
func shade(n, maxCount int) int {
	if n == 0 {
		return 0
	}
	return 1 + int(math.Min(3, math.Floor(float64(n-1)/float64(maxCount)*4)))
}

// ProvinceMap is the provinces page's map: every province shaded by the
// number of entries, of any kind and operation, that name it.
func (s *Site) ProvinceMap() *TileMap {
	rows, width := 0, 0
	maxCount := 1
	for _, p := range s.ProvinceGroups {
		rows, width = max(rows, p.Row+1), max(width, p.Col+1)
		maxCount = max(maxCount, len(p.Entries))
	}
	m := &TileMap{Title: "All entries", Width: width*(tileSize+tileGap) - tileGap, Height: rows*(tileSize+tileGap) - tileGap}
	for _, p := range s.ProvinceGroups {
		t := &Tile{Province: p, X: p.Col * (tileSize + tileGap), Y: p.Row * (tileSize + tileGap), Events: len(p.Entries)}
		t.Shade = shade(t.Events, maxCount)
		if t.Events > 0 {
			m.Events++
		}
		m.Tiles = append(m.Tiles, t)
	}
	return m
}
