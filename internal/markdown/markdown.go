// Package markdown owns the one Markdown dialect of the site: goldmark with
// GitHub tables, strikethrough and autolinks, footnotes, typographic quotes
// and heading ids, raw HTML left out, and "[n]" as a citation of source n.
//
// It renders bodies to HTML and checks them for what a contributor must fix:
// links that are not http(s), raw HTML, and citations of sources that do not
// exist.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter renders and checks Markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns a converter with the site's dialect.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer, citations{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// Raw HTML is never rendered: goldmark's default, kept by never
		// passing html.WithUnsafe.
	)
	return &Converter{md: md}
}

// HTML renders src. Links that are not http(s), mailto or relative have
// already been rejected by Check; goldmark drops javascript: and data: links
// on its own as a second line of defence.
func (c *Converter) HTML(src []byte) (template.HTML, error) {
	if is := checkNesting(src); is != nil {
		return "", fmt.Errorf("line %d: %s", is.Line, is.Msg)
	}
	var buf bytes.Buffer
	if err := c.md.Convert(src, &buf); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return template.HTML(buf.String()), nil // #nosec: goldmark escapes text and drops raw HTML
}

// Issue is a problem in a Markdown body.
type Issue struct {
	Line int // 1-based line within the body
	Msg  string
}

// Check parses src and returns every problem in it. nSources is the number
// of sources a citation "[n]" may refer to.
func (c *Converter) Check(src []byte, nSources int) []Issue {
	if is := checkNesting(src); is != nil {
		return []Issue{*is}
	}
	return check(c.md.Parser().Parse(text.NewReader(src)), src, nSources)
}

// Convert parses src once, checks it as Check does and, when there are no
// issues, renders it as HTML does: a build reads every body once.
func (c *Converter) Convert(src []byte, nSources int) (template.HTML, []Issue, error) {
	if is := checkNesting(src); is != nil {
		return "", []Issue{*is}, nil
	}
	doc := c.md.Parser().Parse(text.NewReader(src))
	if issues := check(doc, src, nSources); len(issues) > 0 {
		return "", issues, nil
	}
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", nil, fmt.Errorf("render markdown: %w", err)
	}
	return template.HTML(buf.String()), nil, nil // #nosec: goldmark escapes text and drops raw HTML
}

func check(doc ast.Node, src []byte, nSources int) []Issue {
	var issues []Issue
	more := 0 // issues past MaxIssues, counted but not described
	add := func(n ast.Node, format string, args ...any) {
		if len(issues) >= MaxIssues {
			more++
			return
		}
		issues = append(issues, Issue{Line: lineOf(src, n), Msg: fmt.Sprintf(format, args...)})
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if msg := badDestination(string(n.Destination)); msg != "" {
				add(n, "%s", msg)
			}
		case *ast.Image:
			if msg := badDestination(string(n.Destination)); msg != "" {
				add(n, "%s", msg)
			}
		case *ast.AutoLink:
			if msg := badDestination(string(n.URL(src))); msg != "" {
				add(n, "%s", msg)
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			add(n, "raw HTML is not allowed and would not be shown; write it in Markdown")
			return ast.WalkSkipChildren, nil
		case *Citation:
			if n.Number < 1 || n.Number > nSources {
				add(n, "citation [%d] refers to no source; the sources list has %d", n.Number, nSources)
			}
		}
		return ast.WalkContinue, nil
	})
	if more > 0 {
		issues = append(issues, Issue{Line: issues[len(issues)-1].Line, Msg: fmt.Sprintf("and %d more problems like these further on; fix these first", more)})
	}
	return issues
}

// MaxIssues is the most problems described in one body: past it, the
// rest are counted (each would cost a scan of the body to place).
const MaxIssues = 50

// badDestination explains why a link target is refused, or returns "".
func badDestination(dest string) string {
	// Judge the address as a browser will read it: character references
	// decoded, and the tabs and newlines it ignores in a scheme removed.
	d := strings.TrimSpace(html.UnescapeString(dest))
	d = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r < ' ' {
			return -1
		}
		return r
	}, d)
	if d == "" {
		return "link has no address; add one or remove the brackets"
	}
	u, err := url.Parse(d)
	if err != nil {
		return fmt.Sprintf("link %q is not a valid address", dest)
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		if strings.HasPrefix(d, "//") {
			return fmt.Sprintf("link %q has no scheme; write it with https://", dest)
		}
		return "" // relative link within the site
	case "http", "https", "mailto":
		return ""
	}
	return fmt.Sprintf("link %q is not allowed; only http(s) and mailto links are", dest)
}

// lineOf returns the 1-based line of node n in src: from the node's own
// position, else its first text, else the nearest enclosing block's.
func lineOf(src []byte, n ast.Node) int {
	pos := n.Pos()
	if pos < 0 {
		if t, ok := n.FirstChild().(*ast.Text); ok {
			pos = t.Segment.Start
		}
	}
	for p := n; pos < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			pos = p.Lines().At(0).Start
		}
	}
	if pos < 0 || pos > len(src) {
		return 1
	}
	return bytes.Count(src[:pos], []byte("\n")) + 1
}

// Citation is "[n]" in a body: a reference to the n-th source of the page.
type Citation struct {
	ast.BaseInline
	Number int
}

// KindCitation is the node kind of a Citation.
var KindCitation = ast.NewNodeKind("Citation")

// Kind implements ast.Node.
func (c *Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (c *Citation) Dump(source []byte, level int) {
	ast.DumpHelper(c, source, level, map[string]string{"Number": strconv.Itoa(c.Number)}, nil)
}

// citeRE matches "[12]"; the parser skips it when "(" or "[" follows (a
// link), unless what follows is another citation.
var citeRE = regexp.MustCompile(`^\[(\d{1,3})\]`)

type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

func (citationParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	m := citeRE.FindSubmatch(line)
	if m == nil {
		return nil
	}
	if rest := line[len(m[0]):]; len(rest) > 0 && (rest[0] == '(' || rest[0] == '[' && !citeRE.Match(rest)) {
		return nil // a link ("[1](...)", "[1][ref]"), but "[1][2]" is two citations
	}
	n, _ := strconv.Atoi(string(m[1]))
	c := &Citation{Number: n}
	c.SetPos(seg.Start)
	block.Advance(len(m[0]))
	return c
}

type citationRenderer struct{}

func (citationRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCitation, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			num := n.(*Citation).Number
			fmt.Fprintf(w, `<a class="cite" href="#source-%d" title="Source %d">[%d]</a>`, num, num, num)
		}
		return ast.WalkContinue, nil
	})
}

// citations is the goldmark extension for "[n]".
type citations struct{}

func (citations) Extend(m goldmark.Markdown) {
	// Before the link parser (priority 200), so "[1]" is taken as a citation.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(citationParser{}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(citationRenderer{}, 500)))
}
