package content

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"timeline/internal/geo"
)

// field is one key of a front-matter mapping and its value.
type field struct {
	name  string // full field path for messages: "sources[2].url"
	key   *yaml.Node
	value *yaml.Node
}

// decoder reads typed values out of a document's node tree, recording a
// problem for each value it cannot accept.
type decoder struct {
	doc *document
	ps  *Problems
}

func (d *decoder) errorf(n *yaml.Node, name, format string, args ...any) {
	d.ps.Add(d.doc.path, d.doc.line(n), name, format, args...)
}

// fields returns the keys of mapping n, keyed by name. It reports unknown
// keys (with the nearest known one), duplicate keys and YAML aliases.
func (d *decoder) fields(n *yaml.Node, prefix string, known []string) map[string]field {
	out := make(map[string]field)
	if n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		full := name
		if prefix != "" {
			full = prefix + "." + name
		}
		if v.Kind == yaml.AliasNode || k.Kind == yaml.AliasNode {
			d.errorf(v, full, "YAML aliases (*name) are not supported; write the value out")
			continue
		}
		if !slices.Contains(known, name) {
			msg := "unknown field"
			if s := geo.Nearest(strings.ToLower(name), known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; allowed here: " + strings.Join(known, ", ")
			}
			d.errorf(k, full, "%s", msg)
			continue
		}
		if prev, dup := out[name]; dup {
			d.errorf(k, full, "appears twice (first on line %d); keep one", d.doc.line(prev.key))
			continue
		}
		out[name] = field{name: full, key: k, value: v}
	}
	return out
}

// require reports a missing required field, pointing at the front matter's
// opening line, with an example of what to write.
func (d *decoder) require(fs map[string]field, name, example string) bool {
	if _, ok := fs[name]; ok {
		return true
	}
	d.ps.addGap(d.doc.path, d.doc.openLine, name, "missing; add a line such as %s", example)
	return false
}

// text reads a single line of text. Empty text is a problem.
func (d *decoder) text(f field) string {
	if f.value.Kind != yaml.ScalarNode {
		d.errorf(f.value, f.name, "want text, got %s", kindName(f.value))
		return ""
	}
	if f.value.Tag == "!!null" || strings.TrimSpace(f.value.Value) == "" {
		d.errorf(f.value, f.name, "is empty; write a value or remove the line")
		return ""
	}
	v := strings.TrimSpace(f.value.Value)
	if strings.Contains(v, Placeholder) {
		d.ps.addGap(d.doc.path, d.doc.line(f.value), f.name, "still holds the template's placeholder %q; replace it with the real value", v)
		return ""
	}
	return v
}

// Placeholder marks the values that "timeline new" leaves for the
// contributor to fill in; a file that still holds one does not pass.
const Placeholder = "TODO"

// item is one text value of a list, with its node for line numbers.
type item struct {
	text string
	node *yaml.Node
	name string // "tags[2]"
}

// items reads a list of text; a single value is a list of one.
func (d *decoder) items(f field) []item {
	var nodes []*yaml.Node
	switch f.value.Kind {
	case yaml.ScalarNode:
		if f.value.Tag == "!!null" {
			return nil
		}
		nodes = []*yaml.Node{f.value}
	case yaml.SequenceNode:
		nodes = f.value.Content
	default:
		d.errorf(f.value, f.name, "want a list such as [a, b], got %s", kindName(f.value))
		return nil
	}
	var out []item
	for i, n := range nodes {
		name := f.name
		if f.value.Kind == yaml.SequenceNode && len(nodes) > 1 {
			name = fmt.Sprintf("%s[%d]", f.name, i+1)
		}
		if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
			d.errorf(n, name, "want text, got %s", kindName(n))
			continue
		}
		out = append(out, item{text: strings.TrimSpace(n.Value), node: n, name: name})
	}
	return out
}

// texts reads a list of text; a single value is a list of one.
func (d *decoder) texts(f field) []string {
	var out []string
	for _, it := range d.items(f) {
		out = append(out, it.text)
	}
	return out
}

func (d *decoder) boolean(f field) bool {
	if f.value.Kind != yaml.ScalarNode || f.value.Tag != "!!bool" {
		d.errorf(f.value, f.name, "want true or false, got %q", f.value.Value)
		return false
	}
	b, _ := strconv.ParseBool(f.value.Value)
	return b
}

