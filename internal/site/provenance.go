package site

import (
	"fmt"
	"slices"

	"timeline/internal/content"
)

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
	for _, col := range c.Columns {
		out = append(out, c.unsourcedOfOperation(col)...)
		for _, e := range col.Entries {
			out = append(out, unsourcedOfEntry(e)...)
		}
	}
	slices.Sort(out)
	return out
}

// unsourcedOfOperation checks what the compare page shows from an
// operation's own file.
func (c *Comparison) unsourcedOfOperation(col *CompareColumn) []string {
	var out []string
	op, sources := col.Path, col.Sources
	for _, key := range c.Measures {
		f := col.Official[key]
		if f == nil {
			continue
		}
		for _, p := range f.Points() {
			for _, v := range p.Values {
				for _, n := range sourcesOf(v) {
					if !cites(sources, n) {
						out = append(out, fmt.Sprintf("%s: reported %s %s cites source %d of %d", op, key, v.Count, n, len(sources)))
					}
				}
			}
		}
	}
	for _, label := range claimFields {
		for _, cl := range col.Claims(label) {
			if !cites(sources, cl.Source) {
				out = append(out, fmt.Sprintf("%s: %s %q cites source %d of %d", op, label, cl.Text, cl.Source, len(sources)))
			}
		}
	}
	out = append(out, unsourcedReach(op, col.Reached, sources)...)
	if (len(col.Nationalities) > 0 || col.TotalsNote != "") && len(sources) == 0 {
		out = append(out, fmt.Sprintf("%s: nationalities or totals note with no sources", op))
	}
	return out
}

// unsourcedOfEntry checks what the compare page takes from an entry: its
// statements of reach, and the figures of an event, which go into sums.
func unsourcedOfEntry(e *content.Entry) []string {
	out := unsourcedReach(e.Path, e.Reached, e.Sources)
	if !IsEvent(e) {
		return out // not in any sum
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
	return out
}

// unsourcedReach checks statements of reach, each of which must name its
// own source.
func unsourcedReach(path string, reached []content.Reach, sources []content.Source) []string {
	var out []string
	for _, r := range reached {
		if !cites(sources, r.Source) || r.Source == 0 {
			out = append(out, fmt.Sprintf("%s: reached %v cites source %d of %d", path, r.Provinces, r.Source, len(sources)))
		}
	}
	return out
}

// cites reports whether source number n (1-based) is one of sources; 0
// stands for all of a file's sources, so it needs at least one.
func cites(sources []content.Source, n int) bool {
	if n == 0 {
		return len(sources) > 0
	}
	return n >= 1 && n <= len(sources)
}

// sourcesOf returns the sources a value cites, or [0] when it rests on
// every source of its file.
func sourcesOf(t content.Tally) []int {
	if len(t.Sources) == 0 {
		return []int{0}
	}
	return t.Sources
}
