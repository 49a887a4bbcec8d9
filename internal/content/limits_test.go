package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// loadWithin loads fsys and fails the test if that takes more than d: a
// limit that holds must also keep the build fast.
func loadWithin(t *testing.T, fsys fstest.MapFS, d time.Duration) Problems {
	t.Helper()
	done := make(chan Problems, 1)
	start := time.Now()
	go func() { _, ps := Load(fsys, Options{}); done <- ps }()
	select {
	case ps := <-done:
		if took := time.Since(start); took > d {
			t.Errorf("load took %v, want under %v", took, d)
		}
		return ps
	case <-time.After(30 * time.Second):
		t.Fatalf("load still running after 30s")
	}
	return nil
}

// tomlEntry is goodEntry in TOML front matter, with extra lines.
func tomlEntry(extra string) string {
	return "+++\ntitle = \"Raid\"\ndate = 2025-07-16\noperation = \"2025\"\nprovinces = [\"Kratie\"]\n" + extra +
		"[[sources]]\ntitle = \"Report\"\npublisher = \"Example News\"\nurl = \"https://example.org/report\"\n+++\nText [1].\n"
}

// TestResourceLimits: each input made to exhaust the build (a small file
// that nests deeply, thousands of tags, a huge tree) is refused quickly
// with a path:line message naming the limit.
func TestResourceLimits(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	tags := make([]string, MaxTags+1)
	for i := range tags {
		tags[i] = fmt.Sprintf("t%d", i)
	}
	tests := []struct {
		name, data, want string
	}{
		{"TOML arrays nested 20,000 deep", tomlEntry("deep = " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"),
			p + ":6: front matter nests deeper than 20 levels"},
		{"TOML inline tables nested deep", tomlEntry("deep = " + strings.Repeat("{a = ", 5000) + "1" + strings.Repeat("}", 5000) + "\n"),
			p + ":6: front matter nests deeper than 20 levels"},
		{"TOML brackets inside strings do not count", tomlEntry("summary = \"" + strings.Repeat("[", 100) + "\"\n"), ""},
		{"TOML dotted keys nested deep", tomlEntry(strings.Repeat("a.", 30) + "b = 1\n"),
			p + ":6: front matter nests deeper than 20 levels"},
		{"YAML nested deep", strings.Replace(goodEntry, "kind: raid", "kind: "+strings.Repeat("[", 5000)+strings.Repeat("]", 5000), 1),
			p + ":6: kind" + strings.Repeat("[1]", 19) + ": nests deeper than 20 levels"},
		{"too many tags", strings.Replace(goodEntry, "kind: raid", "kind: raid\ntags: ["+strings.Join(tags, ", ")+"]", 1),
			p + ":7: tags: 101 tags, over the limit of 100"},
		{"tag too long", strings.Replace(goodEntry, "kind: raid", "kind: raid\ntags: [a, "+strings.Repeat("x", MaxTagLength+1)+"]", 1),
			p + ":7: tags[2]: tag is 65 characters long, over the limit of 64"},
		{"tag named like a device", strings.Replace(goodEntry, "kind: raid", "kind: raid\ntags:\n  - raid\n  - Con", 1),
			p + ":9: tags[2]: tag \"Con\" would make the page tags/con/, a reserved device name on Windows"},
		{"binary tag", strings.Replace(goodEntry, `title: "Raid in Snuol"`, "title: !!binary UmFpZA==", 1),
			p + ":2: title: YAML tag !!binary is not supported"},
		{"custom tag", strings.Replace(goodEntry, `title: "Raid in Snuol"`, "title: !include /etc/passwd", 1),
			p + ":2: title: YAML tag !include is not supported"},
		{"set tag", strings.Replace(goodEntry, "kind: raid", "kind: !!set {raid}", 1),
			p + ":6: kind: YAML tag !!set is not supported"},
		{"right-to-left override", strings.Replace(goodEntry, `"Raid in Snuol"`, "\"Raid in \u202eluonS\"", 1),
			p + ":2: title: holds the invisible direction control U+202E"},
		{"isolate in a source", strings.Replace(goodEntry, `"Example News"`, "\"Example \u2067News\"", 1),
			p + ":11: sources[1].publisher: holds the invisible direction control U+2067"},
		{"override in the body", strings.Replace(goodEntry, "Police raided", "Police \u202eraided", 1),
			p + ":15: body: holds the invisible direction control U+202E"},
		{"month end after a day start", strings.Replace(goodEntry, "date: 2025-07-16", "date: 2025-07-16\nend_date: 2025-07", 1), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := loadWithin(t, siteFS(t, map[string]string{p: tt.data}), 2*time.Second)
			got := problemLines(ps)
			if tt.want == "" {
				if len(ps) > 0 {
					t.Fatalf("unexpected problems:\n%s", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant a line containing %q", got, tt.want)
			}
		})
	}
}

// TestContentTreeLimit: a content folder over MaxTreeSize is refused as a
// whole, naming its largest file, without reading the files.
func TestContentTreeLimit(t *testing.T) {
	fsys := siteFS(t, nil)
	blob := &fstest.MapFile{Data: make([]byte, MaxFileSize)} // shared: the test stays small
	for i := range MaxTreeSize/MaxFileSize + 1 {
		fsys[fmt.Sprintf("content/entries/2025/blob-%03d.md", i)] = blob
	}
	ps := loadWithin(t, fsys, 2*time.Second)
	got := problemLines(ps)
	if !strings.Contains(got, "content: the files under content/ add up to") || !strings.Contains(got, fmt.Sprintf("over the %d-byte (%d MiB) limit", MaxTreeSize, MaxTreeSize>>20)) {
		t.Fatalf("got:\n%s", got)
	}
	if strings.Contains(got, "blob-001.md:") {
		t.Errorf("files were read after the limit was passed:\n%s", got)
	}
}

// TestDataFileDepth: site.yaml and provinces.yaml are held to the same
// depth as front matter.
func TestDataFileDepth(t *testing.T) {
	fsys := siteFS(t, nil)
	fsys[SettingsFile] = &fstest.MapFile{Data: []byte("title: " + strings.Repeat("[", 1000) + strings.Repeat("]", 1000) + "\n")}
	got := problemLines(loadWithin(t, fsys, 2*time.Second))
	if !strings.Contains(got, SettingsFile+":1: title") || !strings.Contains(got, "nests deeper than 20 levels") {
		t.Fatalf("got:\n%s", got)
	}
}

// TestProblemsEscapeControlCharacters: text from a file that reaches a
// terminal cannot carry escape codes, carriage returns, new lines or
// direction controls.
func TestProblemsEscapeControlCharacters(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	data := strings.Replace(goodEntry, "kind: raid", "\"kind\\e]0;owned\\a\\rok: 0 problems\\n\\u202e\": raid", 1)
	got := problemLines(loadWithin(t, siteFS(t, map[string]string{p: data}), 2*time.Second))
	for _, bad := range []string{"\x1b", "\a", "\r", "\u202e", "\nok: 0"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q printed raw:\n%q", bad, got)
		}
	}
	if !strings.Contains(got, `kind\x1b]0;owned\x07\x0dok: 0 problems\x0a\u202e: unknown field`) {
		t.Errorf("got %q", got)
	}
}

// TestProvinceProblemsHaveLines: a bad name in provinces.yaml is reported
// on its line, not on the file as a whole.
func TestProvinceProblemsHaveLines(t *testing.T) {
	const list = "- {name: Kratie, aliases: [Kracheh], row: 0, col: 0}\n- {name: %s, aliases: [%s], row: %d, col: 1}\n"
	for _, tt := range []struct {
		name, alias string
		row         int
		want        string
	}{
		{"Con", "x", 1, ProvincesFile + `:2: [2].name: "Con" makes the address provinces/con/, a reserved device name on Windows`},
		{`"!!!"`, "x", 1, ProvincesFile + `:2: [2].name: "!!!" has no letters or digits`},
		{"Takeo", "Kracheh", 1, ProvincesFile + `:2: [2].aliases: province "Takeo": name "Kracheh" is already used by "Kratie"`},
		{"Takeo", "x", 0, ProvincesFile + `:2: [2].row: province "Takeo": tile row 0 col 1 is already taken`},
	} {
		fsys := siteFS(t, nil)
		list := fmt.Sprintf(list, tt.name, tt.alias, tt.row)
		if tt.row == 0 {
			list = strings.Replace(list, "col: 0}", "col: 1}", 1)
		}
		fsys[ProvincesFile] = &fstest.MapFile{Data: []byte(list)}
		got := problemLines(loadWithin(t, fsys, 2*time.Second))
		if !strings.Contains(got, tt.want) {
			t.Errorf("got:\n%s\nwant a line containing %q", got, tt.want)
		}
	}
}

// TestProblemsPerFileAreCapped: a file with thousands of problems gets the
// first MaxProblemsPerFile and a count of the rest; its body's problems
// stop at markdown.MaxIssues.
func TestProblemsPerFileAreCapped(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	data := strings.Replace(goodEntry, "kind: raid", "kind: raid\n"+strings.Repeat("x: 1\n", 5000), 1) + strings.Repeat("[9]\n", 5000)
	ps := loadWithin(t, siteFS(t, map[string]string{p: data}), 3*time.Second)
	if len(ps) != MaxProblemsPerFile+1 || !strings.Contains(ps[len(ps)-1].Msg, "more problems in this file") {
		t.Fatalf("%d problems, the last %v", len(ps), ps[len(ps)-1])
	}
	body := loadWithin(t, siteFS(t, map[string]string{p: goodEntry + strings.Repeat("[9]\n", 5000)}), 3*time.Second)
	if got := problemLines(body); len(body) != 51 || !strings.Contains(got, "body: and 4950 more problems like these further on") {
		t.Fatalf("%d problems in the body:\n%s", len(body), got)
	}
}

func TestPrintableLines(t *testing.T) {
	tests := map[string]string{
		"a\nb":                  "a\nb",
		"x\x1b[2K\ny\r":         `x\x1b[2K` + "\n" + `y\x0d`,
		"ok \u202eevil\n\tnext": `ok \u202eevil` + "\n" + `\tnext`,
	}
	for in, want := range tests {
		if got := PrintableLines(in); got != want {
			t.Errorf("PrintableLines(%q) = %q, want %q", in, got, want)
		}
	}
}
