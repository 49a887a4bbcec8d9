// Package linkcheck finds broken links inside a built site: every href and
// src of every HTML page that points into the site must name a file that
// exists, and every #fragment an id on the target page. Problems reports
// each broken link in the content file (or the templates) it comes from,
// on the line it is written on, as "timeline check" prints it.
package linkcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Broken is one link that leads nowhere.
type Broken struct {
	Page string // output file holding the link: "entries/x/index.html"
	Link string // the href or src as written
	Why  string
}

func (b Broken) String() string { return fmt.Sprintf("%s: link %q: %s", b.Page, b.Link, b.Why) }

// page is what the checker knows of one HTML file.
type page struct {
	links []string
	ids   map[string]bool
}

// Check reads every HTML file in site (the output folder) and returns the
// broken internal links, sorted. basePath is the path the site is served
// under ("/timeline/"), for links written from the site root. Links to other
// hosts are not followed.
func Check(site fs.FS, basePath string) ([]Broken, int, error) {
	pages := make(map[string]*page)
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		pages[p] = parse(data)
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("read site: %w", err)
	}
	var broken []Broken
	for name, pg := range pages {
		for _, link := range pg.links {
			if why := resolve(site, pages, name, link, basePath); why != "" {
				broken = append(broken, Broken{Page: name, Link: link, Why: why})
			}
		}
	}
	sort.Slice(broken, func(i, j int) bool {
		if broken[i].Page != broken[j].Page {
			return broken[i].Page < broken[j].Page
		}
		return broken[i].Link < broken[j].Link
	})
	return broken, len(pages), nil
}

// resolve returns why link on page from is broken, or "".
func resolve(site fs.FS, pages map[string]*page, from, link, basePath string) string {
	u, err := url.Parse(link)
	if err != nil {
		return "not a valid URL"
	}
	if u.Scheme != "" || u.Host != "" {
		return "" // another site
	}
	target := from
	if u.Path != "" {
		var p string
		if strings.HasPrefix(u.Path, "/") {
			rel, ok := strings.CutPrefix(u.Path, basePath)
			if !ok {
				return fmt.Sprintf("leaves the site's base path %s", basePath)
			}
			p = rel
		} else {
			p = path.Join(path.Dir(from), u.Path)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		}
		p = strings.TrimPrefix(p, "./")
		if p == "" || p == "." || strings.HasSuffix(p, "/") {
			p = path.Join(p, "index.html")
		}
		if strings.HasPrefix(p, "../") || p == ".." {
			return "points above the site root"
		}
		info, err := fs.Stat(site, p)
		if err != nil {
			return "no such file in the output"
		}
		if info.IsDir() {
			if _, err := fs.Stat(site, path.Join(p, "index.html")); err != nil {
				return "folder without index.html"
			}
			p = path.Join(p, "index.html")
		}
		target = p
	}
	if u.Fragment != "" {
		tp, ok := pages[target]
		if !ok {
			return "" // fragment into a non-HTML file
		}
		if !tp.ids[u.Fragment] {
			return fmt.Sprintf("no element with id %q on %s", u.Fragment, target)
		}
	}
	return ""
}

// parse collects the links and ids of an HTML page.
func parse(data []byte) *page {
	pg := &page{ids: make(map[string]bool)}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return pg
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "id":
				pg.ids[string(v)] = true
			case "href", "src":
				if tag == "link" || tag == "a" || tag == "img" || tag == "script" || tag == "source" || tag == "area" {
					pg.links = append(pg.links, string(v))
				}
			}
		}
	}
}
