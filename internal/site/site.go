// Package site turns the content model into the list of pages to produce:
// each page's URL, template and data, and the indexes the pages need (entries
// by operation, province and tag, and the bibliography). It decides URLs and
// nothing else about presentation.
//
// # URLs
//
// Every URL here is relative to the site root and ends in "/" for a page
// ("entries/kratie-raid/") or names a file ("feed.xml"). Templates turn them
// into links relative to the page being rendered, so the site works under any
// base path (https://example.github.io/timeline/) and from a folder on disk.
package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"timeline/internal/content"
	"timeline/internal/geo"
	"timeline/internal/slug"
)

// Site is the content model with the indexes pages are built from.
type Site struct {
	Content         *content.Site     // the content as loaded; the site never changes it
	BaseURL         string            // absolute, ends in "/": "https://example.github.io/timeline/"
	BasePath        string            // path part of BaseURL: "/timeline/"
	OperationGroups []*OperationGroup // one per operation, in operation order
	ProvinceGroups  []*ProvinceGroup  // all 25, in the order of the data file
	TagGroups       []*TagGroup       // by slug
	KindGroups      []*KindGroup      // in the order of content.Kinds, only kinds with entries
	SourceGroups    []*SourceGroup    // every distinct source, by publisher then date
	Publishers      []*Publisher      // the publishers of SourceGroups, by name
	Pages           []*Page           // every page to render, in a stable order
}

// Settings returns the site-wide settings: for templates, as .Site.Settings.
func (s *Site) Settings() content.Settings { return s.Content.Settings }

// Entries returns every entry, by date: for templates, as .Site.Entries.
func (s *Site) Entries() []*content.Entry { return s.Content.Entries }

// FreePages returns the free pages ("about"), by slug: for templates, as
// .Site.FreePages.
func (s *Site) FreePages() []*content.Page { return s.Content.Pages }

// OperationGroup is an operation with its entries.
type OperationGroup struct {
	*content.Operation
	URL     string
	Entries []*content.Entry // by date
}

// ProvinceGroup is a province with its entries.
type ProvinceGroup struct {
	geo.Province
	URL     string
	Entries []*content.Entry // by date
}

// TagGroup is a tag with its entries.
type TagGroup struct {
	Name    string // as first written
	Slug    string
	URL     string
	Entries []*content.Entry
}

// KindGroup is a kind of event with its entries.
type KindGroup struct {
	Name    string // "raid"
	URL     string
	Entries []*content.Entry
}

// SourceGroup is one source document and the pages that cite it.
type SourceGroup struct {
	content.Source
	CitedBy []Citer
	Filed   *Publisher // the publisher it is filed under on the sources page
}

// Citer is a page that cites a source.
type Citer struct {
	Title string
	URL   string
}

// Page is one HTML page of output.
type Page struct {
	URL         string // site-relative URL: "entries/kratie-raid/" ("" for the home page)
	File        string // output file: "entries/kratie-raid/index.html"
	Template    string // template file name: "entry.html"
	Title       string // <title> and <h1>
	Description string // meta description and link previews
	SourcePath  string // content file it comes from, for "edit this page"; "" for generated lists

	Entry       *content.Entry  // entry pages
	Operation   *OperationGroup // operation pages
	Province    *ProvinceGroup  // province pages
	Tag         *TagGroup       // tag pages
	Kind        *KindGroup      // kind pages
	Timeline    *TimelinePage   // home page and its continuation pages
	comparison  *comparisonOnce // the compare page and the home page: their comparison, made on first use (see Comparison)
	Free        *content.Page   // free pages such as "about"
	ProvinceMap *TileMap        // the provinces page: every entry on one map
	Prev        *content.Entry  // entry pages: the entry before, by date
	Next        *content.Entry  // entry pages: the entry after, by date

	List    []*content.Entry // list pages: the entries on this page
	Sources []*SourceGroup   // the sources page: the sources on this page
	Paging                   // where this page sits in its list (see split)
}

// EntryURL returns the URL of an entry's page.
func EntryURL(e *content.Entry) string { return "entries/" + e.Slug + "/" }

// OperationURL returns the URL of an operation's page.
func OperationURL(id string) string { return "operations/" + id + "/" }

// ProvinceURL returns the URL of a province's page.
func ProvinceURL(p geo.Province) string { return "provinces/" + p.Slug + "/" }

