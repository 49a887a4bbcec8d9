package content

import "slices"

// Point is what a figure's values say about one period and area: one
// value, or several when the sources differ about it.
type Point struct {
	Values []Tally // the same scope; more than one when the sources differ
}

// Scope is the period and area the point covers.
func (p Point) Scope() Scope { return p.Values[0].Scope }

// Differs reports whether sources give different values for the point.
func (p Point) Differs() bool { return len(p.Values) > 1 }

// Points groups the values of f by the period and area they cover, the
// latest cut-off first (in the order written where two end on the same
// day). One point is a claim, from one source or several; two values in
// a point are sources that differ; several points of running totals are a
// series of tallies over time.
func (f Figure) Points() []Point {
	var out []Point
	for _, v := range f.Values {
		i := slices.IndexFunc(out, func(p Point) bool { return p.Scope().Same(v.Scope) })
		if i < 0 {
			out = append(out, Point{Values: []Tally{v}})
			continue
		}
		out[i].Values = append(out[i].Values, v)
	}
	slices.SortStableFunc(out, func(a, b Point) int { return b.Scope().Until.Time().Compare(a.Scope().Until.Time()) })
	return out
}

// Latest returns the point with the latest cut-off.
func (f Figure) Latest() Point { return f.Points()[0] }

// LatestValue returns the first value of Latest without grouping the
// values: the first written of those with the latest cut-off.
func (f *Figure) LatestValue() *Tally {
	best := &f.Values[0]
	for i := 1; i < len(f.Values); i++ {
		if best.Until.Before(f.Values[i].Until) {
			best = &f.Values[i]
		}
	}
	return best
}

// IsSeries reports whether the figure is a series of running totals of
// the same area and start at several dates, as opposed to one claim, or
// counts of different periods or areas.
func (f Figure) IsSeries() bool {
	for i, v := range f.Values {
		for _, w := range f.Values[:i] {
			if v.SameSeries(w.Scope) && v.Until != w.Until {
				return true
			}
		}
	}
	return false
}
