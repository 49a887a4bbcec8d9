package sourcecheck

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/report.md")

func TestReportMarkdown(t *testing.T) {
	cite := func(title, path string, line int) []Citation {
		return []Citation{{Title: title, Path: path, Line: line}}
	}
	r := Report{
		Date: "2026-12-07",
		Sources: []Source{
			{URL: "https://a.example/ok", Title: "Fine", Publisher: "A", Archive: "https://web.archive.org/web/20250101/https://a.example/ok"},
			{URL: "https://gone.example/story", Title: "Raid | with [brackets] <b>", Publisher: "Gone News", Given: false,
				Archive: "https://web.archive.org/web/20220901/https://gone.example/story",
				CitedBy: append(cite("Raid in Bei", "content/entries/2022/bei.md", 19), cite("2022 crackdown", "content/operations/2022.md", 59)...)},
			{URL: "http://b.example/old", Title: "Moved story", Publisher: "B (via C)", Archive: "https://archive.ph/x", Given: true,
				CitedBy: cite("Tally", "content/entries/2025/t.md", 12)},
			{URL: "https://c.example/slow", Title: "", Publisher: "C", CitedBy: cite("Slow", "content/entries/2025/s.md", 8)},
		},
		Results: []Result{
			{URL: "https://a.example/ok", Verdict: OK, Status: 200, Final: "https://a.example/ok"},
			{URL: "https://gone.example/story", Verdict: Dead, Status: 410, Final: "https://gone.example/story"},
			{URL: "http://b.example/old", Verdict: Moved, Status: 200, Final: "https://b.example/new",
				Hops: []Hop{{URL: "http://b.example/old", Status: 301}}},
			{URL: "https://c.example/slow", Verdict: Failed, Final: "https://c.example/slow", Err: "timed out after 20s"},
		},
	}
	var got bytes.Buffer
	if err := r.WriteMarkdown(&got); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/report.md"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("report differs from %s (go test -update to rewrite):\n%s", golden, got.String())
	}
}
