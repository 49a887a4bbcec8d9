package site

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"timeline/internal/content"
)

// chartKeys are the measures charted from officials' tallies, the
// headline first.
var chartKeys = []string{"arrested", "deported"}

// Chart geometry, in SVG user units.
const (
	chartWidth  = 640
	chartHeight = 320 // the plot and its axes; a legend is added below
	padLeft     = 64
	padRight    = 120
	padTop      = 16
	padBottom   = 48
	legendRow   = 20
)

// TallyChart plots officials' tallies of one measure over time: one line
// per operation, one marked point per dated tally, x the days since the
// count began (the tally's own start, or the operation's when it gives
// none). An operation with no tally of the measure is named in the legend
// as having none, never drawn from a sum of entries.
type TallyChart struct {
	Key           string // figure key: "arrested"
	ID            string // HTML id: "chart-arrested"
	Width, Height int
	Left, Right   int // plot area in x
	Top, Bottom   int // plot area in y
	Lines         []*TallyLine
	XTicks        []Tick
	YTicks        []Tick
	LegendY       int // y of the legend's first row
	LegendX       int // x where the legend's text starts
	TickX         int // x where the y axis's tick labels end
	TickY         int // baseline of the x axis's tick labels
	AxisLabelX    int // centre of the x axis's label
	AxisLabelY    int // baseline of the x axis's label
}

// Label names the measure for readers: "Arrested".
func (c *TallyChart) Label() string { return content.FigureLabels[c.Key] }

// TallyLine is one operation's tallies of a measure.
type TallyLine struct {
	Column    *CompareColumn
	Marks     []*TallyMark // by day, then in the order written
	Points    string       // SVG polyline points through the marks
	LabelX    float64
	LabelY    float64
	Label     string  // at the line's end: "2025: 5,106"
	LegendY   float64 // baseline of its row in the legend
	LegendKey string  // SVG path of its marker in the legend
	Legend    string  // "2025: 6 tallies, the latest 5,106 as of 22 January 2026" or "2022: no official tally"
}

// Visible reports whether the operation has a tally to plot.
func (l *TallyLine) Visible() bool { return len(l.Marks) > 0 }

// TallyMark is one tally on the chart.
type TallyMark struct {
	Tally    content.Tally
	InSeries bool    // on the line: the series of the latest tally
	Day      int     // days since the count began
	X, Y     float64 // position
	Shape    string  // SVG path of its marker, a shape per operation
	Name     string  // accessible name: value, measure, period, area, who said it
}

// Tick is an axis tick.
type Tick struct {
	Pos   float64
	Label string
}

func tallyChart(cols []*CompareColumn, key string) *TallyChart {
	ch := &TallyChart{Key: key, ID: "chart-" + key, Width: chartWidth, Left: padLeft, Right: chartWidth - padRight,
		Top: padTop, Bottom: chartHeight - padBottom}
	maxDay, maxValue := 1, int64(1)
	for _, col := range cols {
		line := tallyLine(col, key)
		ch.Lines = append(ch.Lines, line)
		for _, m := range line.Marks {
			maxDay, maxValue = max(maxDay, m.Day), max(maxValue, m.Tally.N)
		}
	}
	ch.place(float64(niceCeil(int64(maxDay))), float64(niceCeil(maxValue)))
	ch.LegendY = chartHeight + 4
	for i, line := range ch.Lines {
		line.LegendY = float64(ch.LegendY + i*legendRow)
		line.LegendKey = marker(line.Column.Index, float64(ch.Left+5), line.LegendY-4)
	}
	ch.Height = ch.LegendY + len(ch.Lines)*legendRow
	ch.TickX, ch.TickY = ch.Left-6, ch.Bottom+16
	ch.AxisLabelX, ch.AxisLabelY = (ch.Left+ch.Right)/2, ch.LegendY-12
	ch.LegendX = ch.Left + 16
	return ch
}

// tallyLine gathers an operation's tallies of a measure, by day, and
// names the line in the legend; the marks are placed later.
func tallyLine(col *CompareColumn, key string) *TallyLine {
	label := strings.ToLower(content.FigureLabels[key])
	line := &TallyLine{Column: col}
	f := col.Official[key]
	if f == nil {
		line.Legend = fmt.Sprintf("%s: no official tally of people %s", col.ID, label)
		return line
	}
	for _, p := range f.Points() {
		for _, v := range p.Values {
			start, counted := col.Start, "of the count"
			if v.From != nil {
				start = *v.From
			} else {
				counted = "counted from the operation's start, as the source gives no start"
			}
			day := max(0, int(v.Until.Time().Sub(start.Time()).Hours()/24))
			m := &TallyMark{Tally: v, Day: day, InSeries: f.InSeries(p)}
			m.Name = fmt.Sprintf("%s: %s %s, %s (day %d, %s), %s", col.ID, v.Words(), label, v.Period(), day, counted, v.Area())
			if v.SaidBy != "" {
				m.Name += ", said by " + v.SaidBy
			}
			if p.Differs() {
				m.Name += "; sources differ"
			}
			line.Marks = append(line.Marks, m)
		}
	}
	slices.SortStableFunc(line.Marks, func(a, b *TallyMark) int { return a.Day - b.Day })
	latest := f.Latest.Values[0]
	line.Legend = fmt.Sprintf("%s: %s, the latest %s %s", col.ID, plural(len(line.Marks), "official tally", "official tallies"), latest.Count, latest.Period())
	return line
}