var dateRE = regexp.MustCompile(`^(\d{4})-(\d{2})(?:-(\d{2}))?$`)

// Years outside this range are a typo on this subject.
const minYear, maxYear = 2000, 2099

func (d *decoder) date(f field) (Date, bool) {
	const want = "write YYYY-MM-DD, or YYYY-MM when only the month is known"
	if f.value.Kind != yaml.ScalarNode {
		d.errorf(f.value, f.name, "want a date, got %s; %s", kindName(f.value), want)
		return Date{}, false
	}
	s := strings.TrimSpace(f.value.Value)
	// A YAML timestamp with a time ("2025-07-15T10:00:00Z") is more than we keep.
	if strings.ContainsAny(s, "T :") && f.value.Tag == "!!timestamp" {
		d.errorf(f.value, f.name, "%q has a time of day; %s", s, want)
		return Date{}, false
	}
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		d.errorf(f.value, f.name, "%q is not a date; %s", s, want)
		return Date{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day := 0
	if m[3] != "" {
		day, _ = strconv.Atoi(m[3])
	}
	if y < minYear || y > maxYear {
		d.errorf(f.value, f.name, "year %d is out of range (%d to %d); check for a typo", y, minYear, maxYear)
		return Date{}, false
	}
	if mo < 1 || mo > 12 {
		d.errorf(f.value, f.name, "%q has no month %d; %s", s, mo, want)
		return Date{}, false
	}
	if m[3] != "" {
		t := time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)
		if day < 1 || t.Day() != day {
			d.errorf(f.value, f.name, "%q is not a day of the calendar (%s has %d days)", s, time.Month(mo), daysIn(y, mo))
			return Date{}, false
		}
	}
	return Date{Year: y, Month: mo, Day: day}, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// webURL reads an absolute http or https URL.
func (d *decoder) webURL(f field) string {
	s := d.text(f)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t") {
		d.errorf(f.value, f.name, "%q is not an http(s) link; copy the full address, starting with https://", s)
		return ""
	}
	return s
}

// count reads a figure's value: an integer or a qualified string.
func (d *decoder) count(n *yaml.Node, name string) (Count, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, name, "want a count such as 120 or \"1,000+\", got %s", kindName(n))
		return Count{}, false
	}
	c, err := ParseCount(n.Value)
	if err != nil {
		d.errorf(n, name, "%v", err)
		return Count{}, false
	}
	return c, true
}

// sourceRef reads a 1-based source number and checks that it exists.
func (d *decoder) sourceRef(f field, nSources int) int {
	n, err := strconv.Atoi(strings.TrimSpace(f.value.Value))
	if f.value.Kind != yaml.ScalarNode || err != nil {
		d.errorf(f.value, f.name, "want the number of a source in the sources list (1 for the first), got %q", f.value.Value)
		return 0
	}
	if n < 1 || n > nSources {
		d.errorf(f.value, f.name, "there is no source %d; the sources list has %d", n, nSources)
		return 0
	}
	return n
}

// nationalities reads a list of countries, or a map country -> count.
func (d *decoder) nationalities(f field) []Nationality {
	var out []Nationality
	switch f.value.Kind {
	case yaml.SequenceNode, yaml.ScalarNode:
		for _, it := range d.items(f) {
			if d.country(it.node, it.name, it.text) {
				out = append(out, Nationality{Country: it.text})
			}
		}
	case yaml.MappingNode:
		seen := make(map[string]bool)
		for i := 0; i+1 < len(f.value.Content); i += 2 {
			k, v := f.value.Content[i], f.value.Content[i+1]
			name := f.name + "." + k.Value
			if seen[k.Value] {
				d.errorf(k, name, "appears twice; keep one")
				continue
			}
			seen[k.Value] = true
			if !d.country(k, name, k.Value) {
				continue
			}
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				// "Thailand:" with no count: the country is known, its count
				// is not (or the sources disagree, as the text explains).
				out = append(out, Nationality{Country: k.Value})
				continue
			}
			c, ok := d.count(v, name)
			if ok {
				out = append(out, Nationality{Country: k.Value, Count: &c})
			}
		}
	default:
		d.errorf(f.value, f.name, "want a list of countries or \"Country: count\" lines (\"Country:\" alone when the count is unknown), got %s", kindName(f.value))
	}
	return out
}

