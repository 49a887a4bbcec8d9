package content

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
)

// lintSources warns about sources whose evidence may not last or is not
// the article itself:
//
//   - a source on a publisher that site.yaml lists under gone_publishers,
//     with no archive: its address no longer leads to the article.
//   - an address that is an image, a search or a tag listing rather than
//     the article: the listing changes, the image has no text.
//   - an address on a host site.yaml lists under mirrors (sites that copy
//     other publishers' articles), with no archive: copies come and go.
func lintSources(set Settings, file string, sources []Source, ws *Problems) {
	for i, s := range sources {
		field := fmt.Sprintf("sources[%d].url", i+1)
		if s.URL == "" {
			continue
		}
		if g := goneHost(set.Gone, s.URL); g != nil && s.Archive == "" {
			ws.Add(file, s.Line, field, "%s (%s) stopped publishing on %s and this source has no archive; look for a saved copy at %s and add its address as archive: (CONTRIBUTING.md, \"Archived copies\")",
				g.Publisher, g.Host, g.Since.Display(), set.ArchiveLink(s))
		}
		if why := notTheArticle(s.URL); why != "" {
			ws.Add(file, s.Line, field, "%s points at %s, not at the article; cite the article's own address (keep \"(via …)\" in publisher if a copy is what you read)", s.URL, why)
		}
		if m := mirrorHost(set.Mirrors, s.URL); m != "" && s.Archive == "" {
			hint := "name the original publisher with \"(via " + m + ")\" in publisher and "
			if strings.Contains(s.Publisher, "(via ") {
				hint = ""
			}
			ws.Add(file, s.Line, field, "%s copies other publishers' articles and its copies come and go; cite the original article if you can find it, or %sadd an archive: of this copy (CONTRIBUTING.md, \"Archived copies\")",
				m, hint)
		}
	}
}

func goneHost(gone []GonePublisher, u string) *GonePublisher {
	for i := range gone {
		if OnHost(u, gone[i].Host) {
			return &gone[i]
		}
	}
	return nil
}

func mirrorHost(mirrors []string, u string) string {
	for _, m := range mirrors {
		if OnHost(u, m) {
			return m
		}
	}
	return ""
}

// imageExts are the endings of addresses that serve a picture.
var imageExts = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}

// listingSegments are path segments of tag, category and search pages.
var listingSegments = map[string]string{
	"tag": "a tag listing", "tags": "a tag listing", "hashtag": "a tag listing",
	"category": "a category listing", "topic": "a topic listing", "topics": "a topic listing",
	"search": "a search page",
}

// listing says what a path is when it is a listing: a listing segment
// followed by at most a name and a page number ("/tag/x/", "/search",
// "/category/justice/page/10/"). An article filed under a category
// ("/category/world/2026/01/23/title") is not one.
func listing(p string) string {
	segs := strings.FieldsFunc(p, func(r rune) bool { return r == '/' })
	if n := len(segs); n >= 2 && segs[n-2] == "page" {
		segs = segs[:n-2]
	}
	for i, seg := range segs {
		if why, ok := listingSegments[seg]; ok && len(segs)-i <= 2 {
			return why
		}
	}
	return ""
}

// searchParams are query parameters that carry a search.
var searchParams = []string{"q", "s", "query", "search", "keyword", "keywords"}

// notTheArticle says what u points at when that is an image, a listing or
// a search rather than an article, or returns "".
func notTheArticle(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	lower := strings.ToLower(p.Path)
	if strings.Contains(lower, "/@@images/") || slices.Contains(imageExts, path.Ext(lower)) {
		return "an image"
	}
	if why := listing(lower); why != "" {
		return why
	}
	q := p.Query()
	for _, k := range searchParams {
		if q.Has(k) {
			return "a search page"
		}
	}
	return ""
}
