package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits that keep the cost of a build proportional to its input. A real
// contributor never meets them; a file made to exhaust the build does, and
// gets a message instead. CONTRIBUTING.md and the README list them.
const (
	// MaxDepth is how deeply front matter may nest lists and sets of fields
	// (an entry needs four levels: figures, a figure, its values, a value).
	MaxDepth = 20
	// MaxTags is the largest number of tags on one entry: each tag is a
	// page that lists the entry, with all its tags, so output grows with
	// the square of the count.
	MaxTags = 100
	// MaxTagLength is the longest tag, in characters.
	MaxTagLength = 64
	// MaxTreeSize is the largest total size, in bytes, of the files under
	// content/: about 140,000 entries of the usual size (50,000 synthetic
	// entries of the benchmarks take 185 MB), far beyond any real record,
	// but a bound on what one pull request can make a build read.
	MaxTreeSize = 512 << 20
)

// allowedYAMLTags are the YAML types front matter may use. Others
// (!!binary, !!set, !!merge, or a custom tag such as !include) would pass
// as plain text or mean something the checks do not see.
var allowedYAMLTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!timestamp": true, "!!map": true, "!!seq": true,
}

// checkTree walks a parsed front matter (or data file) and reports nesting
// deeper than MaxDepth, YAML tags other than the plain types, and text that
// holds invisible direction controls. It returns false when the tree is too
// deep to be read at all.
func checkTree(doc *document, n *yaml.Node, ps *Problems) bool {
	d := &decoder{doc: doc, ps: ps}
	return d.walkTree(n, "", 1)
}

func (d *decoder) walkTree(n *yaml.Node, name string, depth int) bool {
	if depth > MaxDepth {
		d.errorf(n, name, "nests deeper than %d levels of lists and fields; no field needs more than a few, so check the brackets and the indentation", MaxDepth)
		return false
	}
	if n.Tag != "" && !allowedYAMLTags[n.Tag] && (n.Style&yaml.TaggedStyle != 0 || n.Tag == "!!binary" || n.Tag == "!!merge") {
		d.errorf(n, name, "YAML tag %s is not supported; remove it and write the value as plain text", printable(n.Tag))
	}
	if n.Kind == yaml.ScalarNode {
		if r, ok := directionControl(n.Value); ok {
			d.errorf(n, name, "holds the invisible direction control U+%04X, which can make text read in a different order than it is stored; remove it (right-to-left text needs none)", r)
		}
		return true
	}
	ok := true
	for i, c := range n.Content {
		child := name
		if n.Kind == yaml.MappingNode && i%2 == 1 {
			child = joinName(name, n.Content[i-1].Value)
		} else if n.Kind == yaml.SequenceNode {
			child = fmt.Sprintf("%s[%d]", name, i+1)
		}
		if !d.walkTree(c, child, depth+1) {
			ok = false
			break
		}
	}
	return ok
}

func joinName(prefix, key string) string {
	if len(key) > 64 {
		key = key[:64] + "…"
	}
	key = printable(key)
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// directionControl returns the first bidirectional override, embedding or
// isolate control in s: characters that reorder the text around them
// ("Trojan Source"), which no title or name needs. The marks (U+200E,
// U+200F, U+061C), which right-to-left text may use, are allowed.
func directionControl(s string) (rune, bool) {
	for _, r := range s {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return r, true
		}
	}
	return 0, false
}

