package content

// Lint returns warnings about a site that loaded without problems: things
// that are allowed but often a mistake, for a person to check against the
// sources. Warnings never stop a build.
//
//   - entries dated outside the dates of their operation, unless they say
//     why in outside_dates (the lead-up to an operation, say).
//   - sources that may not outlive their publishers: see lintSources.
func Lint(s *Site) Problems {
	var ws Problems
	ops := make(map[string]*Operation)
	for _, o := range s.Operations {
		ops[o.ID] = o
	}
	for _, e := range s.Entries {
		if o := ops[e.Operation]; o != nil && e.OutsideDates == "" {
			lintDates(e, o, &ws)
		}
		lintSources(s.Settings, e.Path, e.Sources, &ws)
	}
	for _, o := range s.Operations {
		lintSources(s.Settings, o.Path, o.Sources, &ws)
	}
	ws.Sort()
	return ws
}

func lintDates(e *Entry, o *Operation, ws *Problems) {
	// Compare at the precision of the coarser date, so that "2025-07" is
	// inside an operation that starts on 2025-07-14.
	before := Date.Precedes
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
