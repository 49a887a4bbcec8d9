package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"timeline/internal/content"
	"timeline/internal/memo"
)

// The data files for researchers. Their columns are described on the
// about page; keep the two in step (a test checks that every CSV column is
// named there).

// EntriesCSVColumns are the columns of data/entries.csv, in order.
var EntriesCSVColumns = append([]string{
	"slug", "url", "title", "date", "end_date", "date_note", "operation", "provinces", "province_codes", "nationwide",
	"places", "kind", "summary"}, append(prefixed("figure_", content.FigureKeys), "nationalities", "sources", "source_archives", "tags")...)

func prefixed(prefix string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = prefix + k
	}
	return out
}

type jsonCount struct {
	Value     int64  `json:"value"`
	Qualifier string `json:"qualifier,omitempty"`
	Text      string `json:"text"`
}

// jsonTally is a reported value with what it covers.
type jsonTally struct {
	jsonCount
	Sources []int    `json:"sources"` // empty: every source of the file
	From    string   `json:"from,omitempty"`
	To      string   `json:"to,omitempty"`
	AsOf    string   `json:"as_of,omitempty"`
	Area    []string `json:"area"` // ["nationwide"] or province names
	Place   string   `json:"place,omitempty"`
	SaidBy  string   `json:"said_by,omitempty"`
	Note    string   `json:"note,omitempty"`
}

type jsonNationality struct {
	Country string     `json:"country"`
	Count   *jsonCount `json:"count,omitempty"`
}

type jsonSource struct {
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Date      string `json:"date,omitempty"`
	Archive   string `json:"archive,omitempty"` // as the file gives it
	// ArchiveURL is the archived copy the pages link to: Archive, or the
	// Wayback Machine's capture nearest Date, which may not exist.
	ArchiveURL   string `json:"archive_url"`
	ArchiveGiven bool   `json:"archive_given"` // ArchiveURL is Archive
}

type jsonEntry struct {
	Slug          string                 `json:"slug"`
	URL           string                 `json:"url"`
	File          string                 `json:"file"`
	Title         string                 `json:"title"`
	Date          string                 `json:"date"`
	EndDate       string                 `json:"end_date,omitempty"`
	DateNote      string                 `json:"date_note,omitempty"`
	Operation     string                 `json:"operation"`
	Provinces     []string               `json:"provinces"`
	ProvinceCodes []string               `json:"province_codes"` // ISO 3166-2:KH, in the order of provinces
	Nationwide    bool                   `json:"nationwide"`
	Places        []string               `json:"places"`
	Kind          string                 `json:"kind,omitempty"`
	Summary       string                 `json:"summary,omitempty"`
	Figures       map[string][]jsonTally `json:"figures"`
	Nationalities []jsonNationality      `json:"nationalities"`
	Reached       []jsonReach            `json:"reached,omitempty"`
	Sources       []jsonSource           `json:"sources"`
	Tags          []string               `json:"tags"`
	Added         string                 `json:"added,omitempty"`
	Corrections   []jsonCorrection       `json:"corrections"`
}

type jsonCorrection struct {
	Date   string `json:"date"`
	Text   string `json:"text"`
	Source int    `json:"source,omitempty"`
}

type jsonClaim struct {
	Text   string `json:"text"`
	Source int    `json:"source"`
}

type jsonReach struct {
	Provinces []string `json:"provinces"`
	AsOf      string   `json:"as_of"`
	SaidBy    string   `json:"said_by"`
	Source    int      `json:"source"`
}

func toJSONReached(rs []content.Reach) []jsonReach {
	out := []jsonReach{}
	for _, r := range rs {
		out = append(out, jsonReach{Provinces: r.Provinces, AsOf: r.AsOf.String(), SaidBy: r.SaidBy, Source: r.Source})
	}
	return out
}

