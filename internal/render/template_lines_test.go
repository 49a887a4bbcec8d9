package render

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxTemplateLine is the longest line, in characters, that the theme's
// templates may have. Longer text breaks with {{/**/ -}} (see
// templates/_parts.html), which leaves the pages unchanged.
const maxTemplateLine = 120

// longLines returns "name:line: n characters" for every line of text
// longer than limit characters.
func longLines(name string, text []byte, limit int) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(nil, len(text)+1)
	for n := 1; sc.Scan(); n++ {
		if c := utf8.RuneCount(sc.Bytes()); c > limit {
			out = append(out, fmt.Sprintf("%s:%d: %d characters", name, n, c))
		}
	}
	return out
}

// leakedIndents returns "name:line" for every indented line whose
// indentation would reach the page: one that neither starts with a trim
// marker ("{{-") nor follows a line that ends with one ("-}}").
func leakedIndents(name string, text []byte) []string {
	var out []string
	prev := ""
	for n, line := range strings.Split(string(text), "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed != line && trimmed != "" && !strings.HasPrefix(trimmed, "{{-") &&
			!strings.HasSuffix(strings.TrimRight(prev, " \t\r"), "-}}") {
			out = append(out, fmt.Sprintf("%s:%d", name, n+1))
		}
		prev = line
	}
	return out
}

func TestLeakedIndents(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"flush", "<p>\n<b>x</b>\n</p>", nil},
		{"trimmed start", "<p>\n  {{- .X}}\n</p>", nil},
		{"after a trim", "<p>{{/**/ -}}\n  text</p>", nil},
		{"blank lines", "<p>\n   \n</p>", nil},
		{"leaks", "<ul>\n  <li>{{.}}</li>\n\t{{.Y}}\n</ul>", []string{"leaks:2", "leaks:3"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := leakedIndents(tt.name, []byte(tt.text)); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLongLines(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"empty", "", nil},
		{"at the limit", "abcde\nabc", nil},
		{"over", "abc\nabcdef\nab\nabcdefg", []string{"over:2: 6 characters", "over:4: 7 characters"}},
		{"characters, not bytes", "–––––\n", nil},
		{"carriage return", "abcdef\r\n", []string{"carriage return:1: 6 characters"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := longLines(tt.name, []byte(tt.text), 5); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTemplateLines keeps the theme's templates readable without changing
// the pages: no line longer than maxTemplateLine characters, and no
// indentation that reaches the page.
func TestTemplateLines(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("..", "..", TemplatesDir, "*.html"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates found: %v", err)
	}
	for _, name := range names {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rel := filepath.ToSlash(filepath.Join(TemplatesDir, filepath.Base(name)))
		for _, l := range longLines(rel, text, maxTemplateLine) {
			t.Errorf("%s (at most %d; break text with {{/**/ -}}, see templates/_parts.html)", l, maxTemplateLine)
		}
		for _, l := range leakedIndents(rel, text) {
			t.Errorf("%s: indented, and the indentation would be part of the page: start the line with {{- "+
				"or end the line before with -}} (see templates/_parts.html)", l)
		}
	}
}
