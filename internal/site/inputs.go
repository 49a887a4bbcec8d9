package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"

	"timeline/internal/content"
	"timeline/internal/parallel"
)

// Inputs describes what one page is made from besides the layout (the
// templates, static files, settings, operation files and free pages, which
// any page may show). It is the one description from which both questions
// of an incremental build are answered: does this page show this entry
// (Update) and did this page's inputs change (Fingerprints). A template may
// show of a page only what its Inputs name; see the render package for the
// contract.
type Inputs struct {
	// Entries are the entries the page shows whole, in any field; a nil
	// element stands for an absent neighbour (the first entry has no
	// previous one).
	Entries []*content.Entry
	// Every, when not empty, is what the page shows of every entry: the
	// index pages show them whole, the compare page and the home page's
	// overview their compared fields, the sources page their citations.
	Every View
	// Facts are what else the page shows, written out: its title, paging,
	// the size of its list, counts and filter choices of the whole site,
	// the hash of a free page's file.
	Facts []byte
}

// View names a part of every entry that a page shows.
type View string

// The views of every entry (see Inputs.Every).
const (
	WholeEntries    View = "whole"    // every field: the index pages
	ComparedEntries View = "compared" // what the comparison and the overview read
	CitedEntries    View = "cited"    // title and sources: the sources pages
)

// appendView appends to b what view shows of entry e. The file's path is
// always part of it: the file's name is the entry's address, so a renamed
// file keeps its bytes but moves.
func appendView(b []byte, v View, e *content.Entry) []byte {
	b = append(append(b, e.Path...), 0)
	switch v {
	case ComparedEntries:
		// Everything internal/site's comparison, charts, tile maps and
		// overview read of an entry, and the link to it.
		return appendJSON(b, struct {
			Slug, Title, Operation, Kind string
			Date                         content.Date
			EndDate                      *content.Date
			Provinces                    []string
			Nationwide, Draft            bool
			Figures                      []content.Figure
			Nationalities                []content.Nationality
			Reached                      []content.Reach
			Sources                      []content.Source
		}{e.Slug, e.Title, e.Operation, e.Kind, e.Date, e.EndDate, e.Provinces, e.Nationwide, e.Draft,
			e.Figures, e.Nationalities, e.Reached, e.Sources})
	case CitedEntries:
		return appendJSON(b, struct {
			Slug, Title string
			Sources     []content.Source
		}{e.Slug, e.Title, e.Sources})
	}
	return append(append(b, e.Hash...), 0)
}

// appendJSON appends v as JSON: the views hold plain values (strings,
// numbers, slices and pointers to values), which JSON writes out whole.
func appendJSON(b []byte, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil {
		panic("site: a view of an entry does not marshal: " + err.Error()) // plain values always do
	}
	return append(append(b, j...), 0)
}

// Inputs returns what page p is made from.
func (s *Site) Inputs(p *Page) Inputs {
	in := Inputs{Facts: pageFacts(p)}
	switch {
	case p.Entry != nil:
		in.Entries = []*content.Entry{p.Entry, p.Prev, p.Next}
	case p.List != nil:
		in.Entries = p.List
		in.Facts = strconv.AppendInt(in.Facts, int64(groupSize(p)), 10)
	case p.Sources != nil:
		in.Every = CitedEntries
	case p.Free != nil:
		in.Facts = append(in.Facts, p.Free.Hash...)
	case p.Timeline != nil:
		for _, g := range p.Timeline.Groups {
			in.Entries = append(in.Entries, g.Entries...)
		}
		in.Facts = append(in.Facts, s.summary()...)
		if p.comparison != nil {
			in.Every = ComparedEntries // the overview marks every entry
		}
	case p.comparison != nil:
		in.Every = ComparedEntries
	case p.Template == "404.html":
	default:
		in.Every = WholeEntries // the index pages show or count every entry
	}
	return in
}

// pageFacts writes out what every page shows of itself: its template,
// address, title, description and place in its list.
func pageFacts(p *Page) []byte {
	b := make([]byte, 0, 256)
	for _, x := range []string{p.Template, p.URL, p.Title, p.Description, p.SourcePath, p.PrevURL, p.NextURL, p.FirstURL} {
		b = append(append(b, x...), 0)
	}
	b = strconv.AppendInt(append(b, '/'), int64(p.Part), 10)
	return strconv.AppendInt(append(b, '/'), int64(p.Parts), 10)
}

