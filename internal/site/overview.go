package site

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"timeline/internal/content"
)

// Overview is the home page's picture of the whole record, drawn at build
// time: a time axis from the earliest to the latest date of the record
// (entries and operations), each operation as a labelled band over its
// dates, and each entry as a mark in its operation's row, shaped by its
// kind and linked to its page. Beside it, each operation's headline
// figures: the latest official tally of the first measures the compare
// page leads with.
type Overview struct {
	Width, Height int
	Left, Right   int // the time axis, in x
	AxisY         int // y of the axis line
	TickY         int // baseline of the years' labels
	From, To      content.Date
	Rows          []*OverviewRow
	Years         []Tick // 1 January of each year on the axis
	Kinds         []KindKey
	Summary       string // the text alternative: what the picture shows, in words
}

// OverviewRow is one operation on the overview.
type OverviewRow struct {
	Column     *CompareColumn
	Y          int     // top of the row
	LabelY     int     // baseline of the label, above the band
	BandY      int     // top of the band
	BandX      float64 // the band: the operation's dates
	BandWidth  float64
	LabelX     float64
	LabelEnd   bool // the label ends at LabelX (the band is on the right)
	Label      string
	Marks      []*OverviewMark
	Headlines  []*Headline // up to HeadlineCount, in the compare page's order
	Events     int         // entries of the operation
	Unmarked   int         // entries drawn as part of a neighbour's mark
	Ongoing    bool
	UntilLabel string // the last day of the band, for its name
}

// Headline is one of an operation's headline figures: the latest official
// tally of a measure, as the compare page gives it.
type Headline struct {
	Key    string
	Label  string
	Latest content.Point
}

// OverviewMark is one entry on the overview, or a few entries so close in
// time and of the same kind that their marks would cover each other.
type OverviewMark struct {
	Entry *content.Entry // the first of them; the mark links to it
	More  int            // how many more entries the mark stands for
	Kind  string         // the kind's name, "other" for none
	X, Y  float64
	Shape string // SVG path
	Name  string // accessible name
}

// KindKey is a kind of event and its mark, for the legend.
type KindKey struct {
	Kind  string
	Shape string // SVG path of the mark centred on (8, 8)
}

// HeadlineCount is how many headline figures the overview shows per
// operation.
const HeadlineCount = 4

// Overview geometry, in SVG user units.
const (
	overviewWidth = 720
	overviewLeft  = 12
	overviewRight = 708
	overviewTop   = 8
	overviewRowH  = 58
	overviewLanes = 3  // marks stack this many deep before they merge
	overviewSlot  = 11 // the width one mark takes on the axis
)

// Overview computes the home page's overview from the comparison, so that
// its headline figures are those of the compare page.
func (s *Site) Overview(c *Comparison) *Overview {
	o := &Overview{Width: overviewWidth, Left: overviewLeft, Right: overviewRight}
	if len(c.Columns) == 0 {
		return nil
	}
	o.From, o.To = c.Columns[0].Start, c.Columns[0].LastDate
	for _, col := range c.Columns {
		o.From, o.To = earlier(o.From, col.Start), later(o.To, col.LastDate)
	}
	for _, e := range s.Content.Entries {
		o.From, o.To = earlier(o.From, e.Date), later(o.To, e.Date)
	}
	days := math.Max(1, o.To.Time().Sub(o.From.Time()).Hours()/24)
	x := func(d content.Date) float64 {
		return float64(o.Left) + float64(o.Right-o.Left)*(d.Time().Sub(o.From.Time()).Hours()/24)/days
	}
	used := map[string]bool{}
	for i, col := range c.Columns {
		row := o.row(col, overviewTop+i*overviewRowH, x)
		for _, m := range row.Marks {
			used[m.Kind] = true
		}
		row.Headlines = headlines(c, col)
		o.Rows = append(o.Rows, row)
	}
	o.AxisY = overviewTop + len(c.Columns)*overviewRowH + 4
	o.Height = o.AxisY + 24
	o.TickY = o.AxisY + 16
	for y := o.From.Year + 1; y <= o.To.Year; y++ {
		o.Years = append(o.Years, Tick{Pos: x(content.Date{Year: y, Month: 1, Day: 1}), Label: strconv.Itoa(y)})
	}
	// The axis's first day is labelled when there is room: in full, or by
	// its year.
	gap := float64(o.Right - o.Left)
	if len(o.Years) > 0 {
		gap = o.Years[0].Pos - float64(o.Left)
	}
	if gap > 40 {
		first := o.From.Display()
		if gap <= 90 {
			first = strconv.Itoa(o.From.Year)
		}
		o.Years = append([]Tick{{Pos: float64(o.Left), Label: first}}, o.Years...)
	}
	for _, k := range append(slices.Clone(content.Kinds), "") {
		if used[kindName(k)] && !slices.ContainsFunc(o.Kinds, func(kk KindKey) bool { return kk.Kind == kindName(k) }) {
			o.Kinds = append(o.Kinds, KindKey{Kind: kindName(k), Shape: KindShape(kindName(k), 8, 8)})
		}
	}
	o.Summary = o.summary(c)
	return o
}

