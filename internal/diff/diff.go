// Package diff compares two versions of a timeline's content, as loaded by
// package content, and says what a reader would see change: entries added,
// removed and changed, every field that changed, and every figure with its
// old and new values. The pull request workflow shows it as the job's
// summary, so that a reviewer sees the figures before reading the files.
package diff

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"timeline/internal/content"
)

// Change is what changed in one entry or operation.
type Change struct {
	Kind   string  // "entry" or "operation"
	ID     string  // the entry's slug, or the operation's id
	Title  string  // in the new version (the old one, when removed)
	Path   string  // in the new version (the old one, when removed)
	Fields []Field // for a changed one: every field that differs, in a fixed order
}

// Field is one field's old and new value, as a reader would read them;
// "" when the field is absent on that side.
type Field struct {
	Name     string // "title", "figures.arrested"
	Old, New string
}

// Report is the difference between two versions of the content.
type Report struct {
	Added, Removed, Changed []Change
}

// Empty reports whether nothing changed.
func (r Report) Empty() bool {
	return len(r.Added)+len(r.Removed)+len(r.Changed) == 0
}

// Compare returns what changed from old to new.
func Compare(old, new *content.Site) Report {
	var r Report
	oldOps, newOps := byKey(old.Operations, opID), byKey(new.Operations, opID)
	for _, id := range keys(oldOps, newOps) {
		o, n := oldOps[id], newOps[id]
		r.add(compareOne("operation", id, o, n, operationFields))
	}
	oldEntries, newEntries := byKey(old.Entries, entrySlug), byKey(new.Entries, entrySlug)
	for _, slug := range keys(oldEntries, newEntries) {
		r.add(compareOne("entry", slug, oldEntries[slug], newEntries[slug], entryFields))
	}
	return r
}

func (r *Report) add(c *Change, state int) {
	switch state {
	case added:
		r.Added = append(r.Added, *c)
	case removed:
		r.Removed = append(r.Removed, *c)
	case changed:
		r.Changed = append(r.Changed, *c)
	}
}

const (
	same = iota
	added
	removed
	changed
)

// compareOne compares two versions of one thing, either of which may be
// missing.
func compareOne[T any](kind, id string, old, new *T, fields func(*T) []Field) (*Change, int) {
	switch {
	case old == nil && new == nil:
		return nil, same
	case old == nil:
		return describe(kind, id, fields(new)), added
	case new == nil:
		return describe(kind, id, fields(old)), removed
	}
	before, after := fields(old), fields(new)
	c := describe(kind, id, after)
	for i := range after {
		if before[i].New != after[i].New {
			c.Fields = append(c.Fields, Field{Name: after[i].Name, Old: before[i].New, New: after[i].New})
		}
	}
	if len(c.Fields) == 0 {
		return nil, same
	}
	return c, changed
}

// describe names a thing from its fields ("title"/"name" and "path").
func describe(kind, id string, fs []Field) *Change {
	c := &Change{Kind: kind, ID: id}
	for _, f := range fs {
		switch f.Name {
		case "title", "name":
			c.Title = f.New
		case "path":
			c.Path = f.New
		}
	}
	return c
}

// entryFields lists an entry's fields as readers read them, in the order
// a report shows them; each is the New side.
func entryFields(e *content.Entry) []Field {
	fs := []Field{
		{Name: "path", New: e.Path},
		{Name: "title", New: e.Title},
		{Name: "date", New: dates(e.Date, e.EndDate)},
		{Name: "date_note", New: e.DateNote},
		{Name: "operation", New: e.Operation},
		{Name: "outside_dates", New: e.OutsideDates},
		{Name: "provinces", New: provinces(e.Nationwide, e.Provinces)},
		{Name: "places", New: strings.Join(e.Places, "; ")},
		{Name: "kind", New: e.Kind},
		{Name: "summary", New: e.Summary},
	}
	fs = append(fs, figureFields(e.Figures)...)
	html, _ := e.HTML() // never fails: diff loads bodies into memory (no content.Bodies)
	fs = append(fs,
		Field{Name: "nationalities", New: nationalities(e.Nationalities)},
		Field{Name: "reached", New: reached(e.Reached)},
		Field{Name: "sources", New: sources(e.Sources)},
		Field{Name: "tags", New: strings.Join(e.Tags, ", ")},
		Field{Name: "draft", New: yes(e.Draft)},
		Field{Name: "reviewed", New: reviews(e.Reviewed)},
		Field{Name: "text", New: fingerprint(string(html))},
	)
	return fs
}

func operationFields(o *content.Operation) []Field {
	end := "ongoing"
	if o.End != nil {
		end = o.End.String()
	}
	fs := []Field{
		{Name: "path", New: o.Path},
		{Name: "name", New: o.Name},
		{Name: "dates", New: o.Start.String() + " to " + end},
		{Name: "summary", New: o.Summary},
		{Name: "totals_note", New: o.TotalsNote},
	}
	fs = append(fs, figureFields(o.Figures)...)
	return append(fs,
		Field{Name: "nationalities", New: nationalities(o.Nationalities)},
		Field{Name: "reached", New: reached(o.Reached)},
		Field{Name: "sources", New: sources(o.Sources)},
		Field{Name: "text", New: fingerprint(string(o.HTML))},
	)
}

