package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHugoCorpusHasTheSameEntries: the Hugo site built for comparison
// holds the same entries, byte for byte but for the kind field's name.
func TestHugoCorpusHasTheSameEntries(t *testing.T) {
	ours, hugo := t.TempDir(), t.TempDir()
	if err := Write(ours, 50, 3, ""); err != nil {
		t.Fatal(err)
	}
	if err := WriteHugo(hugo, 50, 3); err != nil {
		t.Fatal(err)
	}
	entries := 0
	err := filepath.WalkDir(filepath.Join(ours, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(ours, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(hugo, rel))
		if err != nil {
			t.Errorf("%s: missing from the Hugo site: %v", rel, err)
			return nil
		}
		if want := strings.Replace(string(a), "\nkind: raid\n", "\nevent_kind: raid\n", 1); string(b) != want {
			t.Errorf("%s differs beyond the kind field", rel)
		}
		entries++
		return nil
	})
	if err != nil || entries != 50 {
		t.Fatalf("compared %d entries (%v), want 50", entries, err)
	}
	if _, err := os.Stat(filepath.Join(hugo, "hugo.toml")); err != nil {
		t.Errorf("no Hugo configuration: %v", err)
	}
}
