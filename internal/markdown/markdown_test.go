package markdown

import (
	"strconv"
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	c := New()
	tests := []struct{ name, in, want string }{
		{"citation", "Police said so [2].", `<p>Police said so <a class="cite" href="#source-2" title="Source 2">[2]</a>.</p>`},
		{"escaped citation stays text", `Write \[1\] to cite.`, `<p>Write [1] to cite.</p>`},
		{"link is not a citation", "[1](https://example.org)", `<p><a href="https://example.org">1</a></p>`},
		{"raw html dropped", "<script>alert(1)</script>", `<!-- raw HTML omitted -->`},
		{"inline html dropped", "a <img src=x onerror=alert(1)> b", `<p>a <!-- raw HTML omitted --> b</p>`},
		{"javascript link neutralised", "[x](javascript:alert(1))", `<p><a href="">x</a></p>`},
		{"typographer", `"quoted" -- text`, `<p>&ldquo;quoted&rdquo; &ndash; text</p>`},
		{"heading id", "## Method", `<h2 id="method">Method</h2>`},
		{"table", "| a |\n|---|\n| 1 |", "<table>\n<thead>\n<tr>\n<th>a</th>"},
		{"footnote", "x[^1]\n\n[^1]: note", `<li id="fn:1">`},
	}
	for _, tt := range tests {
		got, err := c.HTML([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(got), tt.want) {
			t.Errorf("%s: HTML(%q) =\n%s\nwant it to contain\n%s", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	c := New()
	src := "Fine [1] and [a link](https://example.org) and [rel](../x/).\n\n" +
		"Bad [2] here.\n" +
		"[x](javascript:alert(1)) and [y](data:text/html,hi) and [z](//evil.example)\n\n" +
		"<div>raw</div>\n\n" +
		"```\n[9] in code is fine\n```\n"
	var got []string
	for _, is := range c.Check([]byte(src), 1) {
		got = append(got, strconv.Itoa(is.Line)+": "+is.Msg)
	}
	want := []string{
		"3: citation [2] refers to no source; the sources list has 1",
		`4: link "javascript:alert(1)" is not allowed; only http(s) and mailto links are`,
		`4: link "data:text/html,hi" is not allowed; only http(s) and mailto links are`,
		`4: link "//evil.example" has no scheme; write it with https://`,
		"6: raw HTML is not allowed and would not be shown; write it in Markdown",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