// KindURL returns the URL of a kind's page.
func KindURL(kind string) string { return "kinds/" + kind + "/" }

// TagURL returns the URL of a tag's page.
func TagURL(tag string) string { return "tags/" + slug.Make(tag) + "/" }

// New indexes the content and plans its pages. baseURL overrides the
// settings' base URL when not empty.
func New(c *content.Site, baseURL string) (*Site, error) {
	if baseURL == "" {
		baseURL = c.Settings.BaseURL
	}
	u, err := content.ParseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	s := &Site{Content: c, BaseURL: u.String(), BasePath: u.Path}
	s.index()
	s.plan()
	if err := s.checkCollisions(); err != nil {
		return nil, err
	}
	return s, nil
}

// checkCollisions refuses two pages that would write the same file, naming
// the content files they come from.
func (s *Site) checkCollisions() error {
	seen := make(map[string]*Page)
	for _, p := range s.Pages {
		if q, dup := seen[p.File]; dup {
			from := func(p *Page) string {
				if p.SourcePath != "" {
					return p.SourcePath
				}
				return "the generated " + strings.TrimSuffix(p.Template, ".html") + " page"
			}
			return fmt.Errorf("%s and %s would both write %s; rename one of them", from(q), from(p), p.File)
		}
		seen[p.File] = p
	}
	return nil
}

