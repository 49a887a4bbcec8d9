// Package slug makes URL segments from names: a province's page
// (provinces/preah-sihanouk/), a tag's (tags/compound-raid/), the anchor of a
// publisher, and the file name "timeline new" gives an entry from its title.
// A slug is lower-case ASCII letters and digits separated by single hyphens,
// so it is the same on every file system and needs no escaping in a URL.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make turns a name into a URL segment: lower-case ASCII letters and digits
// separated by single hyphens ("Preah Sihanouk" -> "preah-sihanouk",
// "O'Smach" -> "osmach"). It returns "" when nothing usable is left.
func Make(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			// apostrophes and accents vanish without a separator
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

// Shorten cuts a slug to at most max bytes at a word boundary (a hyphen),
// or in the middle of its first word when that alone is longer.
func Shorten(s string, max int) string {
	for len(s) > max {
		i := strings.LastIndexByte(s[:max], '-')
		if i <= 0 {
			s = s[:max]
			break
		}
		s = s[:i]
	}
	return strings.Trim(s, "-")
}
