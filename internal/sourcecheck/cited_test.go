package sourcecheck

import (
	"testing"

	"timeline/internal/content"
)

func TestCited(t *testing.T) {
	a := content.Source{Title: "A", Publisher: "P", URL: "https://example.org/a", Line: 7}
	aArchived := a
	aArchived.Archive, aArchived.Line = "https://archive.example/a", 9
	b := content.Source{Title: "B", Publisher: "Q", URL: "https://example.org/b", Line: 8}
	s := &content.Site{
		Operations: []*content.Operation{{Name: "Op", Path: "content/operations/2025.md", Sources: []content.Source{b}}},
		Entries: []*content.Entry{
			{Title: "One", Path: "content/entries/2025/one.md", Sources: []content.Source{a, b}},
			{Title: "Two", Path: "content/entries/2025/two.md", Sources: []content.Source{aArchived}},
		},
	}
	got := Cited(s)
	if len(got) != 2 || got[0].URL != b.URL || got[1].URL != a.URL {
		t.Fatalf("Cited = %+v, want b (first cited by the operation), then a", got)
	}
	if len(got[0].CitedBy) != 2 || got[0].CitedBy[0].Path != "content/operations/2025.md" || got[0].CitedBy[1] != (Citation{Title: "One", Path: "content/entries/2025/one.md", Line: 8}) {
		t.Errorf("b cited by %+v", got[0].CitedBy)
	}
	if !got[1].Given || got[1].Archive != "https://archive.example/a" || len(got[1].CitedBy) != 2 {
		t.Errorf("a: %+v; want the archive another file gives, and both citations", got[1])
	}
	if got[0].Given || got[0].Archive != "https://web.archive.org/web/https://example.org/b" {
		t.Errorf("b: archive %q given %v; want the Wayback address, not given", got[0].Archive, got[0].Given)
	}
}
