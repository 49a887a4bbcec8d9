package memo

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"timeline/internal/content"
	"timeline/internal/parallel"
)

// id is a short name of a key, for the references a spilled memo holds.
type id [16]byte

func (k Key) id() id {
	sum := sha256.Sum256([]byte(k.Kind + "\x00" + k.Name + "\x00" + k.Version))
	return id(sum[:16])
}

// spill is what a memo made by Spilled adds: the entries' fragments are in
// a content.Bodies, and the memo holds only where.
type spill struct {
	store content.Bodies
	refs  map[id]content.BodyRef // every fragment the store holds for the layout
	kept  map[id]content.BodyRef // those the current build used, made or kept: what Save writes
	kinds map[string]bool        // the kinds of entries' fragments the store holds, for KeepEntries
}

// Spilled returns an empty memo that keeps the fragments of entries in
// store, holding in memory only where they are, so that they can outlive
// the process (see Save and ParseSpilled) without costing memory. The
// layout's own fragments (the parts) stay in memory.
func Spilled(store content.Bodies) *Memo {
	return &Memo{m: make(map[Key]string), secret: rand.Text(),
		spill: spill{store: store, refs: make(map[id]content.BodyRef), kept: make(map[id]content.BodyRef), kinds: make(map[string]bool)}}
}

// KeepEntries keeps for the next build the fragments the store holds for
// entries in their current versions, also those this build did not use:
// a data file or a list page that a build keeps rather than makes again
// uses none of its fragments, and they stay good for the next build that
// makes it. Fragments of older versions of an entry are left out.
func (m *Memo) KeepEntries(entries []*content.Entry) {
	if m == nil || m.store == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for kind := range m.kinds {
		for _, e := range entries {
			k := EntryKey(kind, e).id()
			if ref, ok := m.refs[k]; ok {
				m.kept[k] = ref
			}
		}
	}
}

func (m *Memo) getSpilled(key Key, build func() (string, error)) (string, error) {
	k := key.id()
	m.mu.Lock()
	m.kinds[key.Kind] = true
	ref, ok := m.refs[k]
	f, inMemory := m.m[key] // a reused one, read or made before
	m.mu.Unlock()
	if inMemory {
		return f, nil
	}
	if ok {
		if f, err := m.store.Read(ref); err == nil {
			m.mu.Lock()
			m.kept[k] = ref
			if key.reused {
				m.m[key] = f
			}
			m.mu.Unlock()
			return f, nil
		}
	}
	f, err := build()
	if err != nil {
		return "", err
	}
	ref, err = m.store.Append(f)
	m.mu.Lock()
	if err == nil {
		m.refs[k], m.kept[k] = ref, ref
	}
	if key.reused {
		m.m[key] = f
	}
	m.mu.Unlock()
	return f, nil
}

// Reads of kept fragments that GetAll joins: a read spans fragments at
// most maxGap bytes apart and at most maxRead bytes in all.
const (
	maxGap  = 4 << 10
	maxRead = 1 << 20
)

// getAllSpilled is GetAll for the entries' fragments of a spilled memo: it
// fills out with those the store holds, in reads of many fragments at
// once, and reports which it found.
func (m *Memo) getAllSpilled(keys []Key, out []string) (found []bool) {
	type kept struct {
		i   int
		id  id
		ref content.BodyRef
	}
	var list []kept
	m.mu.Lock()
	for i, key := range keys {
		if key.entry {
			m.kinds[key.Kind] = true
			k := key.id()
			if ref, ok := m.refs[k]; ok {
				list = append(list, kept{i, k, ref})
			}
		}
	}
	m.mu.Unlock()
	slices.SortFunc(list, func(a, b kept) int { return cmp.Compare(a.ref.Offset, b.ref.Offset) })
	// Runs of fragments close together in the store, each read at once.
	var runs [][]kept
	for start := 0; start < len(list); {
		first, end, n := list[start].ref.Offset, list[start].ref.Offset+list[start].ref.Length, start+1
		for ; n < len(list); n++ {
			r := list[n].ref
			if r.Offset < first || r.Offset-end > maxGap || r.Offset+r.Length-first > maxRead {
				break
			}
			end = max(end, r.Offset+r.Length)
		}
		runs = append(runs, list[start:n])
		start = n
	}
	found = make([]bool, len(keys))
	parallel.For(len(runs), func(r int) {
		run := runs[r]
		first, end := run[0].ref.Offset, int64(0)
		for _, k := range run {
			end = max(end, k.ref.Offset+k.ref.Length)
		}
		text, err := m.store.Read(content.BodyRef{Offset: first, Length: end - first})
		if err != nil {
			return // made again
		}
		// The fragments share the read's memory, unless it holds much
		// else: then each is copied, so that the rest can be freed.
		var used int64
		for _, k := range run {
			used += k.ref.Length
		}
		share := 4*used >= 3*(end-first)
		for _, k := range run {
			at := k.ref.Offset - first
			out[k.i] = text[at : at+k.ref.Length]
			if !share {
				out[k.i] = strings.Clone(out[k.i])
			}
			found[k.i] = true
		}
	})
	m.mu.Lock()
	for _, k := range list {
		if found[k.i] {
			m.kept[k.id] = k.ref
		}
	}
	m.mu.Unlock()
	return found
}