type jsonOperation struct {
	ID            string                 `json:"id"`
	URL           string                 `json:"url"`
	File          string                 `json:"file"`
	Name          string                 `json:"name"`
	Start         string                 `json:"start"`
	End           string                 `json:"end,omitempty"`
	Ongoing       bool                   `json:"ongoing"`
	DatesNote     string                 `json:"dates_note,omitempty"`
	Summary       string                 `json:"summary,omitempty"`
	Trigger       []jsonClaim            `json:"trigger"`
	OrderedBy     []jsonClaim            `json:"ordered_by"`
	Aftermath     []jsonClaim            `json:"aftermath"`
	Figures       map[string][]jsonTally `json:"figures"`
	TotalsNote    string                 `json:"totals_note,omitempty"`
	Nationalities []jsonNationality      `json:"nationalities"`
	Reached       []jsonReach            `json:"reached"`
	Sources       []jsonSource           `json:"sources"`
	Entries       int                    `json:"entries"`
}

func toJSONCount(c content.Count) jsonCount {
	return jsonCount{Value: c.N, Qualifier: c.Qualifier, Text: c.String()}
}

func toJSONTally(t content.Tally) jsonTally {
	j := jsonTally{jsonCount: toJSONCount(t.Count), Sources: t.Sources, Area: areaNames(t.Scope), Place: t.Place, SaidBy: t.SaidBy, Note: t.Note}
	if j.Sources == nil {
		j.Sources = []int{}
	}
	if t.From != nil {
		j.From = t.From.String()
	}
	if t.Running {
		j.AsOf = t.Until.String()
	} else {
		j.To = t.Until.String()
	}
	return j
}

// areaNames is a scope's area as data: ["nationwide"] or province names.
func areaNames(s content.Scope) []string {
	if s.Nationwide {
		return []string{content.Nationwide}
	}
	return orEmpty(s.Provinces)
}

func toJSONFigures(figs []content.Figure) map[string][]jsonTally {
	m := make(map[string][]jsonTally)
	for _, f := range figs {
		for _, v := range f.Values {
			m[f.Key] = append(m[f.Key], toJSONTally(v))
		}
	}
	return m
}

func toJSONNationalities(ns []content.Nationality) []jsonNationality {
	out := []jsonNationality{}
	for _, n := range ns {
		jn := jsonNationality{Country: n.Country}
		if n.Count != nil {
			c := toJSONCount(*n.Count)
			jn.Count = &c
		}
		out = append(out, jn)
	}
	return out
}

func toJSONSources(set content.Settings, src []content.Source) []jsonSource {
	out := []jsonSource{}
	for _, x := range src {
		js := jsonSource{Title: x.Title, Publisher: x.Publisher, URL: x.URL, Archive: x.Archive,
			ArchiveURL: set.ArchiveLink(x), ArchiveGiven: x.ArchiveGiven()}
		if x.Date != nil {
			js.Date = x.Date.String()
		}
		out = append(out, js)
	}
	return out
}

