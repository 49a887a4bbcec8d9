package content

// Lint returns warnings about a site that loaded without problems: things
// that are allowed but often a mistake, for a person to check against the
// sources. Warnings never stop a build.
//
//   - figures that contradict each other: Cambodians and foreigners, or
//     women, adding up to more than the people arrested (or, failing that,
//     detained);
//   - entries dated outside the dates of their operation, unless they say
//     why in outside_dates (the lead-up to an operation, say).
func Lint(s *Site) Problems {
	var ws Problems
	ops := make(map[string]*Operation)
	for _, o := range s.Operations {
		ops[o.ID] = o
	}
	for _, e := range s.Entries {
		lintFigures(e, &ws)
		if o := ops[e.Operation]; o != nil && e.OutsideDates == "" {
			lintDates(e, o, &ws)
		}
	}
	ws.Sort()
	return ws
}

// firstCount returns the first value of figure key, if the entry has it.
func firstCount(e *Entry, key string) (Count, bool) {
	for _, f := range e.Figures {
		if f.Key == key {
			return f.Values[0].Count, true
		}
	}
	return Count{}, false
}

func lintFigures(e *Entry, ws *Problems) {
	totalKey := "arrested"
	total, ok := firstCount(e, totalKey)
	if !ok {
		totalKey = "detained"
		if total, ok = firstCount(e, totalKey); !ok {
			return
		}
	}
	if total.Qualifier == "~" || total.Qualifier == "<" {
		return // an approximate total cannot be contradicted by exact parts
	}
	line := e.Lines["figures."+totalKey]
	cambodians, hasC := firstCount(e, "cambodians")
	foreigners, hasF := firstCount(e, "foreigners")
	if hasC || hasF {
		if sum := cambodians.N + foreigners.N; sum > total.N && total.Qualifier == "" {
			ws.Add(e.Path, line, "figures", "cambodians (%s) and foreigners (%s) add up to %s, more than %s (%s); check both against the sources",
				cambodians, foreigners, Count{N: sum}, totalKey, total)
		}
	}
	if women, ok := firstCount(e, "women"); ok && women.N > total.N && total.Qualifier == "" {
		ws.Add(e.Path, e.Lines["figures.women"], "figures", "women (%s) are more than %s (%s); check both against the sources", women, totalKey, total)
	}
}

func lintDates(e *Entry, o *Operation, ws *Problems) {
	// Compare at the precision of the coarser date, so that "2025-07" is
	// inside an operation that starts on 2025-07-14.
	before := func(a, b Date) bool {
		if a.Day == 0 || b.Day == 0 {
			return a.Year*12+a.Month < b.Year*12+b.Month
		}
		return a.Before(b)
	}
	span := o.Start.Display() + " to "
	if o.End != nil {
		span += o.End.Display()
	} else {
		span += "now"
	}
	switch {
	case before(e.Date, o.Start):
		ws.Add(e.Path, e.Lines["date"], "date", "%s is before operation %q begins (%s); check the date, move the entry to the operation it belongs to, or say why it belongs here in outside_dates", e.Date, o.ID, span)
	case o.End != nil && before(*o.End, e.Date):
		ws.Add(e.Path, e.Lines["date"], "date", "%s is after operation %q ends (%s); check the date, move the entry to the operation it belongs to, or say why it belongs here in outside_dates", e.Date, o.ID, span)
	}
}
