package content

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"timeline/internal/geo"
	"timeline/internal/slug"
)

// entryFields are the front-matter keys an entry may have.
var entryFields = []string{
	"title", "date", "end_date", "date_note", "operation", "outside_dates", "provinces", "places", "kind",
	"figures", "nationalities", "reached", "sources", "tags", "summary", "draft", "reviewed", "added", "corrections",
}

// Nationwide is the value of provinces for an event that concerns the whole
// country rather than particular provinces (a national order, a tally).
const Nationwide = "nationwide"

// decodeEntry checks an entry's front matter and returns the entry. It
// records a problem for every field it cannot accept; the entry it returns
// is then incomplete and must not be rendered.
func decodeEntry(doc *document, slug string, gaz *geo.Gazetteer, operations map[string]*Operation, ps *Problems) *Entry {
	d := &decoder{doc: doc, ps: ps}
	fs := d.fields(doc.root, "", entryFields)
	e := &Entry{Path: doc.path, Slug: slug, BodyLine: doc.bodyLine, Hash: doc.hash, Lines: fieldLines(doc, fs)}

	// Sources first: figures refer to them by number.
	if d.require(fs, "sources", "\"sources:\" followed by \"  - title: ...\", \"publisher: ...\", \"url: https://...\"") {
		e.Sources = d.sources(fs["sources"])
	}
	if d.require(fs, "title", "title: \"Police raid a compound in Snuol\"") {
		e.Title = d.text(fs["title"])
	}
	d.entryDates(e, fs)
	if d.require(fs, "operation", "operation: \"2025\" (the name of a file in content/operations/)") {
		e.Operation = d.operation(fs["operation"], operations)
	}
	if d.require(fs, "provinces", "provinces: [Kratie]") {
		e.Provinces, e.Nationwide = d.provinces(fs["provinces"], gaz)
	}
	if f, ok := fs["places"]; ok {
		e.Places = d.texts(f)
	}
	if f, ok := fs["kind"]; ok {
		e.Kind = d.kind(f)
	}
	if f, ok := fs["figures"]; ok {
		e.Figures = d.figures(f, len(e.Sources), gaz, entryScope(e))
	}
	if f, ok := fs["nationalities"]; ok {
		e.Nationalities = d.nationalities(f)
	}
	checkFigures(e.Path, e.Figures, e.Nationalities, e.Lines["nationalities"], ps)
	if f, ok := fs["reached"]; ok {
		var asOf *Date
		if e.Date.Year != 0 {
			asOf = &e.Date
		}
		e.Reached = d.reached(f, len(e.Sources), gaz, asOf)
	}
	if f, ok := fs["tags"]; ok {
		e.Tags = d.tags(f)
	}
	if f, ok := fs["summary"]; ok {
		e.Summary = d.text(f)
	}
	if f, ok := fs["draft"]; ok {
		e.Draft = d.boolean(f)
	}
	if f, ok := fs["reviewed"]; ok {
		e.Reviewed = d.reviews(f)
	}
	if f, ok := fs["added"]; ok {
		e.Added = d.added(f, e.Date)
	}
	if f, ok := fs["corrections"]; ok {
		e.Corrections = d.corrections(f, len(e.Sources), e.Added)
	}
	return e
}

// fieldLines maps each field of an entry, and each figure, to its line.
func fieldLines(doc *document, fs map[string]field) map[string]int {
	lines := make(map[string]int)
	for name, f := range fs {
		lines[name] = doc.line(f.key)
	}
	if f, ok := fs["figures"]; ok && f.value.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(f.value.Content); i += 2 {
			lines["figures."+f.value.Content[i].Value] = doc.line(f.value.Content[i])
		}
	}
	return lines
}

// entryDates reads an entry's date, its optional end date and the notes
// about them.
func (d *decoder) entryDates(e *Entry, fs map[string]field) {
	if d.require(fs, "date", "date: 2025-07-16") {
		e.Date, _ = d.date(fs["date"])
	}
	if f, ok := fs["end_date"]; ok {
		// A month neither precedes nor follows a day in it.
		e.EndDate = d.dateFrom(f, e.Date, "date", Date.Precedes)
	}
	if f, ok := fs["outside_dates"]; ok {
		e.OutsideDates = d.text(f)
	}
	if f, ok := fs["date_note"]; ok {
		e.DateNote = d.text(f)
	}
}

