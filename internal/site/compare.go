package site

import (
	"fmt"
	"slices"
	"sync"

	"timeline/internal/content"
)

// IsEvent reports whether an entry's figures describe one event, so that
// they may be added up across entries. Statements and reports give
// running totals; they are never added up with other entries, or the same
// arrests would count twice.
func IsEvent(e *content.Entry) bool { return !content.IsTallyKind(e.Kind) }

// reachKinds are the kinds of event that place an operation in a
// province: something the operation did there. Orders, statements,
// reports, sanctions and foreign strikes are context, and never do.
var reachKinds = []string{"raid", "arrest", "rescue", "deportation"}

// Reaches reports whether entry e shows its operation acting in the
// provinces it names.
func Reaches(e *content.Entry) bool { return slices.Contains(reachKinds, e.Kind) }

// Comparison is everything the compare page shows, computed from the
// content. It leads with what officials reported, each value dated and
// scoped; what this timeline's own entries add up to comes second, and
// says so.
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

// OfficialFigure is what officials reported for one measure of one
// operation: the latest tally, the earlier tallies of the same series, and
// tallies of other periods or areas.
type OfficialFigure struct {
	Key     string
	Latest  content.Point   // one value, or several when sources differ
	Earlier []content.Point // the same series as Latest (see content.Scope.SameSeries), latest first
	Others  []content.Point // counts of other periods or areas, latest first
	all     []content.Point // every point, latest first
}

// Points returns every point, latest first.
func (f *OfficialFigure) Points() []content.Point { return f.all }

// InSeries reports whether p belongs to the series of the latest tally.
func (f *OfficialFigure) InSeries(p content.Point) bool {
	return p.Scope().SameSeries(f.Latest.Scope()) || p.Scope().Same(f.Latest.Scope())
}

func officialFigure(fig content.Figure) *OfficialFigure {
	pts := fig.Points()
	f := &OfficialFigure{Key: fig.Key, Latest: pts[0], all: pts}
	for _, p := range pts[1:] {
		if f.InSeries(p) {
			f.Earlier = append(f.Earlier, p)
		} else {
			f.Others = append(f.Others, p)
		}
	}
	return f
}

// Overlap says that an operation's official tallies count days that fall
// within another operation's dates, so that the two columns must not be
// added.
type Overlap struct {
	Column   *CompareColumn // whose tallies overlap
	Other    *CompareColumn // whose dates they reach into
	Measures []string       // figure keys of the overlapping tallies
	From     content.Date   // the earliest day those tallies count (or their cut-off, where they give no start)
	Until    content.Date   // the latest
	RunsOn   bool           // the other operation comes later: the tallies run on into it
}

// EntrySum is a figure added up over the events recorded here.
type EntrySum struct {
	content.Count     // the sum, qualified when any part was
	Entries       int // how many entries gave the figure
}

// comparing returns a comparison of the site's operations that is made
// when it is first asked for: while the compare page is rendered, on one
// core, and not before every page, on one core for all.
func (s *Site) comparing() *comparing { return &comparing{make: s.Compare} }

// comparing is a comparison made once, on first use.
type comparing struct {
	once sync.Once
	make func() *Comparison
	c    *Comparison
}

// Compare returns what the compare page shows, or nil for other pages.
func (p *Page) Compare() *Comparison {
	if p.comparing == nil {
		return nil
	}
	p.comparing.once.Do(func() { p.comparing.c = p.comparing.make() })
	return p.comparing.c
}

// Costly reports whether the page takes far longer than others to render,
// so that it is best started first: the compare page and the home page,
// which chart every entry.
func (p *Page) Costly() bool { return p.comparing != nil }

