package content

import (
	"net/url"
	"strings"
)

// WaybackPrefix is where the Internet Archive's Wayback Machine serves a
// saved page: WaybackPrefix + timestamp + "/" + the page's address.
const WaybackPrefix = "https://web.archive.org/web/"

// ArchiveLink returns the address of an archived copy of source s: the
// archive its file gives, or else a Wayback Machine address for the
// capture nearest its date (see [WaybackURL]). An undated source on a
// publisher that has stopped publishing gets the day before it stopped,
// so that the nearest capture is of the article rather than of whatever
// the address showed later. It makes no request: the Wayback address may
// lead to "not archived".
func (set Settings) ArchiveLink(s Source) string {
	if s.Archive != "" {
		return s.Archive
	}
	d := s.Date
	if g := goneHost(set.Gone, s.URL); d == nil && g != nil {
		t := g.Since.Time().AddDate(0, 0, -1)
		d = &Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	}
	return WaybackURL(s.URL, d)
}

// ArchiveGiven reports whether the archived copy was given in the file,
// and so was seen by a person, rather than made up from the address.
func (s Source) ArchiveGiven() bool { return s.Archive != "" }

// WaybackURL returns the Wayback Machine address for page u near date d:
// https://web.archive.org/web/20250717/https://example.org/a. The
// timestamp is as precise as the date (YYYYMMDD, or YYYYMM for a month),
// and the Wayback Machine answers with its capture nearest that time. With
// no date the address has no timestamp, and leads to the newest capture.
// A #fragment is left out: the Wayback Machine never sees it.
func WaybackURL(u string, d *Date) string {
	u, _, _ = strings.Cut(u, "#")
	if d == nil {
		return WaybackPrefix + u
	}
	stamp := strings.ReplaceAll(d.String(), "-", "")
	return WaybackPrefix + stamp + "/" + u
}

// Host returns the host name of address u in lower case, without "www.",
// or "" when u is not an absolute address.
func Host(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
}

// OnHost reports whether address u is on host h or one of its subdomains
// ("test.daily8.com" is on "daily8.com").
func OnHost(u, h string) bool {
	got := Host(u)
	h = strings.TrimPrefix(strings.ToLower(h), "www.")
	return h != "" && (got == h || strings.HasSuffix(got, "."+h))
}
