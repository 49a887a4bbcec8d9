package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// cacheFormat names the layout of a saved cache; a file of another layout
// is not read.
const cacheFormat = "timeline entry cache 3"

// raceWindow is how long before a load began a file must have last changed
// for its stamp to be saved. A file changed twice within one tick of the
// file system's clock (two seconds on some) can keep its stamp while its
// bytes change; an entry saved without its stamp is read again, and reused
// only when its bytes are the same.
const raceWindow = 2 * time.Second

// The layout of a saved cache: a header line of JSON (cacheHeader), the
// entries one after another in encoding/gob (savedEntry), and the SHA-256
// of those gob bytes, so that a damaged file is refused whole rather than
// read as other values. Gob decodes several times faster than JSON, and
// gives back what the loader makes: a pointer to a zero count stays one.
// Gob gives an empty list back as nil, and the loader makes no empty list,
// only nil ones; the tests check both on the fixtures and on the record.

// cacheHeader is the first line of a saved cache. Key names what the
// entries were read by and from, and where their bodies are kept: a cache
// saved under another key is not used.
type cacheHeader struct {
	Format string
	Key    string
	Count  int
}

// savedEntry is one entry of a saved cache. The hash of the file's bytes
// is the entry's own.
type savedEntry struct {
	Path                    string
	Size, Modified, Changed int64
	Inode                   uint64
	Context                 string
	Body                    BodyRef
	Entry                   *Entry
}

// Save writes the cache to w under key, for ParseCache in another process:
// a header line, then the entries (see cacheFormat). Only the entries that
// loaded without a problem and whose bodies are kept in a Bodies are
// saved, and entries whose files changed just before the last load began
// are saved without their stamps (see raceWindow).
func (c *Cache) Save(w io.Writer, key string) error {
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	var saved []savedEntry
	racy := c.began.Add(-raceWindow).UnixNano()
	for _, p := range slices.Sorted(maps.Keys(c.entries)) {
		ce := c.entries[p]
		if ce.entry == nil || len(ce.problems) > 0 || ce.entry.body.bodies == nil || ce.entry.Hash != ce.hash {
			continue
		}
		st := ce.stamp
		if st.modified >= racy || st.changed >= racy {
			st = stamp{}
		}
		saved = append(saved, savedEntry{Path: p, Size: st.size, Modified: st.modified, Changed: st.changed, Inode: st.inode,
			Context: ce.context, Body: ce.entry.body.ref, Entry: ce.entry})
	}
	header, err := json.Marshal(cacheHeader{Format: cacheFormat, Key: key, Count: len(saved)})
	if err != nil {
		return fmt.Errorf("save the entry cache: %w", err)
	}
	if _, err := w.Write(append(header, '\n')); err != nil {
		return fmt.Errorf("save the entry cache: %w", err)
	}
	sum := sha256.New()
	enc := gob.NewEncoder(io.MultiWriter(w, sum))
	for i := range saved {
		if err := enc.Encode(&saved[i]); err != nil {
			return fmt.Errorf("save the entry cache: %w", err)
		}
	}
	if _, err := w.Write(sum.Sum(nil)); err != nil {
		return fmt.Errorf("save the entry cache: %w", err)
	}
	return nil
}

// Dirty reports whether the cache changed since it was made or read: an
// entry was parsed, or one was forgotten.
func (c *Cache) Dirty() bool {
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dirty
}

// ErrOtherCache is the error for a saved cache of another format or key.
var ErrOtherCache = errors.New("the entry cache was saved by another generator, for another site or with other bodies")

// ParseCache reads data, a cache that Save wrote under key, whose entries'
// bodies are kept in bodies. The entries it holds are used only while their
// files keep the saved stamp or bytes. The header is checked at once; the
// entries are decoded in the background, so that a load can list the
// site's files meanwhile (the cache's methods wait for them). When the
// entries are damaged the cache is left empty, and Err says why.
func ParseCache(data []byte, key string, bodies Bodies) (*Cache, error) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	var h cacheHeader
	if err := json.Unmarshal(first, &h); err != nil {
		return nil, fmt.Errorf("read the entry cache: %w", err)
	}
	if h.Format != cacheFormat || h.Key != key {
		return nil, ErrOtherCache
	}
	c := NewCache()
	c.ready = make(chan struct{})
	go func() {
		defer close(c.ready)
		entries, err := decodeSaved(rest, h.Count, bodies)
		if err != nil {
			c.damaged = fmt.Errorf("read the entry cache: %w", err)
			return
		}
		c.entries = entries
	}()
	return c, nil
}

// Len is the number of entries the cache holds.
func (c *Cache) Len() int {
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Err reports why the entries of a parsed cache could not be read, once
// they are decoded; the cache is then empty.
func (c *Cache) Err() error {
	c.wait()
	return c.damaged
}

// decodeSaved decodes the entries of a saved cache, count of them, and
// checks them against the sum that follows them.
func decodeSaved(rest []byte, count int, bodies Bodies) (map[string]cachedEntry, error) {
	if len(rest) < sha256.Size || count < 0 {
		return nil, errors.New("cut short")
	}
	stream, sum := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if got := sha256.Sum256(stream); !bytes.Equal(got[:], sum) {
		return nil, errors.New("the entries do not match their checksum")
	}
	saved := make([]savedEntry, count)
	r := bytes.NewReader(stream)
	dec := gob.NewDecoder(r)
	for i := range saved {
		if err := dec.Decode(&saved[i]); err != nil {
			return nil, fmt.Errorf("entry %d of %d: %w", i+1, count, err)
		}
		if saved[i].Entry == nil || saved[i].Entry.Hash == "" {
			return nil, fmt.Errorf("%s has no entry", saved[i].Path)
		}
	}
	if r.Len() > 0 {
		return nil, fmt.Errorf("%d bytes after the %d entries the header counts", r.Len(), count)
	}
	entries := make(map[string]cachedEntry, len(saved))
	for _, se := range saved {
		se.Entry.body = body{bodies: bodies, ref: se.Body}
		st := stamp{size: se.Size, modified: se.Modified, changed: se.Changed, inode: se.Inode}
		entries[se.Path] = cachedEntry{stamp: st, hash: se.Entry.Hash, context: se.Context, entry: se.Entry}
	}
	return entries, nil
}

// BodyBytes is the length of the bodies that the cache's entries keep in a
// Bodies: what a compacted Bodies would hold.
func (c *Cache) BodyBytes() int64 {
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	var n int64
	for _, ce := range c.entries {
		if ce.entry != nil && ce.entry.body.bodies != nil {
			n += ce.entry.body.ref.Length
		}
	}
	return n
}

// MoveBodies copies the bodies of the cache's entries into to, and has the
// entries point there: to compact a Bodies that holds bodies no entry uses.
func (c *Cache) MoveBodies(to Bodies) error {
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range slices.Sorted(maps.Keys(c.entries)) {
		e := c.entries[p].entry
		if e == nil || e.body.bodies == nil {
			continue
		}
		html, err := e.body.bodies.Read(e.body.ref)
		if err != nil {
			return fmt.Errorf("%s: read the rendered body back: %w", e.Path, err)
		}
		ref, err := to.Append(html)
		if err != nil {
			return err
		}
		e.body = body{bodies: to, ref: ref}
	}
	return nil
}
