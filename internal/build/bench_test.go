package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"timeline/internal/content"
	"timeline/internal/corpus"
	"timeline/internal/output"
	"timeline/internal/site"
)

// BenchmarkBuild times a full build, from a site folder on disk to a
// committed output folder, of the real site's settings, operations and
// theme with N synthetic entries. bench/build.sh times the same with the
// CLI, as a whole process.
//
//	go test ./internal/build -run '^$' -bench Build -benchmem
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			src := filepath.Join(dir, "site")
			if err := corpus.Write(src, n, 1, "../.."); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(dir, "public")
			b.ResetTimer()
			for range b.N {
				ob, err := output.Begin(out)
				if err != nil {
					b.Fatal(err)
				}
				res, err := Run(os.DirFS(src), Options{}, ob)
				if err != nil || len(res.Problems) > 0 {
					b.Fatal(err, res.Problems)
				}
				if err := ob.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIncremental times the preview server's rebuild after one entry
// of a 10,000-entry site changes: its page, its lists, the home page, the
// feeds and the data files are brought up to date; a new figure also
// changes the compare page. As in the preview server, the builder is told
// which file changed.
//
//	go test ./internal/build -run '^$' -bench Incremental -benchmem
func BenchmarkIncremental(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(dir, "site")
	if err := corpus.Write(src, 10000, 1, "../.."); err != nil {
		b.Fatal(err)
	}
	inc := NewIncremental(os.DirFS(src), filepath.Join(dir, "public"), Options{BaseURL: "http://127.0.0.1/timeline/"})
	if _, _, err := inc.Build(); err != nil {
		b.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(src, "content/entries/*/*.md"))
	target := entries[len(entries)/2]
	rel, err := filepath.Rel(src, target)
	if err != nil {
		b.Fatal(err)
	}
	rel = filepath.ToSlash(rel)
	original, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	saves := 0 // every save differs from the one before, across runs
	for _, edit := range []struct{ name, old, new string }{
		{"summary", "summary: \"A synthetic entry for benchmarks.\"", "summary: \"Edited %d.\""},
		{"figure", "  arrested: ", "  arrested: 1%d"},
	} {
		b.Run("edit="+edit.name, func(b *testing.B) {
			var rendered int
			for range b.N {
				b.StopTimer()
				saves++
				edited := bytes.Replace(original, []byte(edit.old), []byte(fmt.Sprintf(edit.new, saves)), 1)
				if bytes.Equal(edited, original) {
					b.Fatalf("%s holds no %q", target, edit.old)
				}
				if err := os.WriteFile(target, edited, 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				inc.Changed([]string{rel})
				res, st, err := inc.Build()
				if err != nil || len(res.Problems) > 0 {
					b.Fatal(err, res.Problems)
				}
				if !st.Quick || st.Parsed != 1 || st.Changed == 0 {
					b.Fatalf("not a one-entry quick build: %s", st)
				}
				rendered = st.Rendered
			}
			b.ReportMetric(float64(rendered), "pages-rendered")
		})
	}
}

// BenchmarkCompare times the comparison the compare page shows (officials'
// tallies, sums of the events recorded here, overlaps, charts and maps) of
// the real site's operations with 10,000 synthetic entries.
//
//	go test ./internal/build -run '^$' -bench Compare -benchmem
func BenchmarkCompare(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Write(src, 10000, 1, "../.."); err != nil {
		b.Fatal(err)
	}
	c, ps := content.Load(os.DirFS(src), content.Options{})
	if len(ps) > 0 {
		b.Fatal(ps)
	}
	s, err := site.New(c, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if s.Comparison() == nil {
			b.Fatal("no comparison")
		}
	}
}