// Plan writes out the plan: every page's template and address, all that
// the files that list the pages (sitemap.xml) show of the site.
func (s *Site) Plan() []byte {
	var b []byte
	for _, p := range s.Pages {
		b = append(append(append(append(b, p.Template...), 0), p.URL...), 0)
	}
	return b
}

// summary writes out what the timeline's pages show of the whole site: the
// number of entries, of each operation's entries, and the choices of its
// filters (the tags, kinds and provinces that have entries).
func (s *Site) summary() []byte {
	b := strconv.AppendInt(nil, int64(len(s.Content.Entries)), 10)
	for _, g := range s.OperationGroups {
		b = append(append(b, ','), g.ID...)
		b = strconv.AppendInt(append(b, '='), int64(len(g.Entries)), 10)
	}
	for _, g := range s.TagGroups {
		b = append(append(append(append(b, 0), g.Slug...), 0), g.Name...)
	}
	for _, g := range s.KindGroups {
		b = append(append(b, 0), g.Name...)
	}
	for _, g := range s.ProvinceGroups {
		if len(g.Entries) > 0 {
			b = append(append(b, 0), g.Slug...)
		}
	}
	return append(b, 0)
}

// Shows reports whether page p shows entry e in its version old (nil for
// a new entry) or fresh: whether an edit from one to the other may change
// the page.
func (in Inputs) Shows(old, fresh *content.Entry) bool {
	for _, x := range in.Entries {
		if x != nil && (x == old || x == fresh || (old != nil && x.Path == old.Path)) {
			return true
		}
	}
	if in.Every == "" {
		return false
	}
	if old == nil || fresh == nil {
		return true
	}
	return string(appendView(nil, in.Every, old)) != string(appendView(nil, in.Every, fresh))
}

// Fingerprints returns, for each page of pages in turn, a hash of its
// Inputs and of layout, a hash of what every page may show. Two builds
// that give a page the same fingerprint render it to the same bytes, so an
// incremental build renders only the pages whose fingerprint changed.
func (s *Site) Fingerprints(layout string, pages []*Page) []string {
	inputs := make([]Inputs, len(pages))
	for i, p := range pages {
		inputs[i] = s.Inputs(p)
	}
	return s.FingerprintsOf(layout, inputs)
}

// FingerprintsOf returns, for each of inputs in turn, a hash of it and of
// layout: what Fingerprints gives a page, for any file of the output
// whose Inputs are known (a data file, say).
func (s *Site) FingerprintsOf(layout string, inputs []Inputs) []string {
	views := make(map[View][]byte)
	for _, in := range inputs {
		if in.Every != "" {
			views[in.Every] = nil
		}
	}
	// A view of every entry is hashed once, however many pages show it.
	for v := range views {
		h := sha256.New()
		var buf []byte
		for _, e := range s.Content.Entries {
			buf = appendView(buf[:0], v, e)
			h.Write(buf)
		}
		views[v] = h.Sum(nil)
	}
	prints := make([]string, len(inputs))
	parallel.For(len(inputs), func(i int) {
		in := inputs[i]
		b := make([]byte, 0, 512+len(in.Facts)+len(in.Entries)*(sha256.Size*2+48))
		b = append(append(b, layout...), 0)
		b = append(append(b, in.Facts...), 0)
		for _, e := range in.Entries {
			if e != nil {
				b = appendView(b, WholeEntries, e)
			}
			b = append(b, 1)
		}
		b = append(append(b, in.Every...), views[in.Every]...)
		sum := sha256.Sum256(b)
		prints[i] = hex.EncodeToString(sum[:])
	})
	return prints
}

// groupSize is the number of entries in the group a list page belongs to.
func groupSize(p *Page) int {
	switch {
	case p.Operation != nil:
		return len(p.Operation.Entries)
	case p.Province != nil:
		return len(p.Province.Entries)
	case p.Tag != nil:
		return len(p.Tag.Entries)
	case p.Kind != nil:
		return len(p.Kind.Entries)
	}
	return 0
}
