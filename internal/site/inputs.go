package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"

	"timeline/internal/content"
	"timeline/internal/parallel"
)

// Fingerprints returns, for each page of pages in turn, a hash of
// everything the page shows: the content files it is made from (by their
// hashes and paths) and layout, a hash of what every page shows (templates, static
// files, settings, operations, free pages). Two builds that give a page the
// same fingerprint render it to the same bytes, so an incremental build
// renders only the pages whose fingerprint changed.
func (s *Site) Fingerprints(layout string, pages []*Page) []string {
	// Indexes and the compare page show every entry: hash them once.
	all := make([]byte, 0, len(s.Content.Entries)*(sha256.Size*2+48))
	for _, e := range s.Content.Entries {
		all = appendEntry(all, e)
	}
	every := sha256.Sum256(all)
	prints := make([]string, len(pages))
	parallel.For(len(pages), func(i int) { prints[i] = s.fingerprint(pages[i], layout, every[:]) })
	return prints
}

// fingerprint hashes the inputs of p; every is the hash of all entries.
func (s *Site) fingerprint(p *Page, layout string, every []byte) string {
	// The inputs are gathered in one buffer and hashed once: at 10,000
	// entries every page is fingerprinted on every rebuild.
	n := len(p.List)
	if p.Timeline != nil {
		n += p.Timeline.Total
	}
	b := make([]byte, 0, 512+n*sha256.Size*2)
	str := func(ss ...string) {
		for _, x := range ss {
			b = append(append(b, x...), 0)
		}
	}
	entries := func(es []*content.Entry) {
		for _, e := range es {
			b = appendEntry(b, e)
		}
	}
	str(layout, p.Template, p.URL)
	switch {
	case p.Entry != nil:
		entries([]*content.Entry{p.Entry})
		for _, e := range []*content.Entry{p.Prev, p.Next} {
			if e != nil {
				b = appendEntry(b, e)
			}
			b = append(b, 0)
		}
	case p.List != nil:
		// A page of a list: its entries, and the list's length, which it shows.
		b = fmt.Appendf(b, "%d/%d/%d\x00", len(p.List), p.Parts, groupSize(p))
		entries(p.List)
	case p.Sources != nil:
		// The sources page shows each source and who cites it: hash that.
		for _, g := range p.Sources {
			x := g.Source
			date := ""
			if x.Date != nil {
				date = x.Date.String()
			}
			str(x.Title, x.Publisher, x.URL, date, x.Archive)
			// The publisher's heading counts and dates all its sources,
			// some of which may be on other pages.
			if f := g.Filed; f != nil {
				gone := ""
				if f.Gone != nil {
					gone = f.Gone.Publisher + f.Gone.Since.String()
				}
				str(f.Name, f.ID, strconv.Itoa(len(f.Sources)), f.Span, gone)
			}
			for _, c := range g.CitedBy {
				str(c.Title, c.URL)
			}
			b = append(b, 1)
		}
	case p.Free != nil:
		b = append(b, p.Free.Hash...)
	case p.Timeline != nil:
		b = s.counts(b)
		for _, g := range p.Timeline.Groups {
			entries(g.Entries)
		}
		if p.comparing != nil || p.Parts > 1 {
			// The first page's overview marks every entry; a timeline of
			// several pages links to the search index of every entry.
			b = append(b, every...)
		}
	case p.Template == "404.html":
	default:
		// Indexes and the compare page show every entry.
		b = append(b, every...)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// appendEntry appends what identifies an entry's version: the hash of its
// bytes and its path, since the file's name is its address (a renamed
// file keeps its bytes but moves).
func appendEntry(b []byte, e *content.Entry) []byte {
	return append(append(append(b, e.Hash...), 0), e.Path...)
}

// counts appends the entry counts that the timeline pages show.
func (s *Site) counts(b []byte) []byte {
	b = strconv.AppendInt(b, int64(len(s.Content.Entries)), 10)
	for _, g := range s.OperationGroups {
		b = append(append(b, ','), g.ID...)
		b = strconv.AppendInt(append(b, '='), int64(len(g.Entries)), 10)
	}
	return append(b, 0)
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
