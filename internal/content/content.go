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
	"slices"
	"strings"
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
	Warnings   Problems     // found while loading (a draft's gaps): shown, never stopping a build; see Lint
}

// OperationIDs returns the ids of the operations, by start date.
func (s *Site) OperationIDs() []string {
	ids := make([]string, 0, len(s.Operations))
	for _, o := range s.Operations {
		ids = append(ids, o.ID)
	}
	return ids
}

// Settings are the site-wide values from content/site.yaml.
type Settings struct {
	Title       string          // site name, in <title> and the header
	Description string          // one sentence, for search engines and link previews
	BaseURL     string          // absolute URL of the published site, ending in "/"
	Language    string          // BCP 47 tag for <html lang>, "en" by default
	Repository  string          // https URL of the source repository, for "edit this page"; may be empty
	Branch      string          // branch that "edit this page" links to, "main" by default
	Gone        []GonePublisher // publishers whose sites are offline: their sources need an archive
	Mirrors     []string        // hosts that copy other publishers' articles ("daily8.com")
}

// GonePublisher is a publisher that has stopped publishing, so that a
// source on its site can only be checked, in the long run, through an
// archived copy.
type GonePublisher struct {
	Host      string  // "vodenglish.news"; its subdomains too
	Publisher string  // name for readers: "VOD English"
	Since     Date    // when it stopped
	Source    *Source // the published report that says so, when given
	Line      int     // in content/site.yaml
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
	Reached       []Reach        // provinces a statement names as reached by the operation
	Sources       []Source       // numbered from 1 on the page
	Tags          []string       // as written
	Summary       string         // one line for lists and link previews
	Draft         bool           // left out of the build unless drafts are asked for
	Reviewed      []Review       // warnings a person checked and acknowledged
	Added         *Date          // the day the entry was added to this record, when given
	Corrections   []Correction   // newest first
	BodyLine      int            // line of the file where the Markdown body starts
	Hash          string         // of the file's bytes: changes whenever the file does
	Lines         map[string]int // line of each top-level field and of each figure ("figures.arrested")
	body          body           // the body, rendered in the site's Markdown dialect: see HTML
}

// Correction is a change made to a published entry: when, what changed,
// and the source that shows it, if any.
type Correction struct {
	Date   Date
	Text   string
	Source int // 1-based index into the entry's sources; 0 when none
}

// LastUpdated returns the day of the entry's newest correction or, failing
// that, the day it was added; nil when the file gives neither.
func (e *Entry) LastUpdated() *Date {
	if len(e.Corrections) > 0 {
		return &e.Corrections[0].Date
	}
	return e.Added
}

// Operation is one crackdown: a campaign with a start, an end (or none yet)
// and the totals officials reported for it.
type Operation struct {
	Path          string
	ID            string        // file name without ".md": "2025"
	Name          string        // "2025 nationwide crackdown"
	Start         Date          //
	End           *Date         // nil while ongoing
	DatesNote     string        // why the record dates the operation so
	Summary       string        // one line
	Trigger       []Claim       // what set it off
	OrderedBy     []Claim       // who ordered it
	Aftermath     []Claim       // what followed
	Figures       []Figure      // officially reported totals, each dated and scoped
	TotalsNote    string        // what is and is not known about the totals
	Nationalities []Nationality // officially reported breakdown
	Reached       []Reach       // provinces officials named as reached
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
	Line      int    // of the source's url in its file, for warnings
}

// Claim is a short statement with the number of the source that supports it.
type Claim struct {
	Text   string
	Source int // 1-based index into Sources
}

// Figure is one measure, such as arrests, with every value reported for it.
// Several values may be one claim from several sources, sources that
// disagree about the same period and area, or a series of running totals
// over time: see Points.
type Figure struct {
	Key    string  // one of FigureKeys
	Values []Tally // at least one, in the order written
}

// Label returns the figure's name for readers ("Devices seized").
func (f Figure) Label() string { return FigureLabels[f.Key] }

// Tally is one reported value of a figure: a dated, scoped claim. It says
// what it counts (its figure), over which period and area (its Scope), who
// said it and which sources give it.
type Tally struct {
	Count
	Sources []int  // 1-based indexes into the file's sources; empty when every source supports it
	Scope          // the period and area it covers
	SaidBy  string // who gave the figure: an official, a body, an outlet; "" when not stated
	Note    string // what a reader needs to know: why a series drops, why parts exceed it
	Line    int    // of the value in its file, for problems
}