// spillFormat names the layout of a saved memo.
const spillFormat = "timeline fragments 2"

// spillHeader is the first line of a saved memo: the layout its fragments
// were made in, and key, which names the store they are in.
type spillHeader struct {
	Format, Key, Layout string
	Secret              string   // the memo's, which its fragments hold
	Kinds               []string // of the entries' fragments
	Count               int
}

// record is the size of one saved reference: an id, an offset, a length.
const record = 16 + 8 + 8

// Save writes, under key, where the store holds the fragments that the
// current build used or made, for ParseSpilled in a later process.
func (m *Memo) Save(w io.Writer, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.store == nil {
		return errors.New("save the fragments: the memo keeps them in memory")
	}
	header, err := json.Marshal(spillHeader{Format: spillFormat, Key: key, Layout: m.layout, Secret: m.secret, Kinds: slices.Sorted(maps.Keys(m.kinds)), Count: len(m.kept)})
	if err != nil {
		return fmt.Errorf("save the fragments: %w", err)
	}
	out := make([]byte, 0, len(header)+1+record*len(m.kept))
	out = append(append(out, header...), '\n')
	for _, k := range slices.SortedFunc(maps.Keys(m.kept), func(a, b id) int { return bytes.Compare(a[:], b[:]) }) {
		ref := m.kept[k]
		out = append(out, k[:]...)
		out = binary.LittleEndian.AppendUint64(out, uint64(ref.Offset))
		out = binary.LittleEndian.AppendUint64(out, uint64(ref.Length))
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("save the fragments: %w", err)
	}
	return nil
}

// ErrOtherFragments is the error for saved fragments of another format or
// key.
var ErrOtherFragments = errors.New("the fragments were saved by another generator, for another site or in another store")

// ParseSpilled reads data, which Save wrote under key, into a memo that
// keeps its fragments in store. Its fragments are used while the layout
// that Begin is given is the one they were made in.
func ParseSpilled(data []byte, key string, store content.Bodies) (*Memo, error) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	var h spillHeader
	if err := json.Unmarshal(first, &h); err != nil {
		return nil, fmt.Errorf("read the fragments: %w", err)
	}
	if h.Format != spillFormat || h.Key != key {
		return nil, ErrOtherFragments
	}
	if h.Count < 0 || len(rest) != h.Count*record {
		return nil, fmt.Errorf("read the fragments: %d bytes for %d references", len(rest), h.Count)
	}
	if h.Secret == "" {
		return nil, errors.New("read the fragments: no secret word")
	}
	m := Spilled(store)
	m.layout, m.secret = h.Layout, h.Secret
	for _, kind := range h.Kinds {
		m.kinds[kind] = true
	}
	for r := rest; len(r) > 0; r = r[record:] {
		ref := content.BodyRef{Offset: int64(binary.LittleEndian.Uint64(r[16:])), Length: int64(binary.LittleEndian.Uint64(r[24:]))}
		m.refs[id(r[:16])] = ref
	}
	return m, nil
}

// KeptBytes is the length of the fragments the current build used or made
// in the store: what a compacted store would hold of them.
func (m *Memo) KeptBytes() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for _, ref := range m.kept {
		n += ref.Length
	}
	return n
}
