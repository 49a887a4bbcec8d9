package site

import (
	"fmt"
	"strings"

	"timeline/internal/content"
)

// BarChart sets, for each operation, the latest official tally of a
// measure beside the sum of the events this timeline records, on one
// scale, so that a reader sees how much of an operation the record holds
// and never takes the sum for the total.
type BarChart struct {
	Key           string
	Width, Height int
	Left          int // x where the bars start
	NameX         int // x where the operations' names end
	BarHeight     int
	Groups        []*BarGroup
}

// Label names the measure for readers.
func (b *BarChart) Label() string { return content.FigureLabels[b.Key] }

// BarGroup is one operation's pair of bars.
type BarGroup struct {
	Column         *CompareColumn
	Y              int     // top of the group: of the official bar
	LabelY         int     // baseline of the operation's name and of the official bar's label
	RecordedY      int     // top of the recorded bar
	RecordedLabelY int     // baseline of the recorded bar's label
	OfficialWidth  float64 // 0 when there is no official tally
	RecordedWidth  float64
	OfficialLabel  string
	RecordedLabel  string
	OfficialLabelX float64
	RecordedLabelX float64
}

func barChart(cols []*CompareColumn, key string) *BarChart {
	const left, barH, groupGap, maxBar = 60, 18, 22, 360
	const baseline = 13 // from a bar's top to its label's baseline
	b := &BarChart{Key: key, Width: chartWidth, Left: left, NameX: left - 8, BarHeight: barH}
	largest := int64(1)
	official := func(c *CompareColumn) (content.Tally, bool) {
		if f := c.Official[key]; f != nil {
			return f.Latest.Values[0], true
		}
		return content.Tally{}, false
	}
	for _, c := range cols {
		if t, ok := official(c); ok {
			largest = max(largest, t.N)
		}
		largest = max(largest, c.Recorded[key].N)
	}
	label := strings.ToLower(content.FigureLabels[key])
	y := 8
	for _, c := range cols {
		g := &BarGroup{Column: c, Y: y, LabelY: y + baseline, RecordedY: y + barH + 4, OfficialLabel: "no official tally"}
		g.RecordedLabelY = g.RecordedY + baseline
		if t, ok := official(c); ok {
			g.OfficialWidth = float64(t.N) / float64(largest) * maxBar
			g.OfficialLabel = fmt.Sprintf("%s %s, officials' latest tally (%s)", t.Count, label, t.Period())
		}
		rec := c.Recorded[key]
		g.RecordedWidth = float64(rec.N) / float64(largest) * maxBar
		g.RecordedLabel = fmt.Sprintf("%s in the events recorded here (%s)", rec.Count, plural(rec.Entries, "entry", "entries"))
		g.OfficialLabelX = float64(left) + g.OfficialWidth + 6
		g.RecordedLabelX = float64(left) + g.RecordedWidth + 6
		b.Groups = append(b.Groups, g)
		y += 2*barH + 4 + groupGap
	}
	b.Height = y
	return b
}
