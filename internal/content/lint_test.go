package content

import (
	"strings"
	"testing"
)

func TestLint(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	tests := []struct {
		name, entry, want string
	}{
		{"before the operation",
			replaceLine("date: 2025-07-16", "date: 2025-02-22"),
			p + ":3: date: 2025-02-22 is before operation \"2025\" begins (27 June 2025 to now); check the date, move the entry to the operation it belongs to, or say why it belongs here in outside_dates\n"},
		{"before the operation, with the reason given",
			replaceLine("date: 2025-07-16", "date: 2025-02-22\noutside_dates: \"Part of the lead-up to the operation.\""), ""},
		{"month inside the operation's first month", replaceLine("date: 2025-07-16", "date: 2025-06"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ps := Load(siteFS(t, map[string]string{p: tt.entry}), Options{})
			if len(ps) > 0 {
				t.Fatalf("unexpected problems:\n%s", problemLines(ps))
			}
			if got := problemLines(Lint(s)); got != tt.want {
				t.Errorf("Lint:\ngot:\n%swant:\n%s", got, tt.want)
			}
		})
	}
}

func TestPlaceholders(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	entry := strings.Replace(replaceLine("title:", "title: \"TODO: a headline\""), "Police raided a compound [1].", "TODO: write what happened.", 1)
	_, ps := Load(siteFS(t, map[string]string{p: entry}), Options{})
	want := p + ":2: title: still holds the template's placeholder \"TODO: a headline\"; replace it with the real value\n" +
		p + ":15: body: still holds the template's placeholder TODO; write the entry's text in its place\n"
	if got := problemLines(ps); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}

// A LintCache gives what Lint gives, keeping the warnings of an entry whose
// file is unchanged and finding them again for one that changed.
func TestLintCache(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	var cache LintCache
	for _, step := range []struct{ entry, want string }{
		{replaceLine("date: 2025-07-16", "date: 2025-02-22"), "date: 2025-02-22 is before"},
		{replaceLine("date: 2025-07-16", "date: 2025-02-22"), "date: 2025-02-22 is before"},
		{replaceLine("date: 2025-07-16", "date: 2025-02-23"), "date: 2025-02-23 is before"},
		{replaceLine("date: 2025-07-16", "date: 2025-07-17"), ""},
	} {
		s, ps := Load(siteFS(t, map[string]string{p: step.entry}), Options{})
		if len(ps) > 0 {
			t.Fatalf("unexpected problems:\n%s", problemLines(ps))
		}
		got, want := problemLines(cache.Lint(s)), problemLines(Lint(s))
		if got != want {
			t.Errorf("cached lint:\n%swant what Lint gives:\n%s", got, want)
		}
		if !strings.Contains(got, step.want) || step.want == "" && got != "" {
			t.Errorf("cached lint:\n%swant %q", got, step.want)
		}
	}
}
