package site

import "timeline/internal/content"

// TimelinePage is the timeline's part of one of its pages: the page's
// entries grouped by operation. Where the page sits among the timeline's
// pages is its Paging, like any list's.
type TimelinePage struct {
	Groups []*TimelineGroup // the page's entries, grouped by operation
	Total  int              // entries on this page
}

// TimelineGroup is the run of one operation's entries on a timeline page.
type TimelineGroup struct {
	Operation *OperationGroup
	Entries   []*content.Entry
}

// timelinePage groups one page's entries, in date order, by operation, in
// operation order. A timeline of one page lists every operation, those
// without entries too. An entry without a known operation cannot occur
// (the loader rejects it).
func (s *Site) timelinePage(entries []*content.Entry, parts int) *TimelinePage {
	tp := &TimelinePage{Total: len(entries)}
	groups := make(map[string]*TimelineGroup)
	for _, e := range entries {
		g, ok := groups[e.Operation]
		if !ok {
			g = &TimelineGroup{}
			groups[e.Operation] = g
		}
		g.Entries = append(g.Entries, e)
	}
	for _, og := range s.OperationGroups {
		if g, ok := groups[og.ID]; ok {
			g.Operation = og
			tp.Groups = append(tp.Groups, g)
		} else if parts == 1 {
			tp.Groups = append(tp.Groups, &TimelineGroup{Operation: og})
		}
	}
	return tp
}