func (s *Site) index() {
	ops := make(map[string]*OperationGroup)
	for _, o := range s.Content.Operations {
		g := &OperationGroup{Operation: o, URL: OperationURL(o.ID)}
		ops[o.ID] = g
		s.OperationGroups = append(s.OperationGroups, g)
	}
	provs := make(map[string]*ProvinceGroup)
	for _, p := range s.Content.Provinces.Provinces() {
		g := &ProvinceGroup{Province: p, URL: ProvinceURL(p)}
		provs[p.Name] = g
		s.ProvinceGroups = append(s.ProvinceGroups, g)
	}
	tags := make(map[string]*TagGroup)
	for _, e := range s.Content.Entries {
		if g := ops[e.Operation]; g != nil {
			g.Entries = append(g.Entries, e)
		}
		for _, p := range e.Provinces {
			provs[p].Entries = append(provs[p].Entries, e)
		}
		for _, t := range e.Tags {
			key := slug.Make(t)
			g, ok := tags[key]
			if !ok {
				g = &TagGroup{Name: t, Slug: key, URL: TagURL(t)}
				tags[key] = g
			}
			if n := len(g.Entries); n == 0 || g.Entries[n-1] != e {
				g.Entries = append(g.Entries, e)
			}
		}
	}
	kinds := make(map[string]*KindGroup)
	for _, e := range s.Content.Entries {
		if e.Kind == "" {
			continue
		}
		g, ok := kinds[e.Kind]
		if !ok {
			g = &KindGroup{Name: e.Kind, URL: KindURL(e.Kind)}
			kinds[e.Kind] = g
		}
		g.Entries = append(g.Entries, e)
	}
	for _, k := range content.Kinds {
		if g, ok := kinds[k]; ok {
			s.KindGroups = append(s.KindGroups, g)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		s.TagGroups = append(s.TagGroups, tags[k])
	}
	s.SourceGroups, s.Publishers = s.sourceGroups()
}

// sourceGroups gathers every distinct source (by URL) of the operations
// and entries with the pages that cite it, and files them by publisher
// (see publishers): the order of the sources page.
func (s *Site) sourceGroups() ([]*SourceGroup, []*Publisher) {
	sources := make(map[string]*SourceGroup)
	cite := func(src []content.Source, title, u string) {
		for _, x := range src {
			g, ok := sources[x.URL]
			if !ok {
				g = &SourceGroup{Source: x}
				sources[x.URL] = g
			}
			if g.Archive == "" && x.Archive != "" {
				g.Archive = x.Archive // a copy another file gives
			}
			g.CitedBy = append(g.CitedBy, Citer{Title: title, URL: u})
		}
	}
	for _, o := range s.Content.Operations {
		cite(o.Sources, o.Name, OperationURL(o.ID))
	}
	for _, e := range s.Content.Entries {
		cite(e.Sources, e.Title, EntryURL(e))
	}
	list := make([]*SourceGroup, 0, len(sources))
	for _, g := range sources {
		list = append(list, g)
	}
	publishers := s.publishers(list)
	groups := list[:0]
	for _, p := range publishers {
		groups = append(groups, p.Sources...)
	}
	return groups, publishers
}

func (s *Site) plan() {
	// The home page's overview shows the compare page's headline figures:
	// both pages share one comparison, made once.
	comparison := &comparisonOnce{site: s}
	for _, p := range split(Page{Template: "home.html", Title: "Timeline", Description: s.Content.Settings.Description}, len(s.Content.Entries)) {
		p.Timeline = s.timelinePage(chunk(s.Content.Entries, p.Part), p.Parts)
		if p.Part == 1 {
			p.Title, p.comparison = s.Content.Settings.Title, comparison
		}
		s.add(p)
	}
	s.add(&Page{URL: "compare/", Template: "compare.html", Title: "Compare the crackdowns", Description: "Every operation side by side: dates, who ordered it, the reported totals, where it reached and what followed, each with its source.", comparison: comparison})
	for i, e := range s.Content.Entries {
		p := &Page{URL: EntryURL(e), Template: "entry.html", Title: e.Title, Description: e.Summary, SourcePath: e.Path, Entry: e}
		if i > 0 {
			p.Prev = s.Content.Entries[i-1]
		}
		if i+1 < len(s.Content.Entries) {
			p.Next = s.Content.Entries[i+1]
		}
		s.add(p)
	}
	s.planGroups()
	for _, p := range split(Page{URL: "sources/", Template: "sources.html", Title: "Sources", Description: "Every source cited on this site, and the pages that cite it."}, len(s.SourceGroups)) {
		p.Sources = chunk(s.SourceGroups, p.Part)
		s.add(p)
	}
	for _, fp := range s.Content.Pages {
		s.add(&Page{URL: fp.Slug + "/", Template: "page.html", Title: fp.Title, Description: fp.Description, SourcePath: fp.Path, Free: fp})
	}
	s.add(&Page{URL: "corrections/", Template: "corrections.html", Title: "Corrections", Description: "Every change made to a published entry, newest first, with what changed and the source that shows it."})
	s.add(&Page{URL: "404.html", File: "404.html", Template: "404.html", Title: "Page not found"})
}

// planGroups plans the index of operations, provinces, tags and kinds, each
// followed by the pages of its groups.
func (s *Site) planGroups() {
	s.add(&Page{URL: "operations/", Template: "operations.html", Title: "Operations", Description: "Every crackdown in this record, with its dates and reported totals."})
	for _, g := range s.OperationGroups {
		s.addList(Page{URL: g.URL, Template: "operation.html", Title: g.Name, Description: g.Summary, SourcePath: g.Path, Operation: g}, g.Entries)
	}
	s.add(&Page{URL: "provinces/", Template: "provinces.html", Title: "Provinces", Description: "Cambodia's 25 provinces and the events recorded in each.", ProvinceMap: s.ProvinceMap()})
	for _, g := range s.ProvinceGroups {
		s.addList(Page{URL: g.URL, Template: "province.html", Title: g.Name, Description: fmt.Sprintf("Events recorded in %s.", g.Name), Province: g}, g.Entries)
	}
	s.add(&Page{URL: "tags/", Template: "tags.html", Title: "Tags", Description: "Entries grouped by tag."})
	for _, g := range s.TagGroups {
		s.addList(Page{URL: g.URL, Template: "tag.html", Title: "Tag: " + g.Name, Description: fmt.Sprintf("Entries tagged %q.", g.Name), Tag: g}, g.Entries)
	}
	s.add(&Page{URL: "kinds/", Template: "kinds.html", Title: "Kinds of event", Description: "Entries grouped by kind: raids, arrests, deportations, orders and more."})
	for _, g := range s.KindGroups {
		s.addList(Page{URL: g.URL, Template: "kind.html", Title: "Kind: " + g.Name, Description: fmt.Sprintf("Entries of kind %q.", g.Name), Kind: g}, g.Entries)
	}
}

// add plans page p; a page at a folder URL is written as its index.html.
func (s *Site) add(p *Page) {
	if p.File == "" {
		p.File = p.URL + "index.html"
	}
	s.Pages = append(s.Pages, p)
}

// addList plans the pages of a list of entries (see split).
func (s *Site) addList(base Page, entries []*content.Entry) {
	for _, p := range split(base, len(entries)) {
		p.List = chunk(entries, p.Part)
		s.add(p)
	}
}
