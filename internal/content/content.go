// Package content reads a timeline site's content folder, checks every rule
// a contributor can break, and returns the model the rest of the generator
// renders: site settings, the province list, operations, entries and pages.
//
// It knows nothing of HTML. Every problem it finds, in every file, comes back
// at once as [Problems], each with the file, the line of the offending field
// and a hint on how to fix it.
//
// # Layout
//
//	content/site.yaml                   site settings
//	content/provinces.yaml              the 25 provinces, aliases, tile-map grid
//	content/operations/<id>.md          one crackdown each ("2025")
//	content/entries/YYYY/<slug>.md      one event each
//	content/pages/<slug>.md             free pages such as "about"
//
// Front matter is YAML between "---" lines or TOML between "+++" lines. The
// full field reference, with examples, is CONTRIBUTING.md; the rules are
// enforced in entry.go and operation.go.
package content

import (
	"fmt"
	"html/template"
	"time"

	"timeline/internal/geo"
)

// Site is everything under content/, validated and normalised.
type Site struct {
	Settings   Settings
	Provinces  *geo.Gazetteer
	Operations []*Operation // by start date
	Entries    []*Entry     // by date, then slug; drafts left out unless asked for
	Pages      []*Page      // by slug
}

// Settings are the site-wide values from content/site.yaml.
type Settings struct {
	Title       string // site name, in <title> and the header
	Description string // one sentence, for search engines and link previews
	BaseURL     string // absolute URL of the published site, ending in "/"
	Language    string // BCP 47 tag for <html lang>, "en" by default
	Repository  string // https URL of the source repository, for "edit this page"; may be empty
	Branch      string // branch that "edit this page" links to, "main" by default
}

// Entry is one event on the timeline.
type Entry struct {
	Path          string         // "content/entries/2025/kratie-raid.md"
	Slug          string         // "kratie-raid", unique across all years
	Title         string         //
	Date          Date           // when it happened (day or month precision)
	EndDate       *Date          // last day, for events over several days
	DateNote      string         // why the date is uncertain, shown beside it
	Operation     string         // id of the operation it belongs to
	OutsideDates  string         // why an entry dated outside its operation's dates belongs to it
	Provinces     []string       // official names, in the order written
	Nationwide    bool           // the event concerns the whole country
	Places        []string       // towns, districts, compounds: free text
	Kind          string         // one of Kinds, or ""
	Figures       []Figure       // in the order of FigureKeys
	Nationalities []Nationality  // as written
	Sources       []Source       // numbered from 1 on the page
	Tags          []string       // as written
	Summary       string         // one line for lists and link previews
	Draft         bool           // left out of the build unless drafts are asked for
	BodyLine      int            // line of the file where the Markdown body starts
	HTML          template.HTML  // the body, rendered in the site's Markdown dialect
	Hash          string         // of the file's bytes: changes whenever the file does
	Lines         map[string]int // line of each top-level field and of each figure ("figures.arrested")
}

// Operation is one crackdown: a campaign with a start, an end (or none yet)
// and the totals officials reported for it.
type Operation struct {
	Path          string
	ID            string        // file name without ".md": "2025"
	Name          string        // "2025 nationwide crackdown"
	Start         Date          //
	End           *Date         // nil while ongoing
	Summary       string        // one line
	Trigger       []Claim       // what set it off
	OrderedBy     []Claim       // who ordered it
	Aftermath     []Claim       // what followed
	Figures       []Figure      // officially reported totals
	TotalsNote    string        // what is and is not known about the totals
	Nationalities []Nationality // officially reported breakdown
	Sources       []Source
	BodyLine      int
	HTML          template.HTML // the body, rendered
	Hash          string
}

// Ongoing reports whether the operation has no end date.
func (o *Operation) Ongoing() bool { return o.End == nil }

// Page is a free-standing page such as "about".
type Page struct {
	Path        string
	Slug        string // URL segment: "about"
	Title       string
	Description string
	BodyLine    int
	HTML        template.HTML // the body, rendered
	Hash        string
}

// Source is a published document that supports an entry's or operation's
// claims.
type Source struct {
	Title     string
	Publisher string
	URL       string // http or https
	Date      *Date  // publication date, when known
	Archive   string // archived copy (http or https), when there is one
}

// Claim is a short statement with the number of the source that supports it.
type Claim struct {
	Text   string
	Source int // 1-based index into Sources
}

// Figure is one count, such as arrests, with the value each source gives.
// Sources that disagree give several values.
type Figure struct {
	Key    string         // one of FigureKeys
	Values []SourcedCount // at least one
}

// Label returns the figure's name for readers ("Devices seized").
func (f Figure) Label() string { return FigureLabels[f.Key] }

// SourcedCount is a count and, optionally, the source that gives it.
type SourcedCount struct {
	Count
	Source int // 1-based index into Sources; 0 when all the sources support it
}

// Nationality is a country and, when the sources give one, a count.
type Nationality struct {
	Country string
	Count   *Count
}

// Date is a calendar date known to the day or only to the month.
type Date struct {
	Year, Month, Day int // Day is 0 when only the month is known
}

// String formats the date as YYYY-MM-DD or YYYY-MM.
func (d Date) String() string {
	if d.Day == 0 {
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Display formats the date for readers: "15 July 2025" or "July 2025".
func (d Date) Display() string {
	m := time.Month(d.Month).String()
	if d.Day == 0 {
		return fmt.Sprintf("%s %d", m, d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, m, d.Year)
}

// Time returns the first moment of the date in UTC (the first of the month
// for month precision).
func (d Date) Time() time.Time {
	day := max(d.Day, 1)
	return time.Date(d.Year, time.Month(d.Month), day, 0, 0, 0, 0, time.UTC)
}

// Before reports whether d starts before e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }
