package site

import (
	"fmt"
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
	Column   *CompareColumn
	Title    string
	Caption  string // under the map: what it counts, and in how many provinces
	One      string // what a tile's count counts, one of them: "entry"
	Many     string // and several: "entries"
	Tiles    []*Tile
	Width    int
	Height   int
	ViewBox  string // the SVG's viewBox: the tiles with a margin for their outlines
	TileSize int    // a tile's width and height
	Events   int    // provinces with events recorded here
	Named    int    // provinces officials named that have no event recorded here
}

// Tile is one province on a tile map.
type Tile struct {
	Province *ProvinceGroup
	X, Y     int          // top left corner
	LabelX   int          // centre of the label
	LabelY   int          // baseline of the label's first line, the province's code
	CountY   int          // baseline of its second line, the count
	MarkPath string       // SVG path of the corner mark of a tile both coloured and named
	Name     string       // accessible name, starting with the visible label
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

// newTileMap returns an empty map of the provinces' grid, counting one
// and many of what its tiles count.
func (s *Site) newTileMap(title, one, many string) *TileMap {
	rows, width := 0, 0
	for _, p := range s.ProvinceGroups {
		rows, width = max(rows, p.Row+1), max(width, p.Col+1)
	}
	m := &TileMap{Title: title, One: one, Many: many, TileSize: tileSize,
		Width: width*(tileSize+tileGap) - tileGap, Height: rows*(tileSize+tileGap) - tileGap}
	m.ViewBox = fmt.Sprintf("-2 -2 %d %d", m.Width+4, m.Height+4)
	return m
}

// add puts the tile of province p on the map, with its events and the
// statements that name it, shaded against the most events in a province.
func (m *TileMap) add(p *ProvinceGroup, events int, named []NamedReach, maxCount int) *Tile {
	t := &Tile{Province: p, X: p.Col * (tileSize + tileGap), Y: p.Row * (tileSize + tileGap), Events: events, Named: named}
	t.LabelX, t.LabelY, t.CountY = t.X+tileSize/2, t.Y+16, t.Y+36
	t.MarkPath = fmt.Sprintf("M%d %dh10a4 4 0 0 1 4 4v10z", t.X+tileSize-14, t.Y)
	slices.SortStableFunc(t.Named, func(a, b NamedReach) int { return a.AsOf.Time().Compare(b.AsOf.Time()) })
	t.Shade = shade(t.Events, maxCount)
	t.Name = t.name(m.One, m.Many)
	switch {
	case t.Events > 0:
		m.Events++
	case len(t.Named) > 0:
		m.Named++
	}
	m.Tiles = append(m.Tiles, t)
	return t
}

// name is the tile's accessible name. It starts with the tile's visible
// text, as speech input expects: "PP 12: Phnom Penh (ភ្នំពេញ), 12 entries".
func (t *Tile) name(one, many string) string {
	p := t.Province
	name := p.TileLabel()
	if t.Events > 0 {
		name += fmt.Sprintf(" %d", t.Events)
	}
	name += ": " + p.Name
	if p.Khmer != "" {
		name += fmt.Sprintf(" (%s)", p.Khmer)
	}
	name += ", " + plural(t.Events, one, many)
	if len(t.Named) > 0 {
		name += "; named as reached by officials"
	}
	return name
}

// tileMaps returns one map per operation, and the most events recorded
// in one province for one operation, which all maps are shaded against.
func (s *Site) tileMaps(cols []*CompareColumn) ([]*TileMap, int) {
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
		named := namedReach(col)
		m := s.newTileMap(col.Name, "event recorded here", "events recorded here")
		m.Column = col
		for _, p := range s.ProvinceGroups {
			m.add(p, events[i][p.Name], named[p.Name], maxCount)
		}
		m.Caption = fmt.Sprintf("%s: %s with events recorded here", m.Title, plural(m.Events, "province", "provinces"))
		if m.Named > 0 {
			m.Caption += fmt.Sprintf(", %d more named by officials", m.Named)
		}
		maps = append(maps, m)
	}
	return maps, maxCount
}

// namedReach gathers, by province, the statements that name it as reached
// by the operation: on the operation's page and in its entries.
func namedReach(col *CompareColumn) map[string][]NamedReach {
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
	return named
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
	maxCount := 1
	for _, p := range s.ProvinceGroups {
		maxCount = max(maxCount, len(p.Entries))
	}
	m := s.newTileMap("All entries", "entry", "entries")
	for _, p := range s.ProvinceGroups {
		m.add(p, len(p.Entries), nil, maxCount)
	}
	m.Caption = fmt.Sprintf("All entries: %s of 25 named in at least one entry", plural(m.Events, "province", "provinces"))
	return m
}
