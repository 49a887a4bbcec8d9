package content

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// valueName is how problems name the i-th value of figure key: "arrested"
// when it has one value, "arrested[2]" otherwise.
func valueName(f Figure, i int) string {
	if len(f.Values) == 1 {
		return "figures." + f.Key
	}
	return "figures." + f.Key + "[" + strconv.Itoa(i+1) + "]"
}

// checkFigures reports what a contributor can get wrong about how the
// values of figures relate: a period that ends before it starts, two
// values that agree written as sources that differ, a running total that
// falls without a note, and a breakdown larger than its total without a
// note. natLine is the line of the nationalities field.
func checkFigures(path string, figs []Figure, nats []Nationality, natLine int, ps *Problems) {
	for _, f := range figs {
		for i, v := range f.Values {
			if v.From != nil && v.Until.Year != 0 && v.Until.Precedes(*v.From) {
				ps.Add(path, v.Line, valueName(f, i), "the period ends (%s) before it starts (%s); swap them or fix the typo", v.Until, *v.From)
			}
			for j := range i {
				w := f.Values[j]
				if w.Scope.Same(v.Scope) && agree(w.Count, v.Count) {
					ps.Add(path, v.Line, valueName(f, i), "gives the same value as %s (%s and %s) for the same period and area, so the sources agree; %s",
						valueName(f, j), w.Count, v.Count, mergeHint(w.Sources, v.Sources))
					break
				}
			}
		}
		checkSeries(path, f, ps)
	}
	checkBreakdowns(path, figs, nats, natLine, ps)
}

// checkSeries reports a running total that is lower than an earlier one
// of the same series (see Scope.SameSeries), unless the later value says
// why in a note.
func checkSeries(path string, f Figure, ps *Problems) {
	for i, v := range f.Values {
		if !v.Running || v.Note != "" {
			continue
		}
		var prev *Tally
		for j := range f.Values {
			w := &f.Values[j]
			if w.SameSeries(v.Scope) && w.Until.Precedes(v.Until) && w.N > v.N && (prev == nil || w.N > prev.N) {
				prev = w
			}
		}
		if prev != nil {
			ps.Add(path, v.Line, valueName(f, i), "%s as of %s is lower than %s as of %s for the same area and start, but a running total cannot fall; check both against the sources, or add a note saying what they give (a correction, a different count): note: \"...\"",
				v.Count, v.Until.Display(), prev.Count, prev.Until.Display())
		}
	}
}

// checkBreakdowns reports parts that add up to more than their total:
// women, or Cambodians and foreigners, against the people arrested (or,
// failing that, detained) for the same period and area, and the
// nationality counts against the foreigners (or the total). An
// approximate or open-ended total cannot be contradicted; a note on the
// total or the part answers the check.
func checkBreakdowns(path string, figs []Figure, nats []Nationality, natLine int, ps *Problems) {
	byKey := make(map[string]Figure)
	for _, f := range figs {
		byKey[f.Key] = f
	}
	checkTotalParts(path, byKey, ps)
	checkNationalitySum(path, byKey, nats, natLine, ps)
}

// checkTotalParts reports women, or Cambodians and foreigners together,
// that are more than the arrested (or detained) for the same period and
// area.
func checkTotalParts(path string, byKey map[string]Figure, ps *Problems) {
	totalKey := "arrested"
	total, ok := byKey[totalKey]
	if !ok {
		totalKey = "detained"
		total, ok = byKey[totalKey]
	}
	if !ok {
		return
	}
	matching := func(key string, s Scope) (Tally, int, bool) {
		for i, v := range byKey[key].Values {
			if v.Scope.Same(s) {
				return v, i, true
			}
		}
		return Tally{}, 0, false
	}
	for _, t := range total.Values {
		if !t.Exact() || t.Note != "" {
			continue
		}
		if w, i, has := matching("women", t.Scope); has && w.N > t.N && w.Note == "" {
			ps.Add(path, w.Line, valueName(byKey["women"], i), "%s women are more than the %s %s for the same period and area; check both against the sources, or add a note to one of them saying what the sources give",
				w.Count, t.Count, totalKey)
		}
		c, ci, hasC := matching("cambodians", t.Scope)
		fo, fi, hasF := matching("foreigners", t.Scope)
		if (hasC || hasF) && c.N+fo.N > t.N && c.Note == "" && fo.Note == "" {
			line, name := c.Line, valueName(byKey["cambodians"], ci)
			if !hasC {
				line, name = fo.Line, valueName(byKey["foreigners"], fi)
			}
			ps.Add(path, line, name, "%s more than the %s %s for the same period and area; check them against the sources, or add a note to one of them saying what the sources give",
				partsWords(c, hasC, fo, hasF), t.Count, totalKey)
		}
	}
}

// checkNationalitySum reports counts by nationality that add up to more
// than the largest count of people the entry gives.
func checkNationalitySum(path string, byKey map[string]Figure, nats []Nationality, natLine int, ps *Problems) {
	var sum int64
	counted := 0
	for _, n := range nats {
		if n.Count != nil {
			sum += n.Count.N
			counted++
		}
	}
	if counted < 2 {
		return
	}
	// The counts are of the people the entry counts: compare them with the
	// largest count of people it gives.
	var largest Tally
	key := ""
	for _, k := range peopleKeys {
		for _, v := range byKey[k].Values {
			if v.Note != "" {
				return
			}
			if key == "" || v.N > largest.N {
				largest, key = v, k
			}
		}
	}
	if key != "" && sum > largest.N && largest.Exact() {
		ps.Add(path, natLine, "nationalities", "the counts add up to %s, more than the %s %s, the largest count of people here; check them against the sources, or, if the sources give these numbers, add a note to the %s value saying so",
			Count{N: sum}, largest.Count, key, key)
	}
}

// peopleKeys are the figures that count people a nationality breakdown
// can be of.
var peopleKeys = []string{"arrested", "detained", "charged", "rescued", "deported", "foreigners"}

// partsWords names the parts that are given, and only those: a figure the
// entry does not give is not a zero.
func partsWords(c Tally, hasC bool, f Tally, hasF bool) string {
	switch {
	case hasC && hasF:
		return fmt.Sprintf("cambodians (%s) and foreigners (%s) add up to %s,", c.Count, f.Count, Count{N: c.N + f.N})
	case hasC:
		return fmt.Sprintf("cambodians (%s) are", c.Count)
	}
	return fmt.Sprintf("foreigners (%s) are", f.Count)
}

// agree reports whether two counts make the same claim: the same number
// with the same kind of qualifier (">1,000" and "1,000+" both say "over a
// thousand").
func agree(a, b Count) bool {
	class := func(q string) string {
		if q == "+" {
			return ">"
		}
		return q
	}
	return a.N == b.N && class(a.Qualifier) == class(b.Qualifier)
}

// mergeHint says how to write two agreeing values as one: citing the
// sources of both, or, where one rests on every source, with no source.
func mergeHint(a, b []int) string {
	if len(a) == 0 || len(b) == 0 {
		return "write it once, with no source number: it then rests on every source of the file"
	}
	merged := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
	s := make([]string, len(merged))
	for i, n := range merged {
		s[i] = strconv.Itoa(n)
	}
	return "write it once, citing both: source: [" + strings.Join(s, ", ") + "]"
}
