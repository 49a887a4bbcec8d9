package site

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"timeline/internal/content"
)

// Tally kinds are entries that report running totals (statements, reports)
// rather than what happened in one event; they are never added up with
// other entries, or the same arrests would count twice.
var tallyKinds = []string{"statement", "report"}

// IsEvent reports whether an entry's figures describe one event, so that
// they may be added up across entries.
func IsEvent(e *content.Entry) bool { return !slices.Contains(tallyKinds, e.Kind) }

// Comparison is everything the compare page shows, computed from the
// content.
type Comparison struct {
	Columns  []*CompareColumn
	Rows     []string // figure keys shown, in FigureKeys order
	Arrests  *LineChart
	Bars     *BarChart
	TileMaps []*TileMap
	MapMax   int // largest entry count in one province for one operation
}

// CompareColumn is one operation on the compare page.
type CompareColumn struct {
	*OperationGroup
	Index     int    // 0-based position, for colours and patterns
	Days      int    // length in days, start to end (or to its last entry while ongoing)
	LastDate  string // date the length runs to
	Figures   map[string]*CompareFigure
	Provinces []string // provinces its entries touch, in data-file order
	Arrests   EntrySum // arrests summed over its event entries
}

// CompareFigure sets an operation's reported total beside the sum of its
// timeline entries.
type CompareFigure struct {
	Reported []content.SourcedCount // as the operation's sources give it
	Sum      EntrySum               // the same figure added up over event entries
}

// Differs reports whether the sum of entries differs from every reported
// value (both being known).
func (f *CompareFigure) Differs() bool {
	if f.Sum.Entries == 0 || len(f.Reported) == 0 {
		return false
	}
	for _, r := range f.Reported {
		if r.Count == f.Sum.Count {
			return false
		}
	}
	return true
}

// EntrySum is a figure added up over entries.
type EntrySum struct {
	content.Count     // the sum, qualified when any part was
	Entries       int // how many entries gave the figure
}

