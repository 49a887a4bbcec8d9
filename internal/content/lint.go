package content

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Lint returns warnings about a site that loaded without problems: things
// that are allowed but often a mistake, for a person to check against the
// sources. Warnings never stop a build. They are the site's own (a draft's
// gaps, see Site.Warnings) and:
//
//   - entries dated outside the dates of their operation, unless they say
//     why in outside_dates (the lead-up to an operation, say);
//   - sources that give different exact values for the same figure, period
//     and area, unless a value's note says why;
//   - acknowledgements (reviewed:) that no longer match a warning;
//   - sources that may not outlive their publishers: see lintSources.
//
// A warning about a date or a figure that the entry lists under reviewed:
// is left out: a person checked it, and the entry page says so. Warnings
// about sources ask for an archived copy, which no review replaces.
func Lint(s *Site) Problems { return (*LintCache)(nil).Lint(s) }

// LintCache keeps the warnings about each entry from one Lint to the next,
// for a preview server that lints 10,000 entries after every edit: an
// entry's warnings depend only on its file, its operation and the
// settings, so they are found again only for the entries whose file
// changed, or for all when an operation or the settings did. A nil
// *LintCache keeps nothing. It is for one goroutine at a time.
type LintCache struct {
	context string              // the operations' and settings' version the warnings hold for
	entries map[string]Problems // by the entry's path and file hash
}

// Lint is the package's Lint, taking what it can from the cache.
func (c *LintCache) Lint(s *Site) Problems {
	ws := slices.Clone(s.Warnings)
	ops := make(map[string]*Operation)
	for _, o := range s.Operations {
		ops[o.ID] = o
	}
	kept := c.begin(s)
	for _, e := range s.Entries {
		key := e.Path + "\x00" + e.Hash
		ew, ok := kept[key]
		if !ok {
			ew = lintEntry(s.Settings, ops[e.Operation], e)
		}
		if c != nil {
			c.entries[key] = ew
		}
		ws = append(ws, ew...)
	}
	for _, o := range s.Operations {
		lintSources(s.Settings, o.Path, o.Sources, &ws)
	}
	ws.Sort()
	return ws
}

// begin returns the warnings kept from the last Lint, if they still hold,
// and starts a new set.
func (c *LintCache) begin(s *Site) map[string]Problems {
	if c == nil {
		return nil
	}
	// JSON, not %v: a gone publisher holds pointers, which %v would print
	// as addresses.
	gone, _ := json.Marshal(s.Settings.Gone)
	var b strings.Builder
	b.Write(gone)
	b.WriteString("\x00" + strings.Join(s.Settings.Mirrors, "\x00"))
	for _, o := range s.Operations {
		b.WriteString("\x00" + o.ID + "\x00" + o.Hash)
	}
	kept := c.entries
	if c.context != b.String() {
		kept = nil
	}
	c.context, c.entries = b.String(), make(map[string]Problems, len(s.Entries))
	return kept
}

// lintEntry returns the warnings about one entry of operation o (nil when
// unknown).
func lintEntry(settings Settings, o *Operation, e *Entry) Problems {
	var ew, ws Problems
	if o != nil && e.OutsideDates == "" {
		lintDates(e, o, &ew)
	}
	lintDisagreements(e, &ew)
	ws = append(ws, reviewedAway(e, ew)...)
	lintSources(settings, e.Path, e.Sources, &ws)
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

// lintDisagreements warns about sources that give different exact values
// for the same figure, period and area, where no note says why. An
// approximate or open-ended value ("~200", "1,000+") is not compared: it
// does not contradict an exact one.
func lintDisagreements(e *Entry, ws *Problems) {
	for _, f := range e.Figures {
		for _, p := range f.Points() {
			var exact []Tally
			noted := false
			for _, v := range p.Values {
				noted = noted || v.Note != ""
				if v.Exact() {
					exact = append(exact, v)
				}
			}
			if noted || len(exact) < 2 || slices.IndexFunc(exact, func(v Tally) bool { return v.N != exact[0].N }) < 0 {
				continue
			}
			var said []string
			for _, v := range exact {
				said = append(said, v.Count.String()+" ("+sourceWords(v.Sources)+")")
			}
			field := "figures." + f.Key
			ws.Add(e.Path, exact[0].Line, field, "the sources differ: %s for the same period and area; check each against its source, then say why in a note on one value, or, when the text explains it, acknowledge it: reviewed: [{field: %s, reason: \"...\"}]",
				joinAnd(said), field)
		}
	}
}

func sourceWords(sources []int) string {
	if len(sources) == 0 {
		return "every source"
	}
	words := make([]string, len(sources))
	for i, n := range sources {
		words[i] = fmt.Sprint(n)
	}
	if len(words) == 1 {
		return "source " + words[0]
	}
	return "sources " + joinAnd(words)
}

// reviewedAway drops the warnings about fields the entry lists as reviewed
// and warns about reviews that match no warning, so that an
// acknowledgement does not outlive what it acknowledged.
func reviewedAway(e *Entry, ws Problems) Problems {
	if len(e.Reviewed) == 0 {
		return ws
	}
	used := make([]bool, len(e.Reviewed))
	var out Problems
	for _, w := range ws {
		i := slices.IndexFunc(e.Reviewed, func(r Review) bool {
			return w.Field == r.Field || strings.HasPrefix(w.Field, r.Field+"[") || strings.HasPrefix(w.Field, r.Field+".")
		})
		if i < 0 {
			out = append(out, w)
			continue
		}
		used[i] = true
	}
	for i, r := range e.Reviewed {
		if !used[i] {
			out.Add(e.Path, r.Line, "reviewed", "there is no warning about %s to acknowledge any more; remove this review", r.Field)
		}
	}
	return out
}
