// Package memo keeps fragments of output made from one entry, or from the
// layout alone, so that a build makes each once however many pages or data
// files use it, and the preview server once across its rebuilds. A memo
// made by Spilled keeps the entries' fragments in a file instead of memory,
// and can be saved for the next build. It is the render cache: it lives
// beside the site model, never on it.
package memo

import (
	"crypto/rand"
	"sync"

	"timeline/internal/content"
	"timeline/internal/parallel"
)

// Memo keeps fragments of output that depend only on one entry and on the
// layout (a rendered card, a row of a data file), or on the layout alone (a
// shared part of the page frame), so that they are made once however many
// pages use them and, for the preview server, once across its rebuilds.
// Keys name the fragment and, for an entry's, the entry's file and bytes;
// the layout (a hash of templates, static files, settings and operations)
// is the rest of what they may show, so a new layout empties the memo. It
// is safe for concurrent use; a nil *Memo memoizes nothing.
type Memo struct {
	mu     sync.Mutex
	layout string
	secret string // see Secret
	m      map[Key]string
	spill  // where an entry's fragments are kept instead of m, when set (see Spilled)
}

// Key names a fragment: its kind ("card", "json", "csv", "search", "part") and what it is
// made from (an entry's file and the hash of its bytes, or a template's
// name and the page depth).
type Key struct {
	Kind, Name, Version string
	entry               bool // made by EntryKey: the fragment of one entry
	reused              bool // see Reused
}

// Reused marks the fragment as one a build uses many times (an entry's
// card, on every list that shows the entry): a spilled memo also keeps it
// in memory once made or read, so that only its first use reads the store.
func (k Key) Reused() Key {
	k.reused = true
	return k
}

// New returns an empty memo.
func New() *Memo { return &Memo{m: make(map[Key]string), secret: rand.Text()} }

// Secret is a random word made with the memo and kept with its fragments,
// for marks that fragments hold and no text of the content can pass for
// (the cards' way back to the root, see the render package).
func (m *Memo) Secret() string { return m.secret }

// Begin readies the memo for a build with this layout and number of
// entries. A changed layout empties it, and so does growth past six
// fragments per entry (an entry has four: its card, its rows of
// data/entries.json and .csv and of the search index; edited and deleted
// entries leave old ones behind).
func (m *Memo) Begin(layout string, entries int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.layout != layout || len(m.m) > 6*entries+64 {
		m.layout, m.m = layout, make(map[Key]string)
		m.refs = make(map[id]content.BodyRef)
	}
	m.kept = make(map[id]content.BodyRef)
}

// Get returns the fragment for key, made by build the first time. Two
// goroutines may make the same fragment at once; both get the same value.
func (m *Memo) Get(key Key, build func() (string, error)) (string, error) {
	if m == nil {
		return build()
	}
	if key.entry && m.store != nil {
		return m.getSpilled(key, build)
	}
	m.mu.Lock()
	f, ok := m.m[key]
	m.mu.Unlock()
	if ok {
		return f, nil
	}
	f, err := build()
	if err != nil {
		return "", err
	}
	m.mu.Lock()
	m.m[key] = f
	m.mu.Unlock()
	return f, nil
}

// GetAll returns the fragments for keys, in their order, as Get would one
// by one: build(i) makes the one for keys[i] the first time. A memo made
// by Spilled reads those it keeps in a few long reads, in the order the
// store holds them, instead of one read each; the others are made on
// every core.
func (m *Memo) GetAll(keys []Key, build func(i int) (string, error)) ([]string, error) {
	out := make([]string, len(keys))
	var found []bool
	if m != nil && m.store != nil {
		found = m.getAllSpilled(keys, out)
	}
	err := parallel.ForErr(len(keys), func(i int) error {
		if found != nil && found[i] {
			return nil
		}
		var err error
		out[i], err = m.Get(keys[i], func() (string, error) { return build(i) })
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EntryKey names the fragment kind ("card", "json", "csv", "search") of entry e.
func EntryKey(kind string, e *content.Entry) Key {
	return Key{Kind: kind, Name: e.Path, Version: e.Hash, entry: true}
}