// dateFrom reads the date in f, the end of a period that starts on start
// (read from the field startField), and reports one that is before it,
// which before tells.
func (d *decoder) dateFrom(f field, start Date, startField string, before func(a, b Date) bool) *Date {
	end, ok := d.date(f)
	if !ok {
		return nil
	}
	if start.Year != 0 && before(end, start) {
		d.errorf(f.value, f.name, "%s is before %s %s; swap them or fix the typo", end, startField, start)
		return nil
	}
	return &end
}

// operation reads the id of the operation an entry belongs to, or "".
func (d *decoder) operation(f field, operations map[string]*Operation) string {
	id := d.text(f)
	if id == "" {
		return ""
	}
	if err := CheckOperation(id, slices.Sorted(maps.Keys(operations))); err != nil {
		d.errorf(f.value, f.name, "%v", err)
		return ""
	}
	return id
}

// kind reads an entry's kind, one of Kinds, or "".
func (d *decoder) kind(f field) string {
	k := d.text(f)
	if err := CheckKind(k); err != nil {
		d.errorf(f.value, f.name, "%v", err)
		return ""
	}
	return k
}

// tags reads an entry's tags, each of which must make a page of its own.
func (d *decoder) tags(f field) []string {
	items := d.items(f)
	if len(items) > MaxTags {
		d.errorf(f.value, f.name, "%d tags, over the limit of %d; keep the few that a reader would browse by", len(items), MaxTags)
		return nil
	}
	var tags []string
	for _, it := range items {
		if n := utf8.RuneCountInString(it.text); n > MaxTagLength {
			d.errorf(it.node, it.name, "tag is %d characters long, over the limit of %d; a tag is a short word or phrase, put the rest in the text", n, MaxTagLength)
			continue
		}
		s := slug.Make(it.text)
		if windowsReserved(s) {
			d.errorf(it.node, it.name, "tag %q would make the page tags/%s/, a reserved device name on Windows; use another word", it.text, s)
			continue
		}
		if s == "" {
			d.errorf(it.node, it.name, "tag %q has no letters or digits to make a link from; use a word such as \"deportation\"", it.text)
			continue
		}
		tags = append(tags, it.text)
	}
	return tags
}

// added reads the day an entry was added to the record, which cannot come
// before the entry's own date.
func (d *decoder) added(f field, date Date) *Date {
	added, ok := d.date(f)
	if !ok {
		return nil
	}
	if date.Year != 0 && added.Precedes(date) {
		d.errorf(f.value, f.name, "%s is before the entry's date %s; added is the day the entry was added to this record", added, date)
		return nil
	}
	return &added
}

// reviewExample is how a review is written.
const reviewExample = `reviewed: [{field: figures.foreigners, reason: "VOD gives 223 and Khmer Times 233; the text says so."}]`

// reviews reads the warnings a person acknowledged: each names the field
// the warning is about and why it stands.
func (d *decoder) reviews(f field) []Review {
	if f.value.Kind != yaml.SequenceNode {
		d.errorf(f.value, f.name, "want a list, such as %s", reviewExample)
		return nil
	}
	known := slices.Clone(entryFields)
	for _, k := range FigureKeys {
		known = append(known, "figures."+k)
	}
	var out []Review
	d.eachMapping(f, []string{"field", "reason"}, "want {field: ..., reason: \"...\"}, got %s", func(n *yaml.Node, name string, fs map[string]field) {
		r := Review{Line: d.doc.line(n)}
		if g, ok := fs["field"]; ok {
			if r.Field = d.text(g); r.Field != "" && !slices.Contains(known, r.Field) {
				d.errorf(g.value, g.name, "%q is not a field a warning can be about%s", r.Field, suggestion(r.Field, known, "fields: "))
				r.Field = ""
			}
		} else {
			d.errorf(n, name+".field", "missing; name the field the warning is about, as the warning does: field: figures.foreigners")
		}
		if g, ok := fs["reason"]; ok {
			r.Reason = d.text(g)
		} else {
			d.errorf(n, name+".reason", "missing; say what you checked and what the sources give: reason: \"...\"")
		}
		if r.Field != "" && r.Reason != "" {
			out = append(out, r)
		}
	})
	return out
}

