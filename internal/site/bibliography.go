package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"timeline/internal/content"
	"timeline/internal/slug"
)

// Publisher is one publisher on the sources page: the sources cited from
// it, by date. Copies read on another site ("Reuters (via CNA)") are filed
// under the publisher of the original.
type Publisher struct {
	Name    string                 // as most sources spell it, without "(via …)"
	ID      string                 // anchor on the sources page: "publisher-associated-press"
	Sources []*SourceGroup         // by date (undated last), then title
	Span    string                 // the dates of its sources, for readers (see span)
	Gone    *content.GonePublisher // when it has stopped publishing; nil otherwise
	key     string
}

// span describes the publication dates of sources for readers: "17 July
// 2025", "July 2025 to 16 January 2026", or "" when none is dated.
func span(sources []*SourceGroup) string {
	var first, last *content.Date
	for _, g := range sources {
		if d := g.Date; d != nil {
			if first == nil || d.Before(*first) {
				first = d
			}
			if last == nil || last.Before(*d) {
				last = d
			}
		}
	}
	switch {
	case first == nil:
		return ""
	case *first == *last:
		return first.Display()
	}
	return first.Display() + " to " + last.Display()
}

// PublisherRun is the part of a publisher's sources that one page of the
// sources page shows.
type PublisherRun struct {
	*Publisher
	Sources []*SourceGroup
	Cont    bool // the publisher's list began on an earlier page
}

// Publishers returns the sources of this page of the sources page by
// publisher, in order.
func (p *Page) Publishers() []PublisherRun {
	var runs []PublisherRun
	for i, g := range p.Sources {
		if i == 0 || g.Filed != p.Sources[i-1].Filed {
			runs = append(runs, PublisherRun{Publisher: g.Filed, Cont: i == 0 && g.Filed.Sources[0] != g})
		}
		r := &runs[len(runs)-1]
		r.Sources = append(r.Sources, g)
	}
	return runs
}

// originalPublisher returns the publisher of the original of a copy:
// "Reuters" for "Reuters (via CNA)".
func originalPublisher(name string) string {
	if i := strings.Index(name, " (via "); i > 0 {
		return strings.TrimSpace(name[:i])
	}
	return name
}

// publishers files every source under its publisher and orders the
// sources: by publisher (ignoring case), then date, then title, then URL.
func (s *Site) publishers(sources []*SourceGroup) []*Publisher {
	byKey := make(map[string]*Publisher)
	spellings := make(map[string]map[string]int) // key -> spelling -> sources
	for _, g := range sources {
		name := originalPublisher(g.Publisher)
		k := strings.ToLower(name)
		p, ok := byKey[k]
		if !ok {
			p = &Publisher{key: k}
			byKey[k] = p
			spellings[k] = make(map[string]int)
		}
		spellings[k][name]++
		p.Sources = append(p.Sources, g)
		g.Filed = p
		for i, gone := range s.Content.Settings.Gone {
			if content.OnHost(g.URL, gone.Host) {
				p.Gone = &s.Content.Settings.Gone[i]
			}
		}
	}
	list := make([]*Publisher, 0, len(byKey))
	for k, p := range byKey {
		p.Name = commonest(spellings[k])
		slices.SortFunc(p.Sources, compareSources)
		p.Span = span(p.Sources)
		list = append(list, p)
	}
	slices.SortFunc(list, func(a, b *Publisher) int { return strings.Compare(a.key, b.key) })
	ids := make(map[string]int)
	for _, p := range list {
		id := "publisher-" + slug.Make(p.Name)
		if ids[id]++; ids[id] > 1 {
			id = fmt.Sprintf("%s-%d", id, ids[id])
		}
		p.ID = id
	}
	return list
}

// commonest returns the spelling most sources use; of equals, the first
// in byte order, so that the choice does not depend on map order.
func commonest(spellings map[string]int) string {
	best := ""
	for sp, n := range spellings {
		if best == "" || n > spellings[best] || n == spellings[best] && sp < best {
			best = sp
		}
	}
	return best
}

// compareSources orders sources by date (undated last), title and URL.
func compareSources(a, b *SourceGroup) int {
	switch {
	case a.Date == nil && b.Date != nil:
		return 1
	case a.Date != nil && b.Date == nil:
		return -1
	case a.Date != nil && *a.Date != *b.Date:
		if a.Date.Before(*b.Date) {
			return -1
		}
		return 1
	}
	return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.URL, b.URL))
}
