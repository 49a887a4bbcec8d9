package content

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// syntaxProblem is a syntax error located at the character to change,
// phrased for a contributor who does not know YAML or TOML.
type syntaxProblem struct {
	line, col int    // 1-based, in the text that was parsed; col 0 when unknown
	msg       string // what is wrong and how to fix it
	excerpt   string // the line, as written
}

// diagnoseSyntax explains a YAML or TOML decoder error about text. The
// YAML decoder names a line, not always the right one, and no column, in
// its own terms ("did not find expected key"); so the text is read again,
// line by line, for the mistakes people make (a tab in the indentation, a
// list or a quote left open, a quote inside quotes, indentation that lines
// up with nothing above it), and the first one found is reported in their
// place. The decoder's own message, in plainer words, is the fallback.
//
// first is the line of the file that text starts on; the lines returned,
// and those messages mention, are lines of the file.
func diagnoseSyntax(text []byte, first int, err error) syntaxProblem {
	lines := strings.Split(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n")
	var p syntaxProblem
	var tomlErr toml.ParseError
	var deep errTooDeep
	if errors.As(err, &deep) {
		p = syntaxProblem{line: deep.line, msg: deep.Error()}
	} else if errors.As(err, &tomlErr) {
		p = tomlProblem(text, tomlErr)
	} else if found, ok := scanYAML(lines, first); ok {
		return runeColumn(found)
	} else {
		p = yamlFallback(lines, err.Error())
	}
	if p.line > len(lines) {
		// The decoder counts a carriage return alone as a line break;
		// the file's lines do not (splitDocument refuses one anyway).
		p.line, p.col = len(lines), 0
	}
	if p.line >= 1 && p.line <= len(lines) {
		p.excerpt = lines[p.line-1]
	}
	if p.line > 0 {
		p.line += first - 1
	}
	return runeColumn(p)
}

// runeColumn turns a byte column into a column of characters, as editors
// and the caret count them.
func runeColumn(p syntaxProblem) syntaxProblem {
	if p.col > 1 && p.col-1 <= len(p.excerpt) {
		p.col = utf8.RuneCountInString(p.excerpt[:p.col-1]) + 1
	}
	return p
}

var yamlErrRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlFallback words the decoder's message plainly, on the line it names.
func yamlFallback(lines []string, raw string) syntaxProblem {
	m := yamlErrRE.FindStringSubmatch(raw)
	if m == nil {
		return syntaxProblem{msg: "YAML syntax: " + raw}
	}
	line, _ := strconv.Atoi(m[1])
	what := m[2]
	col := 0
	if line >= 1 && line <= len(lines) {
		col = len(lines[line-1]) - len(strings.TrimLeft(lines[line-1], " \t")) + 1
	}
	p := syntaxProblem{line: line, col: col}
	switch {
	case strings.Contains(what, "tab"):
		p.msg = "a tab in the indentation; YAML indents with spaces only: replace the tab with spaces"
	case strings.Contains(what, "unknown escape character"):
		p.msg = `a \ inside double quotes starts an escape such as \" or \n; write \\ for a backslash, or put the text in single quotes`
	case strings.Contains(what, "cannot start any token"):
		p.msg = "a value cannot start with @ or ` or a tab; put the value in quotes"
	case strings.Contains(what, "mapping values are not allowed"):
		p.msg = `a ": " in a value makes YAML read a new field; put the whole value in quotes`
	case strings.Contains(what, "could not find expected ':'"):
		p.msg = `a field without ":" after its name; write it as name: value`
	case strings.Contains(what, "unexpected end of stream"):
		p.msg = "the front matter ends inside a quote or a bracket that is never closed; close it"
	case strings.Contains(what, "did not find expected"):
		p.msg = "YAML cannot read this line: check its indentation against the lines above, and that every quote and bracket is closed"
	default:
		p.msg = "YAML cannot read this line (" + what + "); check its indentation and quotes"
	}
	p.msg = "YAML syntax: " + p.msg
	return p
}

// tomlProblem words a TOML parse error, which carries its line and the
// offset of the character it is about.
func tomlProblem(text []byte, e toml.ParseError) syntaxProblem {
	msg := e.Message
	hint := "check the quotes and brackets on this line"
	switch {
	case strings.Contains(msg, "invalid datetime"):
		hint = `in TOML write a date as 2025-07-16, or in quotes as "2025-07" when only the month is known`
	case strings.Contains(msg, "has already been defined"):
		hint = "a field appears twice; keep one"
	case strings.Contains(msg, "expected value but found"):
		hint = `text must be in quotes: title = "Police raid a compound"`
	case strings.Contains(msg, "cannot contain newlines"):
		hint = `the quote that starts this text is never closed; add " at its end`
	case strings.Contains(msg, "unexpected EOF"), strings.Contains(msg, "unexpected end of"):
		hint = "a quote or a bracket is never closed"
	}
	col := 0
	if at := e.Position.Start; at >= 0 && at <= len(text) && lineAt(text, at) == e.Position.Line {
		col = at - bytes.LastIndexByte(text[:at], '\n')
	}
	return syntaxProblem{line: e.Position.Line, col: col, msg: "TOML syntax: " + msg + "; " + hint}
}

// scanYAML looks for the usual mistakes, in reading order.
func scanYAML(lines []string, first int) (syntaxProblem, bool) {
	s := &yamlScan{levels: []yamlLevel{{indent: 0, line: first}}}
	p, ok := syntaxProblem{}, false
	for i, raw := range lines {
		if p, ok = s.line(first+i, raw); ok {
			break
		}
	}
	switch {
	case ok:
	case s.flow != nil:
		p, ok = s.unclosedFlow(), true
	case s.quote != nil:
		p, ok = *s.quote, true
	}
	if ok && p.line-first < len(lines) {
		p.excerpt = lines[p.line-first]
	}
	return p, ok
}

// yamlLevel is an open block: the indentation its lines start at.
type yamlLevel struct {
	indent int
	line   int // the last line seen at this indentation
}

type yamlScan struct {
	levels    []yamlLevel
	opens     bool // the last line ended with a field that has no value yet
	scalar    int  // indentation of a block scalar's field (| or >), or -1
	inScalar  bool
	flow      *flowOpen      // an open [ or { list
	quote     *syntaxProblem // a quote left open on a line, reported if nothing closes it
	quoteChar string
}

type flowOpen struct {
	line, col, indent int
	stack             []byte // open brackets
}

func (s *yamlScan) line(n int, raw string) (syntaxProblem, bool) {
	trimmed := strings.TrimLeft(raw, " ")
	indent := len(raw) - len(trimmed)
	if strings.TrimSpace(trimmed) == "" || strings.HasPrefix(trimmed, "#") {
		return syntaxProblem{}, false
	}
	if s.inScalar {
		if indent > s.scalar {
			return syntaxProblem{}, false
		}
		s.inScalar = false
	}
	if lead := raw[:len(raw)-len(strings.TrimLeft(raw, " \t"))]; strings.Contains(lead, "\t") {
		return syntaxProblem{line: n, col: strings.IndexByte(raw, '\t') + 1,
			msg: "YAML syntax: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces"}, true
	}
	if s.flow != nil {
		if indent <= s.flow.indent {
			return s.unclosedFlow(), true
		}
		return s.scanFlow(n, raw, 0)
	}
	if s.quote != nil {
		if looksLikeField(trimmed) || strings.HasPrefix(trimmed, "- ") {
			return *s.quote, true
		}
		if strings.Contains(trimmed, s.quoteChar) {
			s.quote = nil // closed on this line
		}
		return syntaxProblem{}, false
	}
	if p, ok := s.indentation(n, indent, trimmed); ok {
		return p, true
	}
	return s.entry(n, indent, trimmed)
}

// entry scans a line's "- " items and "key:", then its value.
func (s *yamlScan) entry(n, indent int, trimmed string) (syntaxProblem, bool) {
	col := indent
	rest := trimmed
	isItem := false
	for strings.HasPrefix(rest, "- ") || rest == "-" {
		isItem = true
		rest = strings.TrimPrefix(rest, "-")
		sp := len(rest) - len(strings.TrimLeft(rest, " "))
		col += 1 + sp
		rest = rest[sp:]
		if looksLikeField(rest) {
			s.push(col, n)
		}
	}
	if rest == "" {
		s.opens = true
		return syntaxProblem{}, false
	}
	key, value, isField := splitField(rest)
	if !isField {
		if !isItem {
			return syntaxProblem{line: n, col: col + 1,
				msg: `YAML syntax: a field without ":" after its name; write it as name: value`}, true
		}
		value = rest
	} else {
		col += len(key) + 1
		col += len(value) - len(strings.TrimLeft(value, " "))
		value = strings.TrimLeft(value, " ")
	}
	s.opens = value == "" || strings.HasPrefix(value, "#")
	return s.value(n, indent, col, value)
}

// indentation checks that a line lines up with an open block.
func (s *yamlScan) indentation(n, indent int, trimmed string) (syntaxProblem, bool) {
	top := s.levels[len(s.levels)-1]
	isItem := strings.HasPrefix(trimmed, "- ") || trimmed == "-"
	switch {
	case s.opens && (indent > top.indent || indent == top.indent && isItem):
		s.push(indent, n)
		s.opens = false
		return syntaxProblem{}, false
	case indent > top.indent:
		if looksLikeField(trimmed) {
			return syntaxProblem{line: n, col: indent + 1, msg: "YAML syntax: " + s.offBy(indent, top) +
				"; the line above already has a value, so this line cannot belong to it"}, true
		}
		return syntaxProblem{}, false // the continuation of a long value
	}
	s.opens = false
	var popped *yamlLevel // the block just inside the one the line falls in
	for len(s.levels) > 1 && s.levels[len(s.levels)-1].indent > indent {
		l := s.levels[len(s.levels)-1]
		popped = &l
		s.levels = s.levels[:len(s.levels)-1]
	}
	last := &s.levels[len(s.levels)-1]
	if last.indent != indent {
		nearest := *last
		if popped != nil && popped.indent-indent <= indent-last.indent {
			nearest = *popped
		}
		return syntaxProblem{line: n, col: indent + 1, msg: "YAML syntax: " + s.offBy(indent, nearest)}, true
	}
	last.line = n
	return syntaxProblem{}, false
}

// offBy says how a line's indentation fails to line up with a block.
func (s *yamlScan) offBy(indent int, want yamlLevel) string {
	return "this line is indented by " + spaces(indent) + ", line " + strconv.Itoa(want.line) + " above it by " +
		spaces(want.indent) + "; YAML reads indentation as structure, so line them up (" + spaces(want.indent) + ")"
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return strconv.Itoa(n) + " spaces"
}

func (s *yamlScan) push(indent, n int) {
	top := s.levels[len(s.levels)-1]
	if indent == top.indent {
		s.levels[len(s.levels)-1].line = n
		return
	}
	s.levels = append(s.levels, yamlLevel{indent: indent, line: n})
}

// value checks a field's value, which starts at column col (0-based).
func (s *yamlScan) value(n, indent, col int, value string) (syntaxProblem, bool) {
	switch {
	case value == "":
		return syntaxProblem{}, false
	case value[0] == '|' || value[0] == '>':
		s.scalar, s.inScalar = indent, true
	case value[0] == '[' || value[0] == '{':
		s.flow = &flowOpen{line: n, col: col + 1, indent: indent}
		return s.scanFlow(n, strings.Repeat(" ", col)+value, col)
	case value[0] == '"' || value[0] == '\'':
		return s.quoted(n, col, value)
	case value[0] == '@' || value[0] == '`':
		return syntaxProblem{line: n, col: col + 1, msg: "YAML syntax: a value cannot start with " + value[:1] + "; put the value in quotes"}, true
	default:
		if i := strings.Index(value, ": "); i >= 0 && !strings.Contains(value[:i], " #") {
			return syntaxProblem{line: n, col: col + i + 1,
				msg: `YAML syntax: a ": " in a value makes YAML read a new field; put the whole value in quotes: "` + strings.TrimSpace(value) + `"`}, true
		}
	}
	return syntaxProblem{}, false
}

// quoted checks a value in quotes: closed once, with nothing after it.
func (s *yamlScan) quoted(n, col int, value string) (syntaxProblem, bool) {
	q := value[0]
	end := -1
	for i := 1; i < len(value); i++ {
		switch {
		case q == '"' && value[i] == '\\':
			i++
		case q == '\'' && value[i] == '\'' && i+1 < len(value) && value[i+1] == '\'':
			i++
		case value[i] == q:
			end = i
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		s.quoteChar = string(q)
		s.quote = &syntaxProblem{line: n, col: col + 1,
			msg: "YAML syntax: the quote " + string(q) + " that starts this value is never closed; add " + string(q) + " at the end of the value"}
		return syntaxProblem{}, false
	}
	after := strings.TrimSpace(value[end+1:])
	if after == "" || strings.HasPrefix(after, "#") {
		return syntaxProblem{}, false
	}
	fix := `write \" for a quote inside double quotes, or put the whole value in single quotes`
	if q == '\'' {
		fix = `write '' (two single quotes) for an apostrophe inside single quotes, or put the whole value in double quotes`
	}
	return syntaxProblem{line: n, col: col + end + 1,
		msg: "YAML syntax: this " + string(q) + " ends the quoted value early, and YAML cannot read what follows it; " + fix}, true
}

// scanFlow follows the brackets of a [ ] or { } list from column from of
// raw, outside quotes.
func (s *yamlScan) scanFlow(n int, raw string, from int) (syntaxProblem, bool) {
	f := s.flow
	var q byte
	for i := from; i < len(raw); i++ {
		c := raw[i]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '#' && i > 0 && raw[i-1] == ' ':
			i = len(raw)
		case c == '[' || c == '{':
			f.stack = append(f.stack, c)
		case c == ']' || c == '}':
			open := byte('[')
			if c == '}' {
				open = '{'
			}
			if len(f.stack) == 0 {
				return syntaxProblem{line: n, col: i + 1, msg: "YAML syntax: this " + string(c) + " closes nothing; remove it"}, true
			}
			if f.stack[len(f.stack)-1] != open {
				want := "]"
				if f.stack[len(f.stack)-1] == '{' {
					want = "}"
				}
				return syntaxProblem{line: n, col: i + 1, msg: "YAML syntax: this " + string(c) + " closes a " + string(f.stack[len(f.stack)-1]) + "; write " + want}, true
			}
			f.stack = f.stack[:len(f.stack)-1]
			if len(f.stack) == 0 {
				s.flow = nil
				if rest := strings.TrimSpace(raw[i+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
					at := i + 2 + len(raw[i+1:]) - len(strings.TrimLeft(raw[i+1:], " "))
					if rest[0] == ']' || rest[0] == '}' {
						return syntaxProblem{line: n, col: at, msg: "YAML syntax: this " + rest[:1] + " closes nothing; remove it"}, true
					}
					return syntaxProblem{line: n, col: at,
						msg: "YAML syntax: there is more after the closing " + string(c) + "; put it inside the brackets, or remove it"}, true
				}
				return syntaxProblem{}, false
			}
		}
	}
	return syntaxProblem{}, false
}

func (s *yamlScan) unclosedFlow() syntaxProblem {
	f := s.flow
	open := f.stack[len(f.stack)-1]
	close := "]"
	what := "list"
	if open == '{' {
		close, what = "}", "set of fields"
	}
	return syntaxProblem{line: f.line, col: f.col,
		msg: "YAML syntax: the " + what + " opened with " + string(f.stack[0]) + " here is never closed; end it with " + close}
}

var fieldRE = regexp.MustCompile(`^[A-Za-z_][\w .-]*:(?:\s|$)`)

// looksLikeField reports a line that starts with "name:".
func looksLikeField(s string) bool { return fieldRE.MatchString(s) }

// splitField splits "name: value" at its first ": " (or a final ":").
func splitField(s string) (key, value string, ok bool) {
	if !looksLikeField(s) {
		return "", "", false
	}
	i := strings.IndexByte(s, ':')
	return s[:i], s[i+1:], true
}
