package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"

	"timeline/internal/content"
)

// Fingerprint returns a hash of everything page p shows: the content files
// it is made from (by their hashes) and layout, a hash of what every page
// shows (templates, static files, settings, operations, free pages). Two
// builds that give a page the same fingerprint render it to the same
// bytes, so an incremental build renders only the pages whose fingerprint
// changed.
func (s *Site) Fingerprint(p *Page, layout string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", layout, p.Template, p.URL)
	entries := func(es []*content.Entry) {
		for _, e := range es {
			h.Write([]byte(e.Hash))
		}
	}
	switch {
	case p.Entry != nil:
		entries([]*content.Entry{p.Entry})
		for _, e := range []*content.Entry{p.Prev, p.Next} {
			if e != nil {
				h.Write([]byte(e.Hash))
			}
			h.Write([]byte{0})
		}
	case p.List != nil:
		// A page of a list: its entries, and the list's length, which it shows.
		fmt.Fprintf(h, "%d/%d/%d\x00", len(p.List), p.Parts, groupSize(p))
		entries(p.List)
	case p.Sources != nil:
		// The sources page shows each source and who cites it: hash that.
		for _, g := range p.Sources {
			x := g.Source
			fmt.Fprintf(h, "%s\x00%s\x00%s\x00%v\x00%s\x00", x.Title, x.Publisher, x.URL, x.Date, x.Archive)
			for _, c := range g.CitedBy {
				fmt.Fprintf(h, "%s\x00%s\x00", c.Title, c.URL)
			}
			h.Write([]byte{1})
		}
	case p.Free != nil:
		h.Write([]byte(p.Free.Hash))
	case p.Timeline != nil:
		s.counts(h)
		for _, g := range p.Timeline.Groups {
			entries(g.Entries)
		}
	case p.Template == "404.html":
	default:
		// Indexes and the compare page show every entry.
		entries(s.Entries)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// counts writes the entry counts that the timeline pages show.
func (s *Site) counts(h hash.Hash) {
	fmt.Fprintf(h, "%d", len(s.Entries))
	for _, g := range s.OperationGroups {
		fmt.Fprintf(h, ",%s=%d", g.ID, len(g.Entries))
	}
	h.Write([]byte{0})
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
