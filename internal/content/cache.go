package content

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// Cache keeps parsed entries between loads of the same site, so that a
// preview server re-parses only the files that changed. An entry is reused
// when its file's bytes, the province list and the set of operations are
// all as they were. A Cache is safe for use by one Load at a time.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cachedEntry // by path
	seen    map[string]bool        // paths looked up in the current load
	changed map[string]bool        // set by Trust: what changed since the last load; nil: anything may have
	ready   chan struct{}          // closed once a parsed cache's entries are in (see ParseCache); nil: they are
	damaged error                  // why a parsed cache's entries could not be read, once ready
	began   time.Time              // when the current or last load began
	dirty   bool                   // entries were stored or forgotten since the cache was made or read
	Hits    int                    // entries reused by the last load
	Misses  int                    // entries parsed by the last load
}

type cachedEntry struct {
	stamp    stamp // the file's version, when the file system tells one
	hash     string
	context  string
	entry    *Entry
	problems Problems
}

// Trust tells the next load which files changed since the last one, as a
// file watcher reports them: slash-separated paths relative to the site
// folder, where a folder stands for everything under it. That load takes
// every other file the cache holds for unchanged without looking at it on
// disk, which at 10,000 entries saves a system call per file. It still
// lists the folders, so added and deleted files are always seen. A load
// without Trust before it looks at every file.
func (c *Cache) Trust(changed []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changed = make(map[string]bool, len(changed))
	for _, p := range changed {
		c.changed[strings.TrimSuffix(p, "/")] = true
	}
}

// trusted returns the stamp the cache holds for path when the current load
// may take the file for unchanged without looking at it.
func (c *Cache) trusted(path string) (stamp, bool) {
	if c == nil {
		return stamp{}, false
	}
	c.mu.Lock()
	trusting := c.changed != nil
	c.mu.Unlock()
	if !trusting {
		return stamp{}, false
	}
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.changed == nil {
		return stamp{}, false
	}
	for p := path; ; {
		if c.changed[p] {
			return stamp{}, false
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	ce, ok := c.entries[path]
	return ce.stamp, ok && ce.stamp.known()
}

// wait returns once the cache's entries are in: at once, but for a cache
// that ParseCache is still decoding.
func (c *Cache) wait() {
	if c.ready != nil {
		<-c.ready
	}
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: make(map[string]cachedEntry)} }

func fileHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (c *Cache) lookup(f contentFile, context string) (*Entry, Problems, bool) {
	if c == nil {
		return nil, nil, false
	}
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = make(map[string]bool)
	}
	c.seen[f.path] = true
	ce, ok := c.entries[f.path]
	unchanged := ok && (f.data == nil && f.stamp.known() && ce.stamp == f.stamp || f.data != nil && ce.hash == fileHash(f.data))
	if !unchanged || ce.context != context {
		c.Misses++
		return nil, nil, false
	}
	if f.data != nil && f.stamp.known() && ce.stamp != f.stamp {
		// Found by its bytes: keep its stamp, so that the next load need
		// not read it (an entry saved without one, see raceWindow, would
		// otherwise be read by every build).
		ce.stamp = f.stamp
		c.entries[f.path] = ce
		c.dirty = true
	}
	c.Hits++
	return ce.entry, ce.problems, true
}

func (c *Cache) store(f contentFile, context string, e *Entry, ps Problems) {
	if c == nil {
		return
	}
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	hash := fileHash(f.data)
	if e != nil && e.Hash != "" {
		hash = e.Hash // the same hash, taken when the file was read
	}
	c.entries[f.path] = cachedEntry{stamp: f.stamp, hash: hash, context: context, entry: e, problems: ps}
	c.dirty = true
}

// fresh reports whether the cache holds path with this stamp, so that the
// file need not even be read.
func (c *Cache) fresh(path string, st stamp) bool {
	if c == nil || !st.known() {
		return false
	}
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	ce, ok := c.entries[path]
	return ok && ce.stamp == st
}

// stamp identifies a version of a file without reading it: its size and
// modification time and, where the system keeps them, its inode and the
// time of its last change (which no program can set back, unlike the
// modification time). The zero stamp is unknown: file systems without times
// (in tests) give it.
type stamp struct {
	size, modified, changed int64 // times in nanoseconds
	inode                   uint64
}

func (s stamp) known() bool { return s != stamp{} }

// fileStamp returns the stamp of the file info describes.
func fileStamp(info fs.FileInfo) stamp {
	if info.ModTime().IsZero() {
		return stamp{}
	}
	s := stamp{size: info.Size(), modified: info.ModTime().UnixNano()}
	s.changed, s.inode = changeTime(info)
	return s
}

// begin resets the counters and forgets, at the end of a load, the entries
// whose files were not seen in it (deleted files).
func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Hits, c.Misses = 0, 0
	c.seen = make(map[string]bool)
	c.began = time.Now()
}

// trustEnds ends what Trust allowed: it holds for one load only.
func (c *Cache) trustEnds() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changed = nil
}

func (c *Cache) end() {
	if c == nil {
		return
	}
	c.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.entries {
		if !c.seen[p] {
			delete(c.entries, p)
			c.dirty = true
		}
	}
}

// contextKey identifies what entry checks depend on beyond their own file.
func contextKey(fsys fs.FS, operations map[string]*Operation) string {
	h := sha256.New()
	if data, err := fs.ReadFile(fsys, ProvincesFile); err == nil {
		h.Write(data)
	}
	for _, id := range slices.Sorted(maps.Keys(operations)) {
		h.Write([]byte("\x00" + id))
	}
	return hex.EncodeToString(h.Sum(nil))
}