// sumFigure adds up figure key over the event entries. Where sources differ
// within an entry, its first listed value is used. A sum containing "about"
// values is "about"; one containing "at least"/"more than" values is "at
// least".
func sumFigure(entries []*content.Entry, key string) EntrySum {
	var s EntrySum
	for _, e := range entries {
		if !IsEvent(e) {
			continue
		}
		for _, f := range e.Figures {
			if f.Key == key {
				s.Count = addCount(s.Count, f.Values[0].Count)
				s.Entries++
			}
		}
	}
	return s
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

// Compare computes the comparison of all operations.
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
// so that it is best started first: the compare page, which charts every
// entry.
func (p *Page) Costly() bool { return p.comparing != nil }

// Compare computes the comparison of the operations.
func (s *Site) Compare() *Comparison {
	c := &Comparison{}
	rowSet := make(map[string]bool)
	for i, g := range s.OperationGroups {
		col := &CompareColumn{OperationGroup: g, Index: i, Figures: make(map[string]*CompareFigure)}
		end := g.Start
		if g.End != nil {
			end = *g.End
		} else if n := len(g.Entries); n > 0 {
			end = g.Entries[n-1].Date
			if d := g.Entries[n-1].EndDate; d != nil {
				end = *d
			}
		}
		col.LastDate = end.Display()
		col.Days = int(end.Time().Sub(g.Start.Time()).Hours()/24) + 1
		for _, f := range g.Figures {
			col.Figures[f.Key] = &CompareFigure{Reported: f.Values}
			rowSet[f.Key] = true
		}
		for _, key := range content.FigureKeys {
			sum := sumFigure(g.Entries, key)
			if sum.Entries == 0 {
				continue
			}
			if col.Figures[key] == nil {
				col.Figures[key] = &CompareFigure{}
			}
			col.Figures[key].Sum = sum
			rowSet[key] = true
		}
		col.Arrests = sumFigure(g.Entries, "arrested")
		touched := make(map[string]bool)
		for _, e := range g.Entries {
			for _, p := range e.Provinces {
				touched[p] = true
			}
		}
		for _, p := range s.ProvinceGroups {
			if touched[p.Name] {
				col.Provinces = append(col.Provinces, p.Name)
			}
		}
		c.Columns = append(c.Columns, col)
	}
	for _, k := range content.FigureKeys {
		if rowSet[k] {
			c.Rows = append(c.Rows, k)
		}
	}
	c.Arrests = s.arrestsChart(c.Columns)
	c.Bars = barChart(c.Columns)
	c.TileMaps, c.MapMax = s.tileMaps()
	return c
}

// Chart geometry, in SVG user units.
const (
	chartWidth  = 640
	chartHeight = 320
	padLeft     = 64
	padRight    = 120
	padTop      = 16
	padBottom   = 48
)

// LineChart is a chart of one line per operation on shared axes.
type LineChart struct {
	Width, Height int
	Lines         []*ChartLine
	XTicks        []Tick
	YTicks        []Tick
	Left, Right   int // plot area in x
	Top, Bottom   int // plot area in y
	XLabel        string
	YLabel        string
}

// ChartLine is one operation's line.
type ChartLine struct {
	Column  *CompareColumn
	Points  string // SVG polyline points
	LabelX  float64
	LabelY  float64
	Label   string
	Steps   []ChartStep // the data, for the table that stands in for the chart
	Total   content.Count
	Visible bool // false when the operation has no arrests to plot
}

// ChartStep is one point of a line: the cumulative total at the end of a
// day with arrests. Steps are per day, not per entry, so the chart and its
// table stay small however many entries the record holds.
type ChartStep struct {
	Day     int
	Date    string
	Entries []*content.Entry // the entries of that day
	Added   content.Count    // arrests in them
	Total   content.Count    // running total
}

// Tick is an axis tick.
type Tick struct {
	Pos   float64
	Label string
}

// arrestsChart draws cumulative reported arrests by day since each
// operation's start, from event entries, as step lines on shared axes.
func (s *Site) arrestsChart(cols []*CompareColumn) *LineChart {
	ch := &LineChart{Width: chartWidth, Height: chartHeight, Left: padLeft, Right: chartWidth - padRight,
		Top: padTop, Bottom: chartHeight - padBottom,
		XLabel: "Days since the operation began", YLabel: "Reported arrests, cumulative"}
	maxDay, maxTotal := 1, int64(1)
	for _, col := range cols {
		line := &ChartLine{Column: col, Label: col.ID}
		var total content.Count
		for _, e := range col.Entries {
			if !IsEvent(e) {
				continue
			}
			for _, f := range e.Figures {
				if f.Key != "arrested" {
					continue
				}
				c := f.Values[0].Count
				total = addCount(total, c)
				day := int(e.Date.Time().Sub(col.Start.Time()).Hours() / 24)
				if n := len(line.Steps); n > 0 && line.Steps[n-1].Day == day {
					st := &line.Steps[n-1]
					st.Entries = append(st.Entries, e)
					st.Added = addCount(st.Added, c)
					st.Total = total
				} else {
					line.Steps = append(line.Steps, ChartStep{Day: day, Date: e.Date.Display(), Entries: []*content.Entry{e}, Added: c, Total: total})
				}
				maxDay = max(maxDay, day)
			}
		}
		line.Total = total
		line.Visible = len(line.Steps) > 0
		maxTotal = max(maxTotal, total.N)
		ch.Lines = append(ch.Lines, line)
	}
	xMax := float64(niceCeil(int64(maxDay)))
	yMax := float64(niceCeil(maxTotal))
	x := func(day int) float64 {
		return float64(ch.Left) + float64(max(day, 0))/xMax*float64(ch.Right-ch.Left)
	}
	y := func(v int64) float64 {
		return float64(ch.Bottom) - float64(v)/yMax*float64(ch.Bottom-ch.Top)
	}
	for _, line := range ch.Lines {
		if !line.Visible {
			continue
		}
		pts := []string{pt(x(0), y(0))}
		prev := int64(0)
		for _, st := range line.Steps {
			pts = append(pts, pt(x(st.Day), y(prev)), pt(x(st.Day), y(st.Total.N)))
			prev = st.Total.N
		}
		last := line.Steps[len(line.Steps)-1]
		line.Points = joinPoints(pts)
		line.LabelX = x(last.Day) + 6
		line.LabelY = y(last.Total.N) + 4
		line.Label = fmt.Sprintf("%s: %s", line.Column.ID, last.Total.String())
	}
	spreadLabels(ch.Lines, float64(ch.Top)+8, float64(ch.Bottom))
	for _, v := range ticks(int64(xMax)) {
		ch.XTicks = append(ch.XTicks, Tick{Pos: x(int(v)), Label: strconv.FormatInt(v, 10)})
	}
	for _, v := range ticks(int64(yMax)) {
		ch.YTicks = append(ch.YTicks, Tick{Pos: y(v), Label: content.Count{N: v}.String()})
	}
	return ch
}

// spreadLabels moves line-end labels apart vertically so they never overlap.
func spreadLabels(lines []*ChartLine, top, bottom float64) {
	var vis []*ChartLine
	for _, l := range lines {
		if l.Visible {
			vis = append(vis, l)
		}
	}
	slices.SortFunc(vis, func(a, b *ChartLine) int { return int(a.LabelY - b.LabelY) })
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

// BarChart shows entries and summed arrests per operation.
type BarChart struct {
	Width, Height int
	Groups        []*BarGroup
	Left          int
	BarHeight     int
}

// BarGroup is one operation's pair of bars.
type BarGroup struct {
	Column        *CompareColumn
	Y             int     // top of the group
	EntriesWidth  float64 // bar lengths
	ArrestsWidth  float64
	EntriesLabel  string
	ArrestsLabel  string
	EntriesLabelX float64
	ArrestsLabelX float64
}

func barChart(cols []*CompareColumn) *BarChart {
	const left, barH, groupGap, maxBar = 60, 18, 22, 380
	b := &BarChart{Width: chartWidth, Left: left, BarHeight: barH}
	maxEntries, maxArrests := 1, int64(1)
	for _, c := range cols {
		maxEntries = max(maxEntries, len(c.Entries))
		maxArrests = max(maxArrests, c.Arrests.N)
	}
	y := 8
	for _, c := range cols {
		g := &BarGroup{Column: c, Y: y,
			EntriesWidth: float64(len(c.Entries)) / float64(maxEntries) * maxBar,
			ArrestsWidth: float64(c.Arrests.N) / float64(maxArrests) * maxBar,
			EntriesLabel: fmt.Sprintf("%d %s", len(c.Entries), plural(len(c.Entries), "entry", "entries")),
			ArrestsLabel: c.Arrests.String() + " arrests in entries",
		}
		g.EntriesLabelX = float64(left) + g.EntriesWidth + 6
		g.ArrestsLabelX = float64(left) + g.ArrestsWidth + 6
		b.Groups = append(b.Groups, g)
		y += 2*barH + 4 + groupGap
	}
	b.Height = y
	return b
}

// TileMap is one operation's province map: Cambodia's provinces as a grid
// of tiles, shaded by how many of the operation's entries each has.
type TileMap struct {
	Column *CompareColumn // nil for the map of all operations together
	Title  string
	Tiles  []*Tile
	Width  int
	Height int
}

// Tile is one province on a tile map.
type Tile struct {
	Province *ProvinceGroup
	X, Y     int
	Entries  int
	Shade    int // 0 (none) to 4 (most)
}

const tileSize, tileGap = 44, 4

func (s *Site) tileMaps() ([]*TileMap, int) {
	var maps []*TileMap
	counts := func(entries []*content.Entry) map[string]int {
		m := make(map[string]int)
		for _, e := range entries {
			for _, p := range e.Provinces {
				m[p]++
			}
		}
		return m
	}
	maxCount := 1
	perOp := make([]map[string]int, len(s.OperationGroups))
	for i, g := range s.OperationGroups {
		perOp[i] = counts(g.Entries)
		for _, n := range perOp[i] {
			maxCount = max(maxCount, n)
		}
	}
	rows, cols := 0, 0
	for _, p := range s.ProvinceGroups {
		rows, cols = max(rows, p.Row+1), max(cols, p.Col+1)
	}
	for i, g := range s.OperationGroups {
		m := &TileMap{Title: g.Name, Width: cols*(tileSize+tileGap) - tileGap, Height: rows*(tileSize+tileGap) - tileGap}
		for _, p := range s.ProvinceGroups {
			n := perOp[i][p.Name]
			m.Tiles = append(m.Tiles, &Tile{Province: p, X: p.Col * (tileSize + tileGap), Y: p.Row * (tileSize + tileGap),
				Entries: n, Shade: shade(n, maxCount)})
		}
		maps = append(maps, m)
	}
	return maps, maxCount
}

// shade maps a count to one of five steps; any entry at all is at least 1.
func shade(n, maxCount int) int {
	if n == 0 {
		return 0
	}
	return 1 + int(math.Min(3, math.Floor(float64(n-1)/float64(maxCount)*4)))
}

func pt(x, y float64) string {
	return strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64)
}

func joinPoints(pts []string) string { return strings.Join(pts, " ") }

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
		return one
	}
	return many
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
// cannot be traced to a source named in the file it comes from: a reported
// total, a claim (what set it off, who ordered it, what followed) or a
// nationality of an operation, or a figure of an entry that goes into a sum
// or into the charts. The loader already refuses such files; this checks
// the page as built, so that no later change to the comparison can show a
// figure without its source.
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
		for _, key := range c.Rows {
			f := col.Figures[key]
			if f == nil {
				continue
			}
			for _, r := range f.Reported {
				if !cites(col.Sources, r.Source) {
					out = append(out, fmt.Sprintf("%s: reported %s %s cites source %d of %d", op, key, r.Count, r.Source, len(col.Sources)))
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
		if (len(col.Nationalities) > 0 || col.TotalsNote != "") && len(col.Sources) == 0 {
			out = append(out, fmt.Sprintf("%s: nationalities or totals note with no sources", op))
		}
		for _, e := range col.Entries {
			if !IsEvent(e) {
				continue // not in any sum or chart
			}
			for _, f := range e.Figures {
				for _, v := range f.Values {
					if !cites(e.Sources, v.Source) {
						out = append(out, fmt.Sprintf("%s: %s %s cites source %d of %d", e.Path, f.Key, v.Count, v.Source, len(e.Sources)))
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}
