package memo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// nextProcess saves m and reads it back, as the next process would.
func nextProcess(t *testing.T, m *Memo, store content.Bodies) *Memo {
	t.Helper()
	var saved strings.Builder
	if err := m.Save(&saved, "key"); err != nil {
		t.Fatal(err)
	}
	next, err := ParseSpilled([]byte(saved.String()), "key", store)
	if err != nil {
		t.Fatal(err)
	}
	return next
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
	next := nextProcess(t, m, store)
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
	if again := nextProcess(t, next, store); len(again.refs) != 2 {
		t.Errorf("saved %d references, want the 2 used by the last build (not the old card b)", len(again.refs))
	}

	other := nextProcess(t, next, store)
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

// countingStore counts the reads of a store.
type countingStore struct {
	content.Bodies
	reads int
}

func (c *countingStore) Read(ref content.BodyRef) (string, error) {
	c.reads++
	return c.Bodies.Read(ref)
}

// TestGetAllReadsKeptFragmentsTogether: GetAll gives what Get gives, one
// fragment per key in order, reading the kept fragments of a spilled memo
// in one read per run of them (not one each), and making only the rest.
func TestGetAllReadsKeptFragmentsTogether(t *testing.T) {
	store := &countingStore{Bodies: fileStore(t)}
	entries := make([]*content.Entry, 60)
	keys := make([]Key, len(entries))
	for i := range entries {
		entries[i] = &content.Entry{Path: fmt.Sprintf("content/entries/2025/e%02d.md", i), Hash: "1"}
		keys[i] = EntryKey("json", entries[i])
	}
	row := func(i int) string { return fmt.Sprintf("row %d of %s", i, entries[i].Hash) }
	m := Spilled(store)
	m.Begin("layout", len(entries))
	for i := range entries {
		if i == 30 {
			store.Append(strings.Repeat("a body between the rows ", 1000)) // splits the rows in two runs
		}
		m.Get(keys[i], func() (string, error) { return row(i), nil })
	}
	next := nextProcess(t, m, store)
	next.Begin("layout", len(entries))
	entries[7] = &content.Entry{Path: entries[7].Path, Hash: "2"} // edited
	keys[7] = EntryKey("json", entries[7])
	store.reads = 0
	var made []int
	var mu sync.Mutex
	got, err := next.GetAll(keys, func(i int) (string, error) {
		mu.Lock()
		made = append(made, i)
		mu.Unlock()
		return row(i), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		if got[i] != row(i) {
			t.Errorf("fragment %d = %q, want %q", i, got[i], row(i))
		}
	}
	if len(made) != 1 || made[0] != 7 {
		t.Errorf("made %v, want only the edited entry's (7)", made)
	}
	if store.reads != 2 {
		t.Errorf("%d reads of the store, want 2: one per run of kept fragments", store.reads)
	}
	if again := nextProcess(t, next, store); len(again.refs) != len(entries) {
		t.Errorf("saved %d references, want the %d GetAll used or made", len(again.refs), len(entries))
	}

	for name, m := range map[string]*Memo{"nil": nil, "in memory": New()} {
		got, err := m.GetAll(keys[:3], func(i int) (string, error) { return row(i), nil })
		if err != nil || len(got) != 3 || got[2] != row(2) {
			t.Errorf("%s memo: %q, %v; want the 3 rows made", name, got, err)
		}
	}
	keys[8] = EntryKey("json", &content.Entry{Path: entries[8].Path, Hash: "3"}) // edited again: made
	if _, err := next.GetAll(keys, func(int) (string, error) { return "", errors.New("broken") }); err == nil {
		t.Errorf("GetAll ignored the error of the one fragment it had to make")
	}
}

// TestReusedFragmentsAreReadOnce: a fragment marked Reused is read from the
// store, or made, once per process, however often it is asked for; others
// are read each time, and both are saved for the next process.
func TestReusedFragmentsAreReadOnce(t *testing.T) {
	store := &countingStore{Bodies: fileStore(t)}
	e := &content.Entry{Path: "content/entries/2025/a.md", Hash: "1"}
	card, row := EntryKey("card", e).Reused(), EntryKey("csv", e)
	notAgain := func() (string, error) { t.Error("a kept fragment was made again"); return "", errors.New("made again") }
	m := Spilled(store)
	m.Begin("layout", 1)
	m.Get(card, func() (string, error) { return "card", nil })
	m.Get(row, func() (string, error) { return "row", nil })
	if got, _ := m.Get(card, notAgain); got != "card" || store.reads != 0 {
		t.Errorf("the card just made: %q after %d reads, want it from memory", got, store.reads)
	}

	next := nextProcess(t, m, store)
	next.Begin("layout", 1)
	store.reads = 0
	for range 3 {
		if got, err := next.Get(card, notAgain); got != "card" || err != nil {
			t.Fatalf("card from the store: %q, %v", got, err)
		}
		if got, err := next.Get(row, notAgain); got != "row" || err != nil {
			t.Fatalf("row from the store: %q, %v", got, err)
		}
	}
	if store.reads != 1+3 {
		t.Errorf("%d reads for a card and a row asked for three times each, want 1 + 3", store.reads)
	}
	if again := nextProcess(t, next, store); len(again.refs) != 2 {
		t.Errorf("saved %d references, want the card's and the row's", len(again.refs))
	}
}

// TestKeepEntriesKeepsUnusedFragmentsOfCurrentEntries: a build that used
// none of an entry's fragments (it kept the pages and data files that show
// them) still saves them for the next build, in the entry's current
// version only; the kinds the store holds outlive a process that used none.
func TestKeepEntriesKeepsUnusedFragmentsOfCurrentEntries(t *testing.T) {
	store := fileStore(t)
	a := &content.Entry{Path: "content/entries/2025/a.md", Hash: "1"}
	b := &content.Entry{Path: "content/entries/2025/b.md", Hash: "1"}
	fragment := func() (string, error) { return "fragment", nil }
	m := Spilled(store)
	m.Begin("layout", 2)
	for _, e := range []*content.Entry{a, b} {
		m.Get(EntryKey("card", e).Reused(), fragment)
		m.Get(EntryKey("json", e), fragment)
	}
	idle := nextProcess(t, m, store) // uses nothing: every page and data file kept
	idle.Begin("layout", 2)
	edited := &content.Entry{Path: b.Path, Hash: "2"}
	idle.KeepEntries([]*content.Entry{a, edited})
	next := nextProcess(t, idle, store)
	if len(next.refs) != 2 {
		t.Errorf("saved %d references, want entry a's card and row (b changed since)", len(next.refs))
	}
	for _, key := range []Key{EntryKey("card", a), EntryKey("json", a)} {
		if _, ok := next.refs[key.id()]; !ok {
			t.Errorf("%s of %s was not kept", key.Kind, a.Path)
		}
	}
}
