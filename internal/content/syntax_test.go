package content

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSyntaxErrors: each broken file gives one problem, on the line and at
// the column of the character to change, in plain words, with the line
// quoted. Lines are lines of the file (the front matter opens on line 1).
func TestSyntaxErrors(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	yamlEntry := func(fields string) string {
		return "---\n" + fields + "sources:\n  - {title: \"Report\", publisher: \"Example News\", url: \"https://example.org/report\"}\n---\nText [1].\n"
	}
	tests := []struct {
		name      string
		file      string
		line, col int
		words     string // the message, exactly
	}{
		{"tab in the indentation of a list item",
			yamlEntry("title: \"Raid\"\nprovinces:\n\t- Kratie\n"), 4, 1,
			"YAML syntax: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces"},
		{"tab after spaces in the indentation",
			yamlEntry("title: \"Raid\"\nfigures:\n  \tarrested: 3\n"), 4, 3,
			"YAML syntax: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces"},
		{"tab before a field of a list item",
			"---\ntitle: \"Raid\"\nsources:\n  - title: \"Report\"\n\tpublisher: \"Example News\"\n---\n", 5, 1,
			"YAML syntax: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces"},
		{"unclosed [ followed by a field",
			yamlEntry("title: \"Raid\"\nprovinces: [Kratie, Kampot\nkind: raid\nsummary: \"One line.\"\n"), 3, 12,
			"YAML syntax: the list opened with [ here is never closed; end it with ]"},
		{"unclosed [ on the last field",
			"---\ntitle: \"Raid\"\ntags: [raid, kratie\n---\n", 3, 7,
			"YAML syntax: the list opened with [ here is never closed; end it with ]"},
		{"unclosed { in a figure",
			yamlEntry("figures:\n  arrested: {value: 3, source: 1\nkind: raid\n"), 3, 13,
			"YAML syntax: the set of fields opened with { here is never closed; end it with }"},
		{"a list closed with }",
			yamlEntry("provinces: [Kratie, Kampot}\n"), 2, 27,
			"YAML syntax: this } closes a [; write ]"},
		{"text after a closed list",
			yamlEntry("provinces: [Kratie], Kampot\n"), 2, 20,
			"YAML syntax: there is more after the closing ]; put it inside the brackets, or remove it"},
		{"unescaped double quotes in a title",
			yamlEntry("title: \"Police say \"no comment\" after raid\"\nkind: raid\n"), 2, 20,
			`YAML syntax: this " ends the quoted value early, and YAML cannot read what follows it; write \" for a quote inside double quotes, or put the whole value in single quotes`},
		{"apostrophe inside single quotes",
			yamlEntry("title: 'Police raid Cambodia's largest compound'\n"), 2, 29,
			"YAML syntax: this ' ends the quoted value early, and YAML cannot read what follows it; write '' (two single quotes) for an apostrophe inside single quotes, or put the whole value in double quotes"},
		{"unescaped quotes in a source title",
			"---\ntitle: \"Raid\"\nsources:\n  - title: \"The \"scam\" economy\"\n    publisher: \"Example\"\n---\n", 4, 17,
			`YAML syntax: this " ends the quoted value early, and YAML cannot read what follows it; write \" for a quote inside double quotes, or put the whole value in single quotes`},
		{"a quote never closed",
			yamlEntry("title: \"Police raid a compound\nkind: raid\n"), 2, 8,
			`YAML syntax: the quote " that starts this value is never closed; add " at the end of the value`},
		{"a colon and space in an unquoted title",
			yamlEntry("title: Raid: 300 held\n"), 2, 12,
			`YAML syntax: a ": " in a value makes YAML read a new field; put the whole value in quotes: "Raid: 300 held"`},
		{"a list item indented less than the one above",
			yamlEntry("provinces:\n  - Kratie\n - Kampot\n"), 4, 2,
			"YAML syntax: this line is indented by 1 space, line 3 above it by 2 spaces; YAML reads indentation as structure, so line them up (2 spaces)"},
		{"field of a list item indented one space too far",
			"---\ntitle: \"Raid\"\nsources:\n  - title: \"Report\"\n     publisher: \"Example News\"\n---\n", 5, 6,
			"YAML syntax: this line is indented by 5 spaces, line 4 above it by 4 spaces; YAML reads indentation as structure, so line them up (4 spaces); the line above already has a value, so this line cannot belong to it"},
		{"field of a list item indented one space short",
			"---\ntitle: \"Raid\"\nsources:\n  - title: \"Report\"\n   publisher: \"Example News\"\n  - title: \"Other\"\n---\n", 5, 4,
			"YAML syntax: this line is indented by 3 spaces, line 4 above it by 4 spaces; YAML reads indentation as structure, so line them up (4 spaces)"},
		{"top-level field indented",
			yamlEntry("title: \"Raid\"\n  kind: raid\n"), 3, 3,
			"YAML syntax: this line is indented by 2 spaces, line 2 above it by 0 spaces; YAML reads indentation as structure, so line them up (0 spaces); the line above already has a value, so this line cannot belong to it"},
		{"figure indented less than its siblings",
			yamlEntry("figures:\n    arrested: 3\n  detained: 5\n"), 4, 3,
			"YAML syntax: this line is indented by 2 spaces, line 3 above it by 4 spaces; YAML reads indentation as structure, so line them up (4 spaces)"},
		{"the column counts characters, not bytes",
			yamlEntry("title: \"Raid — ផ្សារ \"Night\" market\"\n"), 2, 22,
			`YAML syntax: this " ends the quoted value early, and YAML cannot read what follows it; write \" for a quote inside double quotes, or put the whole value in single quotes`},
		{"a field without a colon",
			yamlEntry("title: \"Raid\"\nkind raid\n"), 3, 1,
			`YAML syntax: a field without ":" after its name; write it as name: value`},
		{"a value starting with @",
			yamlEntry("title: \"Raid\"\nsummary: @police said so\n"), 3, 10,
			"YAML syntax: a value cannot start with @; put the value in quotes"},
		{"a backslash escape in double quotes",
			yamlEntry("title: \"Raid in C:\\Snuol\"\n"), 2, 1,
			`YAML syntax: a \ inside double quotes starts an escape such as \" or \n; write \\ for a backslash, or put the text in single quotes`},
		{"a ] that closes nothing",
			yamlEntry("provinces: [Kratie]]\n"), 2, 20,
			"YAML syntax: this ] closes nothing; remove it"},
		{"TOML: text without quotes",
			"+++\ntitle = Police raid\n+++\n", 2, 9,
			`TOML syntax: expected value but found "Police" instead; text must be in quotes: title = "Police raid a compound"`},
		{"TOML: unclosed array",
			"+++\ntitle = \"Raid\"\nprovinces = [\"Kratie\"\ndate = 2025-07-16\n+++\n", 4, 1,
			"TOML syntax: expected a comma (',') or array terminator (']'), but got 'd'; check the quotes and brackets on this line"},
		{"TOML: month-only date unquoted",
			"+++\ntitle = \"Raid\"\ndate = 2025-07\n+++\n", 3, 8,
			`TOML syntax: invalid datetime: "2025-07"; in TOML write a date as 2025-07-16, or in quotes as "2025-07" when only the month is known`},
		{"TOML: a quote never closed",
			"+++\ntitle = \"A raid\ndate = 2025-07-16\n+++\n", 2, 16,
			`TOML syntax: strings cannot contain newlines; the quote that starts this text is never closed; add " at its end`},
		{"TOML: a field twice",
			"+++\ntitle = \"Raid\"\ntitle = \"Again\"\n+++\n", 3, 1,
			"TOML syntax: Key 'title' has already been defined.; a field appears twice; keep one"},
	}
	if len(tests) < 20 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Load(siteFS(t, map[string]string{p: tt.file}), Options{})
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1:\n%s", len(ps), problemLines(ps))
			}
			got := ps[0]
			if got.Line != tt.line || got.Column != tt.col || got.Msg != tt.words {
				t.Errorf("got %d:%d: %s\nwant %d:%d: %s", got.Line, got.Column, got.Msg, tt.line, tt.col, tt.words)
			}
			lines := strings.Split(strings.ReplaceAll(tt.file, "\r\n", "\n"), "\n")
			if want := lines[tt.line-1]; got.Excerpt != want {
				t.Errorf("excerpt %q, want line %d as written: %q", got.Excerpt, tt.line, want)
			}
			caret := got.Caret("")
			if i := strings.Index(caret, "\n"); i < 0 || !strings.HasSuffix(caret, strings.Repeat(" ", tt.col-1)+"^") {
				t.Errorf("caret:\n%s", caret)
			}
		})
	}
}

// FuzzDiagnoseSyntax: whatever the text, a syntax error is explained on a
// line of the text (or on none), at a column inside that line, with words.
func FuzzDiagnoseSyntax(f *testing.F) {
	for _, s := range []string{"a: [b\nc: d\n", "a: \"b \"c\" d\"\n", "a:\n\t- b\n", "a:\n  - b: c\n   d: e\n", "a = [1\nb = 2\n", "a: 'it's'\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var root yaml.Node
		err := unmarshalYAML([]byte(text), &root)
		if err == nil {
			return
		}
		p := diagnoseSyntax([]byte(text), 10, err)
		lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
		if p.msg == "" || p.line != 0 && (p.line < 10 || p.line >= 10+len(lines)) {
			t.Fatalf("line %d of %d lines starting at 10: %q", p.line, len(lines), p.msg)
		}
		if p.line != 0 && p.col > len(lines[p.line-10])+1 {
			t.Fatalf("column %d past the end of line %q", p.col, lines[p.line-10])
		}
	})
}