func toJSONClaims(cs []content.Claim) []jsonClaim {
	out := []jsonClaim{}
	for _, c := range cs {
		out = append(out, jsonClaim{Text: c.Text, Source: c.Source})
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// provinceCodes returns the ISO 3166-2:KH codes of provinces by official
// name, in order; a province the data file gives no code for has "".
func (s *Site) provinceCodes(names []string) []string {
	codes := make([]string, len(names))
	for i, n := range names {
		p, _ := s.Content.Provinces.Lookup(n)
		codes[i] = p.ISO
	}
	return codes
}

func (s *Site) jsonEntry(e *content.Entry) jsonEntry {
	je := jsonEntry{Slug: e.Slug, URL: s.Abs(EntryURL(e)), File: e.Path, Title: e.Title, Date: e.Date.String(),
		DateNote: e.DateNote, Operation: e.Operation, Provinces: orEmpty(e.Provinces), ProvinceCodes: s.provinceCodes(e.Provinces), Nationwide: e.Nationwide,
		Places: orEmpty(e.Places), Kind: e.Kind, Summary: e.Summary, Figures: toJSONFigures(e.Figures),
		Nationalities: toJSONNationalities(e.Nationalities), Sources: toJSONSources(s.Content.Settings, e.Sources), Tags: orEmpty(e.Tags)}
	if len(e.Reached) > 0 {
		je.Reached = toJSONReached(e.Reached)
	}
	if e.EndDate != nil {
		je.EndDate = e.EndDate.String()
	}
	if e.Added != nil {
		je.Added = e.Added.String()
	}
	je.Corrections = []jsonCorrection{}
	for _, c := range e.Corrections {
		je.Corrections = append(je.Corrections, jsonCorrection{Date: c.Date.String(), Text: c.Text, Source: c.Source})
	}
	return je
}

// EntriesJSON returns data/entries.json: every entry with every field.
func (s *Site) EntriesJSON(m *memo.Memo) ([]byte, error) {
	// Each entry is encoded on its own, on every core (see joinJSONList).
	parts, err := m.GetAll(entryKeys("json", s.Content.Entries), func(i int) (string, error) {
		return listElementJSON(s.jsonEntry(s.Content.Entries[i]))
	})
	if err != nil {
		return nil, err
	}
	return joinJSONList(parts), nil
}

// entryKeys names the fragments of this kind of entries, in order.
func entryKeys(kind string, entries []*content.Entry) []memo.Key {
	keys := make([]memo.Key, len(entries))
	for i, e := range entries {
		keys[i] = memo.EntryKey(kind, e)
	}
	return keys
}

// listElementJSON encodes v indented as an element of a list that
// marshalJSON encodes.
func listElementJSON(v any) (string, error) {
	b, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil {
		return "", fmt.Errorf("encode json: %w", err)
	}
	return string(b), nil
}

// joinJSONList returns the list whose elements listElementJSON encoded as
// parts: what marshalJSON gives for the whole list, which lets the parts be
// made on every core or kept in a memo.
func joinJSONList(parts []string) []byte {
	if len(parts) == 0 {
		return []byte("[]\n")
	}
	n := 0
	for _, p := range parts {
		n += len(p) + 4
	}
	out := make([]byte, 0, n+8)
	out = append(out, "[\n  "...)
	for i, p := range parts {
		if i > 0 {
			out = append(out, ",\n  "...)
		}
		out = append(out, p...)
	}
	return append(out, "\n]\n"...)
}

// OperationsJSON returns data/operations.json.
func (s *Site) OperationsJSON() ([]byte, error) {
	out := []jsonOperation{}
	for _, g := range s.OperationGroups {
		jo := jsonOperation{ID: g.ID, URL: s.Abs(g.URL), File: g.Path, Name: g.Name, Start: g.Start.String(),
			Ongoing: g.Ongoing(), DatesNote: g.DatesNote, Reached: toJSONReached(g.Reached), Summary: g.Summary, Trigger: toJSONClaims(g.Trigger), OrderedBy: toJSONClaims(g.OrderedBy),
			Aftermath: toJSONClaims(g.Aftermath), Figures: toJSONFigures(g.Figures), TotalsNote: g.TotalsNote,
			Nationalities: toJSONNationalities(g.Nationalities), Sources: toJSONSources(s.Content.Settings, g.Sources), Entries: len(g.Entries)}
		if g.End != nil {
			jo.End = g.End.String()
		}
		out = append(out, jo)
	}
	return marshalJSON(out)
}

// TalliesCSVColumns are the columns of data/tallies.csv, in order.
var TalliesCSVColumns = []string{
	"operation", "measure", "value", "qualifier", "value_text", "period_start", "period_end", "as_of",
	"area", "place", "said_by", "sources_differ", "note", "source_urls", "source_publishers", "recorded_in", "recorded_as"}

// TalliesCSV returns data/tallies.csv: every reported total as a dated,
// scoped claim, one row per value: the operations' official tallies, then
// the totals that statements and reports among the entries give.
func (s *Site) TalliesCSV() ([]byte, error) {
	rows := [][]string{TalliesCSVColumns}
	add := func(op string, figs []content.Figure, sources []content.Source, page, as string) {
		for _, f := range figs {
			for _, p := range f.Points() {
				for _, v := range p.Values {
					rows = append(rows, s.tallyRow(op, f.Key, v, p.Differs(), sources, page, as))
				}
			}
		}
	}
	for _, g := range s.OperationGroups {
		add(g.ID, g.Figures, g.Sources, s.Abs(g.URL), "operation total")
	}
	for _, e := range s.Content.Entries {
		if content.IsTallyKind(e.Kind) {
			add(e.Operation, e.Figures, e.Sources, s.Abs(EntryURL(e)), e.Kind)
		}
	}
	var out []byte
	for _, r := range rows {
		line, err := csvLine(r)
		if err != nil {
			return nil, err
		}
		out = append(out, line...)
	}
	return out, nil
}

// tallyRow is one row of data/tallies.csv.
func (s *Site) tallyRow(op, key string, v content.Tally, differs bool, sources []content.Source, page, as string) []string {
	var from, to, asOf string
	if v.From != nil {
		from = v.From.String()
	}
	if v.Running {
		asOf = v.Until.String()
	} else {
		to = v.Until.String()
	}
	var urls, publishers []string
	for i, src := range sources {
		if v.Cites(i + 1) {
			urls = append(urls, src.URL)
			publishers = append(publishers, src.Publisher)
		}
	}
	return []string{op, key, fmt.Sprint(v.N), v.Qualifier, v.Count.String(), from, to, asOf,
		strings.Join(areaNames(v.Scope), "; "), v.Place, v.SaidBy, fmt.Sprint(differs), v.Note,
		strings.Join(urls, " "), strings.Join(publishers, "; "), page, as}
}

// EntriesCSV returns data/entries.csv: one row per entry. Lists are joined
// with "; "; a figure that sources disagree on lists each value with its
// source number ("3,075 [1]; 2,137 [2]").
func (s *Site) EntriesCSV(m *memo.Memo) ([]byte, error) {
	head, err := csvLine(EntriesCSVColumns)
	if err != nil {
		return nil, err
	}
	lines, err := m.GetAll(entryKeys("csv", s.Content.Entries), func(i int) (string, error) {
		return csvLine(s.csvRow(s.Content.Entries[i]))
	})
	if err != nil {
		return nil, err
	}
	n := len(head)
	for _, l := range lines {
		n += len(l)
	}
	out := append(make([]byte, 0, n), head...)
	for _, l := range lines {
		out = append(out, l...)
	}
	return out, nil
}

// csvLine encodes one record; a file's lines are its records' lines joined.
// Every cell that a spreadsheet could take for a formula is neutralised.
func csvLine(record []string) (string, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	cells := make([]string, len(record))
	for i, c := range record {
		cells[i] = NeutraliseCell(c)
	}
	if err := w.Write(cells); err != nil {
		return "", err
	}
	w.Flush()
	return buf.String(), w.Error()
}

// csvRow is the row of data/entries.csv for e.
func (s *Site) csvRow(e *content.Entry) []string {
	end := ""
	if e.EndDate != nil {
		end = e.EndDate.String()
	}
	row := []string{e.Slug, s.Abs(EntryURL(e)), e.Title, e.Date.String(), end, e.DateNote, e.Operation,
		strings.Join(e.Provinces, "; "), strings.Join(s.provinceCodes(e.Provinces), "; "), fmt.Sprint(e.Nationwide), strings.Join(e.Places, "; "), e.Kind, e.Summary}
	for _, key := range content.FigureKeys {
		var vals []string
		for _, f := range e.Figures {
			if f.Key != key {
				continue
			}
			for _, v := range f.Values {
				t := v.Count.String()
				for _, n := range v.Sources {
					t += fmt.Sprintf(" [%d]", n)
				}
				vals = append(vals, t)
			}
		}
		row = append(row, strings.Join(vals, "; "))
	}
	var nats, srcs []string
	for _, n := range e.Nationalities {
		t := n.Country
		if n.Count != nil {
			t += ": " + n.Count.String()
		}
		nats = append(nats, t)
	}
	var archives []string
	for _, x := range e.Sources {
		srcs = append(srcs, x.URL)
		archives = append(archives, s.Content.Settings.ArchiveLink(x))
	}
	return append(row, strings.Join(nats, "; "), strings.Join(srcs, " "), strings.Join(archives, " "), strings.Join(e.Tags, "; "))
}

func marshalJSON(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode json: %w", err)
	}
	return append(b, '\n'), nil
}

// NeutraliseCell makes a CSV cell that starts like a spreadsheet formula
// (=, +, -, @, a tab or a carriage return, or their full-width forms) read
// as text, as OWASP recommends against CSV injection: it gets a leading
// apostrophe, which spreadsheets show as "this is text". No number, date
// or address of the data files starts so; only text from content can.
func NeutraliseCell(c string) string {
	r, _ := utf8.DecodeRuneInString(c)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20':
		return "'" + c
	}
	return c
}
