// Package corpus writes synthetic timeline sites for benchmarks and load
// tests: N entries with realistic front matter and about 400 words of
// Markdown each, on top of a real site's settings, operations, pages and
// theme. The entries are made up and say so in their titles; they never
// leave a benchmark's temporary folder.
package corpus

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var provinces = []string{"Phnom Penh", "Preah Sihanouk", "Banteay Meanchey", "Kratie", "Pursat", "Svay Rieng",
	"Koh Kong", "Kampot", "Siem Reap", "Battambang", "Takeo", "Kandal", "Kampong Cham",
	"Tboung Khmum", "Oddar Meanchey", "Pailin", "Kep", "Stung Treng", "Ratanakiri",
	"Mondulkiri", "Preah Vihear", "Kampong Thom", "Kampong Chhnang", "Kampong Speu", "Prey Veng"}

var nations = []string{"China", "Vietnam", "Taiwan", "Indonesia", "Myanmar", "Bangladesh", "Thailand", "Malaysia"}

var words = strings.Fields("police raid compound arrested suspects trafficking scam online fraud investment romance " +
	"province ministry interior deported foreign nationals workers rescued devices seized phones " +
	"computers building casino border operation authorities court charged victims report")

// Operations are the ids the synthetic entries are spread over; the site
// copied from must define them.
var Operations = []string{"2022", "2024", "2025"}

// Write creates a site in dir with n synthetic entries. When from is not
// empty, it first copies from's content (all but its entries), templates and
// static folders. The same n and seed give the same files.
func Write(dir string, n int, seed uint64, from string) error {
	if from != "" {
		for _, part := range []string{"content", "templates", "static"} {
			if err := copyTree(filepath.Join(from, part), filepath.Join(dir, part), part == "content"); err != nil {
				return err
			}
		}
	}
	return writeEntries(dir, n, seed, "kind")
}

// writeEntries writes the n synthetic entries, naming the kind field
// kindField (Hugo keeps "kind" for itself).
func writeEntries(dir string, n int, seed uint64, kindField string) error {
	rng := rand.New(rand.NewPCG(seed, 42))
	para := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	for i := range n {
		op := Operations[rng.IntN(len(Operations))]
		month, day := 1+rng.IntN(12), 1+rng.IntN(28)
		date := fmt.Sprintf("%s-%02d-%02d", op, month, day)
		provs := pick(rng, provinces, 1+rng.IntN(3))
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Synthetic event %d in %s\"\ndate: %s\noperation: \"%s\"\n%s: raid\n", i, provs[0], date, op, kindField)
		fmt.Fprintf(&b, "provinces: [%s]\nfigures:\n  arrested: %d\n  rescued: %d\n", strings.Join(provs, ", "), 1+rng.IntN(900), rng.IntN(300))
		fmt.Fprintf(&b, "nationalities: [%s]\n", strings.Join(pick(rng, nations, 2), ", "))
		fmt.Fprintf(&b, "sources:\n  - title: \"Report %d\"\n    publisher: Example News\n    url: https://example.org/news/%d\n    date: %s\n", i, i, date)
		b.WriteString("tags: [raid, synthetic]\nsummary: \"A synthetic entry for benchmarks.\"\n---\n")
		for p := range 6 {
			b.WriteString(para(60) + " [1]\n\n")
			if p == 2 {
				b.WriteString("## Details\n\n")
				for range 4 {
					b.WriteString("- " + para(8) + "\n")
				}
				b.WriteString("\n")
			}
		}
		p := filepath.Join(dir, "content", "entries", op, fmt.Sprintf("%s-event-%d.md", date, i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func pick(rng *rand.Rand, from []string, n int) []string {
	idx := rng.Perm(len(from))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = from[j]
	}
	return out
}

// copyTree copies src to dst, leaving out content/entries when skipEntries.
func copyTree(src, dst string, skipEntries bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if skipEntries && d.IsDir() && rel == "entries" {
			return fs.SkipDir
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