// corrections reads an entry's corrections: each a date, what changed and,
// when a source shows it, the number of that source. They are kept newest
// first.
func (d *decoder) corrections(f field, nSources int, added *Date) []Correction {
	if f.value.Kind != yaml.SequenceNode {
		d.errorf(f.value, f.name, "want a list of corrections, each \"- {date: 2025-08-01, text: \"What changed\", source: 2}\"")
		return nil
	}
	var out []Correction
	d.eachMapping(f, []string{"date", "text", "source"}, "want {date: 2025-08-01, text: \"What changed\"} and, if a source shows it, source: N; got %s", func(n *yaml.Node, name string, fs map[string]field) {
		var c Correction
		_, ok := fs["date"]
		if !ok {
			d.errorf(n, name+".date", "missing; add date: 2025-08-01, the day the entry was corrected")
		} else {
			c.Date, ok = d.date(fs["date"])
			if ok && added != nil && c.Date.Precedes(*added) {
				d.errorf(fs["date"].value, fs["date"].name, "%s is before the entry was added (%s); fix the date or added", c.Date, *added)
				ok = false
			}
		}
		if g, has := fs["text"]; has {
			c.Text = d.text(g)
		} else {
			d.errorf(n, name+".text", "missing; say what changed, such as text: \"The arrests were 312, not 321.\"")
		}
		if g, has := fs["source"]; has {
			c.Source = d.sourceRef(g, nSources)
		}
		if ok && c.Text != "" {
			out = append(out, c)
		}
	})
	slices.SortStableFunc(out, func(a, b Correction) int { return b.Date.Time().Compare(a.Date.Time()) })
	return out
}

// provinces reads the provinces list, normalising aliases to official names.
func (d *decoder) provinces(f field, gaz *geo.Gazetteer) (names []string, nationwide bool) {
	list := d.items(f)
	if len(list) == 0 {
		d.errorf(f.value, f.name, "list at least one province, or %q for a national event", Nationwide)
		return nil, false
	}
	seen := make(map[string]bool)
	for _, it := range list {
		name, err := ProvinceName(gaz, it.text)
		switch {
		case err != nil:
			d.errorf(it.node, it.name, "%v", err)
			continue
		case name == Nationwide:
			nationwide = true
			continue
		case seen[name]:
			d.errorf(it.node, it.name, "%q is listed twice (as %q); keep one", name, it.text)
			continue
		}
		seen[name] = true
		names = append(names, name)
	}
	return names, nationwide
}

// ProvinceName returns the official name of the province written name (its
// name or an alias, in any case, with or without accents), or Nationwide;
// the error says what is wrong, with the nearest name when there is one.
func ProvinceName(gaz *geo.Gazetteer, name string) (string, error) {
	if strings.EqualFold(name, Nationwide) {
		return Nationwide, nil
	}
	if p, ok := gaz.Lookup(name); ok {
		return p.Name, nil
	}
	if s := gaz.Suggest(name); s != "" {
		return "", fmt.Errorf("unknown province %q; did you mean %q?", name, s)
	}
	return "", fmt.Errorf("unknown province %q; use one of the 25 names in content/provinces.yaml, or \"nationwide\"", name)
}

// CheckKind returns an error, with the allowed kinds, when kind is neither
// empty nor one of Kinds.
func CheckKind(kind string) error {
	if kind != "" && !slices.Contains(Kinds, kind) {
		return fmt.Errorf("unknown kind %q%s", kind, suggestion(kind, Kinds, "allowed: "))
	}
	return nil
}

// CheckOperation returns an error, with the known ids, when id is not one
// of them.
func CheckOperation(id string, known []string) error {
	if !slices.Contains(known, id) {
		return fmt.Errorf("unknown operation %q%s", id, suggestion(id, known, "the operations are: "))
	}
	return nil
}

// suggestion returns "; did you mean "x"?" for the nearest candidate, then
// the candidates after prefix, so that a near miss that is not what the
// contributor meant still shows what exists.
func suggestion(s string, candidates []string, prefix string) string {
	list := prefix + strings.Join(candidates, ", ")
	if n := geo.Nearest(strings.ToLower(s), candidates); n != "" {
		return fmt.Sprintf("; did you mean %q? (%s)", n, list)
	}
	return "; " + list
}
