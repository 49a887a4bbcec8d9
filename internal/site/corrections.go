package site

import (
	"fmt"
	"slices"

	"timeline/internal/content"
)

// CorrectionItem is one correction of a published entry, with the entry.
type CorrectionItem struct {
	content.Correction
	Entry *content.Entry
	N     int // the correction's number within its entry, from 1 for the oldest
}

// Anchor is the id of the correction on its entry's page.
func (c CorrectionItem) Anchor() string { return fmt.Sprintf("correction-%d", c.N) }

// Corrections returns every correction of every entry, newest first; on the
// same day, by the entry's place in the timeline.
func (s *Site) Corrections() []CorrectionItem {
	var out []CorrectionItem
	for _, e := range s.Content.Entries {
		for i, c := range e.Corrections {
			out = append(out, CorrectionItem{Correction: c, Entry: e, N: len(e.Corrections) - i})
		}
	}
	slices.SortStableFunc(out, func(a, b CorrectionItem) int { return b.Date.Time().Compare(a.Date.Time()) })
	return out
}

// CorrectionsAtom returns the Atom feed of corrections, newest first: one
// item per correction, linked to it on its entry's page. Its dates come
// from the corrections, so the same content gives the same feed.
func (s *Site) CorrectionsAtom() ([]byte, error) {
	f := atomFeed{
		Title:    s.Content.Settings.Title + ": corrections",
		Subtitle: "Every change made to a published entry, newest first.",
		ID:       s.Abs("corrections/"),
		Links: []atomLink{
			{Href: s.Abs("corrections.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: s.Abs("corrections/"), Rel: "alternate", Type: "text/html"},
		},
		Updated: "2000-01-01T00:00:00Z",
		Author:  s.Content.Settings.Title,
	}
	for _, c := range s.Corrections() {
		u := s.Abs(EntryURL(c.Entry)) + "#" + c.Anchor()
		f.Entries = append(f.Entries, atomEntry{
			Title: "Correction: " + c.Entry.Title, ID: u, Link: atomLink{Href: u}, Updated: atomTime(c.Date), Summary: c.Text,
		})
	}
	if len(f.Entries) > 0 {
		f.Updated = f.Entries[0].Updated
	}
	return marshalXML(f)
}
