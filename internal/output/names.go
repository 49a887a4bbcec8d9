package output

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// CheckName reports whether name is a path that stays inside the output
// folder on every system: relative, clean, slash-separated, no "..", no
// backslashes or NUL bytes, and no reserved names.
func CheckName(name string) error {
	bad := func(why string) error { return fmt.Errorf("output path %q: %s", name, why) }
	switch {
	case name == "" || !fs.ValidPath(name) || name == ".":
		return bad("not a clean relative path")
	case path.Clean(name) != name:
		return bad("not a clean path")
	case strings.ContainsAny(name, "\\\x00:"):
		return bad("contains a backslash, colon or NUL byte")
	}
	for _, part := range strings.Split(name, "/") {
		if part == Marker || isReserved(part) {
			return bad("uses a reserved name")
		}
	}
	return nil
}

// isReserved reports names that Windows cannot create, so that a site that
// builds here also checks out and builds there.
func isReserved(part string) bool {
	stem, _, _ := strings.Cut(strings.ToUpper(part), ".")
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '1' && stem[3] <= '9' {
		return true
	}
	return false
}
