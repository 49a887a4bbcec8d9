package site

import (
	"fmt"

	"timeline/internal/content"
)

// TimelinePageSize is how many entries one page of the timeline holds. The
// home page is the first page; past this size the timeline continues on
// page/2/, page/3/ and so on, so the home page stays light at any size.
const TimelinePageSize = 250

// TimelinePage is one page of the chronological timeline.
type TimelinePage struct {
	URL     string
	Number  int // from 1
	Count   int // number of timeline pages
	PrevURL string
	NextURL string
	Groups  []*TimelineGroup // the page's entries, grouped by operation
	Total   int              // entries on this page
}

// TimelineGroup is the run of one operation's entries on a timeline page.
type TimelineGroup struct {
	Operation *OperationGroup
	Entries   []*content.Entry
}

// timelineURL returns the URL of timeline page n.
func timelineURL(n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf("page/%d/", n)
}

// timelinePages splits the entries, in date order, into pages. Within a page
// entries are grouped by operation, in operation order; an entry without a
// known operation cannot occur (the loader rejects it).
func (s *Site) timelinePages() []*TimelinePage {
	count := max(1, (len(s.Content.Entries)+TimelinePageSize-1)/TimelinePageSize)
	pages := make([]*TimelinePage, count)
	for i := range pages {
		tp := &TimelinePage{URL: timelineURL(i + 1), Number: i + 1, Count: count}
		if i > 0 {
			tp.PrevURL = timelineURL(i)
		}
		if i+1 < count {
			tp.NextURL = timelineURL(i + 2)
		}
		lo, hi := i*TimelinePageSize, min((i+1)*TimelinePageSize, len(s.Content.Entries))
		groups := make(map[string]*TimelineGroup)
		for _, e := range s.Content.Entries[lo:hi] {
			g, ok := groups[e.Operation]
			if !ok {
				g = &TimelineGroup{}
				groups[e.Operation] = g
			}
			g.Entries = append(g.Entries, e)
			tp.Total++
		}
		for _, og := range s.OperationGroups {
			if g, ok := groups[og.ID]; ok {
				g.Operation = og
				tp.Groups = append(tp.Groups, g)
			} else if count == 1 {
				tp.Groups = append(tp.Groups, &TimelineGroup{Operation: og})
			}
		}
		pages[i] = tp
	}
	return pages
}
