package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
)

// activeHTML matches what could run script in rendered HTML: a script,
// iframe, object or embed element, an event handler attribute, a
// javascript: or data: address.
var activeHTML = regexp.MustCompile(`<(script|iframe|object|embed|style)\b|<[a-z][^>]*\son[a-z]+\s*=|(href|src)\s*=\s*"\s*(javascript|vbscript|data):`)

// FuzzConvert feeds arbitrary bodies to the converter. Whatever the input,
// it must not panic, must finish within a second (the nesting check runs
// before goldmark, whose cost grows faster than the nesting of some
// constructs), every issue must be on a line of the body, and a body
// without issues renders with no element a contributor could use to run
// script.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"Police raided a compound [1].\n\n- a\n  - b\n\n> quote\n",
		strings.Repeat("[a](", 40),
		strings.Repeat(">", 40) + " x",
		strings.Repeat("> ", 40) + "x",
		strings.Repeat("- ", 40) + "x",
		strings.Repeat("[", 40) + "a" + strings.Repeat("](http://x)", 40),
		"<script>alert(1)</script>\n[x](javascript:alert(1))\n",
		"```\n" + strings.Repeat("(", 50) + "\n```\n",
		"[^1]\n\n[^1]: note [2]\n",
		"| a | b |\n|---|---|\n| [x](https://e.org) | <b>y</b> |\n",
	} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, body string) {
		type result struct {
			html   string
			issues []Issue
			err    error
		}
		done := make(chan result, 1)
		go func() {
			h, is, err := c.Convert([]byte(body), 2)
			done <- result{string(h), is, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(time.Second):
			t.Fatalf("Convert took more than 1s on %d bytes: %q", len(body), body[:min(len(body), 200)])
		}
		lines := bytes.Count([]byte(body), []byte("\n")) + 1
		for _, is := range r.issues {
			if is.Line < 1 || is.Line > lines || is.Msg == "" {
				t.Fatalf("issue outside the body's %d lines: %+v", lines, is)
			}
		}
		if len(r.issues) == 0 && r.err == nil {
			if m := activeHTML.FindString(strings.ToLower(r.html)); m != "" {
				t.Fatalf("rendered %q from %q", m, body)
			}
		}
	})
}
