package markdown

import (
	"strings"
	"testing"
	"time"
)

// deepList is a list nested n levels deep, one item per level.
func deepList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

// TestNestingLimit: bodies nested up to the limit pass, deeper ones get an
// issue on the line where the limit is passed, before any parsing.
func TestNestingLimit(t *testing.T) {
	tests := []struct {
		name, src string
		line      int // 0: no issue
	}{
		{"prose", "A raid (in Kratie) [1] and [a link](https://example.org/x_(y)).\n", 0},
		{"five quotes", "> > > > > deep\n", 0},
		{"list at limit", deepList(16), 0},
		{"quotes over limit", "text\n\n" + strings.Repeat(">", MaxNesting+1) + " x\n", 3},
		{"spaced quotes over limit", strings.Repeat("> ", MaxNesting+1) + "x\n", 1},
		{"list over limit", deepList(MaxNesting + 2), MaxNesting + 1},
		{"ordered lists over limit", strings.Repeat("1. ", MaxNesting+1) + "x\n", 1},
		{"open link destinations", "intro\n" + strings.Repeat("[a](", MaxNesting+1) + "\n", 2},
		{"open brackets", strings.Repeat("[", MaxNesting+1), 1},
		{"brackets close", strings.Repeat("[a] ", 1000), 0},
		{"paragraphs reset", strings.Repeat(strings.Repeat("(", MaxNesting)+"\n\n", 10), 0},
		{"escaped", strings.Repeat(`\[`, 100), 0},
		{"fenced code", "```\n" + strings.Repeat("(", 100) + "\n```\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := checkNesting([]byte(tt.src))
			switch {
			case tt.line == 0 && is != nil:
				t.Errorf("unexpected issue %+v", *is)
			case tt.line != 0 && is == nil:
				t.Errorf("no issue, want one on line %d", tt.line)
			case tt.line != 0 && is.Line != tt.line:
				t.Errorf("issue on line %d, want %d: %s", is.Line, tt.line, is.Msg)
			}
		})
	}
}

// TestHostileBodiesAreBounded converts bodies of a few hundred kilobytes
// made to be slow to parse (each took goldmark seconds to minutes before
// the nesting check); each must be done in well under a second.
func TestHostileBodiesAreBounded(t *testing.T) {
	c := New()
	bodies := map[string]string{
		"open link destinations": strings.Repeat("[a](", 50000),
		"blockquote markers":     strings.Repeat(">", 100000),
		"spaced blockquotes":     strings.Repeat("> ", 50000) + "a\n",
		"nested list":            deepList(1000),
		"open brackets":          strings.Repeat("[", 100000),
		"emphasis":               strings.Repeat("*a ", 100000),
		"images":                 strings.Repeat("![", 50000),
		"links in links":         strings.Repeat("[", 20000) + "a" + strings.Repeat("](http://x)", 20000),
	}
	for name, src := range bodies {
		start := time.Now()
		done := make(chan []Issue, 1)
		go func() { _, is, _ := c.Convert([]byte(src), 1); done <- is }()
		select {
		case is := <-done:
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("%s: took %v", name, d)
			}
			t.Logf("%s (%d KB): %v, %d issues", name, len(src)>>10, time.Since(start).Round(time.Millisecond), len(is))
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still converting after 10s", name)
		}
	}
}
