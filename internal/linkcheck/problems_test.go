package linkcheck

import (
	"testing"
	"testing/fstest"
)

func TestProblems(t *testing.T) {
	out := fstest.MapFS{
		"index.html":           {Data: []byte(`<a href="entries/x/">x</a><a href="nowhere.html">n</a>`)},
		"entries/x/index.html": {Data: []byte(`<a href="../../">home</a><a href="../missing/">m</a><a href="#gone">g</a>`)},
	}
	src := fstest.MapFS{
		"content/entries/2025/x.md": {Data: []byte("---\ntitle: X\n---\nSee [the list](../missing/).\n")},
	}
	o := Origin{Site: src, Sources: map[string]string{"entries/x/index.html": "content/entries/2025/x.md"}, Templates: "templates"}
	ps, err := Problems(out, "/timeline/", o)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		path  string
		line  int
		field string
		msg   string
	}{
		{"content/entries/2025/x.md", 0, "body", `link "#gone" on page /entries/x/ leads nowhere (no element with id "gone" on entries/x/index.html); fix or remove it`},
		{"content/entries/2025/x.md", 4, "body", `link "../missing/" on page /entries/x/ leads nowhere (no such file in the output); fix or remove it`},
		{"templates", 0, "", `link "nowhere.html" on page / leads nowhere (no such file in the output); fix or remove it`},
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(want), ps)
	}
	for i, w := range want {
		p := ps[i]
		if p.Path != w.path || p.Line != w.line || p.Field != w.field || p.Msg != w.msg {
			t.Errorf("problem %d:\n got %s:%d: %s: %s\nwant %s:%d: %s: %s", i, p.Path, p.Line, p.Field, p.Msg, w.path, w.line, w.field, w.msg)
		}
	}
}
