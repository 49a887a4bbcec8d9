package content

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"timeline/internal/geo"
)

// tallyFields are the keys of a figure's value written in full.
var tallyFields = []string{"value", "source", "from", "to", "as_of", "area", "place", "said_by", "note"}

// tallyExample is what an operation's total looks like written in full.
const tallyExample = `{value: 3455, source: 2, from: 2025-06-27, as_of: 2025-10-14, area: nationwide, said_by: "Committee to Combat Online Scams"}`

// scopeDefault is the scope a value takes when it does not state its own:
// an entry's dates and provinces. Operations have none: their totals must
// say what they cover.
type scopeDefault struct {
	Scope
	ok bool // false for operations
}

// entryScope returns the scope an entry's values take by default: an
// event's own dates, or, for a statement or a report, a running total up
// to the day it was made; and the entry's provinces.
func entryScope(e *Entry) scopeDefault {
	s := Scope{Nationwide: e.Nationwide, Provinces: e.Provinces}
	if IsTallyKind(e.Kind) {
		s.Until, s.Running = e.Date, true
	} else {
		from := e.Date
		s.From, s.Until = &from, e.Date
		if e.EndDate != nil {
			s.Until = *e.EndDate
		}
	}
	return scopeDefault{Scope: s, ok: true}
}

// TallyKinds are the kinds of entry that report totals (an official's
// statement, a report) rather than what happened in one event.
var TallyKinds = []string{"statement", "report"}

// IsTallyKind reports whether entries of kind report totals.
func IsTallyKind(kind string) bool { return slices.Contains(TallyKinds, kind) }

// figures reads the figures mapping. Each figure is a count (supported by
// all the sources), one value written in full, or a list of them.
func (d *decoder) figures(f field, nSources int, gaz *geo.Gazetteer, def scopeDefault) []Figure {
	if f.value.Kind != yaml.MappingNode {
		d.errorf(f.value, f.name, "want one figure per line, such as \"arrested: 120\", got %s", kindName(f.value))
		return nil
	}
	fs := d.fields(f.value, f.name, FigureKeys)
	var out []Figure
	for _, key := range FigureKeys {
		g, ok := fs[key]
		if !ok {
			continue
		}
		fig := Figure{Key: key}
		switch g.value.Kind {
		case yaml.ScalarNode, yaml.MappingNode:
			if v, ok := d.tally(g.value, g.name, nSources, gaz, def); ok {
				fig.Values = append(fig.Values, v)
			}
		case yaml.SequenceNode:
			if len(g.value.Content) == 0 {
				d.errorf(g.value, g.name, "is an empty list; give at least one value or remove the line")
			}
			for i, item := range g.value.Content {
				if v, ok := d.tally(item, fmt.Sprintf("%s[%d]", g.name, i+1), nSources, gaz, def); ok {
					fig.Values = append(fig.Values, v)
				}
			}
		default:
			d.errorf(g.value, g.name, "want a count, got %s", kindName(g.value))
		}
		if len(fig.Values) > 0 {
			out = append(out, fig)
		}
	}
	return out
}

// tally reads one value of a figure: a bare count, or a mapping with the
// count, its sources, period, area, who said it and a note.
func (d *decoder) tally(n *yaml.Node, name string, nSources int, gaz *geo.Gazetteer, def scopeDefault) (Tally, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		return d.bareTally(n, name, def)
	case yaml.MappingNode:
		return d.fullTally(n, name, nSources, gaz, def)
	}
	d.errorf(n, name, "want a count or {value: 120, source: 1, ...}, got %s", kindName(n))
	return Tally{}, false
}

// bareTally reads a value written as a count alone, which takes the
// default scope; an operation's totals have none.
func (d *decoder) bareTally(n *yaml.Node, name string, def scopeDefault) (Tally, bool) {
	c, ok := d.count(n, name)
	if !ok {
		return Tally{}, false
	}
	if !def.ok {
		d.errorf(n, name, "an operation's total must say what it covers; write it in full: %s", tallyExample)
		return Tally{}, false
	}
	return Tally{Line: d.doc.line(n), Count: c, Scope: def.Scope}, true
}

// fullTally reads a value written in full, {value: 120, source: 1, ...};
// what it does not state of its scope comes from def.
func (d *decoder) fullTally(n *yaml.Node, name string, nSources int, gaz *geo.Gazetteer, def scopeDefault) (Tally, bool) {
	t := Tally{Line: d.doc.line(n)}
	fs := d.fields(n, name, tallyFields)
	v, ok := fs["value"]
	if !ok {
		d.errorf(n, name+".value", "missing; write the count as the source gives it: value: 120")
		return Tally{}, false
	}
	if t.Count, ok = d.count(v.value, v.name); !ok {
		return Tally{}, false
	}
	if s, ok := fs["source"]; ok {
		t.Sources = d.sourceRefs(s, nSources)
	}
	if g, ok := fs["said_by"]; ok {
		t.SaidBy = d.text(g)
	}
	if g, ok := fs["note"]; ok {
		t.Note = d.text(g)
	}
	if g, ok := fs["place"]; ok {
		t.Place = d.text(g)
	}
	hasPeriod := d.tallyPeriod(&t, fs)
	g, hasArea := fs["area"]
	if hasArea {
		t.Provinces, t.Nationwide = d.provinces(g, gaz)
	}
	t.Stated = hasPeriod || hasArea || t.From != nil || t.Place != ""
	if !def.ok {
		d.checkTotal(n, name, t, fs, nSources, hasPeriod, hasArea)
		return t, true
	}
	if !hasPeriod {
		t.Until, t.Running = def.Until, def.Running
		if t.From == nil && def.From != nil {
			from := *def.From
			t.From = &from
		}
	}
	if !hasArea {
		t.Nationwide, t.Provinces = def.Nationwide, def.Provinces
	}
	return t, true
}