// row places an operation on the overview, its row's top at y, with
// dates placed by x.
func (o *Overview) row(col *CompareColumn, y int, x func(content.Date) float64) *OverviewRow {
	row := &OverviewRow{Column: col, Y: y, LabelY: y + 10, BandY: y + 14, Events: len(col.Entries), Ongoing: col.Ongoing()}
	row.BandX = x(col.Start)
	row.BandWidth = math.Max(4, x(col.LastDate)-row.BandX)
	row.UntilLabel = col.LastDate.Display()
	row.Label = col.Name
	row.LabelX, row.LabelEnd = row.BandX, row.BandX > float64(o.Left+o.Right)/2
	if row.LabelEnd {
		row.LabelX = row.BandX + row.BandWidth
	}
	row.Marks = overviewMarks(col.Entries, x, float64(row.Y+24), &row.Unmarked)
	return row
}

// overviewMarks places an operation's entries on its row at y: each at its
// date, stacked up to overviewLanes deep where they would overlap; an entry
// that finds no free place joins the nearest mark of its kind (or the last
// mark of its slot), which then stands for it too.
func overviewMarks(entries []*content.Entry, x func(content.Date) float64, y float64, merged *int) []*OverviewMark {
	var marks []*OverviewMark
	slots := map[int][]*OverviewMark{}
	for _, e := range entries {
		px := x(e.Date)
		slot := int(px / overviewSlot)
		kind := kindName(e.Kind)
		stack := slots[slot]
		if len(stack) >= overviewLanes {
			m := stack[len(stack)-1]
			if j := slices.IndexFunc(stack, func(m *OverviewMark) bool { return m.Kind == kind }); j >= 0 {
				m = stack[j]
			}
			m.More++
			*merged++
			continue
		}
		m := &OverviewMark{Entry: e, Kind: kind, X: px, Y: y + float64(len(stack))*11}
		m.Shape = KindShape(kind, m.X, m.Y)
		slots[slot] = append(stack, m)
		marks = append(marks, m)
	}
	for _, m := range marks {
		m.Name = markName(m)
	}
	return marks
}

func markName(m *OverviewMark) string {
	e := m.Entry
	name := fmt.Sprintf("%s, %s, %s", e.Title, e.Date.Display(), m.Kind)
	if m.More > 0 {
		name += fmt.Sprintf(" (and %s about then: see the operation's page)", plural(m.More, "more entry", "more entries"))
	}
	return name
}

// headlines returns the first HeadlineCount measures the compare page leads
// with that the operation has an official tally of.
func headlines(c *Comparison, col *CompareColumn) []*Headline {
	var out []*Headline
	for _, key := range c.Measures {
		f := col.Official[key]
		if f == nil || len(out) == HeadlineCount {
			continue
		}
		out = append(out, &Headline{Key: key, Label: content.FigureLabels[key], Latest: f.Latest})
	}
	return out
}

// summary says in words what the overview draws.
func (o *Overview) summary(c *Comparison) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A time line from %s to %s. ", o.From.Display(), o.To.Display())
	for _, r := range o.Rows {
		end := "to " + r.UntilLabel
		if r.Ongoing {
			end = "ongoing; its latest entry is dated " + r.UntilLabel
		}
		fmt.Fprintf(&b, "%s: from %s, %s, %s long, with %s. ", r.Column.Name, r.Column.Start.Display(), end,
			plural(r.Column.Days, "day", "days"), plural(r.Events, "entry", "entries"))
	}
	b.WriteString("Each entry is a mark, shaped by its kind, that links to its page.")
	return b.String()
}

func kindName(k string) string {
	if k == "" {
		return "other"
	}
	return k
}

func earlier(a, b content.Date) content.Date {
	if b.Before(a) {
		return b
	}
	return a
}

func later(a, b content.Date) content.Date {
	if a.Before(b) {
		return b
	}
	return a
}

// KindShape returns the SVG path of the mark of a kind of event centred on
// (x, y): each kind has its own shape, so that no reader needs colour to
// tell them apart.
func KindShape(kind string, x, y float64) string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	const r = 5
	switch kind {
	case "raid": // circle
		return fmt.Sprintf("M%s %sa%d %d 0 1 0 %d 0a%d %d 0 1 0 -%d 0z", f(x-r), f(y), r, r, 2*r, r, r, 2*r)
	case "arrest": // square
		return fmt.Sprintf("M%s %sh8v8h-8z", f(x-4), f(y-4))
	case "deportation": // triangle pointing right, like an arrow leaving
		return fmt.Sprintf("M%s %sl10 5l-10 5z", f(x-5), f(y-5))
	case "rescue": // diamond
		return fmt.Sprintf("M%s %sl6 6l-6 6l-6 -6z", f(x), f(y-6))
	case "order": // triangle pointing down
		return fmt.Sprintf("M%s %sh10l-5 9z", f(x-5), f(y-4))
	case "statement": // triangle pointing up
		return fmt.Sprintf("M%s %sl5 9h-10z", f(x), f(y-5))
	case "report": // bar, taller than wide
		return fmt.Sprintf("M%s %sh5v12h-5z", f(x-2.5), f(y-6))
	case "legal": // plus
		return fmt.Sprintf("M%s %sh3v4h4v3h-4v4h-3v-4h-4v-3h4z", f(x-1.5), f(y-5.5))
	}
	// other: a ring
	return fmt.Sprintf("M%s %sa%d %d 0 1 0 %d 0a%d %d 0 1 0 -%d 0zm2 0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0z", f(x-r), f(y), r, r, 2*r, r, r, 2*r)
}
