package site

import (
	"strings"
	"testing"

	"timeline/internal/content"
)

func entry(kind string, figs ...content.Figure) *content.Entry {
	return &content.Entry{Kind: kind, Figures: figs}
}

func fig(key string, counts ...content.Count) content.Figure {
	f := content.Figure{Key: key}
	for _, c := range counts {
		f.Values = append(f.Values, content.SourcedCount{Count: c})
	}
	return f
}

func TestSumFigure(t *testing.T) {
	n := func(v int64) content.Count { return content.Count{N: v} }
	q := func(v int64, qual string) content.Count { return content.Count{N: v, Qualifier: qual} }
	tests := []struct {
		name    string
		entries []*content.Entry
		want    string
		count   int
	}{
		{"events add up", []*content.Entry{entry("raid", fig("arrested", n(100))), entry("arrest", fig("arrested", n(28)))}, "128", 2},
		{"tallies are left out", []*content.Entry{entry("raid", fig("arrested", n(100))), entry("statement", fig("arrested", n(3075))), entry("report", fig("arrested", n(5000)))}, "100", 1},
		{"first value where sources differ", []*content.Entry{entry("raid", fig("arrested", n(746), n(809)))}, "746", 1},
		{"at least stays at least", []*content.Entry{entry("raid", fig("arrested", q(1000, ">"))), entry("raid", fig("arrested", n(28)))}, "1,028+", 2},
		{"about wins over at least", []*content.Entry{entry("raid", fig("arrested", q(1000, "+"))), entry("raid", fig("arrested", q(700, "~")))}, "~1,700", 2},
		{"other figures ignored", []*content.Entry{entry("raid", fig("rescued", n(5)))}, "0", 0},
	}
	for _, tt := range tests {
		got := sumFigure(tt.entries, "arrested")
		if got.String() != tt.want || got.Entries != tt.count {
			t.Errorf("%s: sum = %s over %d entries, want %s over %d", tt.name, got.String(), got.Entries, tt.want, tt.count)
		}
	}
}

func TestCompareFigureDiffers(t *testing.T) {
	sum := EntrySum{Count: content.Count{N: 746}, Entries: 1}
	tests := []struct {
		reported []int64
		sum      EntrySum
		want     bool
	}{
		{[]int64{746}, sum, false},
		{[]int64{3455, 746}, sum, false},
		{[]int64{3455}, sum, true},
		{nil, sum, false},
		{[]int64{3455}, EntrySum{}, false},
	}
	for _, tt := range tests {
		f := &CompareFigure{Sum: tt.sum}
		for _, r := range tt.reported {
			f.Reported = append(f.Reported, content.SourcedCount{Count: content.Count{N: r}})
		}
		if got := f.Differs(); got != tt.want {
			t.Errorf("reported %v, sum %v: Differs() = %v, want %v", tt.reported, tt.sum.Count, got, tt.want)
		}
	}
}

func TestAxisNumbers(t *testing.T) {
	for in, want := range map[int64]int64{0: 1, 1: 1, 7: 8, 102: 150, 2044: 2500, 3455: 4000, 5106: 6000, 10000: 10000} {
		if got := niceCeil(in); got != want {
			t.Errorf("niceCeil(%d) = %d, want %d", in, got, want)
		}
	}
	for in, want := range map[int64]int64{1: 1, 6: 1, 10: 2, 150: 50, 2500: 500, 4000: 1000, 6000: 1000} {
		if got := tickStep(in); got != want {
			t.Errorf("tickStep(%d) = %d, want %d", in, got, want)
		}
	}
	for _, tt := range []struct{ n, max, want int }{{0, 6, 0}, {1, 6, 1}, {2, 6, 1}, {3, 6, 2}, {6, 6, 4}, {1, 1, 1}} {
		if got := shade(tt.n, tt.max); got != tt.want {
			t.Errorf("shade(%d, %d) = %d, want %d", tt.n, tt.max, got, tt.want)
		}
	}
}

func TestCheckCollisions(t *testing.T) {
	s := &Site{Outputs: []*Page{
		{File: "index.html", Template: "home.html"},
		{File: "about/index.html", Template: "page.html", SourcePath: "content/pages/about.md"},
		{File: "about/index.html", Template: "tag.html"},
	}}
	err := s.checkCollisions()
	if err == nil || err.Error() != "content/pages/about.md and the generated tag page would both write about/index.html; rename one of them" {
		t.Errorf("checkCollisions = %v", err)
	}
	s.Outputs = s.Outputs[:2]
	if err := s.checkCollisions(); err != nil {
		t.Errorf("no collision: %v", err)
	}
}

// TestUnsourced shows that the provenance check of the compare page finds
// each kind of figure without a source; TestCompareIsSourced in
// internal/build runs it on the real content.
func TestUnsourced(t *testing.T) {
	src := []content.Source{{Title: "A report", Publisher: "News", URL: "https://example.org/a"}}
	sourced := content.Figure{Key: "arrested", Values: []content.SourcedCount{{Count: content.Count{N: 10}, Source: 1}}}
	orphan := func(key string, source int) content.Figure {
		return content.Figure{Key: key, Values: []content.SourcedCount{{Count: content.Count{N: 5}, Source: source}}}
	}
	good := &content.Entry{Path: "good.md", Kind: "raid", Figures: []content.Figure{sourced}, Sources: src}
	noSources := &content.Entry{Path: "bare.md", Kind: "raid", Figures: []content.Figure{orphan("rescued", 0)}}
	badIndex := &content.Entry{Path: "index.md", Kind: "arrest", Figures: []content.Figure{orphan("arrested", 3)}, Sources: src}
	tally := &content.Entry{Path: "tally.md", Kind: "statement", Figures: []content.Figure{orphan("arrested", 9)}, Sources: src}
	op := &content.Operation{Path: "op.md", ID: "x", Sources: src,
		Figures:   []content.Figure{sourced, orphan("deported", 2)},
		Trigger:   []content.Claim{{Text: "An order.", Source: 1}},
		Aftermath: []content.Claim{{Text: "Nothing changed.", Source: 4}}}
	s := &Site{Site: &content.Site{}}
	s.OperationGroups = []*OperationGroup{{Operation: op, Entries: []*content.Entry{good, noSources, badIndex, tally}}}
	got := s.Compare().Unsourced()
	want := []string{
		"bare.md: rescued 5 cites source 0 of 0",
		"index.md: arrested 5 cites source 3 of 1",
		"op.md: aftermath \"Nothing changed.\" cites source 4 of 1",
		"op.md: reported deported 5 cites source 2 of 1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Unsourced() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
