package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"timeline/internal/content"
	"timeline/internal/memo"
	"timeline/internal/site"
)

// relativeRoot returns the path from an output file's folder back to the
// site root: "" for "index.html", "../../" for "entries/x/index.html".
func relativeRoot(file string) string {
	return strings.Repeat("../", strings.Count(file, "/"))
}

// View is what a template sees as ".": the site, the page, and helpers that
// need to know where the page is.
type View struct {
	Site   *site.Site
	Page   *site.Page
	root   string
	assets Assets
	tmpl   *template.Template
	memo   *memo.Memo
	depth  int // of calls to Cached and Card inside each other
}

// nested returns a copy of v for a template that Cached or Card runs, or
// an error past MaxNesting: a template that includes itself that way would
// otherwise recurse until the stack overflows.
func (v *View) nested() (*View, error) {
	if v.depth >= MaxNesting {
		return nil, fmt.Errorf("Cached and Card are nested more than %d deep; a template may not include itself", MaxNesting)
	}
	inner := *v
	inner.depth++
	return &inner, nil
}

// SearchIndex returns a link to the search index of every entry, which the
// timeline's filters load when the timeline has more than one page.
func (v *View) SearchIndex() string { return v.Link(SearchIndexFile) }

// Cached renders the template name with this view once per build and page
// depth, and gives every later page of that depth the same bytes, like
// Hugo's partialCached. It is for the parts of the layout that thousands of
// pages share (the site's header and footer links), so the template must
// not depend on anything of the page but its depth.
func (v *View) Cached(name string) (template.HTML, error) {
	inner, err := v.nested()
	if err != nil {
		return "", err
	}
	c, err := v.memo.Get(memo.Key{Kind: "part", Name: name, Version: v.root}, func() (string, error) {
		var buf bytes.Buffer
		err := v.tmpl.ExecuteTemplate(&buf, name, inner)
		return buf.String(), err
	})
	return template.HTML(c), err // #nosec: produced by html/template
}

// Asset returns a link to a file of static/ by its name there
// ("style.css"), under its fingerprinted output name.
func (v *View) Asset(name string) (string, error) {
	out, ok := v.assets[name]
	if !ok {
		return "", fmt.Errorf("no file %s/%s", StaticDir, name)
	}
	return v.Link(out), nil
}

// Link returns a link from this page to a site-relative URL.
func (v *View) Link(u string) string {
	if l := v.root + u; l != "" {
		return l
	}
	return "./"
}

// Abs returns the absolute URL of a site-relative URL, for canonical links,
// feeds and link previews.
func (v *View) Abs(u string) string { return v.Site.Abs(u) }

// EntryURL returns the site-relative URL of an entry's page, for use with
// Link (as do OperationURL, ProvinceURL, TagURL and KindURL).
func (v *View) EntryURL(e *content.Entry) string { return site.EntryURL(e) }

// OperationURL returns the URL of the operation with the given id.
func (v *View) OperationURL(id string) string { return site.OperationURL(id) }

// ProvinceURL returns the URL of the province with the given official name.
func (v *View) ProvinceURL(name string) string {
	p, _ := v.Site.Content.Provinces.Lookup(name)
	return site.ProvinceURL(p)
}

// TagURL returns the URL of a tag's page.
func (v *View) TagURL(tag string) string { return site.TagURL(tag) }

// KindURL returns the URL of a kind's page.
func (v *View) KindURL(kind string) string { return site.KindURL(kind) }

// OGType is the Open Graph type of the page.
func (v *View) OGType() string {
	if v.Page.Entry != nil {
		return "article"
	}
	return "website"
}

// Operation returns the operation with the given id.
func (v *View) Operation(id string) *site.OperationGroup {
	for _, g := range v.Site.OperationGroups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// EditURL links to the page's source file in the repository's web editor,
// or returns "" when there is no repository or no single source file.
func (v *View) EditURL() string {
	st := v.Site.Content.Settings
	if st.Repository == "" || v.Page.SourcePath == "" {
		return ""
	}
	return st.Repository + "/edit/" + st.Branch + "/" + v.Page.SourcePath
}

// CorrectionURL opens a new issue about this page in the repository, or
// returns "" when there is no repository.
func (v *View) CorrectionURL() string {
	st := v.Site.Content.Settings
	if st.Repository == "" {
		return ""
	}
	title := "Correction: " + v.Page.Title
	body := "Page: " + v.Abs(v.Page.URL) + "\n\nWhat is wrong, and the source that shows it:\n"
	return st.Repository + "/issues/new?title=" + url.QueryEscape(title) + "&body=" + url.QueryEscape(body)
}
