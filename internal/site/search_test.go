package site

import (
	"testing"

	"timeline/internal/memo"
)

// The search index is joined from rows encoded one by one (and kept in a
// memo across builds): it must be what encoding the whole index at once
// gives, with or without a memo, and for a site without entries.
func TestSearchIndexIsTheWholeEncoded(t *testing.T) {
	for _, n := range []int{0, 1, 3} {
		s, _ := updateSite(t, max(n, 1), 0)
		s.Content.Entries = s.Content.Entries[:n]
		if n > 0 {
			s.Content.Entries[0].Title = `Raid <at> "A&B"`
		}
		idx := searchIndex{Fields: SearchFields, Entries: [][]string{}}
		for _, e := range s.Content.Entries {
			idx.Entries = append(idx.Entries, searchRow(e))
		}
		want, err := marshalJSON(idx)
		if err != nil {
			t.Fatal(err)
		}
		m := memo.New()
		for _, fragments := range []*memo.Memo{nil, m, m} {
			got, err := s.SearchIndex(fragments)
			if err != nil || string(got) != string(want) {
				t.Errorf("%d entries: got\n%s\nwant\n%s (%v)", n, got, want, err)
			}
		}
	}
}
