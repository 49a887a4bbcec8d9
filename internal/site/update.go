package site

import (
	"slices"

	"timeline/internal/content"
)

// Update takes in new versions of entries of the site, each replacing the
// entry with the same path, for a preview server that rebuilds after one
// file changed. It works only when no entry moves: the same date,
// operation, provinces, tags, kind and draft state, so that every list and
// page stays as planned. Each old entry is then overwritten in place, so
// that every page and list that holds it shows the new version, and what
// is derived from entries beyond their place (the sources index, the
// comparison, the entry pages' titles) is brought up to date.
//
// It returns the pages that show a changed entry: the only ones that can
// differ from before; and whether the sources index was made again. ok is false, and nothing has changed, when an entry
// moved or is not in the site; plan the site anew with New then.
func (s *Site) Update(fresh []*content.Entry) (affected []*Page, reindexed, ok bool) {
	olds := make([]*content.Entry, len(fresh))
	for i, e := range fresh {
		j := slices.IndexFunc(s.Content.Entries, func(old *content.Entry) bool { return old.Path == e.Path })
		if j < 0 || !samePlace(s.Content.Entries[j], e) {
			return nil, false, false
		}
		olds[i] = s.Content.Entries[j]
	}
	// What is derived from the entries is made again when the part of
	// them it reads changed: the sources index and the comparison.
	reindex := differs(CitedEntries, olds, fresh)
	recompare := differs(ComparedEntries, olds, fresh)
	backup := make([]content.Entry, len(olds))
	for i, e := range fresh {
		backup[i] = *olds[i]
		*olds[i] = *e
	}
	if reindex {
		groups, publishers := s.sourceGroups()
		if pages(len(groups)) != pages(len(s.SourceGroups)) {
			for i, old := range olds { // the sources pages would change in number
				*old = backup[i]
			}
			return nil, false, false
		}
		s.SourceGroups, s.Publishers = groups, publishers
	}
	var comparison *comparisonOnce
	if recompare {
		comparison = &comparisonOnce{site: s}
	}
	for _, p := range s.Pages {
		s.refresh(p, olds, reindex, comparison)
		in := s.Inputs(p)
		for i := range olds {
			if in.Shows(&backup[i], olds[i]) {
				affected = append(affected, p)
				break
			}
		}
	}
	return affected, reindex, true
}

// refresh brings what page p holds of changed entries up to date: an entry
// page's title and description, a sources page's share of the sources
// index, the comparison when it was made again (not nil).
func (s *Site) refresh(p *Page, changed []*content.Entry, reindex bool, comparison *comparisonOnce) {
	if p.Entry != nil && slices.Contains(changed, p.Entry) {
		p.Title, p.Description = p.Entry.Title, p.Entry.Summary
	}
	if p.Sources != nil && reindex {
		p.Sources = chunk(s.SourceGroups, p.Part)
	}
	if p.comparison != nil && comparison != nil {
		p.comparison = comparison
	}
}

// differs reports whether view shows any entry of olds otherwise in its
// fresh version.
func differs(view View, olds, fresh []*content.Entry) bool {
	for i := range olds {
		if string(appendView(nil, view, olds[i])) != string(appendView(nil, view, fresh[i])) {
			return true
		}
	}
	return false
}

// samePlace reports whether a new version of an entry sits in every list,
// group and page where the old one was.
func samePlace(old, e *content.Entry) bool {
	return old.Path == e.Path && old.Slug == e.Slug && old.Date == e.Date &&
		old.Operation == e.Operation && old.Kind == e.Kind && old.Draft == e.Draft &&
		old.Nationwide == e.Nationwide && slices.Equal(old.Provinces, e.Provinces) &&
		slices.Equal(old.Tags, e.Tags)
}
