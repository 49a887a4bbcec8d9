package content

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const goodOperation = `---
name: "2025 crackdown"
start: 2025-06-27
end: ongoing
sources:
  - title: "Report"
    publisher: "Example News"
    url: https://example.org/report
---
Body.
`

const goodEntry = `---
title: "Raid in Snuol"
date: 2025-07-16
operation: "2025"
provinces: [Kratie]
kind: raid
figures:
  arrested: 312
sources:
  - title: "Report"
    publisher: "Example News"
    url: https://example.org/report
    date: 2025-07-17
---
Police raided a compound [1].
`

// siteFS returns a minimal valid site plus the given files.
func siteFS(t testing.TB, files map[string]string) fstest.MapFS {
	t.Helper()
	provinces, err := os.ReadFile("../../content/provinces.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/site.yaml":          {Data: []byte("title: Test\nbase_url: https://example.org/timeline/\n")},
		"content/provinces.yaml":     {Data: provinces},
		"content/operations/2025.md": {Data: []byte(goodOperation)},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func problemLines(ps Problems) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLoadValid(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"yaml", goodEntry},
		{"byte order mark", "\ufeff" + goodEntry},
		{"crlf line endings", strings.ReplaceAll(goodEntry, "\n", "\r\n")},
		{"blank lines before front matter", "\n\n" + goodEntry},
		{"month precision", strings.Replace(goodEntry, "date: 2025-07-16", "date: 2025-07", 1)},
		{"toml", `+++
title = "Raid in Snuol"
date = 2025-07-16
operation = "2025"
provinces = ["Kratie"]
kind = "raid"

[figures]
arrested = 312

[[sources]]
title = "Report"
publisher = "Example News"
url = "https://example.org/report"
date = 2025-07-17
+++
Police raided a compound [1].
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ps := Load(siteFS(t, map[string]string{"content/entries/2025/snuol-raid.md": tt.data}), Options{})
			if len(ps) > 0 {
				t.Fatalf("Load: unexpected problems:\n%s", problemLines(ps))
			}
			if len(s.Entries) != 1 {
				t.Fatalf("Load: got %d entries, want 1", len(s.Entries))
			}
			e := s.Entries[0]
			if e.Title != "Raid in Snuol" || e.Operation != "2025" || len(e.Provinces) != 1 || e.Provinces[0] != "Kratie" {
				t.Errorf("entry = %+v", e)
			}
			if len(e.Figures) != 1 || e.Figures[0].Values[0].N != 312 {
				t.Errorf("figures = %+v, want arrested 312", e.Figures)
			}
			html, err := e.HTML()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.TrimSpace(string(html)), `<p>Police raided a compound <a class="cite" href="#source-1" title="Source 1">[1]</a>.</p>`; got != want {
				t.Errorf("body rendered as %q, want %q", got, want)
			}
		})
	}
}

func TestLoadNormalisesAliases(t *testing.T) {
	entry := strings.Replace(goodEntry, "provinces: [Kratie]", "provinces: [Sihanoukville, poipet, Kratié]", 1)
	s, ps := Load(siteFS(t, map[string]string{"content/entries/2025/snuol-raid.md": entry}), Options{})
	if len(ps) > 0 {
		t.Fatalf("unexpected problems:\n%s", problemLines(ps))
	}
	got := strings.Join(s.Entries[0].Provinces, "|")
	if want := "Preah Sihanouk|Banteay Meanchey|Kratie"; got != want {
		t.Errorf("provinces = %q, want %q", got, want)
	}
}

func TestLoadDrafts(t *testing.T) {
	entry := strings.Replace(goodEntry, "kind: raid", "kind: raid\ndraft: true", 1)
	files := map[string]string{"content/entries/2025/snuol-raid.md": entry}
	if s, ps := Load(siteFS(t, files), Options{}); len(ps) > 0 || len(s.Entries) != 0 {
		t.Errorf("without drafts: %d entries, problems %v; want 0 and none", len(s.Entries), ps)
	}
	if s, ps := Load(siteFS(t, files), Options{Drafts: true}); len(ps) > 0 || len(s.Entries) != 1 {
		t.Errorf("with drafts: %d entries, problems %v; want 1 and none", len(s.Entries), ps)
	}
}

// replaceLine returns goodEntry with the line starting with prefix replaced
// (or removed when with is "").
func replaceLine(prefix, with string) string {
	var out []string
	for _, l := range strings.Split(goodEntry, "\n") {
		if strings.HasPrefix(l, prefix) {
			if with == "" {
				continue
			}
			l = with
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// TestLoadProblems checks each validation rule: the exact message, with the
// line of the offending field.
func TestLoadProblems(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown field with suggestion",
			map[string]string{p: replaceLine("provinces:", "provinse: [Kratie]")},
			p + ":1: provinces: missing; add a line such as provinces: [Kratie]\n" +
				p + ":5: provinse: unknown field; did you mean \"provinces\"?\n"},
		{"unknown province with suggestion",
			map[string]string{p: replaceLine("provinces:", "provinces: [Sihanoukvile]")},
			p + ":5: provinces: unknown province \"Sihanoukvile\"; did you mean \"Preah Sihanouk\"?\n"},
		{"unknown province in a block list points at its line",
			map[string]string{p: replaceLine("provinces:", "provinces:\n  - Kratie\n  - Kompot")},
			p + ":7: provinces[2]: unknown province \"Kompot\"; did you mean \"Kampot\"?\n"},
		{"missing title",
			map[string]string{p: replaceLine("title:", "")},
			p + ":1: title: missing; add a line such as title: \"Police raid a compound in Snuol\"\n"},
		{"invalid date",
			map[string]string{p: replaceLine("date: 2025-07-16", "date: 2025-13-01")},
			p + ":3: date: \"2025-13-01\" has no month 13; write YYYY-MM-DD, or YYYY-MM when only the month is known\n"},
		{"impossible day",
			map[string]string{p: replaceLine("date: 2025-07-16", "date: 2025-02-30")},
			p + ":3: date: \"2025-02-30\" is not a day of the calendar (February has 28 days)\n"},
		{"date out of range",
			map[string]string{"content/entries/1925/snuol-raid.md": replaceLine("date: 2025-07-16", "date: 1925-07-16")},
			"content/entries/1925/snuol-raid.md:3: date: year 1925 is out of range (2000 to 2099); check for a typo\n"},
		{"date in words",
			map[string]string{p: replaceLine("date: 2025-07-16", "date: July 16, 2025")},
			p + ":3: date: \"July 16, 2025\" is not a date; write YYYY-MM-DD, or YYYY-MM when only the month is known\n"},
		{"end before start",
			map[string]string{p: replaceLine("date: 2025-07-16", "date: 2025-07-16\nend_date: 2025-07-01")},
			p + ":4: end_date: 2025-07-01 is before date 2025-07-16; swap them or fix the typo\n"},
		{"entry in the wrong year folder",
			map[string]string{"content/entries/2024/snuol-raid.md": goodEntry},
			"content/entries/2024/snuol-raid.md:3: date: entry dated 2025 is in the folder for 2024; move it to content/entries/2025/\n"},
		{"unknown operation",
			map[string]string{p: replaceLine("operation:", "operation: \"2052\"")},
			p + ":4: operation: unknown operation \"2052\"; did you mean \"2025\"? (the operations are: 2025)\n"},
		{"unknown operation far from any",
			map[string]string{p: replaceLine("operation:", "operation: \"1999\"")},
			p + ":4: operation: unknown operation \"1999\"; the operations are: 2025\n"},
		{"nationalities as adjectives",
			map[string]string{p: replaceLine("kind:", "kind: raid\nnationalities: [Vietnamese, China, Thais]")},
			p + ":7: nationalities[1]: \"Vietnamese\" describes people, but this field lists countries; write \"Vietnam\"\n" +
				p + ":7: nationalities[3]: \"Thais\" describes people, but this field lists countries; write \"Thailand\"\n"},
		{"nationality adjective with a count",
			map[string]string{p: replaceLine("kind:", "kind: raid\nnationalities:\n  Chinese nationals: 3\n  Myanmar: 2")},
			p + ":8: nationalities.Chinese nationals: \"Chinese nationals\" describes people, but this field lists countries; write \"China\"\n"},
		{"unknown kind",
			map[string]string{p: replaceLine("kind:", "kind: raids")},
			p + ":6: kind: unknown kind \"raids\"; did you mean \"raid\"? (allowed: " + strings.Join(Kinds, ", ") + ")\n"},
		{"vague figure",
			map[string]string{p: replaceLine("  arrested:", "  arrested: hundreds")},
			p + ":8: figures.arrested: \"hundreds\" is not a count; write a number (1500), or a number with one qualifier as the source gives it (\"1,500+\", \"~1,500\", \">1,500\"), and describe anything vaguer in the text\n"},
		{"negative figure",
			map[string]string{p: replaceLine("  arrested:", "  arrested: -5")},
			p + ":8: figures.arrested: \"-5\" is negative; counts start at 0\n"},
		{"absurd figure",
			map[string]string{p: replaceLine("  arrested:", "  arrested: 31200000000")},
			p + ":8: figures.arrested: \"31200000000\" is larger than 10,000,000; check for a typo\n"},
		{"unknown figure",
			map[string]string{p: replaceLine("  arrested:", "  arested: 312")},
			p + ":8: figures.arested: unknown field; did you mean \"arrested\"?\n"},
		{"figure citing a missing source",
			map[string]string{p: replaceLine("  arrested:", "  arrested: {value: 312, source: 2}")},
			p + ":8: figures.arrested.source: there is no source 2; the sources list has 1\n"},
		{"no sources",
			map[string]string{p: strings.Split(goodEntry, "sources:")[0] + "---\nBody.\n"},
			p + ":1: sources: missing; add a line such as \"sources:\" followed by \"  - title: ...\", \"publisher: ...\", \"url: https://...\"\n"},
		{"source url not http",
			map[string]string{p: replaceLine("    url:", "    url: javascript:alert(1)")},
			p + ":12: sources[1].url: \"javascript:alert(1)\" is not an http(s) link; copy the full address, starting with https://\n"},
		{"source without publisher",
			map[string]string{p: replaceLine("    publisher:", "")},
			p + ":10: sources[1].publisher: missing; every source needs a title, a publisher and a url\n"},
		{"duplicate key",
			map[string]string{p: replaceLine("kind:", "kind: raid\ntitle: \"Again\"")},
			p + ":7: title: appears twice (first on line 2); keep one\n"},
		{"yaml syntax error",
			map[string]string{p: replaceLine("title:", "title: Raid: in Snuol")},
			p + ":2:12: YAML syntax: a \": \" in a value makes YAML read a new field; put the whole value in quotes: \"Raid: in Snuol\"\n"},
		{"toml syntax error",
			map[string]string{p: "+++\ntitle = \"Raid\"\ndate = 2025-07-16\noperation = 2025\"\n+++\n"},
			p + ":4:17: TOML syntax: expected a top-level item to end with a newline, comment, or EOF, but got '\"' instead; check the quotes and brackets on this line\n"},
		{"unterminated front matter",
			map[string]string{p: strings.Replace(goodEntry, "---\nPolice", "Police", 1)},
			p + ":1: front matter opened with \"---\" is never closed; add a line \"---\" after the last field\n"},
		{"no front matter",
			map[string]string{p: "Police raided a compound.\n"},
			p + ":1: missing front matter; the file must start with a line \"---\", the fields, and another \"---\"\n"},
		{"empty file",
			map[string]string{p: "\n  \n"},
			p + ": file is empty; start from the template in CONTRIBUTING.md\n"},
		{"not utf-8",
			map[string]string{p: strings.Replace(goodEntry, "Raid in Snuol", "Raid in Sn\xfcuol", 1)},
			p + ":2: file is not valid UTF-8; save it with UTF-8 encoding\n"},
		{"carriage return alone",
			map[string]string{p: strings.Replace(goodEntry, "Raid in Snuol", "Raid in\rSnuol", 1)},
			p + ":2: line holds a carriage return without a line feed (an old Mac line ending); save the file with LF or CRLF line endings\n"},
		{"too large",
			map[string]string{p: goodEntry + strings.Repeat("x", MaxFileSize)},
			p + ": file is " + strconv.Itoa(len(goodEntry)+MaxFileSize) + " bytes, over the 1048576-byte limit; keep entries to text and link to large documents instead\n"},
		{"duplicate slug across years",
			map[string]string{p: goodEntry, "content/entries/2026/snuol-raid.md": strings.Replace(goodEntry, "2025-07-16", "2026-01-16", 1)},
			"content/entries/2026/snuol-raid.md: file name \"snuol-raid.md\" is already used by content/entries/2025/snuol-raid.md; entry URLs use the file name, so rename one of them\n"},
		{"bad file name",
			map[string]string{"content/entries/2025/Snuol Raid.md": goodEntry},
			"content/entries/2025/Snuol Raid.md: file name \"Snuol Raid.md\" must be lower-case letters, digits and hyphens, at most 80 characters (it becomes the page's address); rename it to snuol-raid.md\n"},
		{"entry outside a year folder",
			map[string]string{"content/entries/snuol-raid.md": goodEntry},
			"content/entries/snuol-raid.md: entries live in a folder named after their year; move it to content/entries/YYYY/snuol-raid.md\n"},
		{"citation of a missing source in the body",
			map[string]string{p: goodEntry + "\nSee also [3].\n"},
			p + ":17: body: citation [3] refers to no source; the sources list has 1\n"},
		{"javascript link in the body",
			map[string]string{p: goodEntry + "\n[click](javascript:alert(1))\n"},
			p + ":17: body: link \"javascript:alert(1)\" is not allowed; only http(s) and mailto links are\n"},
		{"raw html in the body",
			map[string]string{p: goodEntry + "\n<script>alert(1)</script>\n"},
			p + ":17: body: raw HTML is not allowed and would not be shown; write it in Markdown\n"},
		{"several problems in several files, sorted",
			map[string]string{
				p:                                 replaceLine("kind:", "kind: raids"),
				"content/entries/2025/another.md": replaceLine("provinces:", "provinces: [Atlantis]"),
			},
			"content/entries/2025/another.md:5: provinces: unknown province \"Atlantis\"; use one of the 25 names in content/provinces.yaml, or \"nationwide\"\n" +
				p + ":6: kind: unknown kind \"raids\"; did you mean \"raid\"? (allowed: " + strings.Join(Kinds, ", ") + ")\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Load(siteFS(t, tt.files), Options{})
			if got := problemLines(ps); got != tt.want {
				t.Errorf("Load problems:\ngot:\n%swant:\n%s", got, tt.want)
			}
		})
	}
}

func TestCacheReparsesOnlyChangedFiles(t *testing.T) {
	files := map[string]string{
		"content/entries/2025/a-raid.md": goodEntry,
		"content/entries/2025/b-raid.md": goodEntry,
	}
	fsys := siteFS(t, files)
	c := NewCache()
	if _, ps := Load(fsys, Options{Cache: c}); len(ps) > 0 || c.Misses != 2 {
		t.Fatalf("first load: %d parsed, problems %v; want 2 and none", c.Misses, ps)
	}
	if _, _ = Load(fsys, Options{Cache: c}); c.Hits != 2 || c.Misses != 0 {
		t.Errorf("unchanged load: %d reused, %d parsed; want 2 and 0", c.Hits, c.Misses)
	}
	fsys["content/entries/2025/b-raid.md"] = &fstest.MapFile{Data: []byte(replaceLine("kind:", "kind: raids"))}
	_, ps := Load(fsys, Options{Cache: c})
	if c.Hits != 1 || c.Misses != 1 || len(ps) != 1 {
		t.Errorf("after one edit: %d reused, %d parsed, problems %v; want 1, 1 and one problem", c.Hits, c.Misses, ps)
	}
	// The same problem comes back from the cache, not only from parsing.
	if _, ps2 := Load(fsys, Options{Cache: c}); problemLines(ps2) != problemLines(ps) || c.Hits != 2 {
		t.Errorf("cached problems = %v (hits %d), want %v", ps2, c.Hits, ps)
	}
	// A change to the operations invalidates every entry.
	fsys["content/operations/2026.md"] = &fstest.MapFile{Data: []byte(strings.Replace(goodOperation, "2025-06-27", "2026-01-06", 1))}
	if Load(fsys, Options{Cache: c}); c.Misses != 2 {
		t.Errorf("after a new operation: %d parsed, want 2", c.Misses)
	}
}

func TestCacheTrustsTheWatcher(t *testing.T) {
	const a, b = "content/entries/2025/a-raid.md", "content/entries/2025/b-raid.md"
	fsys := siteFS(t, nil)
	version := 0
	edit := func(name, title string) { // a save: new bytes, a new time
		version++
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(goodEntry, "Raid in Snuol", title, 1)), ModTime: time.Unix(int64(version), 0)}
	}
	c := NewCache()
	titles := func() string {
		t.Helper()
		s, ps := Load(fsys, Options{Cache: c})
		if len(ps) > 0 {
			t.Fatal(ps)
		}
		var got []string
		for _, e := range s.Entries {
			got = append(got, e.Title)
		}
		return strings.Join(got, " ")
	}
	for _, step := range []struct {
		name   string
		edit   func()
		trust  []string // nil: no Trust before the load
		want   string
		parsed int
	}{
		{"first load", func() { edit(a, "A1"); edit(b, "B1") }, nil, "A1 B1", 2},
		{"the reported file is read again", func() { edit(a, "A2") }, []string{a}, "A2 B1", 1},
		{"an unreported file is taken as it was", func() { edit(b, "B2") }, []string{a}, "A2 B1", 0},
		{"trust lasts one load", func() {}, nil, "A2 B2", 1},
		{"a reported folder covers its files", func() { edit(a, "A3"); edit(b, "B3") }, []string{"content/entries/2025"}, "A3 B3", 2},
		{"new and deleted files are seen unreported", func() {
			delete(fsys, a)
			edit("content/entries/2025/c-raid.md", "C1")
		}, []string{}, "B3 C1", 1},
	} {
		step.edit()
		if step.trust != nil {
			c.Trust(step.trust)
		}
		if got := titles(); got != step.want || c.Misses != step.parsed {
			t.Errorf("%s: titles %q, %d parsed; want %q, %d", step.name, got, c.Misses, step.want, step.parsed)
		}
	}
}

func TestEditorTempFilesAreSkipped(t *testing.T) {
	files := map[string]string{"content/entries/2025/snuol-raid.md": goodEntry}
	for _, name := range []string{"snuol-raid.md~", "snuol-raid.md.swp", "snuol-raid.md.tmp", "4913", "#snuol-raid.md#", "snuol-raid.md.bak"} {
		files["content/entries/2025/"+name] = "half-written"
	}
	files["content/entries/2025/notes.txt"] = "not an entry"
	_, ps := Load(siteFS(t, files), Options{})
	want := "content/entries/2025/notes.txt: only Markdown files (.md) belong in content/entries/; rename or remove it\n"
	if got := problemLines(ps); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}
