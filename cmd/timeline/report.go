package main

import (
	"fmt"
	"strings"

	"timeline/internal/content"
)

// report prints every problem (level "error") or warning, a count, and
// under GitHub Actions an annotation for each, so that it shows on the
// changed line of a pull request.
func (c *command) report(src string, ps content.Problems, level string) {
	if len(ps) == 0 {
		return
	}
	files := make(map[string]bool)
	for _, p := range ps {
		if level == "warning" {
			fmt.Fprintln(c.stderr, "warning: "+p.String())
		} else {
			fmt.Fprintln(c.stderr, p.String())
		}
		if caret := p.Caret("    "); caret != "" {
			fmt.Fprintln(c.stderr, caret)
		}
		files[p.Path] = true
	}
	what := content.Quantity(len(ps), "problem", "problems")
	if level == "warning" {
		what = content.Quantity(len(ps), "warning", "warnings")
	}
	fmt.Fprintf(c.stderr, "%s in %s\n", what, content.Quantity(len(files), "file", "files"))
	if c.getenv("GITHUB_ACTIONS") != "true" {
		return
	}
	prefix := ""
	if src != "." && src != "" {
		prefix = strings.TrimSuffix(src, "/") + "/"
	}
	for _, p := range ps {
		props := "file=" + escapeProperty(prefix+p.Path)
		if p.Line > 0 {
			props += fmt.Sprintf(",line=%d", p.Line)
			if p.Column > 0 {
				props += fmt.Sprintf(",col=%d", p.Column)
			}
		}
		if p.Field != "" {
			props += ",title=" + escapeProperty(p.Field)
		}
		msg := p.Msg
		if caret := p.Caret("  "); caret != "" {
			msg += "\n" + caret
		}
		fmt.Fprintf(c.stdout, "::%s %s::%s\n", level, props, escapeData(msg))
	}
}

// escapeData and escapeProperty follow GitHub's workflow-command encoding.
// Text from content has its other control characters escaped first (see
// content.Printable), so that an annotation cannot carry escape codes.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(content.PrintableLines(s))
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(content.Printable(s))
}
