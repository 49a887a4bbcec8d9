package memo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"timeline/internal/bodystore"
	"timeline/internal/content"
)

// fileStore is a body store in a temporary file, where a spilled memo
// keeps its fragments.
func fileStore(t *testing.T) *bodystore.Store {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "bodies"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := bodystore.New(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestSpilledMemoOutlivesTheProcess: the fragments of entries go to the
// store, are found there by the next process under the same layout, and
// only those the last build used are saved; a new layout makes them again.
func TestSpilledMemoOutlivesTheProcess(t *testing.T) {
	store := fileStore(t)
	a := &content.Entry{Path: "content/entries/2025/a.md", Hash: "1"}
	b := &content.Entry{Path: "content/entries/2025/b.md", Hash: "1"}
	calls := 0
	fragment := func(s string) func() (string, error) { return func() (string, error) { calls++; return s, nil } }

	m := Spilled(store)
	m.Begin("layout-1", 2)
	m.Get(EntryKey("card", a), fragment("card a"))
	m.Get(EntryKey("card", b), fragment("card b"))
	part := Key{Kind: "part", Name: "head", Version: "../"}
	m.Get(part, fragment("head"))
	if n := store.Size() - fileStore(t).Size(); n != int64(len("card a")+len("card b")) {
		t.Errorf("store holds %d bytes of fragments: a layout part went there, or a card did not", n)
	}
	var saved strings.Builder
	if err := m.Save(&saved, "key"); err != nil {
		t.Fatal(err)
	}

	next, err := ParseSpilled([]byte(saved.String()), "key", store)
	if err != nil {
		t.Fatal(err)
	}
	if next.Secret() != m.Secret() || Spilled(store).Secret() == m.Secret() {
		t.Errorf("secret %q, saved %q: the fragments' marks would not be found", next.Secret(), m.Secret())
	}
	next.Begin("layout-1", 2)
	calls = 0
	if got, _ := next.Get(EntryKey("card", a), fragment("card a, made again")); got != "card a" || calls != 0 {
		t.Errorf("next process: %q after %d makes, want the saved card", got, calls)
	}
	edited := &content.Entry{Path: b.Path, Hash: "2"}
	if got, _ := next.Get(EntryKey("card", edited), fragment("card b2")); got != "card b2" || calls != 1 {
		t.Errorf("edited entry: %q after %d makes, want it made again", got, calls)
	}
	saved.Reset()
	next.Save(&saved, "key")
	if again, _ := ParseSpilled([]byte(saved.String()), "key", store); len(again.refs) != 2 {
		t.Errorf("saved %d references, want the 2 used by the last build (not the old card b)", len(again.refs))
	}

	other, _ := ParseSpilled([]byte(saved.String()), "key", store)
	other.Begin("layout-2", 2)
	calls = 0
	if got, _ := other.Get(EntryKey("card", a), fragment("card a, new layout")); got != "card a, new layout" || calls != 1 {
		t.Errorf("new layout: %q, want the card made again", got)
	}
}

// TestParseSpilledRefusesOtherFragments: fragments saved under another key
// are ErrOtherFragments; damaged ones are an error.
func TestParseSpilledRefusesOtherFragments(t *testing.T) {
	m := Spilled(fileStore(t))
	m.Begin("layout", 1)
	m.Get(EntryKey("csv", &content.Entry{Path: "a", Hash: "1"}), func() (string, error) { return "row", nil })
	var saved strings.Builder
	m.Save(&saved, "key")
	data := saved.String()
	if _, err := ParseSpilled([]byte(data), "other", fileStore(t)); !errors.Is(err, ErrOtherFragments) {
		t.Errorf("another key: %v, want ErrOtherFragments", err)
	}
	for name, d := range map[string]string{"empty": "", "cut short": data[:len(data)-5], "longer": data + "x"} {
		if _, err := ParseSpilled([]byte(d), "key", fileStore(t)); err == nil || errors.Is(err, ErrOtherFragments) {
			t.Errorf("%s: %v, want an error that it is damaged", name, err)
		}
	}
	if err := New().Save(&saved, "key"); err == nil {
		t.Errorf("a memo in memory saved its fragments")
	}
}