// country reports a nationality written as an adjective ("Vietnamese")
// rather than as the country's name, which the field takes ("Vietnam").
func (d *decoder) country(n *yaml.Node, name, s string) bool {
	if c := adjectiveCountry(s); c != "" {
		d.errorf(n, name, "%q describes people, but this field lists countries; write %q", s, c)
		return false
	}
	return true
}

// eachMapping calls each for every item of the list f, read as a mapping
// with the given keys and named "field[N]" in problems; an item that is not
// a mapping is a problem, its format given by notMapping with one %s for
// what the item is.
func (d *decoder) eachMapping(f field, keys []string, notMapping string, each func(n *yaml.Node, name string, fs map[string]field)) {
	for i, n := range f.value.Content {
		name := fmt.Sprintf("%s[%d]", f.name, i+1)
		if n.Kind != yaml.MappingNode {
			d.errorf(n, name, notMapping, kindName(n))
			continue
		}
		each(n, name, d.fields(n, name, keys))
	}
}

// sources reads the sources list; at least one is required.
func (d *decoder) sources(f field) []Source {
	if f.value.Kind != yaml.SequenceNode || len(f.value.Content) == 0 {
		d.errorf(f.value, f.name, "want a list of at least one source, each with title, publisher, url and date")
		return nil
	}
	var out []Source
	d.eachMapping(f, []string{"title", "publisher", "url", "date", "archive"}, "want title, publisher, url and date, got %s", func(n *yaml.Node, name string, fs map[string]field) {
		var s Source
		for _, req := range []string{"title", "publisher", "url"} {
			if _, ok := fs[req]; !ok {
				d.ps.addGap(d.doc.path, d.doc.line(n), name+"."+req, "missing; every source needs a title, a publisher and a url")
			}
		}
		if g, ok := fs["title"]; ok {
			s.Title = d.text(g)
		}
		if g, ok := fs["publisher"]; ok {
			s.Publisher = d.text(g)
		}
		if g, ok := fs["url"]; ok {
			s.URL = d.webURL(g)
			s.Line = d.doc.line(g.value)
		}
		if g, ok := fs["archive"]; ok {
			s.Archive = d.webURL(g)
		}
		if g, ok := fs["date"]; ok {
			if dt, ok := d.date(g); ok {
				s.Date = &dt
			}
		}
		out = append(out, s)
	})
	return out
}

// claims reads a sourced statement: {text, source}, or a list of them.
func (d *decoder) claims(f field, nSources int) []Claim {
	items := []*yaml.Node{f.value}
	if f.value.Kind == yaml.SequenceNode {
		items = f.value.Content
	}
	var out []Claim
	for i, n := range items {
		name := f.name
		if f.value.Kind == yaml.SequenceNode {
			name = fmt.Sprintf("%s[%d]", f.name, i+1)
		}
		if n.Kind != yaml.MappingNode {
			d.errorf(n, name, "want {text: \"...\", source: N} so readers can see who says so, got %s", kindName(n))
			continue
		}
		fs := d.fields(n, name, []string{"text", "source"})
		var c Claim
		if g, ok := fs["text"]; ok {
			c.Text = d.text(g)
		} else {
			d.errorf(n, name+".text", "missing; write the statement in your own words")
		}
		if g, ok := fs["source"]; ok {
			c.Source = d.sourceRef(g, nSources)
		} else {
			d.errorf(n, name+".source", "missing; give the number of the source that says so")
		}
		if c.Text != "" && c.Source > 0 {
			out = append(out, c)
		}
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of fields"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return strconv.Quote(n.Value)
}

// ParseDate reads a date as front matter writes it: YYYY-MM-DD, or YYYY-MM
// when only the month is known. Its error says what to write instead.
func ParseDate(s string) (Date, error) {
	var ps Problems
	d := &decoder{doc: &document{}, ps: &ps}
	dt, ok := d.date(field{name: "date", value: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}})
	if !ok {
		return Date{}, errors.New(ps[0].Msg)
	}
	return dt, nil
}
