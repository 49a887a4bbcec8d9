// Package report turns the body of a "Report an event" issue (the form in
// .github/ISSUE_TEMPLATE/report-an-event.yml) into a draft entry, so that a
// contributor can propose an event without Go, git or YAML.
//
// The body is untrusted: anyone can open an issue. It is only ever parsed
// here, never passed to a shell; every value it gives is checked against
// the site's lists (operations, provinces, kinds, figure names, http(s)
// links) and written into the entry as a quoted YAML string, so that no
// text can add a field, close the front matter or reach the page as HTML.
// What cannot be used is left out, and the entry is a draft: check lists
// what is missing as warnings until a person completes it from the
// sources.
package report

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"timeline/internal/content"
	"timeline/internal/geo"
)

// MaxBody is the longest body read; a longer one is cut. An event report
// is a few paragraphs and a list of links.
const MaxBody = 64 << 10

// The form's fields, by the headings GitHub writes into the issue body.
const (
	headHeadline   = "Headline"
	headDate       = "Date"
	headOperation  = "Operation"
	headProvinces  = "Provinces"
	headKind       = "Kind of event"
	headWhat       = "What happened"
	headFigures    = "Figures"
	headSources    = "Sources"
	noResponse     = "_No response_"
	maxFieldLength = 300
)

// Form is what a report's body says, field by field, as written.
type Form map[string]string

// Parse reads an issue body written from the form: "### Heading" lines,
// each followed by its answer. Unknown headings are ignored.
func Parse(body string) Form {
	if len(body) > MaxBody {
		body = body[:MaxBody]
	}
	body = strings.ReplaceAll(body, "\r\n", "\n")
	f := Form{}
	var heading string
	var lines []string
	flush := func() {
		if heading != "" {
			v := strings.TrimSpace(strings.Join(lines, "\n"))
			if v == noResponse {
				v = ""
			}
			f[heading] = v
		}
		lines = nil
	}
	for _, l := range strings.Split(body, "\n") {
		if h, ok := strings.CutPrefix(l, "### "); ok {
			flush()
			heading = strings.TrimSpace(h)
			continue
		}
		lines = append(lines, l)
	}
	flush()
	return f
}

// Site is what the conversion checks values against.
type Site struct {
	Provinces  *geo.Gazetteer
	Operations []string // ids
}

// Entry is a draft entry made from a report: the file's text, and where
// it belongs.
type Entry struct {
	Title string
	Date  *content.Date // nil when the report gave no usable date
	Text  string        // the whole file
}

// Draft makes a draft entry from a report. number is the number,
// for the entry's comment.
func Draft(f Form, s Site, number int) Entry {
	w := &writer{}
	title := oneLine(f[headHeadline])
	w.comment(fmt.Sprintf("A draft made from event report #%d. Check every value against the sources,", number))
	w.comment("complete what is missing, then delete the line draft: true. See CONTRIBUTING.md.")
	if title != "" {
		w.field("title", quote(title))
	} else {
		w.comment("title: the report gave no headline")
	}
	e := Entry{Title: title}
	if d, err := content.ParseDate(oneLine(f[headDate])); err == nil {
		e.Date = &d
		w.field("date", d.String())
	} else if raw := oneLine(f[headDate]); raw != "" {
		w.comment("date: the report gave " + quote(raw) + ", which is not YYYY-MM-DD or YYYY-MM")
	}
	if op := oneLine(f[headOperation]); slices.Contains(s.Operations, op) {
		w.field("operation", quote(op))
	} else if op != "" {
		w.comment("operation: the report gave " + quote(op) + "; the operations are " + strings.Join(s.Operations, ", "))
	}
	w.provinces(f[headProvinces], s.Provinces)
	if k := strings.ToLower(oneLine(f[headKind])); slices.Contains(content.Kinds, k) {
		w.field("kind", k)
	}
	w.field("summary", quote(content.Placeholder+": one sentence"))
	w.figures(f[headFigures])
	w.sources(f[headSources])
	w.field("draft", "true")
	body := strings.TrimSpace(markdownText(f[headWhat]))
	if body == "" {
		body = content.Placeholder + ": write what happened in your own words, citing sources by number [1]."
	}
	e.Text = "---\n" + w.String() + "---\n" + body + "\n"
	return e
}

