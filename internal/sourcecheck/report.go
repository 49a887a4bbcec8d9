package sourcecheck

import (
	"fmt"
	"io"
	"strings"
)

// Source is one cited address and what the report says about it.
type Source struct {
	URL       string
	Title     string
	Publisher string
	Archive   string // archived copy to read instead
	Given     bool   // Archive was given by a contributor, not made up
	CitedBy   []Citation
}

// Citation is a file that cites a source.
type Citation struct {
	Title string // of the entry or operation
	Path  string // content file: "content/entries/2022/x.md"
	Line  int    // of the source's url in that file
}

// Report is what a check found, ready to write.
type Report struct {
	Date    string // day of the check, "2026-12-07"
	Sources []Source
	Results []Result // one per source, in the same order
}

// Count returns the number of results with verdict v.
func (r Report) Count(v Verdict) int {
	n := 0
	for _, x := range r.Results {
		if x.Verdict == v {
			n++
		}
	}
	return n
}

// WriteMarkdown writes the report as GitHub-flavoured Markdown, for a job
// summary ($GITHUB_STEP_SUMMARY) or a file: a count, then tables of the
// dead, moved and unchecked sources with the files that cite them and an
// archived copy to read instead.
func (r Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Source check, %s\n\n", r.Date)
	fmt.Fprintf(&b, "Checked %d sources: %d answered, %d moved, %d dead, %d could not be checked.\n",
		len(r.Results), r.Count(OK), r.Count(Moved), r.Count(Dead), r.Count(Failed))
	r.section(&b, Dead, "Dead", "These addresses answered 404 Not Found or 410 Gone, or their host no longer exists. "+
		"Find where the article moved, or check the archived copy and add it to the source as `archive:` (see CONTRIBUTING.md, \"Archived copies\").")
	r.section(&b, Moved, "Moved", "These addresses redirect elsewhere. Check that the new address is the same article; "+
		"if it is, cite it (a redirect from `http:` to `https:` or to the same page with another ending can be left alone).")
	r.section(&b, Failed, "Could not be checked", "Server errors, timeouts, refused connections and refusals of automated requests "+
		"(403, 429) are often passing, or a site's defence against robots. If a source stays here week after week, open it in a browser.")
	_, err := io.WriteString(w, b.String())
	return err
}

func (r Report) section(b *strings.Builder, v Verdict, title, advice string) {
	n := r.Count(v)
	if n == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s (%d)\n\n%s\n\n", title, n, advice)
	b.WriteString("| Source | Answer | Cited by | Archived copy |\n|---|---|---|---|\n")
	for i, x := range r.Results {
		if x.Verdict != v {
			continue
		}
		s := r.Sources[i]
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", sourceCell(s), answerCell(x), citedCell(s.CitedBy), archiveCell(s))
	}
}

func sourceCell(s Source) string {
	title := s.Title
	if title == "" {
		title = s.URL
	}
	cell := link(title, s.URL)
	if s.Publisher != "" {
		cell += ", " + escape(s.Publisher)
	}
	return cell
}

func answerCell(x Result) string {
	var parts []string
	for _, h := range x.Hops {
		parts = append(parts, fmt.Sprintf("%d from %s", h.Status, code(h.URL)))
	}
	last := escape(x.Answer())
	if len(x.Hops) > 0 {
		last += " at " + code(x.Final)
	}
	return strings.Join(append(parts, last), " → ")
}

func citedCell(cs []Citation) string {
	var parts []string
	for _, c := range cs {
		where := c.Path
		if c.Line > 0 {
			where = fmt.Sprintf("%s:%d", c.Path, c.Line)
		}
		parts = append(parts, escape(c.Title)+" ("+code(where)+")")
	}
	return strings.Join(parts, "<br>")
}

func archiveCell(s Source) string {
	if s.Archive == "" {
		return "none"
	}
	if s.Given {
		return link("archived copy", s.Archive)
	}
	return link("Wayback Machine", s.Archive) + " (may hold no copy)"
}

// escape makes text safe inside a Markdown table cell: no markup, no HTML,
// no column breaks.
func escape(s string) string {
	return strings.NewReplacer(
		`\`, `\\`, "|", `\|`, "[", `\[`, "]", `\]`, "*", `\*`, "_", `\_`, "`", "\\`",
		"<", "&lt;", ">", "&gt;", "&", "&amp;", "\n", " ", "\r", " ",
	).Replace(s)
}

// link writes a Markdown link whose address cannot break out of its
// parentheses.
func link(text, u string) string {
	u = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "|", "%7C", "\n", "", "\r", "").Replace(u)
	return "[" + escape(text) + "](" + u + ")"
}

// code writes text as inline code, safe in a table cell.
func code(s string) string {
	s = strings.NewReplacer("`", "'", "|", "%7C", "\n", " ").Replace(s)
	return "`" + s + "`"
}