// Cites reports whether the value names source n (1-based), or rests on
// every source of its file.
func (t Tally) Cites(n int) bool {
	return len(t.Sources) == 0 || slices.Contains(t.Sources, n)
}

// Scope is what a reported value covers: a period and an area.
type Scope struct {
	From       *Date    // first day counted; nil when the source does not say
	Until      Date     // last day counted: the cut-off of a running total or the end of a period
	Running    bool     // a total "so far", up to Until ("as of"), rather than a closed period
	Nationwide bool     // the whole country
	Provinces  []string // official names, when not nationwide
	Place      string   // narrower than the provinces, as the source gives it; may be empty
	Stated     bool     // written in the file, not taken from the entry's own dates and provinces
}

// Area describes the area for readers: "nationwide", "Preah Sihanouk
// (five sites in Sihanoukville)".
func (s Scope) Area() string {
	a := "nationwide"
	if !s.Nationwide {
		a = strings.Join(s.Provinces, ", ")
	}
	if s.Place != "" {
		a += " (" + s.Place + ")"
	}
	return a
}

// Period describes the period for readers: "since 27 June 2025, as of
// 14 October 2025" (a running total), "as of 14 October 2025", "1 January
// 2025 to 30 June 2025", "16 July 2025", "up to 30 June 2025".
func (s Scope) Period() string {
	switch {
	case s.Running && s.From != nil:
		return "since " + s.From.Display() + ", as of " + s.Until.Display()
	case s.Running:
		return "as of " + s.Until.Display()
	case s.From != nil && *s.From != s.Until:
		return s.From.Display() + " to " + s.Until.Display()
	case s.From != nil:
		return s.Until.Display()
	}
	return "up to " + s.Until.Display()
}

// Start is the first day the scope counts, or its cut-off when the source
// does not say when counting began.
func (s Scope) Start() Date {
	if s.From != nil {
		return *s.From
	}
	return s.Until
}

// Same reports whether two scopes cover the same period and area.
func (s Scope) Same(o Scope) bool {
	return s.sameStart(o) && s.Until == o.Until && s.Running == o.Running && s.sameArea(o)
}

// SameSeries reports whether two running totals count the same thing over
// time: the same area, and the same start, or a start that one of them
// does not give.
func (s Scope) SameSeries(o Scope) bool {
	return s.Running && o.Running && s.sameArea(o) && (s.From == nil || o.From == nil || *s.From == *o.From)
}

func (s Scope) sameStart(o Scope) bool {
	return (s.From == nil) == (o.From == nil) && (s.From == nil || *s.From == *o.From)
}

func (s Scope) sameArea(o Scope) bool {
	return s.Nationwide == o.Nationwide && s.Place == o.Place && slices.Equal(slices.Sorted(slices.Values(s.Provinces)), slices.Sorted(slices.Values(o.Provinces)))
}

// Review acknowledges a warning about one field of an entry: someone
// checked it against the sources, and says what they found.
type Review struct {
	Field  string // "figures.foreigners", "date": the field the warning is about
	Reason string // what the sources give, for readers and the next reviewer
	Line   int    // in its file, for problems
}

// Label names the reviewed field for readers: "Foreigners", "Date".
func (r Review) Label() string {
	if key, ok := strings.CutPrefix(r.Field, "figures."); ok {
		if l := FigureLabels[key]; l != "" {
			return l
		}
	}
	return strings.ToUpper(r.Field[:1]) + strings.ReplaceAll(r.Field[1:], "_", " ")
}

// Reach is a sourced statement that names provinces an operation reached.
type Reach struct {
	Provinces []string // official names
	AsOf      Date     // the day the statement speaks for
	SaidBy    string   // who named them
	Source    int      // 1-based index into the file's sources
	Line      int      // in its file, for problems
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
func (d Date) Before(e Date) bool { return d.ordinal() < e.ordinal() }

// ordinal orders dates as Time does, without making one: a date known to
// the month starts on its first day.
func (d Date) ordinal() int { return (d.Year*13+d.Month)*32 + max(d.Day, 1) }

// Precedes reports whether d is before e at the precision of the coarser
// of the two, so that "2025-07" neither precedes nor follows "2025-07-14".
func (d Date) Precedes(e Date) bool {
	if d.Day == 0 || e.Day == 0 {
		return d.Year*12+d.Month < e.Year*12+e.Month
	}
	return d.Before(e)
}
