package site

import (
	"slices"

	"timeline/internal/content"
)

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

// overlaps finds, for each operation, the official tallies whose periods
// take in days of another operation.
func overlaps(cols []*CompareColumn) []*Overlap {
	var out []*Overlap
	for _, col := range cols {
		for _, other := range cols {
			if other == col {
				continue
			}
			if o := overlap(col, other); o != nil {
				out = append(out, o)
			}
		}
	}
	return out
}

// overlap returns how col's official tallies take in days of other, or nil
// when none does.
func overlap(col, other *CompareColumn) *Overlap {
	var o *Overlap
	for _, key := range content.FigureKeys {
		f := col.Official[key]
		if f == nil {
			continue
		}
		for _, p := range f.Points() {
			sc := p.Scope()
			if !takesIn(sc, other) {
				continue
			}
			if o == nil {
				o = &Overlap{Column: col, Other: other, From: sc.Start(), Until: sc.Until, RunsOn: col.Start.Before(other.Start)}
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
	return o
}

// takesIn reports whether a tally's period takes in any day of an
// operation's dates.
func takesIn(sc content.Scope, col *CompareColumn) bool {
	return !sc.Until.Precedes(col.Start) && !col.LastDate.Precedes(sc.Start())
}

// OverlapsWith returns the operations whose dates a point's period takes
// in, other than the column's own.
func (c *Comparison) OverlapsWith(col *CompareColumn, p content.Point) []*CompareColumn {
	var out []*CompareColumn
	sc := p.Scope()
	for _, other := range c.Columns {
		if other != col && takesIn(sc, other) {
			out = append(out, other)
		}
	}
	return out
}
