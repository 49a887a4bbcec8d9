package linkcheck

import (
	"io/fs"
	"strings"

	"timeline/internal/content"
)

// Origin says where the pages of a built site come from, so that a broken
// link can be reported where a contributor can fix it.
type Origin struct {
	Site      fs.FS             // the site folder, to find the line a link is written on
	Sources   map[string]string // output file -> content file it is made from ("entries/x/index.html" -> "content/entries/2025/x.md")
	Templates string            // where the links of generated pages come from: "templates"
}

// Problems checks the built site out, served under basePath, and returns
// each broken link as a problem of the content file its page comes from,
// on the line the link is written on (field "body"), or of o.Templates for
// the pages that no content file makes.
func Problems(out fs.FS, basePath string, o Origin) (content.Problems, error) {
	broken, _, err := Check(out, basePath)
	if err != nil {
		return nil, err
	}
	var ps content.Problems
	for _, b := range broken {
		file, field := o.Sources[b.Page], "body"
		if file == "" {
			file, field = o.Templates, ""
		}
		ps.Add(file, lineOf(o.Site, file, b.Link), field, "link %q on page /%s leads nowhere (%s); fix or remove it", b.Link, strings.TrimSuffix(b.Page, "index.html"), b.Why)
	}
	ps.Sort()
	return ps, nil
}

// lineOf returns the line of the file p of site where link is written, or
// 0 when it is not found there as written (a template's link).
func lineOf(site fs.FS, p, link string) int {
	data, err := fs.ReadFile(site, p)
	if err != nil {
		return 0
	}
	for _, l := range []string{"(" + link + ")", "(<" + link + ">)", "]: " + link, link} {
		if i := strings.Index(string(data), l); i >= 0 {
			return strings.Count(string(data[:i]), "\n") + 1
		}
	}
	return 0
}