// place sets the marks, lines, labels and ticks on axes that end at xMax
// days and yMax people.
func (c *TallyChart) place(xMax, yMax float64) {
	x := func(day int) float64 { return float64(c.Left) + float64(day)/xMax*float64(c.Right-c.Left) }
	y := func(v int64) float64 { return float64(c.Bottom) - float64(v)/yMax*float64(c.Bottom-c.Top) }
	var visible []*TallyLine
	for _, line := range c.Lines {
		if !line.Visible() {
			continue
		}
		// The line joins the tallies of one series only: the latest's.
		// Tallies of other periods or areas are marked but not joined.
		var pts []string
		var last *TallyMark
		for _, m := range line.Marks {
			m.X, m.Y = x(m.Day), y(m.Tally.N)
			m.Shape = marker(line.Column.Index, m.X, m.Y)
			if m.InSeries {
				pts = append(pts, pt(m.X, m.Y))
				last = m
			}
		}
		line.Points = strings.Join(pts, " ")
		// The label sits at the end of the series and gives the latest
		// tally (the first value listed, where sources differ about it).
		line.LabelX, line.LabelY = last.X+8, last.Y+4
		line.Label = line.Column.ID + ": " + line.Column.Official[c.Key].Latest.Values[0].Count.String()
		visible = append(visible, line)
	}
	spreadLabels(visible, float64(c.Top)+8, float64(c.Bottom))
	for _, v := range ticks(int64(xMax)) {
		c.XTicks = append(c.XTicks, Tick{Pos: x(int(v)), Label: strconv.FormatInt(v, 10)})
	}
	for _, v := range ticks(int64(yMax)) {
		c.YTicks = append(c.YTicks, Tick{Pos: y(v), Label: content.Count{N: v}.String()})
	}
}

// Largest returns the largest value plotted for an operation, and false
// when it has none.
func (c *TallyChart) Largest(op string) (content.Count, bool) {
	for _, l := range c.Lines {
		if l.Column.ID != op || !l.Visible() {
			continue
		}
		best := l.Marks[0].Tally.Count
		for _, m := range l.Marks {
			if m.Tally.N > best.N {
				best = m.Tally.Count
			}
		}
		return best, true
	}
	return content.Count{}, false
}

// marker returns the SVG path of operation i's marker centred on (x, y): a
// circle, square, diamond or triangle, so that lines differ by shape as
// well as colour.
func marker(i int, x, y float64) string {
	const r = 5
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	switch i % 4 {
	case 0:
		return fmt.Sprintf("M%s %sa%d %d 0 1 0 %d 0a%d %d 0 1 0 -%d 0z", f(x-r), f(y), r, r, 2*r, r, r, 2*r)
	case 1:
		return fmt.Sprintf("M%s %sh%dv%dh-%dz", f(x-r+1), f(y-r+1), 2*r-2, 2*r-2, 2*r-2)
	case 2:
		return fmt.Sprintf("M%s %sl%d %dl-%d %dl-%d -%dz", f(x), f(y-r-1), r+1, r+1, r+1, r+1, r+1, r+1)
	}
	return fmt.Sprintf("M%s %sl%d %dh-%dz", f(x), f(y-r-1), r+1, 2*r+1, 2*r+2)
}

// spreadLabels moves line-end labels apart vertically so they never overlap.
func spreadLabels(lines []*TallyLine, top, bottom float64) {
	vis := slices.Clone(lines)
	slices.SortStableFunc(vis, func(a, b *TallyLine) int { return int(a.LabelY - b.LabelY) })
	const gap = 14
	for i, l := range vis {
		l.LabelY = math.Max(l.LabelY, top)
		if i > 0 && l.LabelY < vis[i-1].LabelY+gap {
			l.LabelY = vis[i-1].LabelY + gap
		}
	}
	for i := len(vis) - 1; i >= 0; i-- {
		if vis[i].LabelY > bottom {
			vis[i].LabelY = bottom
		}
		if i+1 < len(vis) && vis[i].LabelY > vis[i+1].LabelY-gap {
			vis[i].LabelY = vis[i+1].LabelY - gap
		}
	}
}

func pt(x, y float64) string {
	return strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64)
}

// niceCeil rounds n up to a round number: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
// times a power of ten, so that a chart's axis ends close above its data.
func niceCeil(n int64) int64 {
	if n <= 1 {
		return 1
	}
	p := int64(1)
	for p*10 < n {
		p *= 10
	}
	for _, m := range []int64{10, 15, 20, 25, 30, 40, 50, 60, 80, 100} {
		if m*p/10 >= n {
			return m * p / 10
		}
	}
	return 10 * p
}

// tickStep returns a step of 1, 2 or 5 times a power of ten that cuts top
// into at most six parts.
func tickStep(top int64) int64 {
	p := int64(1)
	for {
		for _, m := range []int64{1, 2, 5} {
			if top/(m*p) <= 6 {
				return m * p
			}
		}
		p *= 10
	}
}

// ticks returns 0, step, ... up to top, at most seven of them.
func ticks(top int64) []int64 {
	step := tickStep(max(top, 1))
	var out []int64
	for v := int64(0); v <= top; v += step {
		out = append(out, v)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
