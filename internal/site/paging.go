package site

import "fmt"

// PageSize is how many items one page of a list shows (entries on the
// timeline and on an operation's, province's, tag's or kind's page;
// sources on the sources page), so that no page grows without bound as the
// record does. Page 1 of a list is at its own URL; the rest follow at
// URL + "page/N/".
const PageSize = 250

// Paging is where a page sits in its list.
type Paging struct {
	Part     int    // this page's number, from 1
	Parts    int    // how many pages the list has
	PrevURL  string // the list's page before, or ""
	NextURL  string // the list's page after, or ""
	FirstURL string // page 1 of the list
}

// split returns the pages of a list of n items: a copy of base for each
// PageSize items, with its paging, URL and title set. Pages after the first
// are titled "<title>, page N of M".
func split(base Page, n int) []*Page {
	parts := pages(n)
	url := func(i int) string {
		if i == 1 {
			return base.URL
		}
		return fmt.Sprintf("%spage/%d/", base.URL, i)
	}
	pages := make([]*Page, parts)
	for i := range pages {
		p := base
		p.Paging = Paging{Part: i + 1, Parts: parts, FirstURL: base.URL}
		p.URL = url(i + 1)
		if i > 0 {
			p.PrevURL = url(i)
			p.Title = fmt.Sprintf("%s, page %d of %d", base.Title, i+1, parts)
		}
		if i+1 < parts {
			p.NextURL = url(i + 2)
		}
		pages[i] = &p
	}
	return pages
}

// pages returns how many pages a list of n items takes.
func pages(n int) int { return max(1, (n+PageSize-1)/PageSize) }

// chunk returns the items of list page part (from 1).
func chunk[T any](items []T, part int) []T {
	lo := min((part-1)*PageSize, len(items))
	hi := min(part*PageSize, len(items))
	return append(make([]T, 0, hi-lo), items[lo:hi]...)
}
