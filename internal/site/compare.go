package site

import (
	"sync"

	"timeline/internal/content"
)

// Comparison is everything the compare page shows, computed from the
// content. It leads with what officials reported, each value dated and
// scoped; what this timeline's own entries add up to comes second, and
// says so. The home page's overview shows its headline figures.
//
// One name serves the idea throughout: [Site.Comparison] makes it, and
// [Page.Comparison] gives the one the compare page and the home page share.
type Comparison struct {
	Columns  []*CompareColumn
	Measures []string      // figure keys with an official tally in some operation, in FigureKeys order
	Recorded []string      // figure keys with a sum of recorded events in some operation
	Overlaps []*Overlap    // officials' tallies that reach into another operation's dates
	Charts   []*TallyChart // officials' tallies over time: arrests first
	Bars     *BarChart     // arrests: the latest official tally beside the events recorded here
	TileMaps []*TileMap    // one per operation
	MapMax   int           // most events recorded in one province for one operation
	Overview *Overview     // the home page's picture of the record, with these headline figures
}

// CompareColumn is one operation on the compare page.
type CompareColumn struct {
	*OperationGroup
	Index     int                        // 0-based position, for colours and markers
	Days      int                        // length in days, start to end (or to its latest entry while ongoing)
	LastDate  content.Date               // the day the length runs to
	Official  map[string]*OfficialFigure // by figure key
	Recorded  map[string]EntrySum        // by figure key: sums over its events within its dates
	Countries []string                   // nationalities named in its entries, sorted
}

// comparisonOnce is a site's comparison made when it is first asked for:
// while the compare page (or the home page) is rendered, on one core, and
// not before every page, on one core for all.
type comparisonOnce struct {
	once sync.Once
	site *Site
	c    *Comparison
}

// Comparison returns what the compare page shows, or nil for pages that
// show no comparison.
func (p *Page) Comparison() *Comparison {
	if p.comparison == nil {
		return nil
	}
	lazy := p.comparison
	lazy.once.Do(func() { lazy.c = lazy.site.Comparison() })
	return lazy.c
}

// Costly reports whether the page takes far longer than others to render,
// so that it is best started first: the compare page and the home page,
// which chart every entry.
func (p *Page) Costly() bool { return p.comparison != nil }

// Comparison computes the comparison of the operations.
func (s *Site) Comparison() *Comparison {
	c := &Comparison{}
	measures, recorded := make(map[string]bool), make(map[string]bool)
	for i, g := range s.OperationGroups {
		col := compareColumn(i, g)
		for key := range col.Official {
			measures[key] = true
		}
		for key := range col.Recorded {
			recorded[key] = true
		}
		c.Columns = append(c.Columns, col)
	}
	for _, k := range content.FigureKeys {
		if measures[k] {
			c.Measures = append(c.Measures, k)
		}
		if recorded[k] {
			c.Recorded = append(c.Recorded, k)
		}
	}
	c.Overlaps = overlaps(c.Columns)
	for _, key := range chartKeys {
		if measures[key] {
			c.Charts = append(c.Charts, tallyChart(c.Columns, key))
		}
	}
	c.Bars = barChart(c.Columns, "arrested")
	c.TileMaps, c.MapMax = s.tileMaps(c.Columns)
	c.Overview = s.Overview(c)
	return c
}

// compareColumn gathers what the compare page shows of operation g, the
// i-th.
func compareColumn(i int, g *OperationGroup) *CompareColumn {
	col := &CompareColumn{OperationGroup: g, Index: i, Official: make(map[string]*OfficialFigure)}
	col.LastDate = g.Start
	if g.End != nil {
		col.LastDate = *g.End
	} else if n := len(g.Entries); n > 0 {
		col.LastDate = g.Entries[n-1].Date
		if d := g.Entries[n-1].EndDate; d != nil {
			col.LastDate = *d
		}
	}
	col.Days = int(col.LastDate.Time().Sub(g.Start.Time()).Hours()/24) + 1
	for _, f := range g.Figures {
		col.Official[f.Key] = officialFigure(f)
	}
	col.Recorded = recordedSums(g)
	col.Countries = countries(g.Entries)
	return col
}

// claimFields are the front-matter fields of an operation's statements
// that the compare page shows, each in a row: what set it off, who ordered
// it, what followed.
var claimFields = []string{"trigger", "ordered_by", "aftermath"}

// Claims returns the operation's statements of one kind, named by its
// front-matter field (one of claimFields).
func (col *CompareColumn) Claims(field string) []content.Claim {
	switch field {
	case "trigger":
		return col.Trigger
	case "ordered_by":
		return col.OrderedBy
	case "aftermath":
		return col.Aftermath
	}
	return nil
}

// HasTotalsNotes reports whether any operation explains its totals, so that
// the compare page shows a row for the notes.
func (c *Comparison) HasTotalsNotes() bool {
	for _, col := range c.Columns {
		if col.TotalsNote != "" {
			return true
		}
	}
	return false
}
