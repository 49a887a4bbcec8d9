package content

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong in one content file, phrased for the
// contributor who has to fix it.
type Problem struct {
	Path  string // slash-separated, relative to the site folder
	Line  int    // 1-based line in the file; 0 when no line applies
	Field string // front-matter key, dotted for nested keys ("sources[2].url"); "" for the whole file
	Msg   string // what is wrong and, after "; ", how to fix it

	// Column and Excerpt point at the character to change, for syntax
	// errors: the 1-based column (0 when unknown) and the line as written.
	Column  int
	Excerpt string

	// Warning marks what is allowed but worth a look (an unusual date, a
	// draft's gaps): it is shown, and never stops a build.
	Warning bool
	// gap marks something not filled in yet (a missing field, a
	// placeholder): an error, except in a draft.
	gap bool
}

// String formats the problem as "path:line: field: message", with control
// characters escaped (see Printable): it is printed to terminals.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(printable(p.Path))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(printable(p.Field))
		b.WriteString(": ")
	}
	b.WriteString(printable(p.Msg))
	return b.String()
}

// Caret returns the offending line and, under it, a caret at the column
// (when known), each indented by prefix; "" when the problem has no
// excerpt. Tabs show as "→", so that the caret lines up and a tab can be
// seen; other control characters are escaped (see Printable), and the
// caret moves along with their escapes.
func (p Problem) Caret(prefix string) string {
	if strings.TrimSpace(p.Excerpt) == "" {
		return ""
	}
	line := []rune(strings.ReplaceAll(p.Excerpt, "\t", "→"))
	if p.Column < 1 || p.Column-1 > len(line) {
		return prefix + printable(string(line))
	}
	pad := utf8.RuneCountInString(printable(string(line[:p.Column-1])))
	return prefix + printable(string(line)) + "\n" + prefix + strings.Repeat(" ", pad) + "^"
}

// Problems is every problem found in one run, after go/scanner.ErrorList.
type Problems []Problem

// Add records a problem.
func (ps *Problems) Add(path string, line int, field, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// addGap records something not filled in yet, which a draft may leave
// for later.
func (ps *Problems) addGap(path string, line int, field, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Line: line, Field: field, Msg: fmt.Sprintf(format, args...), gap: true})
}

// Split separates errors from warnings, keeping the order of each.
func (ps Problems) Split() (errs, warnings Problems) {
	for _, p := range ps {
		if p.Warning {
			warnings = append(warnings, p)
		} else {
			errs = append(errs, p)
		}
	}
	return errs, warnings
}

// Sort orders problems by path, then line, then field, then message.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Msg < b.Msg
	})
}

// Err returns the problems as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Error lists every problem, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Quantity writes a count with its noun in the singular or the plural, as
// messages need it: "1 problem", "2 problems".
func Quantity(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// MaxProblemsPerFile is the most problems reported for one file; a file
// with more (a pasted document, a generated list) gets a count of the rest.
const MaxProblemsPerFile = 100

// capPerFile keeps the first MaxProblemsPerFile problems of each file of
// sorted problems and counts the rest in one more problem.
func (ps Problems) capPerFile() Problems {
	var out Problems
	for i := 0; i < len(ps); {
		j := i
		for j < len(ps) && ps[j].Path == ps[i].Path {
			j++
		}
		if j-i <= MaxProblemsPerFile {
			out = append(out, ps[i:j]...)
		} else {
			kept := ps[i : i+MaxProblemsPerFile]
			out = append(out, kept...)
			out.Add(ps[i].Path, kept[len(kept)-1].Line, "", "and %d more problems in this file; fix these first", j-i-MaxProblemsPerFile)
		}
		i = j
	}
	return out
}
