package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

func TestHTML(t *testing.T) {
	c := New()
	tests := []struct{ name, in, want string }{
		{"citation", "Police said so [2].", `<p>Police said so <a class="cite" href="#source-2" title="Source 2">[2]</a>.</p>`},
		{"escaped citation stays text", `Write \[1\] to cite.`, `<p>Write [1] to cite.</p>`},
		{"link is not a citation", "[1](https://example.org)", `<p><a href="https://example.org">1</a></p>`},
		{"adjacent citations", "Both say so [1][3].", `<p>Both say so <a class="cite" href="#source-1" title="Source 1">[1]</a><a class="cite" href="#source-3" title="Source 3">[3]</a>.</p>`},
		{"reference link is not a citation", "[1][ref]\n\n[ref]: https://example.org", `<p><a href="https://example.org">1</a></p>`},
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

// TestHostileBodies feeds link and HTML tricks (many from the OWASP XSS
// filter evasion list) to both sides: the check must reject each, and the
// renderer, should anything get past the check, must not emit it.
func TestHostileBodies(t *testing.T) {
	c := New()
	bad := []string{
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](vbscript:msgbox(1))",
		"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
		"[x](&#106;avascript:alert(1))",
		"[x](&#x6A;avascript:alert(1))",
		"[x](java%0ascript:alert(1))",
		"<javascript:alert(1)>",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"[x](file:///etc/passwd)",
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
		"<div style=\"background:url(javascript:alert(1))\">x</div>",
		"<!--<script>-->alert(1)",
	}
	for _, src := range bad {
		if issues := c.Check([]byte(src), 1); len(issues) == 0 {
			t.Errorf("Check(%q) found nothing; want it refused", src)
		}
		assertHarmless(t, c, src)
	}
	// Not HTML to a Markdown parser, so shown as text: harmless, not refused.
	for _, src := range []string{"<svg/onload=alert(1)>", "<scr<script>ipt>alert(1)</script>", "\\<script>alert(1)\\</script>"} {
		assertHarmless(t, c, src)
	}
}

// assertHarmless renders src and checks the HTML: no active elements, no
// event handler attributes, no script-bearing addresses.
func assertHarmless(t *testing.T, c *Converter, src string) {
	t.Helper()
	out, err := c.HTML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	z := xhtml.NewTokenizer(strings.NewReader(string(out)))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		switch string(name) {
		case "script", "iframe", "object", "embed", "svg", "style", "base", "form", "meta", "link":
			t.Errorf("HTML(%q) = %q has a <%s> element", src, out, name)
		}
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			key, val := strings.ToLower(string(k)), strings.ToLower(strings.TrimSpace(string(v)))
			if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" {
				t.Errorf("HTML(%q) = %q has attribute %s", src, out, key)
			}
			for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
				if strings.HasPrefix(val, scheme) {
					t.Errorf("HTML(%q) = %q has %s=%q", src, out, key, v)
				}
			}
		}
	}
}

// TestConvertMatchesHTMLAndCheck proves that the single-parse Convert a
// build uses gives what the separate Check and HTML give.
func TestConvertMatchesHTMLAndCheck(t *testing.T) {
	c := New()
	bodies := []string{
		"Police raided a compound [1].\n\n## Details\n\n- one\n- two\n",
		"A \"quoted\" claim[^1] and https://example.org/x.\n\n[^1]: A note.\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n\n## Details\n\n## Details\n",
		"[bad](javascript:alert(1)) and <b>raw</b> and [9]\n",
		"~~struck~~ [link](https://example.org) ![img](https://example.org/i.png)\n",
		"",
	}
	for _, body := range bodies {
		html, issues, err := c.Convert([]byte(body), 2)
		if err != nil {
			t.Fatal(err)
		}
		wantIssues := c.Check([]byte(body), 2)
		if fmt.Sprint(issues) != fmt.Sprint(wantIssues) {
			t.Errorf("%q: Convert issues %v, Check %v", body, issues, wantIssues)
		}
		if len(issues) > 0 {
			if html != "" {
				t.Errorf("%q: Convert rendered a body with issues", body)
			}
			continue
		}
		want, err := c.HTML([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if html != want {
			t.Errorf("%q: Convert gave\n%s\nHTML gave\n%s", body, html, want)
		}
	}
}