// Compare computes the comparison of the operations.
func (s *Site) Compare() *Comparison {
	c := &Comparison{}
	measures, recorded := make(map[string]bool), make(map[string]bool)
	for i, g := range s.OperationGroups {
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
			measures[f.Key] = true
		}
		col.Recorded = recordedSums(g)
		for key := range col.Recorded {
			recorded[key] = true
		}
		col.Countries = countries(g.Entries)
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

// within reports whether a value's period lies inside the operation's
// dates, so that it may count towards what the operation did.
func within(g *OperationGroup, sc *content.Scope) bool {
	if sc.Start().Precedes(g.Start) {
		return false
	}
	return g.End == nil || !g.End.Precedes(sc.Until)
}

// recordedSums adds up each figure over the operation's events: entries
// that are not statements or reports, values that are not running totals
// and that fall within the operation's dates (its lead-up is left out).
// Where an entry's sources differ, the first value listed is used. A sum
// containing "about" values is "about"; one containing "at least" or
// "more than" values is "at least".
func recordedSums(g *OperationGroup) map[string]EntrySum {
	sums := make([]EntrySum, len(content.FigureKeys))
	for _, e := range g.Entries {
		if !IsEvent(e) {
			continue
		}
		for i := range e.Figures {
			f := &e.Figures[i]
			v := f.LatestValue()
			if v.Running || !within(g, &v.Scope) {
				continue
			}
			k := slices.Index(content.FigureKeys, f.Key)
			sums[k].Count = addCount(sums[k].Count, v.Count)
			sums[k].Entries++
		}
	}
	out := make(map[string]EntrySum)
	for k, s := range sums {
		if s.Entries > 0 {
			out[content.FigureKeys[k]] = s
		}
	}
	return out
}

// addCount adds c to total, keeping what the qualifiers mean: anything
// "about" (or "fewer than") makes the sum "about"; otherwise anything "at
// least" or "more than" makes it "at least".
func addCount(total, c content.Count) content.Count {
	total.N += c.N
	switch {
	case c.Qualifier == "~" || c.Qualifier == "<" || total.Qualifier == "~":
		total.Qualifier = "~"
	case c.Qualifier == ">" || c.Qualifier == "+":
		total.Qualifier = "+"
	}
	return total
}

// countries lists the nationalities named in entries, sorted.
func countries(entries []*content.Entry) []string {
	seen := make(map[string]bool)
	for _, e := range entries {
		for _, n := range e.Nationalities {
			seen[n.Country] = true
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// overlaps finds, for each operation, the official tallies whose periods
// take in days of another operation.
func overlaps(cols []*CompareColumn) []*Overlap {
	var out []*Overlap
	for _, col := range cols {
		for _, other := range cols {
			if other == col {
				continue
			}
			var o *Overlap
			for _, key := range content.FigureKeys {
				f := col.Official[key]
				if f == nil {
					continue
				}
				for _, p := range f.Points() {
					sc := p.Scope()
					if sc.Until.Precedes(other.Start) || other.LastDate.Precedes(sc.Start()) {
						continue
					}
					if o == nil {
						o = &Overlap{Column: col, Other: other, From: sc.Start(), Until: sc.Until, RunsOn: col.Start.Before(other.Start)}
						out = append(out, o)
					}
					if !slices.Contains(o.Measures, key) {
						o.Measures = append(o.Measures, key)
					}
					if sc.Start().Precedes(o.From) {
						o.From = sc.Start()
					}
					if o.Until.Precedes(sc.Until) {
						o.Until = sc.Until
					}
				}
			}
		}
	}
	return out
}

// OverlapsWith returns the operations whose dates a point's period takes
// in, other than the column's own.
func (c *Comparison) OverlapsWith(col *CompareColumn, p content.Point) []*CompareColumn {
	var out []*CompareColumn
	sc := p.Scope()
	for _, other := range c.Columns {
		if other == col || sc.Until.Precedes(other.Start) || other.LastDate.Precedes(sc.Start()) {
			continue
		}
		out = append(out, other)
	}
	return out
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

// Unsourced lists every figure and statement the compare page shows that
// cannot be traced to a source named in the file it comes from: an
// official tally, a claim (what set it off, who ordered it, what
// followed), a statement of reach or a nationality of an operation, and a
// figure or statement of reach of an entry that goes into a sum, a chart
// or a map. The loader already refuses such files; this checks the page
// as built, so that no later change to the comparison can show a figure
// without its source.
func (c *Comparison) Unsourced() []string {
	var out []string
	cites := func(sources []content.Source, n int) bool {
		if n == 0 {
			return len(sources) > 0 // supported by all the file's sources
		}
		return n >= 1 && n <= len(sources)
	}
	for _, col := range c.Columns {
		op := col.Path
		for _, key := range c.Measures {
			f := col.Official[key]
			if f == nil {
				continue
			}
			for _, p := range f.Points() {
				for _, v := range p.Values {
					for _, n := range sourcesOf(v) {
						if !cites(col.Sources, n) {
							out = append(out, fmt.Sprintf("%s: reported %s %s cites source %d of %d", op, key, v.Count, n, len(col.Sources)))
						}
					}
				}
			}
		}
		for label, claims := range map[string][]content.Claim{"trigger": col.Trigger, "ordered_by": col.OrderedBy, "aftermath": col.Aftermath} {
			for _, cl := range claims {
				if !cites(col.Sources, cl.Source) {
					out = append(out, fmt.Sprintf("%s: %s %q cites source %d of %d", op, label, cl.Text, cl.Source, len(col.Sources)))
				}
			}
		}
		for _, r := range col.Reached {
			if !cites(col.Sources, r.Source) || r.Source == 0 {
				out = append(out, fmt.Sprintf("%s: reached %v cites source %d of %d", op, r.Provinces, r.Source, len(col.Sources)))
			}
		}
		if (len(col.Nationalities) > 0 || col.TotalsNote != "") && len(col.Sources) == 0 {
			out = append(out, fmt.Sprintf("%s: nationalities or totals note with no sources", op))
		}
		for _, e := range col.Entries {
			for _, r := range e.Reached {
				if !cites(e.Sources, r.Source) || r.Source == 0 {
					out = append(out, fmt.Sprintf("%s: reached %v cites source %d of %d", e.Path, r.Provinces, r.Source, len(e.Sources)))
				}
			}
			if !IsEvent(e) {
				continue // not in any sum
			}
			for _, f := range e.Figures {
				for _, v := range f.Values {
					for _, n := range sourcesOf(v) {
						if !cites(e.Sources, n) {
							out = append(out, fmt.Sprintf("%s: %s %s cites source %d of %d", e.Path, f.Key, v.Count, n, len(e.Sources)))
						}
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// sourcesOf returns the sources a value cites, or [0] when it rests on
// every source of its file.
func sourcesOf(t content.Tally) []int {
	if len(t.Sources) == 0 {
		return []int{0}
	}
	return t.Sources
}
