package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest content file accepted, in bytes. An entry is a
// page of prose and a list of sources; anything near this size is a mistake
// (a pasted PDF, a binary) and would slow every build.
const MaxFileSize = 1 << 20

// document is a content file split into its front matter, as a YAML node
// tree whose line numbers are relative to the front matter block, and its
// Markdown body.
type document struct {
	path     string
	hash     string     // hex SHA-256 of the file as read
	root     *yaml.Node // a mapping node, never nil
	offset   int        // add to a node's Line to get the line in the file
	openLine int        // line of the opening delimiter
	body     []byte
	bodyLine int // line of the file where body starts
}

// line returns the file line of node n.
func (d *document) line(n *yaml.Node) int {
	if n == nil || n.Line == 0 {
		return d.openLine
	}
	return n.Line + d.offset
}

// splitDocument checks that data is a readable text file with front matter
// and splits it. It records every problem in ps and returns nil when the file
// cannot be read as a content file at all.
func splitDocument(path string, data []byte, ps *Problems) *document {
	data, hash, ok := cleanText(path, data, ps)
	if !ok {
		return nil
	}
	openLine, opener := firstNonBlankLine(data)
	if opener != "---" && opener != "+++" {
		ps.Add(path, openLine, "", "missing front matter; the file must start with a line \"---\", the fields, and another \"---\"")
		return nil
	}
	d := &document{path: path, hash: hash, offset: openLine, openLine: openLine}
	root, rest, ok := parseFrontMatter(path, data, openLine, opener, ps)
	if !ok {
		return nil
	}
	d.body = rest
	d.bodyLine = bytes.Count(data[:len(data)-len(rest)], []byte("\n")) + 1

	node := root
	if node.Kind == yaml.DocumentNode && len(node.Content) > 0 {
		node = node.Content[0]
	}
	switch node.Kind {
	case 0, yaml.DocumentNode: // empty front matter
		node = &yaml.Node{Kind: yaml.MappingNode}
	case yaml.MappingNode:
	default:
		ps.Add(path, d.line(node), "", "front matter must be a list of \"field: value\" lines")
		return nil
	}
	d.root = node
	if !checkTree(d, node, ps) {
		return nil
	}
	return d
}

// cleanText checks that data is text this package can read, and returns
// it without a byte-order mark and with LF line endings, and the hash of
// the file as it was.
func cleanText(path string, data []byte, ps *Problems) (clean []byte, hash string, ok bool) {
	if len(data) > MaxFileSize {
		ps.Add(path, 0, "", "file is %d bytes, over the %d-byte limit; keep entries to text and link to large documents instead", len(data), MaxFileSize)
		return nil, "", false
	}
	if !utf8.Valid(data) {
		ps.Add(path, firstInvalidUTF8Line(data), "", "file is not valid UTF-8; save it with UTF-8 encoding")
		return nil, "", false
	}
	sum := sha256.Sum256(data)
	hash = hex.EncodeToString(sum[:])
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if len(bytes.TrimSpace(data)) == 0 {
		ps.Add(path, 0, "", "file is empty; start from the template in CONTRIBUTING.md")
		return nil, "", false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		ps.Add(path, lineAt(data, i), "", "file contains a NUL byte; save it as plain UTF-8 text")
		return nil, "", false
	}
	// YAML reads a carriage return alone as a line break, editors and this
	// package do not all agree, and lines must be counted one way.
	if i := bytes.IndexByte(data, '\r'); i >= 0 {
		ps.Add(path, lineAt(data, i), "", "line holds a carriage return without a line feed (an old Mac line ending); save the file with LF or CRLF line endings")
		return nil, "", false
	}
	return data, hash, true
}

