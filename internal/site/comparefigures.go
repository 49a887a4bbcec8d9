package site

import (
	"slices"

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

// EntrySum is a figure added up over the events recorded here.
type EntrySum struct {
	content.Count     // the sum, qualified when any part was
	Entries       int // how many entries gave the figure
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
