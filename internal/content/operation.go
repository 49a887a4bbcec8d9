package content

import (
	"strings"

	"timeline/internal/geo"
)

var operationFields = []string{
	"name", "start", "end", "dates_note", "summary", "trigger", "ordered_by", "aftermath",
	"figures", "totals_note", "nationalities", "reached", "sources",
}

// decodeOperation checks an operation's front matter.
func decodeOperation(doc *document, id string, gaz *geo.Gazetteer, ps *Problems) *Operation {
	d := &decoder{doc: doc, ps: ps}
	fs := d.fields(doc.root, "", operationFields)
	o := &Operation{Path: doc.path, ID: id, BodyLine: doc.bodyLine, Hash: doc.hash}
	if d.require(fs, "sources", "\"sources:\" followed by \"  - title: ...\", \"publisher: ...\", \"url: https://...\"") {
		o.Sources = d.sources(fs["sources"])
	}
	if d.require(fs, "name", "name: \"2025 nationwide crackdown\"") {
		o.Name = d.text(fs["name"])
	}
	if d.require(fs, "start", "start: 2025-07-14") {
		o.Start, _ = d.date(fs["start"])
	}
	if d.require(fs, "end", "end: 2025-12-31, or end: ongoing") {
		f := fs["end"]
		if !strings.EqualFold(strings.TrimSpace(f.value.Value), "ongoing") {
			o.End = d.dateFrom(f, o.Start, "start", Date.Before)
		}
	}
	if f, ok := fs["dates_note"]; ok {
		o.DatesNote = d.text(f)
	}
	if f, ok := fs["summary"]; ok {
		o.Summary = d.text(f)
	}
	if f, ok := fs["trigger"]; ok {
		o.Trigger = d.claims(f, len(o.Sources))
	}
	if f, ok := fs["ordered_by"]; ok {
		o.OrderedBy = d.claims(f, len(o.Sources))
	}
	if f, ok := fs["aftermath"]; ok {
		o.Aftermath = d.claims(f, len(o.Sources))
	}
	if f, ok := fs["figures"]; ok {
		o.Figures = d.figures(f, len(o.Sources), gaz, scopeDefault{})
	}
	if f, ok := fs["totals_note"]; ok {
		o.TotalsNote = d.text(f)
	}
	natLine := doc.openLine
	if f, ok := fs["nationalities"]; ok {
		o.Nationalities = d.nationalities(f)
		natLine = doc.line(f.key)
	}
	checkFigures(o.Path, o.Figures, o.Nationalities, natLine, ps)
	if f, ok := fs["reached"]; ok {
		o.Reached = d.reached(f, len(o.Sources), gaz, nil)
	}
	return o
}
