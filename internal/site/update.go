package site

import (
	"reflect"
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
// differ from before. ok is false, and nothing has changed, when an entry
// moved or is not in the site; plan the site anew with New then.
func (s *Site) Update(fresh []*content.Entry) (affected []*Page, ok bool) {
	olds := make([]*content.Entry, len(fresh))
	for i, e := range fresh {
		j := slices.IndexFunc(s.Content.Entries, func(old *content.Entry) bool { return old.Path == e.Path })
		if j < 0 || !samePlace(s.Content.Entries[j], e) {
			return nil, false
		}
		olds[i] = s.Content.Entries[j]
	}
	retitled, reindex, recompare := false, false, false
	for i, e := range fresh {
		old := olds[i]
		retitled = retitled || old.Title != e.Title
		reindex = reindex || old.Title != e.Title || !reflect.DeepEqual(old.Sources, e.Sources)
		recompare = recompare || !reflect.DeepEqual(old.Figures, e.Figures) || !reflect.DeepEqual(old.EndDate, e.EndDate) ||
			!reflect.DeepEqual(old.Nationalities, e.Nationalities) || !reflect.DeepEqual(old.Reached, e.Reached)
	}
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
			return nil, false
		}
		s.SourceGroups, s.Publishers = groups, publishers
	}
	changed := make(map[*content.Entry]bool, len(olds))
	for _, e := range olds {
		changed[e] = true
	}
	for _, p := range s.Pages {
		switch {
		case p.Entry != nil && changed[p.Entry]:
			p.Title, p.Description = p.Entry.Title, p.Entry.Summary
		case p.Sources != nil:
			if reindex {
				p.Sources = chunk(s.SourceGroups, p.Part)
				affected = append(affected, p)
			}
			continue
		case p.comparing != nil && p.Timeline != nil:
			// The home page's overview: remade with the comparison, and the
			// page shows every entry (see shows). Its marks are named by
			// the entries' titles.
			if recompare || retitled {
				p.comparing = s.comparing()
			}
		case p.comparing != nil:
			// The comparison shows entries by their figures, dates, titles,
			// places, nationalities and statements of reach, and nothing
			// else of them.
			if recompare {
				p.comparing = s.comparing()
			}
			if recompare || retitled {
				affected = append(affected, p)
			}
			continue
		}
		if shows, all := s.shows(p); all || slices.ContainsFunc(shows, func(e *content.Entry) bool { return changed[e] }) {
			affected = append(affected, p)
		}
	}
	return affected, true
}

// samePlace reports whether a new version of an entry sits in every list,
// group and page where the old one was.
func samePlace(old, e *content.Entry) bool {
	return old.Path == e.Path && old.Slug == e.Slug && old.Date == e.Date &&
		old.Operation == e.Operation && old.Kind == e.Kind && old.Draft == e.Draft &&
		old.Nationwide == e.Nationwide && slices.Equal(old.Provinces, e.Provinces) &&
		slices.Equal(old.Tags, e.Tags)
}

// shows returns the entries page p shows, or all when it shows (or counts,
// or cites the sources of) every entry. It follows what Fingerprints hashes.
func (s *Site) shows(p *Page) (entries []*content.Entry, all bool) {
	switch {
	case p.Entry != nil:
		return []*content.Entry{p.Entry, p.Prev, p.Next}, false
	case p.List != nil:
		return p.List, false
	case p.Sources != nil:
		return nil, true
	case p.Free != nil, p.Template == "404.html":
		return nil, false
	case p.Timeline != nil && (p.comparing != nil || p.Parts > 1):
		return nil, true // the overview marks every entry; the search index holds every entry
	case p.Timeline != nil:
		for _, g := range p.Timeline.Groups {
			entries = append(entries, g.Entries...)
		}
		return entries, false
	}
	return nil, true
}