type writer struct{ strings.Builder }

func (w *writer) field(name, value string) { w.WriteString(name + ": " + value + "\n") }
func (w *writer) comment(s string)         { w.WriteString("# " + oneLine(s) + "\n") }

// provinces keeps the names the gazetteer knows and says which it did not.
func (w *writer) provinces(raw string, gaz *geo.Gazetteer) {
	var names, unknown []string
	for _, p := range splitList(raw) {
		if strings.EqualFold(p, content.Nationwide) {
			names = append(names, content.Nationwide)
		} else if prov, ok := gaz.Lookup(p); ok {
			names = append(names, prov.Name)
		} else {
			unknown = append(unknown, quote(p))
		}
	}
	names = slices.Compact(names)
	if len(names) > 0 {
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = quote(n)
		}
		w.field("provinces", "["+strings.Join(quoted, ", ")+"]")
	}
	if len(unknown) > 0 {
		w.comment("provinces the report gave that are not in content/provinces.yaml: " + strings.Join(unknown, ", "))
	}
}

var figureLineRE = regexp.MustCompile(`^\s*[-*]?\s*([A-Za-z][A-Za-z _]*?)\s*[:=]\s*(.+?)\s*$`)

// figures keeps "name: count" lines whose name and count check accepts.
func (w *writer) figures(raw string) {
	var kept []string
	for _, l := range strings.Split(raw, "\n") {
		m := figureLineRE.FindStringSubmatch(l)
		if m == nil {
			if strings.TrimSpace(l) != "" {
				w.comment("figure line not read: " + quote(oneLine(l)))
			}
			continue
		}
		key := strings.ReplaceAll(strings.ToLower(m[1]), " ", "_")
		c, err := content.ParseCount(m[2])
		if !slices.Contains(content.FigureKeys, key) || err != nil {
			w.comment("figure line not read: " + quote(oneLine(l)) + "; names: " + strings.Join(content.FigureKeys, ", "))
			continue
		}
		value := strconv.FormatInt(c.N, 10)
		if !c.Exact() {
			value = quote(c.String())
		}
		kept = append(kept, "  "+key+": "+value)
	}
	if len(kept) > 0 {
		w.WriteString("figures:\n" + strings.Join(kept, "\n") + "\n")
	}
}

// sources keeps the http(s) links, one source each, with the title and
// publisher left for the contributor (the report cannot be trusted to
// name them as published).
func (w *writer) sources(raw string) {
	var links []string
	for _, field := range strings.Fields(raw) {
		field = strings.Trim(field, "<>()[].,;\"'")
		u, err := url.Parse(field)
		if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || len(field) > 2000 {
			continue
		}
		if !slices.Contains(links, u.String()) {
			links = append(links, u.String())
		}
	}
	if len(links) == 0 {
		links = []string{content.Placeholder + ": https://..."}
		w.comment("sources: the report gave no http(s) link")
	}
	w.WriteString("sources:\n")
	for _, l := range links {
		w.WriteString("  - title: " + quote(content.Placeholder+": the article's title as published") + "\n")
		w.WriteString("    publisher: " + quote(content.Placeholder+": the outlet") + "\n")
		w.WriteString("    url: " + quote(l) + "\n")
	}
}

// splitList splits a list written with commas, semicolons or lines.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = oneLine(strings.Trim(p, " -*[]")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// oneLine keeps the first line of s, without control characters, at most
// maxFieldLength runes.
func oneLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > maxFieldLength {
		s = string(r[:maxFieldLength])
	}
	return strings.TrimSpace(s)
}

// quote writes s as a YAML double-quoted string (Go's quoting escapes are
// all YAML escapes too).
func quote(s string) string { return strconv.Quote(s) }

// markdownText keeps the report's text as the entry's body, with what
// would be HTML escaped: the body is Markdown, and raw HTML is not allowed
// in it.
func markdownText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.NewReplacer("<", `\<`, ">", `\>`).Replace(s)
}