// tomlNesting returns how deeply the arrays and inline tables of TOML text
// nest, and the line (1-based) where that depth is first passed beyond
// limit, or 0. It reads strings and comments as TOML does, so that brackets
// inside them do not count, and it runs before the decoder, whose cost
// grows faster than the nesting.
func tomlNesting(b []byte, limit int) (line int) {
	depth, ln, dots := 0, 1, 0 // dots: of the dotted keys on this line
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\n':
			ln++
			dots = 0
		case '.':
			// a.b.c = 1 and [a.b.c] nest as deep as brackets; the dots of
			// numbers and times have digits on both sides.
			if i == 0 || i+1 == len(b) || !isDigit(b[i-1]) || !isDigit(b[i+1]) {
				dots++
				if depth+dots > limit {
					return ln
				}
			}
		case '#':
			for i+1 < len(b) && b[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			end, lines := tomlStringEnd(b, i)
			ln += lines
			i = end
		case '[', '{':
			depth++
			if depth+dots > limit {
				return ln
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// tomlStringEnd returns the offset of the last byte of the TOML string that
// starts at b[i], and the number of line breaks inside it.
func tomlStringEnd(b []byte, i int) (end, lines int) {
	q := b[i]
	if i+2 < len(b) && b[i+1] == q && b[i+2] == q { // multi-line
		closing := []byte{q, q, q}
		for j := i + 3; j < len(b); j++ {
			if q == '"' && b[j] == '\\' {
				if j+1 < len(b) && b[j+1] == '\n' {
					lines++
				}
				j++
				continue
			}
			if b[j] == '\n' {
				lines++
			}
			if bytes.HasPrefix(b[j:], closing) {
				return j + 2, lines
			}
		}
		return len(b) - 1, lines
	}
	for j := i + 1; j < len(b); j++ {
		switch {
		case q == '"' && b[j] == '\\':
			j++
		case b[j] == '\n':
			return j - 1, 0 // unclosed: the decoder reports it
		case b[j] == q:
			return j, 0
		}
	}
	return len(b) - 1, 0
}

// tomlTooDeep reports whether a decoded TOML value nests deeper than limit
// (dotted keys and table headers nest without brackets).
func tomlTooDeep(v any, limit int) bool {
	if limit < 0 {
		return true
	}
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			if tomlTooDeep(e, limit-1) {
				return true
			}
		}
	case []map[string]any:
		for _, e := range v {
			if tomlTooDeep(e, limit-1) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if tomlTooDeep(e, limit-1) {
				return true
			}
		}
	}
	return false
}

// errTooDeep is the decoder error for TOML that nests beyond MaxDepth.
type errTooDeep struct{ line int }

func (e errTooDeep) Error() string {
	return fmt.Sprintf("front matter nests deeper than %d levels of lists and tables; no field needs more than a few, so check the brackets", MaxDepth)
}

// tree is what checkTreeSize learnt of the content folder: the
// information of each regular file, by path, so that the entries' listing
// need not ask for it again.
type tree map[string]fs.FileInfo

// checkTreeSize reports a content folder whose files add up to more than
// MaxTreeSize. It returns false when the content should not be read.
func checkTreeSize(fsys fs.FS, ps *Problems) (tree, bool) {
	seen := make(tree)
	var total int64
	var biggest string
	var biggestSize int64
	err := fs.WalkDir(fsys, Dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return nil // the loader reports what it cannot read
		}
		info, err := de.Info()
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		seen[p] = info
		total += info.Size()
		if info.Size() > biggestSize {
			biggest, biggestSize = p, info.Size()
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return seen, true
	}
	if total <= MaxTreeSize {
		return seen, true
	}
	ps.Add(Dir, 0, "", "the files under %s/ add up to %d bytes, over the %d-byte (%d MiB) limit; the largest is %s (%d bytes): remove what is not text of the site", Dir, total, MaxTreeSize, MaxTreeSize>>20, biggest, biggestSize)
	return nil, false
}

// printable escapes the control characters and direction controls of s
// (as \x1b, \u202e), so that text from content cannot rewrite a terminal
// or an annotation it is printed to.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if isUnprintable(r) {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && isUnprintable(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isUnprintable(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Printable escapes control characters and direction controls in text that
// comes from content and is printed to a terminal or a CI annotation.
func Printable(s string) string { return printable(s) }

// PrintableLines is Printable for a message of several lines: it keeps
// the line breaks.
func PrintableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = printable(l)
	}
	return strings.Join(lines, "\n")
}

func isUnprintable(r rune) bool {
	if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
		return true
	}
	_, bidi := directionControl(string(r))
	return bidi || r == 0x200E || r == 0x200F || r == 0x061C || r == 0x2028 || r == 0x2029 || r == 0xFEFF
}