// parseFrontMatter parses the YAML (---) or TOML (+++) front matter that
// opens data on line openLine, and returns its node tree and the body
// after it.
func parseFrontMatter(path string, data []byte, openLine int, opener string, ps *Problems) (*yaml.Node, []byte, bool) {
	var (
		called bool
		root   yaml.Node
		text   []byte // the front matter block, as the decoder got it
	)
	yamlFormat := frontmatter.NewFormat("---", "---", func(b []byte, _ any) error {
		called, text = true, b
		return unmarshalYAML(b, &root)
	})
	tomlFormat := frontmatter.NewFormat("+++", "+++", func(b []byte, _ any) error {
		called, text = true, b
		if line := tomlNesting(b, MaxDepth); line > 0 {
			return errTooDeep{line: line}
		}
		n, err := tomlToNode(b)
		if n != nil {
			root = *n
		}
		return err
	})
	rest, err := frontmatter.Parse(bytes.NewReader(data), nil, yamlFormat, tomlFormat)
	if err != nil {
		p := diagnoseSyntax(text, openLine+1, err)
		if p.line == 0 {
			p.line = openLine
		}
		*ps = append(*ps, Problem{Path: path, Line: p.line, Column: p.col, Msg: p.msg, Excerpt: p.excerpt})
		return nil, nil, false
	}
	if !called {
		ps.Add(path, openLine, "", "front matter opened with %q is never closed; add a line %q after the last field", opener, opener)
		return nil, nil, false
	}
	return &root, rest, true
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// unmarshalYAML decodes b into a node tree. Some of the YAML decoder's
// syntax errors carry no line; for those, the line is the shortest prefix of
// b, in whole lines, that fails the same way (found by bisection, since
// once the decoder meets the error every longer prefix meets it too).
func unmarshalYAML(b []byte, root *yaml.Node) error {
	err := yaml.Unmarshal(b, root)
	if err == nil || yamlLineRE.MatchString(err.Error()) {
		return err
	}
	ends := lineEnds(b)
	failsSame := func(i int) bool {
		var n yaml.Node
		e := yaml.Unmarshal(b[:ends[i]], &n)
		return e != nil && e.Error() == err.Error()
	}
	lo, hi := 0, len(ends)-1 // failsSame(hi) holds: it is all of b
	for lo < hi {
		mid := (lo + hi) / 2
		if failsSame(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return fmt.Errorf("yaml: line %d: %s", hi+1, strings.TrimPrefix(err.Error(), "yaml: "))
}

// lineEnds returns the offset just past each line of b.
func lineEnds(b []byte) []int {
	var ends []int
	for i, c := range b {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(b) {
		ends = append(ends, len(b))
	}
	return ends
}

func firstNonBlankLine(data []byte) (line int, text string) {
	line = 1
	for len(data) > 0 {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		if t := strings.TrimSpace(string(l)); t != "" {
			return line, t
		}
		data = rest
		line++
	}
	return line, ""
}

func firstInvalidUTF8Line(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return lineAt(data, i)
		}
		i += size
	}
	return 0
}

// lineAt returns the 1-based line holding byte offset i of data.
func lineAt(data []byte, i int) int {
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// tomlToNode decodes TOML front matter into the same node tree the YAML
// decoder gives, so that one set of field rules serves both formats. TOML's
// decoder keeps no key positions, so lines are found by scanning the text.
func tomlToNode(b []byte) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(b), &m); err != nil {
		return nil, err
	}
	if tomlTooDeep(m, MaxDepth) {
		return nil, errTooDeep{line: 1}
	}
	lines := tomlKeyLines(b)
	return tomlValueNode(m, "", lines, 1), nil
}

// tomlMappingNode converts a TOML table, its keys in the file's order.
func tomlMappingNode(v map[string]any, path string, lines map[string]int, line int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Line: line}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	// Keep the file's order so errors come out in reading order.
	sort.Slice(keys, func(i, j int) bool {
		li, lj := lines[joinPath(path, keys[i])], lines[joinPath(path, keys[j])]
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		p := joinPath(path, k)
		kl := line
		if l, ok := lines[p]; ok {
			kl = l
		}
		n.Content = append(n.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: kl},
			tomlValueNode(v[k], p, lines, kl))
	}
	return n
}

// tomlValueNode converts a decoded TOML value at path (dotted keys and
// indexes) to a node, on its line in the file or else its parent's.
func tomlValueNode(v any, path string, lines map[string]int, parentLine int) *yaml.Node {
	line := parentLine
	if l, ok := lines[path]; ok {
		line = l
	}
	switch v := v.(type) {
	case map[string]any:
		return tomlMappingNode(v, path, lines, line)
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Line: line}
		for i, e := range v {
			n.Content = append(n.Content, tomlValueNode(e, fmt.Sprintf("%s.%d", path, i), lines, line))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Line: line}
		for i, e := range v {
			n.Content = append(n.Content, tomlValueNode(e, fmt.Sprintf("%s.%d", path, i), lines, line))
		}
		return n
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: line}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v, 10), Line: line}
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v, 'g', -1, 64), Line: line}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v), Line: line}
	case time.Time:
		s := v.Format("2006-01-02T15:04:05")
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			s = v.Format("2006-01-02") // a TOML local date
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s, Line: line}
	default:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v), Line: line}
	}
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// tomlKeyLines maps each key path ("title", "figures.arrested",
// "sources.0", "sources.0.url") to the line where it first appears.
func tomlKeyLines(b []byte) map[string]int {
	lines := make(map[string]int)
	counts := make(map[string]int)
	table := ""
	inString := ""
	for i, raw := range strings.Split(string(b), "\n") {
		ln := i + 1
		t := strings.TrimSpace(raw)
		if inString != "" {
			if strings.Contains(t, inString) {
				inString = ""
			}
			continue
		}
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
		case strings.HasPrefix(t, "[["):
			name := strings.TrimSpace(strings.Trim(t, "[] "))
			table = fmt.Sprintf("%s.%d", name, counts[name])
			counts[name]++
			if _, ok := lines[name]; !ok {
				lines[name] = ln
			}
			lines[table] = ln
		case strings.HasPrefix(t, "["):
			table = strings.TrimSpace(strings.Trim(t, "[] "))
			if _, ok := lines[table]; !ok {
				lines[table] = ln
			}
		default:
			k, v, ok := strings.Cut(t, "=")
			if !ok {
				continue
			}
			k = strings.Trim(strings.TrimSpace(k), `"'`)
			p := joinPath(table, k)
			if _, seen := lines[p]; !seen {
				lines[p] = ln
			}
			v = strings.TrimSpace(v)
			for _, q := range []string{`"""`, `'''`} {
				if strings.HasPrefix(v, q) && !strings.Contains(v[3:], q) {
					inString = q
				}
			}
		}
	}
	return lines
}
