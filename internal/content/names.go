package content

import (
	"path"
	"regexp"
	"strings"

	"timeline/internal/slug"
)

// ReservedSlugs are URL segments the generator uses for its own pages, so a
// free page may not take them.
var ReservedSlugs = []string{"entries", "operations", "provinces", "tags", "kinds", "sources", "static", "data", "compare", "feed", "page", "schema", "404"}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	yearRE = regexp.MustCompile(`^\d{4}$`)
)

// maxSlugLen keeps URLs and file names well inside every file system's limit.
const maxSlugLen = 80

// CheckSlug reports (in ps) a file or folder name, without its extension,
// that cannot be a URL segment, and returns whether it can. p is the file's
// path, for the message.
func CheckSlug(p, name string, ps *Problems) bool { return checkSlug(p, name, ps) }

// checkSlug reports a file name that cannot be a URL segment.
func checkSlug(p, name string, ps *Problems) bool {
	if windowsReserved(name) {
		ps.Add(p, 0, "", "file name %q is a reserved device name on Windows, where the site could not be checked out or built; rename the file", path.Base(p))
		return false
	}
	if slugRE.MatchString(name) && len(name) <= maxSlugLen {
		return true
	}
	hint := slug.Make(name)
	if len(hint) > maxSlugLen {
		hint = strings.TrimRight(hint[:maxSlugLen], "-")
	}
	if hint == "" {
		hint = "kratie-raid"
	}
	ps.Add(p, 0, "", "file name %q must be lower-case letters, digits and hyphens, at most %d characters (it becomes the page's address); rename it to %s.md", path.Base(p), maxSlugLen, hint)
	return false
}

// windowsReserved reports names Windows keeps for devices (con, aux, com1…).
func windowsReserved(slug string) bool {
	switch slug {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(slug) == 4 && (strings.HasPrefix(slug, "com") || strings.HasPrefix(slug, "lpt")) && slug[3] >= '1' && slug[3] <= '9'
}
