package markdown

import (
	"bytes"
	"fmt"
)

// MaxNesting is how deeply a body may nest blockquotes and lists, and how
// many link brackets or parentheses a paragraph may leave open at once. The
// parser's cost grows faster than the nesting (a few hundred kilobytes of
// "[a](" or ">" take it minutes), so bodies are checked against it before
// they are parsed. Real text stays under five.
const MaxNesting = 32

// checkNesting returns an issue for the first line of src that nests
// deeper than MaxNesting, or nil. It reads lines as Markdown does only as
// far as it needs to: fenced code is skipped, and brackets and parentheses
// are counted per paragraph.
func checkNesting(src []byte) *Issue {
	brackets, parens := 0, 0
	fence := ""
	for n, line := range bytes.Split(src, []byte("\n")) {
		ln := n + 1
		trimmed := bytes.TrimLeft(line, " \t")
		if f := fenceOf(trimmed); f != "" && len(line)-len(trimmed) < 4 {
			switch {
			case fence == "":
				fence = f
			case bytes.HasPrefix(trimmed, []byte(fence)):
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			brackets, parens = 0, 0
			continue
		}
		if d := containerDepth(line); d > MaxNesting {
			return &Issue{Line: ln, Msg: fmt.Sprintf("blockquotes and lists nest %d levels deep here, over the limit of %d; flatten them", d, MaxNesting)}
		}
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '[':
				brackets++
			case ']':
				brackets = max(brackets-1, 0)
			case '(':
				parens++
			case ')':
				parens = max(parens-1, 0)
			}
			if brackets > MaxNesting || parens > MaxNesting {
				return &Issue{Line: ln, Msg: fmt.Sprintf("more than %d brackets or parentheses are open at once in this paragraph; close them, or escape them as \\[ and \\(", MaxNesting)}
			}
		}
	}
	return nil
}

// fenceOf returns the fence ("```", "~~~~") that a trimmed line opens or
// closes, or "".
func fenceOf(trimmed []byte) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(trimmed) && trimmed[n] == c {
			n++
		}
		if n >= 3 {
			return string(trimmed[:n])
		}
	}
	return ""
}

// containerDepth estimates how many blockquotes and lists a line sits in:
// the quote and list markers at its start, plus one for every two columns
// of indentation before the first of them (nested list items are
// indented). It never underestimates.
func containerDepth(line []byte) int {
	depth, col, i := 0, 0, 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	depth += col / 2
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			depth++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			depth++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				depth++
				i = j + 2
				continue
			}
			return depth
		default:
			return depth
		}
	}
	return depth
}