// tallyPeriod reads a value's period: a start, and a cut-off that is
// either a running total's "as of" or the end of a closed period. It
// returns whether a cut-off is written.
func (d *decoder) tallyPeriod(t *Tally, fs map[string]field) bool {
	if g, ok := fs["from"]; ok {
		if dt, ok := d.date(g); ok {
			t.From = &dt
		}
	}
	to, hasTo := fs["to"]
	asOf, hasAsOf := fs["as_of"]
	switch {
	case hasTo && hasAsOf:
		d.errorf(asOf.key, asOf.name, "give either as_of (a running total, counted up to that day) or to (the last day of a closed period), not both")
	case hasAsOf:
		if dt, ok := d.date(asOf); ok {
			t.Until, t.Running = dt, true
		}
	case hasTo:
		if dt, ok := d.date(to); ok {
			t.Until = dt
		}
	}
	return hasTo || hasAsOf
}

// checkTotal reports what an operation's total leaves unsaid: it has no
// dates or provinces to fall back on.
func (d *decoder) checkTotal(n *yaml.Node, name string, t Tally, fs map[string]field, nSources int, hasPeriod, hasArea bool) {
	var missing []string
	if !hasPeriod {
		missing = append(missing, "as_of (or to)")
	}
	if !hasArea {
		missing = append(missing, "area")
	}
	if t.SaidBy == "" {
		if _, written := fs["said_by"]; !written {
			missing = append(missing, "said_by")
		}
	}
	if len(t.Sources) == 0 && nSources > 1 {
		if _, written := fs["source"]; !written {
			missing = append(missing, "source")
		}
	}
	if len(missing) > 0 {
		d.errorf(n, name, "an operation's total must say what it covers; add %s, as in %s", joinAnd(missing), tallyExample)
	}
}

// sourceRefs reads "source: 2" or, when several sources give the same
// value, "source: [2, 3]".
func (d *decoder) sourceRefs(f field, nSources int) []int {
	nodes := []*yaml.Node{f.value}
	if f.value.Kind == yaml.SequenceNode {
		nodes = f.value.Content
		if len(nodes) == 0 {
			d.errorf(f.value, f.name, "is an empty list; give the number of each source that gives this value, such as [1, 2]")
			return nil
		}
	}
	var out []int
	for i, n := range nodes {
		name := f.name
		if f.value.Kind == yaml.SequenceNode {
			name = fmt.Sprintf("%s[%d]", f.name, i+1)
		}
		if k := d.sourceRef(field{name: name, key: f.key, value: n}, nSources); k > 0 {
			if slices.Contains(out, k) {
				d.errorf(n, name, "source %d is listed twice; keep one", k)
				continue
			}
			out = append(out, k)
		}
	}
	return out
}

// reachFields are the keys of one statement of reach.
var reachFields = []string{"provinces", "as_of", "said_by", "source"}

// reached reads a list of statements naming the provinces an operation
// reached. Entries give the date of the statement by default; operations
// must give it.
func (d *decoder) reached(f field, nSources int, gaz *geo.Gazetteer, asOf *Date) []Reach {
	const example = `- {provinces: [Kratie, Pursat], as_of: 2025-07-22, said_by: "Interior Ministry", source: 2}`
	if f.value.Kind != yaml.SequenceNode || len(f.value.Content) == 0 {
		d.errorf(f.value, f.name, "want a list of statements, each as %s", example)
		return nil
	}
	var out []Reach
	d.eachMapping(f, reachFields, "want "+strings.TrimPrefix(example, "- ")+", got %s", func(n *yaml.Node, name string, fs map[string]field) {
		r := Reach{Line: d.doc.line(n)}
		ok := true
		for _, req := range []string{"provinces", "said_by", "source"} {
			if _, has := fs[req]; !has {
				d.errorf(n, name+"."+req, "missing; each statement needs provinces, said_by and source, as in %s", example)
				ok = false
			}
		}
		if g, has := fs["provinces"]; has {
			var nationwide bool
			r.Provinces, nationwide = d.provinces(g, gaz)
			if nationwide {
				d.errorf(g.value, g.name, "name the provinces the statement names; %q says nothing about where the operation reached", Nationwide)
				ok = false
			}
		}
		if g, has := fs["said_by"]; has {
			r.SaidBy = d.text(g)
		}
		if g, has := fs["source"]; has {
			r.Source = d.sourceRef(g, nSources)
		}
		switch g, has := fs["as_of"]; {
		case has:
			r.AsOf, _ = d.date(g)
		case asOf != nil:
			r.AsOf = *asOf
		default:
			d.errorf(n, name+".as_of", "missing; give the day the statement speaks for, as in %s", example)
			ok = false
		}
		if ok && len(r.Provinces) > 0 && r.SaidBy != "" && r.Source > 0 && r.AsOf.Year != 0 {
			out = append(out, r)
		}
	})
	return out
}

func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
