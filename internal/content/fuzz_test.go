package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzLoadEntry feeds arbitrary bytes to the loader as an entry. Whatever
// the input, Load must not panic, every problem must name the file and a
// line inside it, and an entry without problems must have its required
// fields, and every value of its figures a period that ends no earlier
// than it starts and an area, grouped into points that hold every value
// once.
func FuzzLoadEntry(f *testing.F) {
	f.Add([]byte(goodEntry))
	f.Add([]byte(strings.ReplaceAll(goodEntry, "\n", "\r\n")))
	f.Add([]byte("+++\ntitle = \"x\"\ndate = 2025-07-16\n+++\n"))
	f.Add([]byte("---\ntitle: [a, b\n---\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nfigures: {arrested: \"1,000+\"}\n"))
	f.Add([]byte("---\na: &x [1]\nb: *x\n---\n"))
	f.Add([]byte("\ufeff---\ntitle: é\n---\n<b>[9]</b>"))
	f.Add([]byte(withFigures("statement", "  arrested:\n    - {value: 2137, from: 2025-06-27, as_of: 2025-07-18, area: nationwide, said_by: AP}\n    - {value: 3075, source: [1], as_of: 2025-07-22, note: later}\n  women: {value: 606, to: 2025-07, area: [Kratie, Poipet], place: x}\nreached:\n  - {provinces: [Kratie], said_by: Police, source: 1}")))
	base := siteFS(f, nil)
	const p = "content/entries/2025/fuzz.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := base
		fsys[p] = &fstest.MapFile{Data: data}
		var (
			s    *Site
			ps   Problems
			done = make(chan struct{})
		)
		go func() { s, ps = Load(fsys, Options{}); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Load took more than 10s on %q", data)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, pr := range ps {
			if pr.Path != p {
				t.Fatalf("problem names %q, want %q: %v", pr.Path, p, pr)
			}
			if pr.Line < 0 || pr.Line > lines+1 {
				t.Fatalf("problem line %d outside the file's %d lines: %v", pr.Line, lines, pr)
			}
			if pr.Msg == "" {
				t.Fatalf("problem without a message: %+v", pr)
			}
		}
		if len(ps) == 0 {
			if len(s.Entries) != 1 {
				t.Fatalf("no problems but %d entries", len(s.Entries))
			}
			e := s.Entries[0]
			if e.Title == "" || e.Date.Year == 0 || e.Operation == "" || (len(e.Provinces) == 0 && !e.Nationwide) || len(e.Sources) == 0 {
				t.Fatalf("entry accepted without a required field: %+v", e)
			}
			for _, f := range e.Figures {
				n := 0
				for _, p := range f.Points() {
					n += len(p.Values)
				}
				if n != len(f.Values) {
					t.Fatalf("%s: %d values grouped into points holding %d", f.Key, len(f.Values), n)
				}
				for _, v := range f.Values {
					if v.Until.Year == 0 || v.From != nil && v.Until.Precedes(*v.From) || !v.Nationwide && len(v.Provinces) == 0 {
						t.Fatalf("%s: value %s accepted without a period or an area: %+v", f.Key, v.Count, v.Scope)
					}
				}
			}
		}
	})
}

// FuzzParseCount checks that every accepted count prints back to itself.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "312", "1,000+", "~150,000", ">500", "<20", "1000", "hundreds", "-5", "1,00", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCount(s)
		if err != nil {
			return
		}
		if c.N < 0 || c.N > MaxCount {
			t.Fatalf("ParseCount(%q) = %d, outside 0..%d", s, c.N, MaxCount)
		}
		again, err := ParseCount(c.String())
		if err != nil || again != c {
			t.Fatalf("ParseCount(%q) = %+v, prints as %q, which parses to %+v, %v", s, c, c.String(), again, err)
		}
	})
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in, want, words string
	}{
		{"312", "312", "312"},
		{"3075", "3,075", "3,075"},
		{"1,000+", "1,000+", "at least 1,000"},
		{"1000+", "1,000+", "at least 1,000"},
		{"~150,000", "~150,000", "about 150,000"},
		{"> 500", ">500", "more than 500"},
		{"<20", "<20", "fewer than 20"},
	}
	for _, tt := range tests {
		c, err := ParseCount(tt.in)
		if err != nil {
			t.Errorf("ParseCount(%q): %v", tt.in, err)
			continue
		}
		if c.String() != tt.want || c.Words() != tt.words {
			t.Errorf("ParseCount(%q) = %q / %q, want %q / %q", tt.in, c.String(), c.Words(), tt.want, tt.words)
		}
	}
	for _, bad := range []string{"hundreds", "", "1,00", "~1,000+", "-1", "1.5", "12 000", "10000001"} {
		if c, err := ParseCount(bad); err == nil {
			t.Errorf("ParseCount(%q) = %+v, want an error", bad, c)
		}
	}
}

// FuzzTOMLFrontMatter feeds arbitrary text as the TOML front matter of an
// entry (between "+++" lines, before a fixed body). Whatever the input,
// Load must not panic, must finish within 2 seconds (the nesting check runs
// before the TOML decoder, whose cost grows faster than the nesting), and
// every problem must name the file and a line inside it.
func FuzzTOMLFrontMatter(f *testing.F) {
	f.Add("title = \"Raid\"\ndate = 2025-07-16\noperation = \"2025\"\nprovinces = [\"Kratie\"]\n[[sources]]\ntitle = \"R\"\npublisher = \"P\"\nurl = \"https://example.org/r\"\n")
	f.Add("deep = " + strings.Repeat("[", 40) + strings.Repeat("]", 40))
	f.Add("deep = " + strings.Repeat("{a = ", 30) + "1" + strings.Repeat("}", 30))
	f.Add(strings.Repeat("a.", 30) + "b = 1")
	f.Add("s = \"\"\"[[[\n\"\"\"\nt = '[[' # [[[\n[table.x]\n[[sources]]\n")
	f.Add("figures.arrested = [{value = 5, as_of = 2025-07-01, area = \"nationwide\"}]\ntags = [\"a\", \"b\"]\n")
	base := siteFS(f, nil)
	const p = "content/entries/2025/fuzz.md"
	f.Fuzz(func(t *testing.T, front string) {
		data := []byte("+++\n" + front + "\n+++\nText [1].\n")
		fsys := base
		fsys[p] = &fstest.MapFile{Data: data}
		var (
			ps   Problems
			done = make(chan struct{})
		)
		go func() { _, ps = Load(fsys, Options{}); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("Load took more than 2s on %q", front)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, pr := range ps {
			if pr.Path != p || pr.Line < 0 || pr.Line > lines+1 || pr.Msg == "" {
				t.Fatalf("problem outside the file or without a message: %+v", pr)
			}
		}
	})
}
