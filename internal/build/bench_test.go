package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"timeline/internal/corpus"
	"timeline/internal/output"
)

// BenchmarkBuild times a full build, from a site folder on disk to a
// committed output folder, of the real site plus N synthetic entries.
//
//	go test ./internal/build -run '^$' -bench Build -benchmem
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000} {
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