// figureFields gives one field per figure key, present or not, so that a
// figure added or removed shows as a change from or to nothing.
func figureFields(figs []content.Figure) []Field {
	out := make([]Field, len(content.FigureKeys))
	for i, k := range content.FigureKeys {
		out[i].Name = "figures." + k
	}
	for _, f := range figs {
		i := slices.Index(content.FigureKeys, f.Key)
		var vals []string
		for _, v := range f.Values {
			vals = append(vals, tally(v))
		}
		out[i].New = strings.Join(vals, "; ")
	}
	return out
}

// tally writes a value with what it covers when the file states it, and
// who gave it and its sources: "3,455 (since 27 June 2025, as of 14
// October 2025, nationwide; said by the commission; source 2)".
func tally(t content.Tally) string {
	var about []string
	if t.Stated {
		about = append(about, t.Period()+", "+t.Area())
	}
	if t.SaidBy != "" {
		about = append(about, "said by "+t.SaidBy)
	}
	if len(t.Sources) > 0 {
		about = append(about, "source "+ints(t.Sources))
	}
	if t.Note != "" {
		about = append(about, "note: "+t.Note)
	}
	if len(about) == 0 {
		return t.Count.String()
	}
	return t.Count.String() + " (" + strings.Join(about, "; ") + ")"
}

func dates(d content.Date, end *content.Date) string {
	if end == nil {
		return d.String()
	}
	return d.String() + " to " + end.String()
}

func provinces(nationwide bool, names []string) string {
	if nationwide {
		names = append([]string{"nationwide"}, names...)
	}
	return strings.Join(names, ", ")
}

func nationalities(ns []content.Nationality) string {
	var out []string
	for _, n := range ns {
		s := n.Country
		if n.Count != nil {
			s += " " + n.Count.String()
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

func reached(rs []content.Reach) string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s as of %s (%s, source %d)", strings.Join(r.Provinces, ", "), r.AsOf, r.SaidBy, r.Source))
	}
	return strings.Join(out, "; ")
}

func sources(ss []content.Source) string {
	var out []string
	for i, s := range ss {
		out = append(out, fmt.Sprintf("[%d] %s, %s, %s", i+1, s.Title, s.Publisher, s.URL))
	}
	return strings.Join(out, "; ")
}

func reviews(rs []content.Review) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Field+": "+r.Reason)
	}
	return strings.Join(out, "; ")
}

func yes(b bool) string {
	if b {
		return "true"
	}
	return ""
}

func ints(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// fingerprint stands for a long text: the report says that it changed,
// not how.
func fingerprint(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf("%d characters, %08x", len(s), fnv32(s))
}

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func opID(o *content.Operation) string  { return o.ID }
func entrySlug(e *content.Entry) string { return e.Slug }

func byKey[T any](list []*T, key func(*T) string) map[string]*T {
	m := make(map[string]*T, len(list))
	for _, v := range list {
		m[key(v)] = v
	}
	return m
}

// keys returns the keys of both maps, sorted.
func keys[T any](a, b map[string]*T) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// Write prints the report as Markdown (for a pull request's job summary)
// or as plain text.
func (r Report) Write(w io.Writer, markdown bool) error {
	p := &printer{w: w, md: markdown}
	p.heading(1, "What this change does to the timeline")
	if r.Empty() {
		p.line("No entry or operation changes.")
		return p.err
	}
	p.line(fmt.Sprintf("Entries and operations: %d added, %d removed, %d changed.", len(r.Added), len(r.Removed), len(r.Changed)))
	for _, part := range []struct {
		title string
		list  []Change
		full  bool
	}{{"Added", r.Added, false}, {"Removed", r.Removed, false}, {"Changed", r.Changed, true}} {
		if len(part.list) == 0 {
			continue
		}
		p.heading(2, part.title)
		for _, c := range part.list {
			p.item(0, fmt.Sprintf("%s %s: %s (%s)", c.Kind, p.code(c.ID), p.text(c.Title), p.code(c.Path)))
			if !part.full {
				continue
			}
			for _, f := range c.Fields {
				p.item(1, p.field(f))
			}
		}
		p.print("\n")
	}
	return p.err
}

type printer struct {
	w   io.Writer
	md  bool
	err error
}

func (p *printer) print(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}

func (p *printer) heading(level int, s string) {
	if p.md {
		p.print(strings.Repeat("#", level+1) + " " + s + "\n\n")
		return
	}
	p.print(s + "\n\n")
}

func (p *printer) line(s string) { p.print(p.text(s) + "\n\n") }

func (p *printer) item(depth int, s string) {
	p.print(strings.Repeat("  ", depth) + "- " + s + "\n")
}

func (p *printer) field(f Field) string {
	switch {
	case f.Name == "path":
		return "moved from " + p.code(f.Old) + " to " + p.code(f.New)
	case f.Name == "text":
		return "the text changed"
	case f.Old == "":
		return p.code(f.Name) + ": added " + p.text(f.New)
	case f.New == "":
		return p.code(f.Name) + ": removed (was " + p.text(f.Old) + ")"
	}
	return p.code(f.Name) + ": " + p.text(f.Old) + " → " + p.text(f.New)
}

// code marks a name or path as code in Markdown.
func (p *printer) code(s string) string {
	if !p.md {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}

// text escapes what Markdown would read as markup or HTML: contributors'
// titles and sources are untrusted, and the summary is rendered by GitHub.
func (p *printer) text(s string) string {
	if !p.md {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+-!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
