package memo

import (
	"errors"
	"testing"
)

func TestMemo(t *testing.T) {
	m := New()
	m.Begin("layout-1", 10)
	calls := 0
	build := func() (string, error) { calls++; return "fragment", nil }
	key := Key{Kind: "card", Name: "content/entries/a.md", Version: "hash-1"}
	for range 3 {
		if got, err := m.Get(key, build); err != nil || got != "fragment" {
			t.Fatalf("Get = %q, %v", got, err)
		}
	}
	if calls != 1 {
		t.Errorf("made %d times within one layout, want once", calls)
	}
	m.Begin("layout-1", 10)
	m.Get(key, build)
	if calls != 1 {
		t.Errorf("the same layout emptied the memo")
	}
	m.Begin("layout-2", 10)
	m.Get(key, build)
	if calls != 2 {
		t.Errorf("a new layout kept the fragment made in the old one")
	}
	failing := func() (string, error) { return "", errors.New("broken") }
	if _, err := m.Get(Key{Kind: "card", Name: "b", Version: "1"}, failing); err == nil {
		t.Errorf("an error was not passed on")
	}
	if got, _ := m.Get(Key{Kind: "card", Name: "b", Version: "1"}, build); got != "fragment" {
		t.Errorf("a failed fragment was kept: %q", got)
	}
	var none *Memo
	if got, _ := none.Get(key, build); got != "fragment" || calls != 4 {
		t.Errorf("a nil memo: %q after %d calls, want a fresh fragment", got, calls)
	}
}
